"""Analysis across units and years: groups, drivers, rank uncertainty, over-claiming and the national results."""

from parindex._lazy import attach

__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "_benchmark": ["province_benchmark"],
        "_data": ["appraisal_pairs", "points_of", "round_uncertainty_inputs"],
        "_drivers": ["correlation_pairs", "field_correlations", "top_drivers"],
        "_groups": ["find_groups", "pca_map"],
        "_national": [
            "NationalData",
            "group_of",
            "load_national",
            "national_name",
            "official_name",
            "others_without",
            "rank_range",
            "read_results",
        ],
        "_national_rank": [
            "check_request",
            "comparison_year",
            "expected_summary",
            "history_of",
            "index_for_top",
            "known_years",
            "national_rank",
            "own_index",
            "own_row",
            "rank_for",
            "rank_interval",
            "year_facts",
            "year_units",
        ],
        "_overclaim": ["after_appraisal", "after_appraisal_text", "by_leaf", "by_unit", "by_year"],
        "_uncertainty": [
            "AppraisalAdjustments",
            "DEFAULT_CUT_CHANCE",
            "DEFAULT_CUT_SHARE",
            "DEFAULT_RESPONDENTS",
            "MAX_RUNS",
            "Uncertainty",
            "describe",
            "expected_cut",
            "learn_adjustments",
            "sensitivity",
            "simulate",
        ],
    },
)
