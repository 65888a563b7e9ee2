"""How sure is a rank? Monte Carlo over what is still uncertain, run in vectorised batches.

Three sources of uncertainty can move a unit's index, and with it everyone's rank:

- **appraisal** — the council may lower a self-assessed sub-criterion. Per sub-criterion, the chance of a
  cut and the mean share of the claimed points removed are learned from past rounds where both the
  self-assessment and the appraisal exist (:func:`learn_adjustments`); a sub-criterion without
  history uses the stated defaults :data:`DEFAULT_CUT_CHANCE` and :data:`DEFAULT_CUT_SHARE`. A
  drawn cut has that mean share (uniform around it), never more than the points claimed.
- **survey** — a survey share (%) measured on ``n`` respondents has the sampling error
  ``sqrt(p (100 − p) / n)``; without respondent counts :data:`DEFAULT_RESPONDENTS` is assumed
  (Nghệ An surveys 30 people per department). Perturbed shares are re-scored with the criteria
  set's own survey kernel (:mod:`parindex.criteria`).
- **weights** (optional) — each field's weight is multiplied by a factor drawn uniformly from
  ``1 ± spread``, the same for every unit in a replication, as in COINr's weight perturbation.

Replications are processed ``batch`` at a time as ``replications × units × sub-criteria`` arrays,
so memory stays bounded whatever the number of runs, and nothing loops over units. Ranks are
counted into a ``units × ranks`` histogram, from which the median, the 5–95 % interval and
P(top k) are read. Every source has its own random stream (``numpy.random.Generator`` seeded from
one ``SeedSequence``): the same seed gives the same result, whatever the batch size.

:func:`sensitivity` splits the variance of ranks between the sources with Saltelli's estimators
(first-order ``S_i`` and total ``ST_i``), as COINr's ``get_sensitivity`` reports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from parindex.criteria import CompiledSet, KindBlock
from parindex.criteria import model as m
from parindex.i18n import format_pct, t
from parindex.scoring import Scores, exact_index, rank_rows, round_half_up

DEFAULT_CUT_CHANCE = 0.15  # chance that an appraisal lowers a sub-criterion, when there is no history
DEFAULT_CUT_SHARE = 0.5  # mean share of the claimed points removed by such a cut
PRIOR_PAIRS = 10.0  # the defaults count as this many past pairs, so a few pairs do not swing the estimate
DEFAULT_RESPONDENTS = 30
DEFAULT_BATCH_CELLS = 250_000  # replications × units × sub-criteria per batch (1 MB of float32: stays in cache)
SOURCES = ("appraisal", "survey", "weights")
MAX_RUNS = 1_000_000


@dataclass(frozen=True)
class AppraisalAdjustments:
    """Per column of the criteria set: the chance an appraisal cuts it and the mean share removed."""

    chance: np.ndarray
    share: np.ndarray
    pairs: np.ndarray  # past self/appraised pairs behind each estimate (0: the default alone)

    @classmethod
    def default(
        cls, compiled: CompiledSet, chance: float = DEFAULT_CUT_CHANCE, share: float = DEFAULT_CUT_SHARE
    ) -> AppraisalAdjustments:
        """The stated defaults on every appraised sub-criterion (none on survey items, bonus or penalty)."""
        appraised = _appraised_columns(compiled)
        return cls(
            chance=np.where(appraised, chance, 0.0),
            share=np.where(appraised, share, 0.0),
            pairs=np.zeros(len(compiled.column_ids), dtype=np.int64),
        )

    def table(self, compiled: CompiledSet, lang: str = "vi") -> pd.DataFrame:
        """One row per sub-criterion: id, name, chance of a cut, mean share cut, pairs it was learned from."""
        leaves = compiled.columns
        return pd.DataFrame(
            {
                "leaf_id": list(compiled.column_ids),
                "name": [leaf.label(lang) for leaf in leaves],
                "cut_chance": self.chance,
                "cut_share": self.share,
                "pairs": self.pairs,
            }
        )


def _appraised_columns(compiled: CompiledSet) -> np.ndarray:
    return np.array([leaf.part == m.APPRAISAL for leaf in compiled.columns], dtype=bool)


def learn_adjustments(
    pairs: pd.DataFrame,
    compiled: CompiledSet,
    default_chance: float = DEFAULT_CUT_CHANCE,
    default_share: float = DEFAULT_CUT_SHARE,
    prior_pairs: float = PRIOR_PAIRS,
) -> AppraisalAdjustments:
    """Learn per sub-criterion how often, and how much, appraisal lowered the self-assessed points.

    ``pairs`` has one row per past (round, unit, sub-criterion) with columns ``leaf_id``,
    ``self_points`` and ``appraised_points``. A pair is a cut when the appraised points are lower;
    its share is the part of the claimed points removed. The estimates are shrunk towards the
    defaults, which count as ``prior_pairs`` pairs: chance = (cuts + prior · default chance) /
    (pairs + prior), share = (sum of cut shares + prior cuts · default share) / (cuts + prior cuts).
    Raises by the appraisal are counted as "no cut" (the index can only be overstated by a claim).
    """
    result = AppraisalAdjustments.default(compiled, default_chance, default_share)
    appraised = _appraised_columns(compiled)
    if pairs.empty:
        return result
    position = compiled.column_index()
    frame = pairs[pairs["leaf_id"].isin(position)].dropna(subset=["self_points", "appraised_points"])
    claimed = frame["self_points"].to_numpy(dtype=float)
    given = frame["appraised_points"].to_numpy(dtype=float)
    cut = given < claimed - 1e-9
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(cut & (claimed > 0), np.clip((claimed - given) / claimed, 0.0, 1.0), 0.0)
    columns = frame["leaf_id"].map(position).to_numpy(dtype=np.intp)
    size = len(compiled.column_ids)
    n = np.bincount(columns, minlength=size).astype(float)
    cuts = np.bincount(columns, weights=cut.astype(float), minlength=size)
    share_sum = np.bincount(columns, weights=share, minlength=size)
    prior_cuts = prior_pairs * default_chance
    chance = (cuts + prior_pairs * default_chance) / (n + prior_pairs)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_share = np.where(cuts + prior_cuts > 0, (share_sum + prior_cuts * default_share) / (cuts + prior_cuts), 0)
    return AppraisalAdjustments(
        chance=np.where(appraised, chance, 0.0),
        share=np.where(appraised, mean_share, 0.0),
        pairs=np.where(appraised, n, 0).astype(np.int64),
    )


@dataclass(frozen=True)
class Uncertainty:
    """Which sources are on, and how strong. ``None`` (or a spread of 0) switches a source off.

    ``respondents`` is one number for every survey item, or a ``units × columns`` array (survey
    columns are read, NaN or 0 = unknown → :data:`DEFAULT_RESPONDENTS`). ``settled`` marks
    ``units × columns`` values that are already appraised: they are not adjusted again.
    """

    appraisal: AppraisalAdjustments | None = None
    respondents: float | np.ndarray | None = None
    weight_spread: float = 0.0
    settled: np.ndarray | None = None

    def active(self) -> tuple[str, ...]:
        on = {
            "appraisal": self.appraisal is not None,
            "survey": self.respondents is not None,
            "weights": self.weight_spread > 0,
        }
        return tuple(source for source in SOURCES if on[source])


@dataclass(frozen=True)
class FieldSums:
    """Sums of columns by field. A field's leaves are contiguous, so this is one ``np.add.reduceat``:
    no matrix product, whose multi-threaded BLAS call slows down badly on a busy machine."""

    starts: np.ndarray  # first column of each field that has columns
    fields: np.ndarray  # which field each run of columns belongs to

    @classmethod
    def of(cls, membership: np.ndarray) -> FieldSums:
        field_of = membership.argmax(axis=1)
        starts = np.flatnonzero(np.r_[True, field_of[1:] != field_of[:-1]]) if field_of.size else np.zeros(0, int)
        return cls(starts=starts.astype(np.intp), fields=field_of[starts] if field_of.size else starts)

    def add_to(self, target: np.ndarray, columns: np.ndarray, sign: float) -> None:
        """``target[:, field] += sign × (sum of the field's columns)`` for rows × columns ``columns``."""
        if not self.starts.size:
            return
        sums = np.add.reduceat(columns, self.starts, axis=1)
        if self.fields.size == target.shape[1]:  # every field has columns (the usual case): no gather/scatter
            (np.add if sign > 0 else np.subtract)(target, sums, out=target)
        else:
            target[:, self.fields] += sign * sums


@dataclass(frozen=True)
class _Model:
    """The baseline and the arrays each source perturbs, restricted to the columns that can move."""

    field_points: np.ndarray  # units × fields
    field_max: np.ndarray  # units × fields (applicable)
    total: np.ndarray
    max_applicable: np.ndarray
    index: np.ndarray  # the index score() gave (exactly reproduced when nothing moves)
    decimals: int
    groups: np.ndarray  # int code of each unit's type
    ties: str
    # appraisal
    cut_chance: np.ndarray  # A, float32
    cut_points_low: np.ndarray  # units × A, float32: a drawn cut is points × (low + u · scale) for u < chance
    cut_points_scale: np.ndarray
    cut_fields: FieldSums  # how the A columns add up into fields
    # survey
    survey_values: np.ndarray  # S × units (leaf-major, as the kernels take them); not applicable → 0
    survey_sd: np.ndarray  # S × units
    survey_points: np.ndarray  # S × units, the baseline points
    survey_block: KindBlock | None  # the set's survey kernel, on the S columns
    survey_fields: FieldSums
    weight_spread: float
    sources: tuple[str, ...] = field(default=())

    @property
    def n_units(self) -> int:
        return self.total.size

    @property
    def n_fields(self) -> int:
        return self.field_points.shape[1]


def _prepare(scores: Scores, uncertainty: Uncertainty) -> _Model:
    compiled = scores.compiled
    n_units = len(scores)
    membership = compiled.field_membership
    n_leaves = compiled.n_leaves
    sources = uncertainty.active()

    cut_columns = np.zeros(0, dtype=np.intp)
    points = np.zeros((n_units, 0))
    chance = low = scale = np.zeros(0)
    if "appraisal" in sources:
        adjust = uncertainty.appraisal
        points = scores.points[:, :n_leaves].copy()
        if uncertainty.settled is not None:
            points[np.asarray(uncertainty.settled, dtype=bool)[:, :n_leaves]] = 0.0
        movable = (adjust.chance[:n_leaves] > 0) & (adjust.share[:n_leaves] > 0) & (points > 0).any(axis=0)
        cut_columns = np.flatnonzero(movable)
        points = points[:, cut_columns]
        chance = adjust.chance[cut_columns]
        share = np.clip(adjust.share[cut_columns], 0.0, 1.0)
        low = np.maximum(0.0, 2 * share - 1)  # uniform on [low, high] has mean ``share``
        scale = (np.minimum(1.0, 2 * share) - low) / chance

    survey_block, survey_columns = None, np.zeros(0, dtype=np.intp)
    values = sd = base = np.zeros((0, n_units))
    if "survey" in sources:
        whole = next((b for b in compiled.blocks if b.kind == m.SURVEY), None)
        if whole is not None:
            survey_block = _sub_block(whole, whole.columns < n_leaves)
            survey_columns = survey_block.columns
            values = scores.values[:, survey_columns].T.astype(float)
            respondents = uncertainty.respondents
            if np.ndim(respondents) == 0:
                n = np.full(values.shape, float(respondents))
            else:
                n = np.asarray(respondents, dtype=float)[:, survey_columns].T
            n = np.where(np.isnan(n) | (n <= 0), DEFAULT_RESPONDENTS, n)
            p = np.clip(np.nan_to_num(values, nan=0.0), 0.0, 100.0)
            sd = np.where(np.isnan(values), 0.0, np.sqrt(p * (100.0 - p) / n))
            values = np.nan_to_num(values, nan=0.0)  # not applicable: 0 points before and after, no change
            base = survey_block.score(values)

    return _Model(
        field_points=scores.field_points,
        field_max=scores.field_max,
        total=scores.total,
        max_applicable=scores.max_applicable,
        index=scores.index,
        decimals=compiled.criteria_set.index_decimals,
        groups=pd.factorize(scores.units["unit_type"])[0] if "unit_type" in scores.units else np.zeros(n_units, int),
        ties=compiled.criteria_set.ties,
        cut_chance=chance.astype(np.float32),
        cut_points_low=(points * low).astype(np.float32),
        cut_points_scale=(points * scale).astype(np.float32),
        cut_fields=FieldSums.of(membership[cut_columns]),
        survey_values=values,
        survey_sd=sd,
        survey_points=base,
        survey_block=survey_block,
        survey_fields=FieldSums.of(membership[survey_columns]),
        weight_spread=float(uncertainty.weight_spread),
        sources=sources,
    )


def _sub_block(block: KindBlock, keep: np.ndarray) -> KindBlock:
    """The kernel of ``block`` on some of its columns (its parameters are per column)."""
    return KindBlock(
        block.kind, block.columns[keep], block.max_points[keep], {k: v[keep] for k, v in block.params.items()}
    )


@dataclass
class _Draws:
    appraisal: np.ndarray | None = None  # batch × units × A, uniform
    survey: np.ndarray | None = None  # batch × S × units, standard normal
    weights: np.ndarray | None = None  # batch × fields, uniform


def _generators(seed: int, streams: int = 1) -> list[dict[str, np.random.Generator]]:
    """``streams`` independent sets of one generator per source (Saltelli needs two: A and B)."""
    sequences = np.random.SeedSequence(seed).spawn(streams)
    return [dict(zip(SOURCES, (np.random.default_rng(s) for s in seq.spawn(3)), strict=True)) for seq in sequences]


def _draw(model: _Model, rngs: dict[str, np.random.Generator], batch: int) -> _Draws:
    draws = _Draws()
    if "appraisal" in model.sources and model.cut_chance.size:
        draws.appraisal = rngs["appraisal"].random((batch, model.n_units, model.cut_chance.size), np.float32)
    if "survey" in model.sources and model.survey_values.shape[0]:
        draws.survey = rngs["survey"].standard_normal((batch, *model.survey_values.shape), np.float32)
    if "weights" in model.sources:
        draws.weights = rngs["weights"].random((batch, model.n_fields))
    return draws


def _indexes(model: _Model, draws: _Draws, batch: int) -> np.ndarray:
    """The index of every unit in every replication of the batch (batch × units)."""
    change = np.zeros((batch * model.n_units, model.n_fields))  # field points gained (+) or cut (−)
    if draws.appraisal is not None:
        # a cut share is low + u · scale when u < chance (so it stays ≤ 1); points × share in three passes
        cut = np.multiply(draws.appraisal, model.cut_points_scale)
        cut += model.cut_points_low
        cut *= draws.appraisal < model.cut_chance
        model.cut_fields.add_to(change, cut.reshape(-1, cut.shape[-1]), sign=-1.0)
    if draws.survey is not None:
        shares = draws.survey * model.survey_sd  # batch × S × units
        shares += model.survey_values
        moved = np.moveaxis(shares, 0, 1).reshape(shares.shape[1], -1)  # S × (batch·units), leaf-major
        delta = model.survey_block.score(moved)
        delta -= np.tile(model.survey_points, batch)
        model.survey_fields.add_to(change, delta.T, sign=1.0)
    change = change.reshape(batch, model.n_units, model.n_fields)
    if draws.weights is None:
        total_change = change.sum(axis=2)
        max_change = 0.0
    else:
        extra = model.weight_spread * (2.0 * draws.weights - 1.0)  # w − 1, batch × fields
        total_change = np.einsum("bf,uf->bu", extra, model.field_points) + np.einsum("buf,bf->bu", change, 1.0 + extra)
        max_change = np.einsum("bf,uf->bu", extra, model.field_max)
    total = np.maximum(model.total + total_change, 0.0)
    maximum = model.max_applicable + max_change
    return round_half_up(exact_index(total, maximum), model.decimals)


def _ranks(model: _Model, draws: _Draws, batch: int) -> np.ndarray:
    return rank_rows(_indexes(model, draws, batch), model.groups, model.decimals, model.ties)


def _batches(runs: int, n_units: int, n_cells: int, batch: int | None) -> list[int]:
    size = batch or max(1, DEFAULT_BATCH_CELLS // max(1, n_units * max(n_cells, 1)))
    full, rest = divmod(runs, size)
    return [size] * full + ([rest] if rest else [])


@dataclass(frozen=True)
class RankUncertainty:
    """How often each unit took each rank in ``runs`` replications."""

    units: pd.DataFrame
    rank: np.ndarray  # the rank without any perturbation
    counts: np.ndarray  # units × (largest rank + 1); column 0 counts "no index"
    runs: int
    seed: int
    sources: tuple[str, ...]

    def quantile(self, q: float) -> np.ndarray:
        """The smallest rank r with P(rank ≤ r) ≥ q, per unit (the inverted distribution function)."""
        cdf = np.cumsum(self.counts, axis=1)
        return np.argmax(cdf >= q * self.runs - 1e-9, axis=1)

    @property
    def median(self) -> np.ndarray:
        return self.quantile(0.5)

    @property
    def low(self) -> np.ndarray:
        """5 % rank: the best rank except in the luckiest 5 % of replications."""
        return self.quantile(0.05)

    @property
    def high(self) -> np.ndarray:
        return self.quantile(0.95)

    def p_top(self, k: int) -> np.ndarray:
        """Share of replications where the unit ranked k or better."""
        k = max(0, min(int(k), self.counts.shape[1] - 1))
        return self.counts[:, 1 : k + 1].sum(axis=1) / self.runs

    def table(self, top: int = 10) -> pd.DataFrame:
        """One row per unit, by median rank: rank now, median, 5 % and 95 % ranks, P(top k)."""
        frame = self.units[["unit", "unit_type"]].copy()
        frame["rank"] = self.rank
        frame["median_rank"] = self.median
        frame["rank_p5"] = self.low
        frame["rank_p95"] = self.high
        frame["p_top"] = self.p_top(top)
        frame["_unranked"] = frame["rank"] == 0
        frame = frame.sort_values(["unit_type", "_unranked", "median_rank", "rank", "unit"], kind="stable")
        return frame.drop(columns="_unranked").reset_index(drop=True)


def simulate(
    scores: Scores, uncertainty: Uncertainty, runs: int = 1000, seed: int = 0, batch: int | None = None
) -> RankUncertainty:
    """Monte Carlo ranks of every unit; see the module docstring for the model."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    model = _prepare(scores, uncertainty)
    rngs = _generators(seed)[0]
    n = model.n_units
    width = int(np.max(np.bincount(model.groups), initial=0)) + 1 if n else 1
    counts = np.zeros(n * width, dtype=np.int64)
    unit_offset = np.arange(n) * width
    for size in _batches(runs, n, model.cut_chance.size + model.survey_values.shape[0], batch):
        ranks = _ranks(model, _draw(model, rngs, size), size)
        np.add.at(counts, (unit_offset + ranks).ravel(), 1)  # not a bincount: n × width is ~10⁷ for 5.000 units
    return RankUncertainty(
        units=scores.units,
        rank=scores.rank.copy(),
        counts=counts.reshape(n, width),
        runs=runs,
        seed=seed,
        sources=model.sources,
    )


def sensitivity(
    scores: Scores, uncertainty: Uncertainty, runs: int = 2000, seed: int = 0, batch: int | None = None
) -> pd.DataFrame:
    """Share of the variance of ranks due to each active source (Saltelli 2010, as COINr reports it).

    ``runs`` base samples are drawn twice (matrices A and B); for each source i the mix AB_i takes
    source i from B and the rest from A. Per unit, ``S_i = mean(y_B (y_ABi − y_A)) / V`` (first
    order: the variance the source causes alone) and ``ST_i = mean((y_A − y_ABi)²) / 2V`` (total:
    alone and through interactions), with ``y`` the unit's rank. Units are pooled by weighting
    with their rank variance, so the figure is the share of all rank movement. The model is run
    ``runs × (sources + 2)`` times. Columns: source, first_order, total.
    """
    model = _prepare(scores, uncertainty)
    sources = model.sources
    if not sources:
        return pd.DataFrame({"source": [], "first_order": [], "total": []})
    stream_a, stream_b = _generators(seed, 2)
    n = model.n_units
    moments = np.zeros((2, n))  # sum and sum of squares of ranks over A and B
    first = np.zeros((len(sources), n))
    total = np.zeros((len(sources), n))
    for size in _batches(runs, n, 2 * (model.cut_chance.size + model.survey_values.shape[0]), batch):
        draws_a, draws_b = _draw(model, stream_a, size), _draw(model, stream_b, size)
        y_a = _ranks(model, draws_a, size).astype(float)
        y_b = _ranks(model, draws_b, size).astype(float)
        moments[0] += y_a.sum(axis=0) + y_b.sum(axis=0)
        moments[1] += (y_a**2).sum(axis=0) + (y_b**2).sum(axis=0)
        for i, source in enumerate(sources):
            mixed = _Draws(draws_a.appraisal, draws_a.survey, draws_a.weights)
            setattr(mixed, source, getattr(draws_b, source))
            y_ab = _ranks(model, mixed, size).astype(float)
            first[i] += (y_b * (y_ab - y_a)).sum(axis=0)
            total[i] += ((y_a - y_ab) ** 2).sum(axis=0) / 2.0
    samples = 2 * runs
    variance = moments[1] / samples - (moments[0] / samples) ** 2
    pooled = variance.sum()
    if pooled <= 0:
        zeros = np.zeros(len(sources))
        return pd.DataFrame({"source": list(sources), "first_order": zeros, "total": zeros})
    return pd.DataFrame(
        {
            "source": list(sources),
            "first_order": np.clip(first.sum(axis=1) / runs / pooled, 0.0, 1.0),
            "total": np.clip(total.sum(axis=1) / runs / pooled, 0.0, 1.0),
        }
    )


def expected_cut(scores: Scores, adjustments: AppraisalAdjustments) -> np.ndarray:
    """Points per unit the appraisal is expected to remove: Σ points × chance of a cut × mean share."""
    n = scores.compiled.n_leaves
    return scores.points[:, :n] @ (adjustments.chance[:n] * np.clip(adjustments.share[:n], 0.0, 1.0))


def describe(uncertainty: Uncertainty, lang: str = "vi") -> str:
    """The active sources and their settings, in words (shown above every result)."""
    parts = []
    if uncertainty.appraisal is not None:
        adjust = uncertainty.appraisal
        parts.append(
            t(
                "analysis.source_appraisal_detail",
                lang,
                learned=int((adjust.pairs > 0).sum()),
                chance=format_pct(100 * DEFAULT_CUT_CHANCE, 0, lang),
                share=format_pct(100 * DEFAULT_CUT_SHARE, 0, lang),
            )
        )
    if uncertainty.respondents is not None:
        shown = uncertainty.respondents if np.ndim(uncertainty.respondents) == 0 else DEFAULT_RESPONDENTS
        parts.append(t("analysis.source_survey_detail", lang, respondents=int(shown)))
    if uncertainty.weight_spread > 0:
        parts.append(
            t("analysis.source_weights_detail", lang, spread=format_pct(100 * uncertainty.weight_spread, 0, lang))
        )
    return "; ".join(parts) if parts else t("analysis.no_source", lang)
