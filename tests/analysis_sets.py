"""Small criteria sets built in code for the analysis tests: manual leaves, so a value is its points."""

from __future__ import annotations

import numpy as np
import pandas as pd

from parindex.criteria import CompiledSet, compile_set
from parindex.criteria import model as m
from parindex.scoring import Scores, score

SOURCE = m.Source(reconstructed=True)


def manual_set(
    fields: int, leaves: int, leaf_max: float = 10.0, survey: int = 0, set_id: str = "t", ties: str = "standard"
) -> CompiledSet:
    """``fields`` fields of ``leaves`` manual sub-criteria each, plus a survey field of ``survey`` items; ``ties``
    as the set's own rule for equal indexes."""
    built = []
    for f in range(fields + (1 if survey else 0)):
        is_survey = f == fields
        count = survey if is_survey else leaves
        items = tuple(
            m.Leaf(
                id=f"{f + 1}.{i + 1}",
                name=f"Tiêu chí {f + 1}.{i + 1}",
                max=leaf_max,
                rule=m.Rule(kind=m.SURVEY if is_survey else m.MANUAL),
                source=SOURCE,
                part=m.SURVEY_PART if is_survey else m.APPRAISAL,
                field_id=str(f + 1),
                criterion_id=f"{f + 1}",
            )
            for i in range(count)
        )
        criterion = m.Criterion(
            id=f"{f + 1}", name=f"Tiêu chí {f + 1}", max=count * leaf_max, source=SOURCE, leaves=items
        )
        built.append(
            m.Field(
                id=str(f + 1),
                name=f"Lĩnh vực {f + 1}",
                name_en=f"Field {f + 1}",
                max=count * leaf_max,
                source=SOURCE,
                criteria=(criterion,),
            )
        )
    total = sum(f.max for f in built)
    criteria_set = m.CriteriaSet(
        id=set_id,
        name="Bộ thử",
        decision="thử",
        years=(2025,),
        unit_types=("so",),
        max_points=total,
        fields=tuple(built),
        grades=(m.Grade("A", 90), m.Grade("B", 0)),
        ties=ties,
    )
    return compile_set(criteria_set)


def score_matrix(compiled: CompiledSet, values: np.ndarray, names: list[str] | None = None) -> Scores:
    names = names or [f"Đơn vị {i + 1:02d}" for i in range(len(values))]
    units = pd.DataFrame({"unit": names, "unit_type": "so"})
    return score(compiled, np.asarray(values, dtype=float), units)
