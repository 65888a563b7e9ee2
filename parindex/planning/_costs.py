"""Effort costs for the improvement planner, read from a small YAML file staff can edit.

A costs file (YAML; the same format is described for staff in indicators/README.md)::

    criteria_set: tinh-876-2022     # optional; if given it must be the set the plan is made for
    defaults:                       # cost of one step, by rule kind (kinds left out keep these)
      yes_no: 1                     #   from "không" to "có"
      levels: 1                     #   one level up (levels ordered by their share)
      bands: 1                      #   one band up
      linear: 0.1                   #   one unit of the measure (one percentage point, one day…)
      count: 1                      #   one more item
      deduction: 1                  #   one violation fewer
    leaves:
      "1.1.1": {cost: 2}            # this leaf's cost per step
      "1.1.2": 3                    # shorthand for {cost: 3}
      "2.3.1": {controllable: false}  # never part of a plan
      "4.1.2":                      # explicit options: exactly these values, at these costs
        table:                      #   (cost of reaching the value from wherever the unit is)
          - {value: "95", cost: 1}
          - {value: "100", cost: 4}

Unknown keys, unknown leaf ids, bonus or penalty ids, negative costs and table values the leaf's
rule cannot read are reported with file and line, all at once, as an
:class:`~parindex.errors.InputError` — like the criteria-set loader.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parindex.criteria import KINDS, CellError, CompiledSet, parse_value
from parindex.criteria import model as m
from parindex.errors import Problem
from parindex.inputs import Path as YPath
from parindex.inputs import YamlDocument, YamlReader, parse_yaml_document, read_yaml_text
from parindex.scoring import typed_value

DEFAULT_STEP_COSTS: dict[str, float] = {name: k.step_cost for name, k in KINDS.items() if k.step_cost is not None}


@dataclass(frozen=True)
class TableEntry:
    """One explicit option of a leaf: a parsed value, as written, and the cost of reaching it."""

    value: float
    text: str
    cost: float


@dataclass(frozen=True)
class LeafCost:
    """A leaf's override: its own cost per step, or an explicit table, or not controllable at all."""

    cost: float | None = None
    table: tuple[TableEntry, ...] | None = None
    controllable: bool = True


NOT_PLANNABLE = LeafCost(controllable=False)


@dataclass(frozen=True)
class CostModel:
    """Effort costs: a cost per step for each rule kind, and per-leaf overrides.

    Survey and manual leaves have no default (a unit does not set them itself); they become
    plannable only through an explicit ``table``.
    """

    defaults: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_STEP_COSTS))
    leaves: Mapping[str, LeafCost] = field(default_factory=dict)
    criteria_set: str | None = None

    def setting(self, leaf: m.Leaf) -> LeafCost | None:
        """The leaf's override; a leaf its criteria set marks ``plannable: false`` is never controllable."""
        if not leaf.plannable:
            return NOT_PLANNABLE
        return self.leaves.get(leaf.id)

    def step_cost(self, leaf: m.Leaf) -> float | None:
        """Cost of one step on ``leaf``; None when the leaf is not planned by steps."""
        setting = self.setting(leaf)
        if setting is not None and not setting.controllable:
            return None
        if setting is not None and setting.cost is not None:
            return setting.cost
        return self.defaults.get(leaf.rule.kind)


COSTS_KEYS = {"criteria_set", "defaults", "leaves", "note"}
LEAF_COST_KEYS = {"cost", "table", "controllable", "note"}
TABLE_KEYS = {"value", "cost"}
UNPRICED_KINDS = tuple(name for name in KINDS if name not in DEFAULT_STEP_COSTS)  # survey, manual


def load_costs(path: str | Path, compiled: CompiledSet) -> CostModel:
    """Read and validate the costs file ``path`` for ``compiled``'s leaves; InputError lists every problem.

    The criteria set is needed to reject unknown leaf ids and to read table values by each leaf's rule.
    """
    path = Path(path)
    return parse_costs(read_yaml_text(path), compiled, path.name)


def parse_costs(text: str, compiled: CompiledSet, filename: str = "<yaml>") -> CostModel:
    """Validate costs YAML ``text`` against ``compiled``; ``filename`` is only used in messages."""
    document, problems = parse_yaml_document(text, filename)
    reader = _CostReader(document, filename, problems, compiled)
    model = reader.model()
    reader.raise_problems()
    return model


class _CostReader(YamlReader):
    """Walks the costs YAML, recording problems with their lines (as the criteria loader does)."""

    def __init__(self, document: YamlDocument, filename: str, problems: list[Problem], compiled: CompiledSet):
        super().__init__(document, filename, problems)
        self.criteria_set = compiled.criteria_set
        self.leaves = {leaf.id: leaf for leaf in compiled.leaves}
        self.extras = {item.id for item in self.criteria_set.bonus.items + self.criteria_set.penalty.items}

    def cost(self, value: Any, path: YPath) -> float | None:
        key = str(path[-1])
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.problem("expected_number", path, key=key, value=str(value))
            return None
        if value < 0:
            self.problem("cost_negative", path, key=key, value=float(value))
            return None
        return float(value)

    def model(self) -> CostModel:
        root = self.doc.data
        if root is None:
            return CostModel()
        if self.mapping(root, ()) is None:
            return CostModel()
        self.keys(root, (), COSTS_KEYS)
        set_id = root.get("criteria_set")
        if set_id is not None and str(set_id).strip() != self.criteria_set.id:
            self.problem(
                "cost_set_mismatch", ("criteria_set",), expected=str(set_id).strip(), actual=self.criteria_set.id
            )
        defaults = dict(DEFAULT_STEP_COSTS)
        if root.get("defaults") is not None and (data := self.mapping(root["defaults"], ("defaults",))) is not None:
            self.keys(data, ("defaults",), set(DEFAULT_STEP_COSTS))
            for kind, value in data.items():
                if kind in DEFAULT_STEP_COSTS and (cost := self.cost(value, ("defaults", kind))) is not None:
                    defaults[kind] = cost
        leaves: dict[str, LeafCost] = {}
        if root.get("leaves") is not None and (data := self.mapping(root["leaves"], ("leaves",))) is not None:
            for leaf_id, entry in data.items():
                setting = self.leaf(str(leaf_id), entry, ("leaves", leaf_id))
                if setting is not None:
                    leaves[str(leaf_id)] = setting
        return CostModel(defaults=defaults, leaves=leaves, criteria_set=str(set_id).strip() if set_id else None)

    def leaf(self, leaf_id: str, entry: Any, path: YPath) -> LeafCost | None:
        if leaf_id in self.extras:
            self.problem("cost_extra_item", path, id=leaf_id)
            return None
        leaf = self.leaves.get(leaf_id)
        if leaf is None:
            self.problem("cost_unknown_leaf", path, id=leaf_id, set=self.criteria_set.id)
            return None
        if isinstance(entry, (int, float)) and not isinstance(entry, bool):
            entry = {"cost": entry}
            path = (*path, "cost")
            cost = self.cost(entry["cost"], path)
            if cost is not None and leaf.rule.kind in UNPRICED_KINDS:
                self.problem("cost_no_steps", path, id=leaf_id, kind=leaf.rule.kind)
            return LeafCost(cost=cost)
        data = self.mapping(entry, path)
        if data is None:
            return None
        self.keys(data, path, LEAF_COST_KEYS)
        controllable = self.flag(data, "controllable", path)
        cost = self.cost(data["cost"], path + ("cost",)) if "cost" in data else None
        table = self.table(leaf, data["table"], path + ("table",)) if "table" in data else None
        if "cost" in data and "table" in data:
            self.problem("cost_and_table", path, id=leaf_id)
        elif leaf.rule.kind in UNPRICED_KINDS and "table" not in data and ("cost" in data or data.get("controllable")):
            self.problem("cost_no_steps", path, id=leaf_id, kind=leaf.rule.kind)
        return LeafCost(cost=cost, table=table, controllable=controllable)

    def table(self, leaf: m.Leaf, raw: Any, path: YPath) -> tuple[TableEntry, ...]:
        if not isinstance(raw, list):
            self.problem("expected_list", path, key="table")
            return ()
        entries: list[TableEntry] = []
        for i, item in enumerate(raw):
            ipath = (*path, i)
            data = self.mapping(item, ipath)
            if data is None:
                continue
            self.keys(data, ipath, TABLE_KEYS)
            if [key for key in ("value", "cost") if self.missing(data, key, ipath, required=True)]:
                continue
            cost = self.cost(data["cost"], (*ipath, "cost"))
            text = self.doc.raw.get((*ipath, "value"), str(data["value"]))
            try:
                value = parse_value(text, leaf)
            except CellError:
                value = math.nan
            if not isinstance(value, float) or math.isnan(value):
                self.problem("cost_table_value", (*ipath, "value"), value=text, id=leaf.id)
                continue
            if any(e.value == value for e in entries):
                self.problem("cost_table_duplicate", (*ipath, "value"), value=text, id=leaf.id)
                continue
            if cost is not None:
                entries.append(TableEntry(value=value, text=typed_value(leaf, value), cost=cost))
        return tuple(entries)
