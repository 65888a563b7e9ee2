"""Validation of criteria-set YAML: every problem is found, with its file, line and path."""

from __future__ import annotations

import pytest

from parindex.criteria import load_criteria_set, parse_criteria_set
from parindex.errors import InputError
from tests.conftest import INDICATORS, one_field_set

EXAMPLE = (INDICATORS / "vi-du-mau.yaml").read_text(encoding="utf-8")


def line_of(text: str, fragment: str) -> int:
    """1-based line of the first line containing ``fragment``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(fragment)


def problems_of(text: str):
    with pytest.raises(InputError) as caught:
        parse_criteria_set(text, "bad.yaml")
    return caught.value.problems


def only(problems, code):
    found = [p for p in problems if p.code == code]
    assert found, f"no {code} in {[p.code for p in problems]}"
    return found[0]


def test_example_is_valid():
    cs = parse_criteria_set(EXAMPLE, "vi-du-mau.yaml")
    assert (len(cs.fields), len(cs.criteria), cs.sub_criteria_count, len(cs.leaves)) == (2, 3, 6, 7)
    assert cs.survey_max == 4
    assert [leaf.id for leaf in cs.bonus.items] == ["T1", "T2"] and cs.bonus.cap == 2
    assert cs.leaves[1].rule.measure == "ratio"
    assert cs.leaves[0].rule.bands[1].share == pytest.approx(0.5)


def test_unknown_key_is_rejected_with_its_line():
    text = EXAMPLE.replace("            evidence: Báo cáo", "            evidance: Báo cáo")
    problem = only(problems_of(text), "unknown_key")
    assert problem.line == line_of(text, "evidance:")
    assert problem.path == "fields[0].criteria[0].sub_criteria[0].evidance"
    assert problem.render("vi").startswith(f"bad.yaml:{problem.line}: ")
    assert "evidance" in problem.render("en") and "unknown key" in problem.render("en")


def test_children_must_add_up_to_parent():
    text = EXAMPLE.replace(
        "            max: 2\n            source: reconstructed\n            evidence",
        "            max: 2.5\n            source: reconstructed\n            evidence",
    )
    problems = problems_of(text)
    mismatch = only(problems, "sum_mismatch")
    assert mismatch.params["id"] == "1.1" and mismatch.params["actual"] == pytest.approx(7.5)
    assert mismatch.line == line_of(text, "        max: 7")


def test_rounding_within_tolerance_is_accepted():
    leaves = """
    - {id: "a", name: a, max: 0.3333, source: reconstructed, rule: {kind: yes_no}}
    - {id: "b", name: b, max: 0.3333, source: reconstructed, rule: {kind: yes_no}}
    - {id: "c", name: c, max: 0.3334, source: reconstructed, rule: {kind: yes_no}}
    """
    assert parse_criteria_set(one_field_set(leaves, 1), "ok.yaml").max_points == 1


def test_duplicate_ids_and_duplicate_keys():
    text = EXAMPLE.replace('id: "1.1.2"', 'id: "1.1.1"')
    problem = only(problems_of(text), "duplicate_id")
    assert problem.params["id"] == "1.1.1"
    text = EXAMPLE.replace("max_points: 20\n", "max_points: 20\nmax_points: 20\n")
    assert only(problems_of(text), "duplicate_key").line == line_of(text, "max_points") + 1


def test_bands_must_be_ordered_and_in_range():
    leaves = """
    - id: "a"
      name: a
      max: 1
      source: reconstructed
      rule:
        kind: bands
        measure: percent
        bands:
          - {at_least: 95, share: 50}
          - {at_least: 100, share: 100}
          - {at_least: 120, share: 10}
    """
    problems = problems_of(one_field_set(leaves, 1))
    codes = [p.code for p in problems]
    assert "band_order" in codes and "percent_range" in codes and "band_share_order" in codes


def test_mixed_band_directions_and_share_or_points():
    leaves = """
    - id: "a"
      name: a
      max: 1
      source: reconstructed
      rule:
        kind: bands
        measure: number
        bands:
          - {at_least: 5, share: 100, points: 1}
          - {at_most: 2, share: 50}
    """
    codes = {p.code for p in problems_of(one_field_set(leaves, 1))}
    assert {"band_direction", "share_or_points"} <= codes


def test_levels_must_not_be_empty_nor_repeat():
    empty = '- {id: "a", name: a, max: 1, source: reconstructed, rule: {kind: levels, levels: []}}'
    assert only(problems_of(one_field_set(empty, 1)), "empty_list").params["key"] == "levels"
    repeated = """
    - id: "a"
      name: a
      max: 1
      source: reconstructed
      rule: {kind: levels, levels: [{label: Tốt, share: 100}, {label: tốt, share: 50}]}
    """
    assert only(problems_of(one_field_set(repeated, 1)), "level_duplicate")


@pytest.mark.parametrize(
    ("rule", "code"),
    [
        ("{kind: yess_no}", "bad_choice"),
        ("{kind: linear, measure: percent, zero_at: 80, full_at: 80}", "linear_equal"),
        ("{kind: linear, zero_at: 0, full_at: 10}", "missing_key"),
        ("{kind: count, per_item: 0}", "expected_positive"),
        ("{kind: count, per_item: 0.5, cap: 3}", "cap_above_max"),
        ("{kind: deduction, per_violation: 0.5, floor: 1}", "floor_range"),
        ("{kind: manual, per_item: 1}", "unknown_key"),
        ("{kind: levels, levels: [{label: A, share: 120}]}", "share_range"),
        ("{kind: levels, levels: [{label: A, points: 2}]}", "points_range"),
    ],
)
def test_rule_problems(rule, code):
    leaf = f'- {{id: "a", name: a, max: 1, source: reconstructed, rule: {rule}}}'
    assert only(problems_of(one_field_set(leaf, 1)), code)


def test_grades_must_decrease():
    text = EXAMPLE.replace("{label: Khá, label_en: Fair, min: 65}", "{label: Khá, label_en: Fair, min: 85}")
    problem = only(problems_of(text), "grade_order")
    assert problem.line == line_of(text, "label: Khá")


def test_source_must_be_reconstructed_or_a_decision():
    text = EXAMPLE.replace("    max: 12\n    source: reconstructed", "    max: 12\n    source: reconstucted", 1)
    assert only(problems_of(text), "bad_source").line == line_of(text, "source: reconstucted")
    text = EXAMPLE.replace("    max: 12\n    source: reconstructed", "    max: 12", 1)
    assert only(problems_of(text), "missing_key").params["key"] == "source"


def test_declared_counts_are_checked():
    text = EXAMPLE.replace("criteria: 3,", "criteria: 4,")
    problem = only(problems_of(text), "count_mismatch")
    assert problem.params == {"key": "criteria", "expected": "4", "actual": "3"}


def test_criterion_needs_exactly_one_of_rule_or_sub_criteria():
    text = EXAMPLE.replace('        rule: {kind: yes_no}\n  - id: "2"', '\n  - id: "2"')
    assert only(problems_of(text), "criterion_shape")


def test_unquoted_ids_keep_their_text():
    leaf = "- {id: 1.10, name: a, max: 1, source: reconstructed, rule: {kind: yes_no}}"
    cs = parse_criteria_set(one_field_set(leaf, 1), "ok.yaml")
    assert cs.leaves[0].id == "1.10"


def test_yaml_syntax_error_has_a_line_and_no_traceback():
    text = EXAMPLE.replace("max_points: 20", "max_points: [20")
    problem = only(problems_of(text), "yaml_syntax")
    assert problem.line is not None and problem.file == "bad.yaml"


def test_every_problem_is_reported_at_once():
    text = (
        EXAMPLE.replace("evidence: Báo cáo", "evidance: Báo cáo")
        .replace("min: 65", "min: 85")
        .replace("unit_types: [so]", "unit_types: [sở]")
    )
    codes = {p.code for p in problems_of(text)}
    assert {"unknown_key", "grade_order", "bad_unit_type"} <= codes


def test_unreadable_file(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("name: Bộ".encode("utf-16"))
    with pytest.raises(InputError) as caught:
        load_criteria_set(path)
    assert caught.value.problems[0].code == "not_utf8"


def test_text_is_normalised_to_nfc():
    decomposed = EXAMPLE.replace("Cải cách thủ tục hành chính", "Cải cách thủ tục hành chính".encode().decode())
    import unicodedata

    decomposed = unicodedata.normalize("NFD", decomposed)
    cs = parse_criteria_set(decomposed, "nfd.yaml")
    assert cs.fields[0].name == unicodedata.normalize("NFC", "Cải cách thủ tục hành chính")


def test_yaml_references_and_deep_nesting_are_refused_quickly():
    bomb = "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefg", "bcdefgh", strict=True)
    )
    assert "yaml_alias" in {p.code for p in problems_of(bomb)}
    assert only(problems_of("id: " + "[" * 3000 + "]" * 3000), "yaml_syntax")
