"""Load and validate a criteria set written in YAML.

Staff edit these files by hand when the ministry or the province changes the rules, so the loader
is strict and talkative: unknown keys are rejected (a typo must not pass silently), maxima must add
up, bands must be ordered, and every problem names the file, line and YAML path. All problems are
collected and raised together as one :class:`~parindex.errors.InputError`.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from parindex.errors import InputError, Problem
from parindex.i18n import nfc
from parindex.inputs import MAX_YAML_BYTES, YamlDocument, check_yaml, format_path, load_yaml, read_limited
from parindex.inputs import Path as YPath

from . import model as m
from .kinds import KINDS, kind_of

SUM_TOLERANCE = 0.001

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
LEAF_KEYS = NODE_KEYS | {"rule", "part", "not_applicable", "evidence", "hint", "guidance", "plannable"}
EXTRA_ITEM_KEYS = NODE_KEYS | {"rule", "hint", "evidence", "guidance", "plannable"}
EXTRA_KEYS = {"cap", "items"}
SOURCE_KEYS = {"decision", "table", "item", "ref"}
GRADE_KEYS = {"label", "label_en", "min"}
COUNT_KEYS = {"fields", "criteria", "sub_criteria", "survey_points"}


def load_criteria_set(path: str | Path) -> m.CriteriaSet:
    """Read, validate and return the criteria set in ``path``; raise InputError listing every problem."""
    path = Path(path)
    try:
        text = read_limited(path, MAX_YAML_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError([Problem("not_utf8", file=path.name)]) from None
    except OSError as exc:
        raise InputError([Problem("cannot_read", {"detail": exc.strerror or str(exc)}, file=str(path))]) from None
    return parse_criteria_set(text, path.name)


def parse_criteria_set(text: str, filename: str = "<yaml>") -> m.CriteriaSet:
    """Validate YAML ``text``; ``filename`` is only used in messages."""
    check_yaml(text, filename)
    document, problems = load_yaml(nfc(text), filename)
    if document is None:
        raise InputError(problems)
    reader = _Reader(document, filename, problems)
    criteria_set = reader.criteria_set()
    if reader.problems:
        raise InputError(sorted(reader.problems, key=lambda p: (p.line or 0, p.path or "")))
    assert criteria_set is not None
    return criteria_set


def rule_from_mapping(rule: Any, max_points: float, part: str = m.APPRAISAL) -> tuple[m.Rule, list[Problem]]:
    """Check one ``rule`` mapping (as written under a leaf) for a leaf worth ``max_points``.

    The review of an imported decision table checks each row's rule on its own, before the whole
    set exists; the same checks as a file's, so a row that passes here passes in the file.
    """
    document = YamlDocument(data={"rule": rule})
    reader = _Reader(document, "", [])
    return reader.rule({"rule": rule}, (), max_points, part), reader.problems


class _Reader:
    """Walks the YAML data, building model objects and recording problems with their lines."""

    def __init__(self, document: YamlDocument, filename: str, problems: list[Problem]):
        self.doc = document
        self.file = filename
        self.problems = problems
        self.seen_ids: dict[str, YPath] = {}

    # -- reporting -----------------------------------------------------------------------------
    def problem(self, code: str, path: YPath, **params: Any) -> None:
        self.problems.append(Problem(code, params, file=self.file, line=self.doc.line_of(path), path=format_path(path)))

    def keys(self, data: dict, path: YPath, allowed: set[str]) -> None:
        for key in data:
            if key not in allowed:
                self.problem("unknown_key", path + (key,), key=key, allowed=", ".join(sorted(allowed)))

    # -- typed getters -------------------------------------------------------------------------
    def mapping(self, value: Any, path: YPath) -> dict | None:
        if isinstance(value, dict):
            return value
        self.problem("expected_mapping", path)
        return None

    def text(self, data: dict, key: str, path: YPath, required: bool = True) -> str | None:
        if key not in data or data[key] is None:
            if required:
                self.problem("missing_key", path + (key,), key=key)
            return None
        raw = self.doc.raw.get(path + (key,))
        value = data[key]
        if isinstance(value, (dict, list)):
            self.problem("expected_text", path + (key,), key=key)
            return None
        text = nfc(raw if raw is not None else str(value)).strip()
        if not text:
            if required:
                self.problem("missing_key", path + (key,), key=key)
            return None
        return text

    def number(self, data: dict, key: str, path: YPath, required: bool = True, positive: bool = False) -> float | None:
        if key not in data or data[key] is None:
            if required:
                self.problem("missing_key", path + (key,), key=key)
            return None
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.problem("expected_number", path + (key,), key=key, value=str(value))
            return None
        if positive and value <= 0:
            self.problem("expected_positive", path + (key,), key=key, value=str(value))
            return None
        return float(value)

    def items(self, data: dict, key: str, path: YPath, required: bool = True) -> list:
        if key not in data or data[key] is None:
            if required:
                self.problem("missing_key", path + (key,), key=key)
            return []
        value = data[key]
        if not isinstance(value, list):
            self.problem("expected_list", path + (key,), key=key)
            return []
        if not value and required:
            self.problem("empty_list", path + (key,), key=key)
        return value

    def choice(self, data: dict, key: str, path: YPath, options: tuple[str, ...], default: str) -> str:
        if key not in data:
            return default
        value = str(data[key]).strip()
        if value not in options:
            self.problem("bad_choice", path + (key,), key=key, value=value, options=", ".join(options))
            return default
        return value

    def node_id(self, data: dict, path: YPath) -> str:
        node_id = self.text(data, "id", path) or f"?{format_path(path)}"
        if node_id in self.seen_ids:
            self.problem("duplicate_id", path + ("id",), id=node_id, first=format_path(self.seen_ids[node_id]))
        else:
            self.seen_ids[node_id] = path
        return node_id

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
        fields = tuple(
            f
            for i, raw in enumerate(self.items(root, "fields", ()))
            if (f := self.field(raw, ("fields", i))) is not None
        )
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

    def field(self, raw: Any, path: YPath) -> m.Field | None:
        data = self.mapping(raw, path)
        if data is None:
            return None
        self.keys(data, path, FIELD_KEYS)
        field_id = self.node_id(data, path)
        max_points = self.number(data, "max", path, positive=True) or 0.0
        criteria = tuple(
            c
            for i, item in enumerate(self.items(data, "criteria", path))
            if (c := self.criterion(item, path + ("criteria", i), field_id)) is not None
        )
        self.check_sum(max_points, [c.max for c in criteria], path + ("max",), field_id)
        return m.Field(
            id=field_id,
            name=self.text(data, "name", path) or "?",
            name_en=self.text(data, "name_en", path, False),
            max=max_points,
            source=self.source(data, path),
            criteria=criteria,
        )

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
        leaves = tuple(
            leaf
            for i, item in enumerate(self.items(data, "sub_criteria", path))
            if (leaf := self.leaf(item, path + ("sub_criteria", i), field_id, criterion_id, m.APPRAISAL, LEAF_KEYS))
            is not None
        )
        self.check_sum(max_points, [leaf.max for leaf in leaves], path + ("max",), criterion_id)
        return m.Criterion(
            id=criterion_id,
            name=self.text(data, "name", path) or "?",
            name_en=self.text(data, "name_en", path, False),
            max=max_points,
            source=self.source(data, path),
            leaves=leaves,
        )

    def leaf(
        self, raw: Any, path: YPath, field_id: str | None, criterion_id: str | None, part: str, allowed: set[str]
    ) -> m.Leaf | None:
        data = self.mapping(raw, path)
        if data is None:
            return None
        self.keys(data, path, allowed)
        leaf_id = self.node_id(data, path)
        max_points = self.number(data, "max", path, positive=True) or 0.0
        rule = self.rule(data, path, max_points, part)
        own_part = kind_of(rule).part  # a kind that decides its leaves' part (survey)
        if part == m.APPRAISAL:
            part = self.choice(data, "part", path, (m.APPRAISAL, m.SURVEY_PART), own_part or m.APPRAISAL)
            if own_part is not None and part != own_part:
                self.problem("survey_part", path + ("part",))
        elif own_part is not None:
            self.problem("survey_in_extra", path + ("rule", "kind"))
        na_allowed = data.get("not_applicable", True)
        if not isinstance(na_allowed, bool):
            self.problem("expected_bool", path + ("not_applicable",), key="not_applicable")
            na_allowed = True
        plannable = data.get("plannable", True)
        if not isinstance(plannable, bool):
            self.problem("expected_bool", path + ("plannable",), key="plannable")
            plannable = True
        return m.Leaf(
            id=leaf_id,
            name=self.text(data, "name", path) or "?",
            name_en=self.text(data, "name_en", path, False),
            max=max_points,
            rule=rule,
            source=self.source(data, path),
            part=part,
            field_id=field_id,
            criterion_id=criterion_id or leaf_id,
            na_allowed=na_allowed,
            evidence=self.text(data, "evidence", path, False),
            hint=self.text(data, "hint", path, False),
            guidance=self.text(data, "guidance", path, False),
            line=self.doc.line_of(path),
            plannable=plannable,
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
        items = tuple(
            leaf
            for i, raw in enumerate(self.items(data, "items", path))
            if (leaf := self.leaf(raw, path + ("items", i), None, None, part, EXTRA_ITEM_KEYS)) is not None
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
        value = raw.get("negative", False)
        if not isinstance(value, bool):
            self.problem("expected_bool", path + ("negative",), key="negative")
            return False
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

    def levels(self, raw: dict, path: YPath, max_points: float) -> tuple[m.Level, ...]:
        levels: list[m.Level] = []
        seen: set[str] = set()
        items = self.items(raw, "levels", path)
        for i, item in enumerate(items):
            lpath = path + ("levels", i)
            data = self.mapping(item, lpath)
            if data is None:
                continue
            self.keys(data, lpath, {"label", "label_en", "share", "points"})
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
        for i, item in enumerate(items):
            bpath = path + ("bands", i)
            data = self.mapping(item, bpath)
            if data is None:
                continue
            self.keys(data, bpath, {"at_least", "at_most", "share", "points"})
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
