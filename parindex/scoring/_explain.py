"""Results in words: why a unit lost points, leaf by leaf."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from parindex.criteria import applied_step, describe_rule
from parindex.criteria import model as m

from ._score import Scores


def raw_row(scores: Scores, row: int, raw: pd.DataFrame | None) -> pd.Series | None:
    """The values as typed of the unit on ``scores`` row ``row``, found by its name and type.

    ``raw`` with ``unit`` (and ``unit_type``) columns is searched by unit (see
    :func:`parindex.files.values_by_unit`); a bare table of values must have exactly the rows of ``scores``.
    """
    if raw is None:
        return None
    if "unit" not in raw.columns:
        if len(raw) != len(scores):
            raise ValueError("values do not match the scored units")
        return raw.iloc[row]
    same = raw["unit"].to_numpy() == scores.units["unit"].iat[row]
    if "unit_type" in raw.columns and "unit_type" in scores.units:
        same &= raw["unit_type"].to_numpy() == scores.units["unit_type"].iat[row]
    found = np.flatnonzero(same)
    return raw.iloc[int(found[0])] if found.size else None


def explain(scores: Scores, row: int, raw: pd.DataFrame | None = None, lang: str = "vi") -> pd.DataFrame:
    """Leaf-by-leaf account of one unit: raw value, rule, band applied, points, points lost."""
    compiled = scores.compiled
    typed = raw_row(scores, row, raw)
    field_of = {leaf.id: leaf.field_id for leaf in compiled.leaves}
    records = []
    for j, leaf in enumerate(compiled.columns):
        value = float(scores.values[row, j])
        applicable = not math.isnan(value)
        points = float(scores.points[row, j])
        lost = leaf.max - points if applicable and leaf.part not in (m.BONUS, m.PENALTY) else 0.0
        records.append(
            {
                "id": leaf.id,
                "name": leaf.label(lang),
                "field": field_of.get(leaf.id) or "",
                "part": leaf.part,
                "raw": "" if typed is None else str(typed[leaf.id]),
                "rule": describe_rule(leaf, lang),
                "applied": applied_step(leaf, value, lang),
                "points": round(points, 4),
                "max": leaf.max,
                "lost": round(max(lost, 0.0), 4),
            }
        )
    return pd.DataFrame.from_records(records)


def biggest_losses(
    scores: Scores, row: int, raw: pd.DataFrame | None = None, lang: str = "vi", top: int = 10
) -> pd.DataFrame:
    """The leaves where the unit lost most points, largest first."""
    table = explain(scores, row, raw, lang)
    table = table[table["lost"] > 1e-9]
    order = np.argsort(-table["lost"].to_numpy(), kind="stable")
    return table.iloc[order[:top]].reset_index(drop=True)
