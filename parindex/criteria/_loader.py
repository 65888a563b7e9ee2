"""Load and validate a criteria set written in YAML.

Staff edit these files by hand when the ministry or the province changes the rules, so the loader
is strict and talkative: unknown keys are rejected (a typo must not pass silently), maxima must add
up, bands must be ordered, and every problem names the file, line and YAML path. All problems are
collected and raised together as one :class:`~parindex.errors.InputError`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from parindex.errors import Problem
from parindex.inputs import Path as YPath
from parindex.inputs import YamlDocument, YamlReader, format_path, parse_yaml_document, read_yaml_text

from . import model as m
from .kinds import KINDS, kind_of

SUM_TOLERANCE = 0.001

_Node = TypeVar("_Node")

SET_KEYS = {
    "id",
    "name",
    "name_en",
    "description",
    "decision",
    "years",
    "unit_types",
    "max_points",
    "grades",
    "ties",
    "index_decimals",
    "without_survey",
    "counts",
    "fields",
    "bonus",
    "penalty",
    "source",
}
NODE_KEYS = {"id", "name", "name_en", "max", "source", "note"}
FIELD_KEYS = NODE_KEYS | {"criteria"}
CRITERION_KEYS = NODE_KEYS | {
    "sub_criteria",
    "rule",
    "part",
    "not_applicable",
    "evidence",
    "hint",
    "guidance",
    "plannable",
}
LEVEL_KEYS = {"label", "label_en", "share", "points"}
BAND_KEYS = {"at_least", "at_most", "share", "points"}
LEAF_KEYS = NODE_KEYS | {"rule", "part", "not_applicable", "evidence", "hint", "guidance", "plannable"}
EXTRA_ITEM_KEYS = NODE_KEYS | {"rule", "hint", "evidence", "guidance", "plannable"}
EXTRA_KEYS = {"cap", "items"}
SOURCE_KEYS = {"decision", "table", "item", "ref"}
GRADE_KEYS = {"label", "label_en", "min"}
COUNT_KEYS = {"fields", "criteria", "sub_criteria", "survey_points"}


def load_criteria_set(path: str | Path) -> m.CriteriaSet:
    """Read, validate and return the criteria set in ``path``; raise InputError listing every problem."""
    path = Path(path)
    return parse_criteria_set(read_yaml_text(path), path.name)


def parse_criteria_set(text: str, filename: str = "<yaml>") -> m.CriteriaSet:
    """Validate YAML ``text``; ``filename`` is only used in messages."""
    document, problems = parse_yaml_document(text, filename)
    reader = _Reader(document, filename, problems)
    criteria_set = reader.criteria_set()
    reader.raise_problems()
    assert criteria_set is not None
    return criteria_set


def rule_from_mapping(rule: Any, max_points: float, part: str = m.APPRAISAL) -> tuple[m.Rule, list[Problem]]:
    """Check one ``rule`` mapping (as written under a leaf) for a leaf worth ``max_points``.

    The review of an imported decision table checks each row's rule on its own, before the whole
    set exists; the same checks as a file's, so a row that passes here passes in the file.
    """
    document = YamlDocument(data={"rule": rule})
    reader = _Reader(document, "")
    return reader.rule({"rule": rule}, (), max_points, part), reader.problems


class _Reader(YamlReader):
    """Walks a criteria set's YAML data, building model objects and recording problems with their lines."""

    def __init__(self, document: YamlDocument, filename: str, problems: list[Problem] | None = None):
        super().__init__(document, filename, problems)
        self.seen_ids: dict[str, YPath] = {}

    def node_id(self, data: dict, path: YPath) -> str:
        node_id = self.text(data, "id", path) or f"?{format_path(path)}"
        if node_id in self.seen_ids:
            self.problem("duplicate_id", path + ("id",), id=node_id, first=format_path(self.seen_ids[node_id]))
        else:
            self.seen_ids[node_id] = path
        return node_id

    def children(
        self, data: dict, key: str, path: YPath, read: Callable[[Any, YPath], _Node | None]
    ) -> tuple[_Node, ...]:
        """The nodes listed under ``key``, each read by ``read`` at its own path; one that cannot be read is left out."""
        return tuple(
            node
            for i, raw in enumerate(self.items(data, key, path))
            if (node := read(raw, path + (key, i))) is not None
        )

    def node_fields(self, data: dict, path: YPath, node_id: str, max_points: float) -> dict[str, Any]:
        """What every node of the tree has (id, names, maximum, source): a field's, a criterion's, a leaf's."""
        return {
            "id": node_id,
            "name": self.text(data, "name", path) or "?",
            "name_en": self.text(data, "name_en", path, False),
            "max": max_points,
            "source": self.source(data, path),
        }

    def source(self, data: dict, path: YPath) -> m.Source:
        if "source" not in data or data["source"] is None:
            self.problem("missing_key", path + ("source",), key="source")
            return m.Source(reconstructed=True)
        value = data["source"]
        spath = path + ("source",)
        if isinstance(value, str):
            if value.strip() == "reconstructed":
                return m.Source(reconstructed=True)
            self.problem("bad_source", spath, value=value)
            return m.Source(reconstructed=True)
        if not isinstance(value, dict):
            self.problem("bad_source", spath, value=str(value))
            return m.Source(reconstructed=True)
        self.keys(value, spath, SOURCE_KEYS)
        decision = self.text(value, "decision", spath)
        return m.Source(
            decision=decision,
            table=self.text(value, "table", spath, required=False),
            item=self.text(value, "item", spath, required=False),
            ref=self.text(value, "ref", spath, required=False),
        )

    # -- the set -------------------------------------------------------------------------------
    def criteria_set(self) -> m.CriteriaSet | None:
        root = self.mapping(self.doc.data, ())
        if root is None:
            return None
        self.keys(root, (), SET_KEYS)
        set_id = self.text(root, "id", ()) or "?"
        name = self.text(root, "name", ()) or "?"
        decision = self.text(root, "decision", ()) or "?"
        years = self.years(root)
        unit_types = self.unit_types(root)
        max_points = self.number(root, "max_points", (), positive=True) or 100.0
        fields = self.children(root, "fields", (), self.field)
        self.check_sum(max_points, [f.max for f in fields], ("max_points",), set_id)
        grades = self.grades(root)
        decimals = root.get("index_decimals", 2)
        if not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= 6:
            self.problem("bad_decimals", ("index_decimals",), value=str(decimals))
            decimals = 2
        criteria_set = m.CriteriaSet(
            id=set_id,
            name=name,
            name_en=self.text(root, "name_en", (), required=False),
            description=self.text(root, "description", (), required=False),
            decision=decision,
            years=years,
            unit_types=unit_types,
            max_points=max_points,
            fields=fields,
            grades=grades,
            ties=self.choice(root, "ties", (), ("standard", "dense"), "standard"),
            index_decimals=decimals,
            without_survey=self.choice(root, "without_survey", (), ("error", "rescale"), "error"),
            bonus=self.extra(root, "bonus", m.BONUS),
            penalty=self.extra(root, "penalty", m.PENALTY),
            file=self.file,
        )
        self.check_counts(root, criteria_set)
        return criteria_set

    def years(self, root: dict) -> tuple[int, ...]:
        years = []
        for i, year in enumerate(self.items(root, "years", ())):
            if isinstance(year, int) and not isinstance(year, bool) and 2000 <= year <= 2100:
                years.append(year)
            else:
                self.problem("bad_year", ("years", i), value=str(year))
        return tuple(years)

    def unit_types(self, root: dict) -> tuple[str, ...]:
        types = []
        for i, value in enumerate(self.items(root, "unit_types", ())):
            code = str(value).strip()
            if code in m.UNIT_TYPES:
                types.append(code)
            else:
                self.problem("bad_unit_type", ("unit_types", i), value=code, options=", ".join(m.UNIT_TYPES))
        return tuple(types)

    def grades(self, root: dict) -> tuple[m.Grade, ...]:
        grades: list[m.Grade] = []
        for i, raw in enumerate(self.items(root, "grades", ())):
            path = ("grades", i)
            data = self.mapping(raw, path)
            if data is None:
                continue
            self.keys(data, path, GRADE_KEYS)
            label = self.text(data, "label", path) or "?"
            low = self.number(data, "min", path)
            if low is None:
                continue
            if not 0 <= low <= 100:
                self.problem("grade_range", path + ("min",), value=low)
            if grades and low >= grades[-1].min_index:
                self.problem("grade_order", path + ("min",), value=low, previous=grades[-1].min_index)
            grades.append(m.Grade(label=label, min_index=low, label_en=self.text(data, "label_en", path, False)))
        return tuple(grades)

    def node(self, raw: Any, path: YPath, allowed: set[str]) -> tuple[dict, str, float] | None:
        """A field's or leaf's mapping (unknown keys reported), its id and its maximum; None if not a mapping."""
        data = self.mapping(raw, path)
        if data is None:
            return None
        self.keys(data, path, allowed)
        return data, self.node_id(data, path), self.number(data, "max", path, positive=True) or 0.0

    def field(self, raw: Any, path: YPath) -> m.Field | None:
        node = self.node(raw, path, FIELD_KEYS)
        if node is None:
            return None
        data, field_id, max_points = node
        criteria = self.children(data, "criteria", path, lambda raw, cpath: self.criterion(raw, cpath, field_id))
        self.check_sum(max_points, [c.max for c in criteria], path + ("max",), field_id)
        return m.Field(**self.node_fields(data, path, field_id, max_points), criteria=criteria)

    def criterion(self, raw: Any, path: YPath, field_id: str) -> m.Criterion | None:
        data = self.mapping(raw, path)
        if data is None:
            return None
        self.keys(data, path, CRITERION_KEYS)
        has_children, has_rule = "sub_criteria" in data, "rule" in data
        if has_children == has_rule:
            self.problem("criterion_shape", path)
        if has_rule:
            leaf = self.leaf(data, path, field_id, None, m.APPRAISAL, set(CRITERION_KEYS) - {"sub_criteria"})
            if leaf is None:
                return None
            return m.Criterion(
                id=leaf.id,
                name=leaf.name,
                name_en=leaf.name_en,
                max=leaf.max,
                source=leaf.source,
                leaves=(leaf,),
                is_leaf=True,
            )
        for key in ("part", "not_applicable", "evidence", "hint", "guidance", "plannable"):
            if key in data:
                self.problem("leaf_key_on_criterion", path + (key,), key=key)
        criterion_id = self.node_id(data, path)
        max_points = self.number(data, "max", path, positive=True) or 0.0
        leaves = self.children(
            data,
            "sub_criteria",
            path,
            lambda raw, lpath: self.leaf(raw, lpath, field_id, criterion_id, m.APPRAISAL, LEAF_KEYS),
        )
        self.check_sum(max_points, [leaf.max for leaf in leaves], path + ("max",), criterion_id)
        return m.Criterion(**self.node_fields(data, path, criterion_id, max_points), leaves=leaves)

    def leaf(
        self, raw: Any, path: YPath, field_id: str | None, criterion_id: str | None, part: str, allowed: set[str]
    ) -> m.Leaf | None:
        node = self.node(raw, path, allowed)
        if node is None:
            return None
        data, leaf_id, max_points = node
        rule = self.rule(data, path, max_points, part)
        own_part = kind_of(rule).part  # a kind that decides its leaves' part (survey)
        if part == m.APPRAISAL:
            part = self.choice(data, "part", path, (m.APPRAISAL, m.SURVEY_PART), own_part or m.APPRAISAL)
            if own_part is not None and part != own_part:
                self.problem("survey_part", path + ("part",))
        elif own_part is not None:
            self.problem("survey_in_extra", path + ("rule", "kind"))
        return m.Leaf(
            **self.node_fields(data, path, leaf_id, max_points),
            rule=rule,
            part=part,
            field_id=field_id,
            criterion_id=criterion_id or leaf_id,
            na_allowed=self.flag(data, "not_applicable", path),
            evidence=self.text(data, "evidence", path, False),
            hint=self.text(data, "hint", path, False),
            guidance=self.text(data, "guidance", path, False),
            line=self.doc.line_of(path),
            plannable=self.flag(data, "plannable", path),
        )

    def extra(self, root: dict, key: str, part: str) -> m.ExtraPoints:
        if key not in root or root[key] is None:
            return m.ExtraPoints()
        path: YPath = (key,)
        data = self.mapping(root[key], path)
        if data is None:
            return m.ExtraPoints()
        self.keys(data, path, EXTRA_KEYS)
        cap = self.number(data, "cap", path, positive=True) or 0.0
        items = self.children(
            data, "items", path, lambda raw, ipath: self.leaf(raw, ipath, None, None, part, EXTRA_ITEM_KEYS)
        )
        return m.ExtraPoints(cap=cap, items=items)

    # -- rules ---------------------------------------------------------------------------------
    def rule(self, data: dict, path: YPath, max_points: float, part: str) -> m.Rule:
        rpath = path + ("rule",)
        if "rule" not in data:
            self.problem("missing_key", rpath, key="rule")
            return m.Rule(kind=m.MANUAL)
        raw = self.mapping(data["rule"], rpath)
        if raw is None:
            return m.Rule(kind=m.MANUAL)
        kind = str(raw.get("kind", "")).strip()
        if kind not in KINDS:
            if "kind" not in raw:
                self.problem("missing_key", rpath + ("kind",), key="kind")
            else:
                self.problem("bad_choice", rpath + ("kind",), key="kind", value=kind, options=", ".join(KINDS))
            return m.Rule(kind=m.MANUAL)
        rule_kind = KINDS[kind]
        self.keys(raw, rpath, set(rule_kind.keys))
        return rule_kind.read_rule(self, raw, rpath, max_points)

    def negative(self, raw: dict, path: YPath, measure: str) -> bool:
        """``negative: true`` lets a ``number`` measure (a growth rate) be below 0; days and counts cannot."""
        value = self.flag(raw, "negative", path, default=False)
        if value and measure != "number":
            self.problem("negative_not_number", path + ("negative",), measure=measure)
            return False
        return value

    def share(self, data: dict, path: YPath, max_points: float) -> float:
        """A band's or level's share of the maximum, written as ``share`` (%) or ``points``."""
        if ("share" in data) == ("points" in data):
            self.problem("share_or_points", path)
            return 0.0
        if "share" in data:
            value = self.number(data, "share", path)
            if value is None:
                return 0.0
            if not 0 <= value <= 100:
                self.problem("share_range", path + ("share",), value=value)
            return min(max(value, 0.0), 100.0) / 100.0
        value = self.number(data, "points", path)
        if value is None:
            return 0.0
        if not 0 <= value <= max_points + SUM_TOLERANCE:
            self.problem("points_range", path + ("points",), value=value, max=max_points)
        return min(max(value / max_points, 0.0), 1.0) if max_points > 0 else 0.0

    def each_mapping(self, items: list, path: YPath, allowed: set[str]) -> Iterator[tuple[YPath, dict]]:
        """Each item of a list that is a mapping, with its path, its unknown keys reported; other items are
        reported by :meth:`mapping` and skipped, so one bad entry does not hide the problems of the next."""
        for i, item in enumerate(items):
            item_path = path + (i,)
            data = self.mapping(item, item_path)
            if data is not None:
                self.keys(data, item_path, allowed)
                yield item_path, data

    def levels(self, raw: dict, path: YPath, max_points: float) -> tuple[m.Level, ...]:
        levels: list[m.Level] = []
        seen: set[str] = set()
        for lpath, data in self.each_mapping(self.items(raw, "levels", path), path + ("levels",), LEVEL_KEYS):
            label = self.text(data, "label", lpath) or "?"
            if label.casefold() in seen:
                self.problem("level_duplicate", lpath + ("label",), label=label)
            seen.add(label.casefold())
            levels.append(
                m.Level(
                    label=label,
                    share=self.share(data, lpath, max_points),
                    label_en=self.text(data, "label_en", lpath, False),
                )
            )
        return tuple(levels)

    def bands(self, raw: dict, path: YPath, max_points: float, measure: str) -> tuple[bool, tuple[m.Band, ...]]:
        bands: list[m.Band] = []
        items = self.items(raw, "bands", path)
        directions = {("at_least" in b) - ("at_most" in b) for b in items if isinstance(b, dict)}
        higher = directions != {-1}
        if len(directions) > 1 or 0 in directions:
            self.problem("band_direction", path + ("bands",))
        bound_key = "at_least" if higher else "at_most"
        for bpath, data in self.each_mapping(items, path + ("bands",), BAND_KEYS):
            threshold = self.number(data, bound_key, bpath)
            share = self.share(data, bpath, max_points)
            if threshold is None:
                continue
            self.check_measure_range(measure, threshold, bpath + (bound_key,))
            if bands:
                previous = bands[-1]
                in_order = threshold < previous.threshold if higher else threshold > previous.threshold
                if not in_order:
                    self.problem("band_order", bpath + (bound_key,), value=threshold, previous=previous.threshold)
                if share > previous.share + 1e-12:
                    self.problem("band_share_order", bpath, previous=previous.threshold)
            bands.append(m.Band(threshold=threshold, share=share))
        return higher, tuple(bands)

    def check_measure_range(self, measure: str, value: float, path: YPath) -> None:
        if measure in ("percent", "ratio") and not 0 <= value <= 100:
            self.problem("percent_range", path, value=value)

    # -- sums and counts -----------------------------------------------------------------------
    def check_sum(self, expected: float, parts: list[float], path: YPath, node_id: str) -> None:
        if parts and abs(sum(parts) - expected) > SUM_TOLERANCE:
            self.problem("sum_mismatch", path, id=node_id, expected=float(expected), actual=float(round(sum(parts), 6)))

    def check_counts(self, root: dict, cs: m.CriteriaSet) -> None:
        if "counts" not in root:
            return
        data = self.mapping(root["counts"], ("counts",))
        if data is None:
            return
        self.keys(data, ("counts",), COUNT_KEYS)
        actual = {
            "fields": len(cs.fields),
            "criteria": len(cs.criteria),
            "sub_criteria": cs.sub_criteria_count,
            "survey_points": cs.survey_max,
        }
        for key, value in data.items():
            if key in actual and (not isinstance(value, (int, float)) or abs(actual[key] - value) > SUM_TOLERANCE):
                self.problem("count_mismatch", ("counts", key), key=key, expected=str(value), actual=str(actual[key]))
