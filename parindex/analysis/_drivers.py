"""What goes with a high index: correlations between fields, and the sub-criteria that separate the top group.

The top group is the units ranked ``top`` or better. A shallow decision tree (depth 3) learns to tell
them from the rest by their sub-criterion points; the permutation importance of each sub-criterion
(how much worse the tree does when that column is shuffled) ranks the sub-criteria, and the points
at stake are the mean points of the top group minus the mean of the rest. With a few dozen units a
tree is read as a description of this year's results, not as a prediction.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.inspection import permutation_importance
from sklearn.tree import DecisionTreeClassifier

from parindex.scoring import Scores, field_shares


def field_correlations(scores: Scores) -> pd.DataFrame:
    """Pearson correlation between the fields' shares across units (fields × fields, by field id)."""
    ids = [f.id for f in scores.compiled.criteria_set.fields]
    frame = pd.DataFrame(field_shares(scores), columns=ids)
    return frame.corr().reindex(index=ids, columns=ids)


def correlation_pairs(correlations: pd.DataFrame) -> pd.DataFrame:
    """The upper triangle as a long table (field_a, field_b, r), strongest first."""
    ids = list(correlations.columns)
    rows = [
        {"field_a": a, "field_b": b, "r": correlations.loc[a, b]}
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
        if pd.notna(correlations.loc[a, b])
    ]
    frame = pd.DataFrame(rows, columns=["field_a", "field_b", "r"])
    return frame.reindex(frame["r"].abs().sort_values(ascending=False).index).reset_index(drop=True)


def top_drivers(scores: Scores, top: int, seed: int = 0, repeats: int = 20, lang: str = "vi") -> pd.DataFrame:
    """Sub-criteria that separate the units ranked ``top`` or better from the rest, most important first.

    Columns: leaf_id, name, field, importance (permutation importance of a depth-3 tree, ≥ 0),
    top_mean and rest_mean (points), at_stake (top_mean − rest_mean), max. Sub-criteria the tree
    did not use follow, by points at stake.
    """
    compiled = scores.compiled
    n = compiled.n_leaves
    points = scores.points[:, :n]
    is_top = (scores.rank > 0) & (scores.rank <= top)
    field_of = {leaf.id: leaf.field_id for leaf in compiled.leaves}
    frame = pd.DataFrame(
        {
            "leaf_id": list(compiled.column_ids[:n]),
            "name": [leaf.label(lang) for leaf in compiled.leaves],
            "field": [field_of[leaf.id] for leaf in compiled.leaves],
            "top_mean": points[is_top].mean(axis=0) if is_top.any() else np.zeros(n),
            "rest_mean": points[~is_top].mean(axis=0) if (~is_top).any() else np.zeros(n),
            "max": compiled.column_max[:n],
        }
    )
    frame["at_stake"] = frame["top_mean"] - frame["rest_mean"]
    frame["importance"] = 0.0
    if 0 < is_top.sum() < len(scores):
        tree = DecisionTreeClassifier(max_depth=3, random_state=seed).fit(points, is_top)
        result = permutation_importance(tree, points, is_top, n_repeats=repeats, random_state=seed)
        frame["importance"] = np.clip(result.importances_mean, 0.0, None)
    ordered = frame.sort_values(["importance", "at_stake"], ascending=[False, False], kind="stable")
    return ordered[["leaf_id", "name", "field", "importance", "top_mean", "rest_mean", "at_stake", "max"]].reset_index(
        drop=True
    )
