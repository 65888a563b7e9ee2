"""parindex: the PAR Index (Chỉ số cải cách hành chính) of a province's departments and communes.

The short path from files to a ranking::

    from parindex import compile_set, load_criteria_set, read_values, score_table

    compiled = compile_set(load_criteria_set("indicators/so-2025.yaml"))
    scores = score_table(compiled, read_values("data/sample/so-2025-so-2026.csv", compiled))

Everything else is in the sub-packages, by concern: ``criteria`` (the rules), ``scoring``, ``planning``,
``analysis``, ``rounds`` (the yearly round in the database), ``accounts``, ``db``, ``files``, ``reports``,
``i18n``, ``inputs`` (limits and checks on every user file) and ``cli``. None of them imports Streamlit.
"""

from parindex._lazy import attach

__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "criteria": ["CompiledSet", "compile_set", "load_criteria_set"],
        "scoring": ["Scores", "read_values", "score", "score_table"],
        "errors": ["InputError", "Problem"],
    },
)
