"""The criteria set (bộ tiêu chí) as plain immutable objects.

A criteria set is a tree: field (lĩnh vực) → criterion (tiêu chí) → sub-criterion (tiêu chí thành
phần). Every leaf carries one :class:`Rule` that turns what a unit did (its raw value) into points.
Bonus and penalty items (điểm thưởng / điểm phạt) sit outside the tree and outside the 100 points.
Objects here are produced by :mod:`parindex.criteria`, which validates them, and turned into arrays
by :mod:`parindex.criteria`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Names of the original rule kinds, for code and tests that build rules. The registry of every kind,
# with how each reads, scores and plans, is parindex.criteria.kinds.KINDS; staff read indicators/README.md.
YES_NO = "yes_no"
LEVELS = "levels"
BANDS = "bands"
LINEAR = "linear"
COUNT = "count"
DEDUCTION = "deduction"
SURVEY = "survey"
MANUAL = "manual"
RULE_KINDS = (YES_NO, LEVELS, BANDS, LINEAR, COUNT, DEDUCTION, SURVEY, MANUAL)

# What a measured rule reads: a percentage, a plain number, or "numerator/denominator".
MEASURES = ("percent", "number", "ratio")

# Where a leaf's points go.
APPRAISAL = "appraisal"
SURVEY_PART = "survey"
BONUS = "bonus"
PENALTY = "penalty"

# Unit types a criteria set can score; the code is what data files carry.
UNIT_TYPES = {
    "tinh": ("Tỉnh, thành phố", "Province or city"),
    "bo": ("Bộ, cơ quan ngang bộ", "Ministry"),
    "so": ("Sở, ban, ngành", "Department"),
    "huyen": ("Huyện, thị xã, thành phố thuộc tỉnh", "District (until 2025)"),
    "xa": ("Xã, phường, đặc khu", "Commune or ward"),
}


@dataclass(frozen=True)
class Source:
    """Where a number comes from: a decision's table and item, or ``reconstructed``."""

    reconstructed: bool = False
    decision: str | None = None
    table: str | None = None
    item: str | None = None
    ref: str | None = None

    def describe(self) -> str:
        if self.reconstructed:
            return "reconstructed"
        return ", ".join(p for p in (self.decision, self.table, self.item, self.ref) if p)


@dataclass(frozen=True)
class Band:
    """A threshold and the share of the maximum earned at or beyond it."""

    threshold: float
    share: float  # 0..1


@dataclass(frozen=True)
class Level:
    """One ordered level (mức) with its share of the maximum."""

    label: str
    share: float  # 0..1
    label_en: str | None = None


@dataclass(frozen=True)
class Rule:
    """How a leaf's raw value becomes points. Fields unused by a kind stay at their defaults."""

    kind: str
    measure: str | None = None  # bands, linear
    higher_is_better: bool = True  # bands: at_least (True) or at_most (False)
    bands: tuple[Band, ...] = ()
    levels: tuple[Level, ...] = ()
    zero_at: float | None = None  # linear
    full_at: float | None = None  # linear
    per_item: float | None = None  # count
    cap: float | None = None  # count
    per_violation: float | None = None  # deduction
    floor: float = 0.0  # deduction
    zero_denominator: str = "not_applicable"  # ratio 0/0: not_applicable | full | zero
    negative_allowed: bool = False  # measure "number": may the value be below 0 (a fall in a growth rate)?
    unit: str | None = None  # display unit of a measured value, e.g. "%", "ngày"


def reaches(rule: Rule, value: float, threshold: float) -> bool:
    """Does a measured ``value`` reach a band's ``threshold`` ("at least" or "at most")?

    Compared exactly, with no tolerance: thresholds and values are both the nearest float of an
    exact decimal or fraction (a ratio is computed as a fraction first, see
    :func:`parindex.criteria._values.parse_ratio`), and rounding to the nearest float keeps order and
    equality, so a value exactly on the edge is on it here too. The vectorised kernel
    (:mod:`parindex.criteria`) compares the same floats the same way.
    """
    return value >= threshold if rule.higher_is_better else value <= threshold


class Named:
    """Shown by name: in Vietnamese, or in English where the set gives an English name."""

    name: str
    name_en: str | None

    def label(self, lang: str = "vi") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name


@dataclass(frozen=True)
class Leaf(Named):
    """A scored item: a sub-criterion, a criterion without sub-criteria, or a bonus/penalty item."""

    id: str
    name: str
    max: float
    rule: Rule
    source: Source
    part: str = APPRAISAL
    name_en: str | None = None
    field_id: str | None = None
    criterion_id: str | None = None
    na_allowed: bool = True
    evidence: str | None = None
    hint: str | None = None
    guidance: str | None = None  # the decision's own words for how the leaf is scored
    line: int | None = None
    plannable: bool = True  # False: a fact of the year (officials disciplined…) that no plan can change


@dataclass(frozen=True)
class Branch(Named):
    """What a field and a criterion share: an id, a name, the sum of their children's maxima, where written."""

    id: str
    name: str
    max: float
    source: Source
    name_en: str | None = field(default=None, kw_only=True)


@dataclass(frozen=True)
class Criterion(Branch):
    leaves: tuple[Leaf, ...]
    is_leaf: bool = False  # a criterion scored directly, without sub-criteria


@dataclass(frozen=True)
class Field(Branch):
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Grade:
    """Index at or above ``min_index`` earns ``label`` (bands checked from the top)."""

    label: str
    min_index: float
    label_en: str | None = None

    def text(self, lang: str = "vi") -> str:
        return self.label_en if lang == "en" and self.label_en else self.label


@dataclass(frozen=True)
class ExtraPoints:
    """Bonus or penalty items outside the 100 points, with a cap on their sum."""

    cap: float = 0.0
    items: tuple[Leaf, ...] = ()


@dataclass(frozen=True)
class CriteriaSet(Named):
    id: str
    name: str
    decision: str
    years: tuple[int, ...]
    unit_types: tuple[str, ...]
    max_points: float
    fields: tuple[Field, ...]
    grades: tuple[Grade, ...]
    name_en: str | None = None
    description: str | None = None
    ties: str = "standard"  # standard: 1, 2, 2, 4 — dense: 1, 2, 2, 3
    index_decimals: int = 2
    without_survey: str = "error"  # error | rescale (Hà Nội: appraisal rescaled to 100)
    bonus: ExtraPoints = field(default_factory=ExtraPoints)
    penalty: ExtraPoints = field(default_factory=ExtraPoints)
    file: str | None = None

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for f in self.fields for c in f.criteria)

    @property
    def leaves(self) -> tuple[Leaf, ...]:
        """Scored leaves of the tree, in document order (bonus and penalty excluded)."""
        return tuple(leaf for c in self.criteria for leaf in c.leaves)

    @property
    def columns(self) -> tuple[Leaf, ...]:
        """Every item a unit has a value for: the leaves, then bonus, then penalty items."""
        return self.leaves + self.bonus.items + self.penalty.items

    @property
    def sub_criteria_count(self) -> int:
        return sum(len(c.leaves) for c in self.criteria if not c.is_leaf)

    @property
    def survey_max(self) -> float:
        return sum(leaf.max for leaf in self.leaves if leaf.part == SURVEY_PART)
