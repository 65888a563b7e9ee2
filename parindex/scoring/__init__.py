"""Scoring every unit at once: the value table, the score, the ranking, standing, targets and explanations.

A plain one-unit reference scorer lives here too; tests hold the vectorised scorer to it.
"""

from parindex._lazy import attach

__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "_explain": ["biggest_losses", "explain"],
        "_headings": ["column_heading", "with_codes", "with_headings"],
        "_pipeline": ["indicator_files", "load_compiled", "score_files", "score_table"],
        "_rank_change": ["common_leaves", "common_pairs", "decompose"],
        "_ranking": [
            "exact_index",
            "half_step",
            "index_steps",
            "lowest_for_rank",
            "rank_among",
            "rank_rows",
            "rank_within",
            "round_half_up",
            "step_at_or_above",
        ],
        "_leaf": ["leaf_points"],
        "_reference": ["rank_units", "score_unit"],
        "_score": ["Scores", "score"],
        "_standing": [
            "field_comparison",
            "field_leaders",
            "field_shares",
            "grade_counts",
            "peers_of",
            "rank_change",
            "unit_above",
            "unit_below",
        ],
        "_table": ["VECTORISED_FROM_ROWS", "ValueTable", "parse_table", "read_table", "read_values"],
        "_targets": [
            "entry_decimals",
            "headroom",
            "margin",
            "points_gap_to_rank",
            "rank_against",
            "ranked_peers",
            "required_index_at_least",
            "required_index_for_rank",
            "required_rounded_for_rank",
            "required_total_for_rank",
            "typed_value",
        ],
    },
)
