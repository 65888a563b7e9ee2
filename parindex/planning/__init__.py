"""What-if and planning: scenarios (and their saved copies), effort costs, and the least-effort planner."""

from parindex._lazy import attach

__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "_costs": ["CostModel", "DEFAULT_STEP_COSTS", "LeafCost", "TableEntry", "load_costs", "parse_costs"],
        "_national_target": ["national_goal", "plan_national", "province_draft", "survey_means", "unit_province"],
        "_planner": [
            "Option",
            "Plan",
            "PlanError",
            "PlanOptions",
            "Target",
            "apply_plan",
            "competitors_by",
            "competitors_moving",
            "effort_curve",
            "leaf_options",
            "linear_segment",
            "plan",
            "unit_options",
        ],
        "_scenario_store": ["ScenarioStore"],
        "_scenarios": ["Scenario", "apply", "compare", "decode", "encode", "field_differences", "leaf_differences"],
    },
)
