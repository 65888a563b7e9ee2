"""A province's national rank from everything published for a year: a certain interval and a model.

Indexes are handled in hundredths of a percent (integers), the precision MOHA publishes. Ranking is
competition ranking: a province's rank is 1 + the number of provinces with a strictly higher index,
so equal indexes share a rank and the next rank is skipped (as in the published tables).

What the published year tells us, all turned into facts about the ``units`` provinces:

- a listed province at rank r with index v: exactly r − 1 provinces have an index above v;
- the group counts: exactly n_A provinces are at 90 % or more, n_A + n_B at 80 % or more, …;
- the highest and lowest published index bound every province;
- the national mean bounds the sum of all indexes (± 0,01 per province for the rounding of the
  mean and of each index; ± 0,02 when the mean itself was derived).

"We" are one province of the year with index ``x`` (``--province P``: P's own published row is left
out, so the published ranks of the others are read with our index x in P's place). The *certain*
interval is every rank some assignment of the unknown provinces' indexes consistent with all facts
allows: the facts cut the scale into gaps, each holding a known number of unknown provinces, so only
the unknowns in the gap that holds x are uncertain (and the mean limits how many of them can lie
above x). If x contradicts the facts (e.g. it lies above the published top while another province is
first), our own published position is taken as unknown instead (``relaxed``), which keeps the others'
facts intact.

The *model* gives each unknown province an index drawn independently from one normal distribution
N(m, s) truncated to its gap: s is fitted by maximum likelihood to the listed indexes and the gap
counts, m so that the expected national mean equals the published mean. Gap counts (and so group
counts, top and bottom) hold exactly in every draw; the mean holds in expectation. The rank is then
exact by the binomial law: 1 + (provinces certainly above) + Binomial(n, p), n the unknowns in our
gap and p the chance that one of them lies above x, restricted to the counts the mean allows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import special, stats

from parindex.scoring import index_steps

from ._national import NationalData, national_name

GROUP_FLOORS = ((9000, "group_a_ge90"), (8000, "group_b_80_90"), (7000, "group_c_70_80"))
SIGMAS = np.round(np.arange(0.4, 6.01, 0.1), 2)


def hundredths(value: float) -> int:
    """A published index (%) in hundredths, rounded half up as MOHA prints it."""
    return int(index_steps(float(value), 2))


@dataclass(frozen=True)
class Facts:
    """What one published year says about its ``units`` provinces, leaving our own row out."""

    year: int
    units: int
    fixed: tuple[int, ...]  # the other provinces' published indexes, hundredths
    above: tuple[tuple[int, int], ...]  # (θ, c): exactly c of the ``units`` provinces have an index above θ
    lower: int = 0
    upper: int = 10000
    total: tuple[int, int] | None = None  # the sum of all ``units`` indexes lies in this range (hundredths)
    mean: float | None = None  # published national mean, %
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def unknown(self) -> int:
        """Provinces whose index is not published, not counting ourselves."""
        return self.units - 1 - len(self.fixed)


@dataclass(frozen=True)
class Gap:
    """``count`` unknown provinces have an index within ``low``…``high`` (hundredths, inclusive)."""

    low: int
    high: int
    count: int


@dataclass(frozen=True)
class RankResult:
    """Certain interval, the model's 80 % interval, most likely rank and the whole rank distribution."""

    year: int
    units: int
    index: float
    rank_min: int
    rank_max: int
    probabilities: dict[int, float]
    relaxed: bool = False

    def p_top(self, k: int) -> float:
        return float(sum(p for r, p in self.probabilities.items() if r <= k))

    def quantile(self, q: float) -> int:
        total = 0.0
        for rank in sorted(self.probabilities):
            total += self.probabilities[rank]
            if total >= q - 1e-12:
                return rank
        return self.rank_max

    @property
    def likely(self) -> tuple[int, int]:
        """The central 80 % interval of the model (10 % and 90 % quantiles)."""
        return self.quantile(0.10), self.quantile(0.90)

    @property
    def most_likely(self) -> int:
        return max(sorted(self.probabilities), key=lambda r: self.probabilities[r])

    def as_dict(self, top: int) -> dict:
        low, high = self.likely
        return {
            "year": self.year,
            "units": self.units,
            "index": self.index,
            "rank_min": self.rank_min,
            "rank_max": self.rank_max,
            "likely_min": low,
            "likely_max": high,
            "most_likely": self.most_likely,
            "top": top,
            "p_top": round(self.p_top(top), 4),
            "relaxed": self.relaxed,
        }


# ------------------------------------------------------------------ facts from the published data
def year_units(national: NationalData, year: int) -> int | None:
    """Provinces ranked that year: the summary's count, else 63 up to 2024 and 34 from 2025."""
    summary = national.summary[(national.summary["year"] == year) & (national.summary["level"] == "province")]
    if not summary.empty and pd.notna(summary["units"].iloc[0]):
        return int(summary["units"].iloc[0])
    return 63 if year <= 2024 else 34


def known_years(national: NationalData) -> list[int]:
    summary = national.summary[national.summary["level"] == "province"]
    return sorted(set(summary["year"].astype(int)) | set(national.provinces["year"].astype(int)))


def year_facts(
    national: NationalData, year: int, province: str | None = None, table: pd.DataFrame | None = None
) -> Facts:
    """Every fact the published ``year`` gives about the provinces other than ``province``.

    ``table`` (an uploaded full or partial table, :func:`parindex.analysis.read_results`) replaces the
    shipped partial table; the summary is kept. Rows with a rank but no index add no fact (their
    province counts as unknown).
    """
    units = year_units(national, year)
    rows = national.year_table(year) if table is None else table
    if province:
        rows = rows[rows["province"] != province]
    indexed = rows.dropna(subset=["par_index_pct"])
    fixed = tuple(hundredths(v) for v in indexed["par_index_pct"])
    above: dict[int, int] = {}
    for rank, value in zip(indexed["rank"], indexed["par_index_pct"], strict=True):
        if pd.notna(rank):
            above[hundredths(value)] = int(rank) - 1
    lower, upper, total, mean, notes = 0, 10000, None, None, []
    summary = national.summary[(national.summary["year"] == year) & (national.summary["level"] == "province")]
    if not summary.empty:
        facts = summary.iloc[0]
        counted = 0
        for floor, column in GROUP_FLOORS:
            if column not in facts or pd.isna(facts[column]):
                break
            counted += int(facts[column])
            above.setdefault(floor - 1, counted)
        if pd.notna(facts.get("top_pct")) and (province is None or facts.get("top") != province):
            upper = hundredths(facts["top_pct"])
        if pd.notna(facts.get("bottom_pct")) and (province is None or facts.get("bottom") != province):
            lower = hundredths(facts["bottom_pct"])
        if pd.notna(facts.get("mean_pct")):
            mean = float(facts["mean_pct"])
            slack = 2 if "derived" in str(facts.get("source", "")) else 1
            centre = round(mean * 100 * units)
            total = (centre - slack * units, centre + slack * units)
            notes.append("mean")
    return Facts(
        year=year,
        units=units,
        fixed=fixed,
        above=tuple(sorted(above.items())),
        lower=lower,
        upper=upper,
        total=total,
        mean=mean,
        notes=tuple(notes),
    )


# ------------------------------------------------------------------ the certain interval
def gaps(fixed: tuple[int, ...], above: tuple[tuple[int, int], ...], unknown: int, lower: int, upper: int) -> list[Gap]:
    """Cut the scale at every θ of a count fact; each gap holds a known number of unknown provinces.

    Raises ValueError when the facts contradict each other (a negative or decreasing count, or a
    non-empty gap with no room).
    """
    values = np.array(fixed, dtype=int)
    cuts = sorted({theta for theta, _ in above}, reverse=True)
    need = {}
    for theta, count in above:
        u = count - int((values > theta).sum())
        if need.get(theta, u) != u or not 0 <= u <= unknown:
            raise ValueError("inconsistent")
        need[theta] = u
    result, previous_count, ceiling = [], 0, upper
    for theta in cuts:
        count = need[theta] - previous_count
        if count < 0:
            raise ValueError("inconsistent")
        result.append(Gap(max(theta + 1, lower), ceiling, count))
        previous_count, ceiling = need[theta], min(theta, upper)
    result.append(Gap(lower, ceiling, unknown - previous_count))
    result = [g for g in result if g.count > 0]
    if any(g.low > g.high for g in result):
        raise ValueError("inconsistent")
    return result


def _split(parts: list[Gap], x: int) -> tuple[int, Gap | None]:
    """Unknowns certainly above ``x``, and the gap (if any) whose unknowns may lie either side of it."""
    certain = sum(g.count for g in parts if g.low > x)
    middle = next((g for g in parts if g.low <= x < g.high), None)
    return certain, middle


def feasible_counts(parts: list[Gap], x: int, fixed_sum: int, total: tuple[int, int] | None) -> list[int]:
    """Numbers k of unknowns in x's gap that may lie above x, given the bound on the sum of all indexes."""
    _, middle = _split(parts, x)
    n = middle.count if middle else 0
    rest = [g for g in parts if g is not middle]
    rest_low = sum(g.count * g.low for g in rest)
    rest_high = sum(g.count * g.high for g in rest)
    result = []
    for k in range(n + 1):
        if middle is None:
            low, high = rest_low, rest_high
        else:
            low = rest_low + k * (x + 1) + (n - k) * middle.low
            high = rest_high + k * middle.high + (n - k) * x
        if total is None or (fixed_sum + low <= total[1] and fixed_sum + high >= total[0]):
            result.append(k)
    return result


@dataclass(frozen=True)
class _World:
    """The unknowns' gaps once our own index is placed (or, relaxed, left among the unknowns)."""

    parts: list[Gap]
    fixed: tuple[int, ...]
    counts: list[int]  # feasible k in x's gap
    relaxed: bool


def _world(facts: Facts, x: int, use_mean: bool = True) -> _World | None:
    total = facts.total if use_mean else None
    for relaxed in (False, True):
        fixed = facts.fixed if relaxed else (*facts.fixed, x)
        unknown = facts.units - len(fixed)
        if unknown < 0:
            continue
        try:
            parts = gaps(fixed, facts.above, unknown, facts.lower, facts.upper)
        except ValueError:
            continue
        if not relaxed and not facts.lower <= x <= facts.upper:
            continue
        counts = feasible_counts(parts, x, sum(fixed), total)
        if counts:
            return _World(parts, fixed, counts, relaxed)
    return None


def rank_interval(facts: Facts, index: float) -> tuple[int, int, bool]:
    """(best, worst, relaxed): the tightest ranks consistent with every published fact.

    Falls back to fewer facts (first the mean, then everything but the listed indexes) only when the
    data contradict themselves; ``relaxed`` then says so.
    """
    x = hundredths(index)
    world = _world(facts, x) or _world(facts, x, use_mean=False)
    if world is None:
        count = 1 + int((np.array(facts.fixed, dtype=int) > x).sum())
        return min(count, facts.units), min(count + max(facts.unknown, 0), facts.units), True
    listed = int((np.array([v for v in world.fixed], dtype=int) > x).sum())
    certain, _ = _split(world.parts, x)
    best, worst = 1 + listed + certain + min(world.counts), 1 + listed + certain + max(world.counts)
    if world.relaxed:  # our own published position is one of the unknowns: it may be one of those above x
        best = max(1, best - 1) if certain + min(world.counts) > 0 else best
        below = sum(g.count for g in world.parts) - certain - max(world.counts)
        worst = worst if below > 0 else worst - 1
    return best, min(worst, facts.units), world.relaxed


# ------------------------------------------------------------------ the model
def _bounds(parts: list[Gap]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lows and highs widened by ½ hundredth (a published value rounds into its gap) and counts."""
    low = np.array([g.low - 0.5 for g in parts], dtype=float)
    high = np.array([g.high + 0.5 for g in parts], dtype=float)
    return low, high, np.array([g.count for g in parts], dtype=float)


def _masses(low: np.ndarray, high: np.ndarray, m: float, s: float) -> np.ndarray:
    """P(low ≤ X < high) for X ~ N(m, s), never exactly 0."""
    return np.maximum(special.ndtr((high - m) / s) - special.ndtr((low - m) / s), 1e-300)


NORM_PDF_C = np.sqrt(2 * np.pi)


def _norm_pdf(z: np.ndarray) -> np.ndarray:
    """The standard normal density, as ``scipy.stats.norm.pdf`` computes it, without its per-call checks: the
    centre's bisection calls it thousands of times on a few values, where those checks took most of the time."""
    return np.exp(-(z**2) / 2.0) / NORM_PDF_C


def _means(low: np.ndarray, high: np.ndarray, m: float, s: float) -> np.ndarray:
    """E[X | low ≤ X < high]; the nearer end where the normal has no mass left."""
    a, b = (low - m) / s, (high - m) / s
    mass = special.ndtr(b) - special.ndtr(a)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        inside = m + s * (_norm_pdf(a) - _norm_pdf(b)) / mass
    return np.where(mass > 1e-12, np.clip(inside, low, high), np.clip(m, low, high))


def _centre_for(parts: list[Gap], s: float, target: float | None, fallback: float) -> float:
    """m such that the unknowns' expected sum is ``target`` (bisection; the sum grows with m)."""
    if target is None or not parts:
        return fallback
    low_b, high_b, counts = _bounds(parts)
    low, high = 0.0, 10000.0
    for _ in range(45):
        mid = (low + high) / 2
        if float((counts * _means(low_b, high_b, mid, s)).sum()) < target:
            low = mid
        else:
            high = mid
    return (low + high) / 2


@dataclass(frozen=True)
class Model:
    """N(centre, spread) in hundredths, truncated to each gap."""

    parts: list[Gap]
    centre: float
    spread: float

    def expected_sum(self) -> float:
        low, high, counts = _bounds(self.parts)
        return float((counts * _means(low, high, self.centre, self.spread)).sum())

    def share_within(self, gap: Gap, low: int, high: int) -> float:
        """P(low ≤ X ≤ high | X in ``gap``), bounds in hundredths."""
        if high < low:
            return 0.0
        inside = _masses(*_bounds([gap])[:2], self.centre, self.spread)[0]
        part = _masses(*_bounds([Gap(low, high, 1)])[:2], self.centre, self.spread)[0]
        return float(min(1.0, part / inside))

    def p_above(self, gap: Gap, x: int) -> float:
        return self.share_within(gap, x + 1, gap.high)


def fit_model(parts: list[Gap], fixed: tuple[int, ...], units: int, mean: float | None) -> Model:
    """Spread by maximum likelihood of the listed indexes and the gap counts; centre from the mean."""
    target = mean * 100 * units - sum(fixed) if mean is not None else None
    known = np.array(fixed, dtype=float)
    fallback = float(known.mean()) if len(known) else 8500.0
    best, best_ll = None, -np.inf
    for sigma in SIGMAS * 100:
        m = _centre_for(parts, sigma, target, fallback)
        ll = float(stats.norm.logpdf(known, m, sigma).sum()) if len(known) else 0.0
        low, high, counts = _bounds(parts)
        ll += float((counts * np.log(_masses(low, high, m, sigma))).sum())
        if ll > best_ll:
            best, best_ll = Model(parts, m, float(sigma)), ll
    return best


def national_rank(facts: Facts, index: float) -> RankResult:
    """Certain interval and the model's rank distribution for a province with ``index`` in ``facts.year``."""
    best, worst, relaxed = rank_interval(facts, index)
    x = hundredths(index)
    world = _world(facts, x) or _world(facts, x, use_mean=False)
    if world is None or best == worst:
        return RankResult(facts.year, facts.units, index, best, worst, {best: 1.0}, relaxed or world is None)
    model = fit_model(world.parts, world.fixed, facts.units, facts.mean)
    certain, middle = _split(world.parts, x)
    listed = int((np.array(world.fixed, dtype=int) > x).sum())
    base = 1 + listed + certain
    pmf: dict[int, float] = {}
    if middle is not None:
        p = model.p_above(middle, x)
        weights = {k: float(stats.binom.pmf(k, middle.count, p)) for k in world.counts}
    else:
        weights = {0: 1.0}
    for k, w in weights.items():
        if world.relaxed:  # our own published index is one of the unknowns, spread like the others
            for g in world.parts:
                share = g.count / sum(h.count for h in world.parts)
                above = 1 if g.low > x else (model.p_above(g, x) if g is middle else 0.0)
                for shift, chance in ((1, above), (0, 1 - above)):
                    rank = min(max(base + k - shift, best), worst)
                    pmf[rank] = pmf.get(rank, 0.0) + w * share * chance
        else:
            rank = min(max(base + k, best), worst)
            pmf[rank] = pmf.get(rank, 0.0) + w
    total = sum(pmf.values()) or 1.0
    return RankResult(
        facts.year, facts.units, index, best, worst, {r: p / total for r, p in sorted(pmf.items())}, relaxed
    )


def expected_summary(facts: Facts, index: float) -> dict[str, float]:
    """The model's expected national mean and group counts (with our ``index`` placed), to check the fit."""
    x = hundredths(index)
    world = _world(facts, x)
    model = fit_model(world.parts, world.fixed, facts.units, facts.mean)
    values = np.array(world.fixed, dtype=float)
    result = {"mean": (values.sum() + model.expected_sum()) / facts.units / 100}
    for floor, column in GROUP_FLOORS:
        expected = float((values >= floor).sum())
        for g in world.parts:
            if g.low >= floor:
                expected += g.count
            elif g.high >= floor:
                expected += g.count * model.share_within(g, floor, g.high)
        result[column] = expected
    result["group_b_80_90"] -= result["group_a_ge90"]
    result["group_c_70_80"] -= result["group_b_80_90"] + result["group_a_ge90"]
    return result


# ------------------------------------------------------------------ checked entry points
def check_request(
    national: NationalData,
    year: int,
    index: float,
    province: str | None = None,
    table: pd.DataFrame | None = None,
    top: int | None = None,
) -> None:
    """Refuse what cannot be ranked, with one problem per thing wrong (shown as exit 2 / a message)."""
    import difflib

    from parindex.errors import InputError, Problem

    problems = []
    if index is None or not math.isfinite(float(index)) or not 0 <= float(index) <= 100:
        problems.append(Problem("national_bad_index", {"value": str(index)}))
    years = known_years(national)
    if table is None and year not in years:
        problems.append(Problem("national_unknown_year", {"year": year, "years": ", ".join(map(str, years))}))
    elif province:
        names = national.provinces_of(year) + ([] if table is None else table["province"].tolist())
        if province not in names:
            close = ", ".join(difflib.get_close_matches(province, names, n=3, cutoff=0.5)) or "—"
            problems.append(Problem("national_unknown_province", {"province": province, "year": year, "close": close}))
    units = year_units(national, year)
    if top is not None and not 1 <= top <= units:
        problems.append(Problem("national_bad_top", {"value": str(top), "units": units}))
    if problems:
        raise InputError(problems)


def rank_for(
    national: NationalData, year: int, index: float, province: str | None = None, table: pd.DataFrame | None = None
) -> RankResult:
    """Checked :func:`national_rank` for ``index`` in ``year`` (as ``province`` if given)."""
    check_request(national, year, index, province, table)
    return national_rank(year_facts(national, year, province, table), float(index))


def index_for_top(
    national: NationalData,
    year: int,
    top: int,
    confidence: float = 0.8,
    province: str | None = None,
    table: pd.DataFrame | None = None,
) -> float | None:
    """The lowest index (hundredths precision) with P(rank ≤ ``top``) ≥ ``confidence``; None if even 100 % fails.

    P(top K) does not fall as the index rises (more provinces can only drop below us), so a
    bisection over hundredths finds the threshold.
    """
    check_request(national, year, 50.0, province, table, top)
    facts = year_facts(national, year, province, table)

    def good(x: int) -> bool:
        return national_rank(facts, x / 100).p_top(top) >= confidence - 1e-12

    low, high = 0, 10000
    if not good(high):
        return None
    while high - low > 1:
        mid = (low + high) // 2
        if good(mid):
            high = mid
        else:
            low = mid
    return high / 100


# ------------------------------------------------------------------ helpers for pages and reports
def comparison_year(national: NationalData, year: int) -> int | None:
    """The published year to compare data of ``year`` with: the same year, else the latest one before it."""
    years = known_years(national)
    earlier = [y for y in years if y <= year]
    return year if year in years else (max(earlier) if earlier else None)


def own_row(scores, province: str) -> int | None:
    """The province's row in its own data: among provincial units, the one named after it (or the only one).

    ``scores`` is a :class:`parindex.scoring.Scores`; a unit matches when its name without "Tỉnh"/"Thành
    phố" is the province's.
    """
    units = scores.units
    provincial = [i for i in range(len(units)) if str(units["unit_type"][i]) == "tinh"]
    named = [i for i in provincial if national_name(str(units["unit"][i])) == national_name(province)]
    rows = named or (provincial if len(provincial) == 1 else [])
    return rows[0] if rows else None


def own_index(scores, province: str) -> float | None:
    """The index the province's own data gives (see :func:`own_row`), if any."""
    row = own_row(scores, province)
    if row is None or math.isnan(float(scores.index[row])):
        return None
    return round(float(scores.index[row]), 2)


def history_of(national: NationalData, province: str) -> pd.DataFrame:
    """Every published row of ``province`` and, for a province formed in 2025, of each of its parts."""
    parts = national.parts_of(province)
    rows = national.provinces[national.provinces["province"].isin(parts)]
    return rows.sort_values(["province", "year"]).reset_index(drop=True)
