"""The criteria set (bộ tiêu chí): the model, reading it from YAML, compiling it into arrays, and its rule kinds.

Also the province's decision table (read and written), the guidance wording, the comparison of two sets,
and how a raw value is read and a rule is described in words.
"""

from parindex._lazy import attach

__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "_compiled": ["CompiledSet", "KindBlock", "compile_set", "score_leaf"],
        "_decision_export": ["export_appendix", "rule_signature"],
        "_decision_table": [
            "EDITABLE",
            "apply_review",
            "build_import",
            "import_decision",
            "preview_leaf",
            "read_decision",
            "review_frame",
            "set_info_from",
        ],
        "_describe": ["applied_step", "describe_rule", "input_hint", "points_ladder"],
        "_diff": ["diff_sets", "match_leaves", "summary"],
        "_guidance": ["guidance_words", "parse_guidance", "vn_number"],
        "_loader": ["load_criteria_set", "parse_criteria_set", "rule_from_mapping"],
        "_read": ["parse_value"],
        "_value_columns": ["clean_column", "read_cells", "read_column"],
        "_values": [
            "BLANK",
            "Blank",
            "CellError",
            "MAX_COUNT",
            "clean_text",
            "fold",
            "parse_number",
            "parse_percent",
            "parse_whole",
        ],
        "kinds": ["InputCheck", "KINDS", "RuleKind", "kind_of"],
        "model": ["UNIT_TYPES"],
    },
)
