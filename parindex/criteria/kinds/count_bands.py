"""``count_bands``: a whole count (days late, reports missing…) scored by bands, "at most" or "at least".

The shipped decisions score "số ngày chậm" (days late) by bands. Written as ``bands`` on a plain
``number``, such a value would accept ``2,5`` days and refuse ``1.500`` as ambiguous; a count is a
whole number, read like the count of a ``count`` rule, and planned and typed as one.
"""

from __future__ import annotations

import math
from typing import Any

from parindex.i18n import t

from .. import model as m
from .._values import parse_whole
from ._base import InputCheck, YPath
from .bands import Bands

MARKER = "Tính theo số lượng (số nguyên)."


class CountBands(Bands):
    name = "count_bands"
    keys = frozenset({"kind", "bands", "unit"})
    guidance_marker = MARKER

    def examples(self) -> list[dict[str, Any]]:
        return [
            {"kind": self.name, "unit": "ngày", "bands": [{"at_most": 0, "share": 100}, {"at_most": 10, "share": 50}]},
            {"kind": self.name, "bands": [{"at_least": 4, "points": 2}, {"at_least": 2, "points": 1}]},
        ]

    def read_rule(self, reader, raw: dict, path: YPath, max_points: float) -> m.Rule:
        unit = reader.text(raw, "unit", path, False)
        higher, bands = reader.bands(raw, path, max_points, "number")
        return m.Rule(kind=self.name, measure="number", higher_is_better=higher, bands=bands, unit=unit)

    def parse(self, raw: Any, leaf: m.Leaf) -> float:
        return parse_whole(raw)

    def column_mode(self, rule: m.Rule) -> str:
        return "whole"

    def hint(self, leaf: m.Leaf, lang: str) -> str:
        return t("hint.count_bands", lang, unit=leaf.rule.unit or "")

    def guidance(self, leaf: m.Leaf) -> str:
        return f"{MARKER} {super().guidance(leaf)}"

    def claim_guidance(self, rule: dict[str, Any]) -> dict[str, Any] | None:
        if rule.get("kind") != m.BANDS or rule.get("measure") != "number":
            return None
        claimed = {"kind": self.name, "bands": rule["bands"]}
        if rule.get("unit"):
            claimed["unit"] = rule["unit"]
        return claimed

    def typed(self, leaf: m.Leaf, value: float, lang: str, decimals: int) -> str:
        return str(int(value))

    def example(self, leaf: m.Leaf, lang: str) -> str:
        best = self.best_mark(leaf.rule)
        return str(math.ceil(best) if leaf.rule.higher_is_better else math.floor(best))

    def input_check(self, leaf: m.Leaf) -> InputCheck:
        return InputCheck("whole")

    def text_cell(self, rule: m.Rule) -> bool:
        return False

    def widget(self, rule: m.Rule) -> str:
        return "whole"

    def sample_whole(self, rule: m.Rule) -> bool:
        return True


KIND = CountBands()
