"""What-if scenarios: raw-value changes re-score everyone; links and saved scenarios are validated."""

from __future__ import annotations

import pytest

from parindex.accounts import Actor
from parindex.cli import main
from parindex.errors import InputError
from parindex.planning import (
    Scenario,
    ScenarioStore,
    apply,
    compare,
    decode,
    encode,
    field_differences,
    leaf_differences,
)
from tests.conftest import DATA, INDICATORS, compile_text, one_field_set, score_rows

LEAVES = """
- {id: "a", name: a, max: 60, source: reconstructed, rule: {kind: linear, measure: percent, zero_at: 0, full_at: 100}}
- {id: "b", name: b, max: 40, source: reconstructed, rule: {kind: yes_no}}
"""


@pytest.fixture(scope="module")
def scores():
    compiled = compile_text(one_field_set(LEAVES, 100))
    rows = [
        {"unit": "A", "unit_type": "so", "a": "100", "b": "có"},  # 100
        {"unit": "B", "unit_type": "so", "a": "50", "b": "có"},  # 70
        {"unit": "C", "unit_type": "so", "a": "90", "b": "không"},  # 54
    ]
    return score_rows(compiled, rows)


def test_a_change_moves_every_rank(scores):
    after = apply(scores, Scenario({"C": {"b": "có"}}))
    assert after.total.tolist() == pytest.approx([100, 70, 94])
    assert after.rank.tolist() == [1, 3, 2]
    table = compare(scores, after)
    assert table.loc[table["unit"] == "C", "rank_change"].item() == 1
    assert table.loc[table["unit"] == "B", "rank_change"].item() == -1
    diff = leaf_differences(scores, after, 2)
    assert diff["id"].tolist() == ["b"] and diff["difference"].tolist() == [40]
    assert field_differences(scores, after, 2)["difference"].tolist() == [40]
    assert scores.rank.tolist() == [1, 2, 3]  # the original is untouched


def test_values_are_read_like_an_import(scores):
    after = apply(scores, Scenario({"B": {"a": "87,5 %"}}))
    assert after.total[1] == pytest.approx(0.875 * 60 + 40)
    with pytest.raises(InputError) as caught:
        apply(scores, Scenario({"B": {"a": "120"}, "Z": {"a": "1"}, "C": {"zz": "1"}}))
    codes = sorted(p.code for p in caught.value.problems)
    assert codes == ["scenario_leaf", "scenario_unit", "value_percent_range"]


def test_link_round_trip_and_rejections(scores):
    scenario = Scenario({"C": {"b": "có", "a": "95"}}, name="Kịch bản thử")
    assert decode(encode(scenario), scores.compiled) == scenario
    for bad in ["", "!!!", encode(Scenario({"C": {"nope": "1"}})), "x" * 9000, "eyJuIjogMX0"]:
        with pytest.raises(InputError):
            decode(bad, scores.compiled)


def test_saved_scenarios(scores, tmp_path):
    store = ScenarioStore(tmp_path)
    saved = store.save(Scenario({"C": {"b": "có"}}, name="Đạt tốp 2"), "test", 2025, "so", Actor("lanh-dao", "leader"))
    assert saved.id.startswith("dat-top-2-")
    again = store.load(saved.id, scores.compiled)
    assert again.scenario == saved.scenario and again.year == 2025
    assert [s.id for s in store.list(scores.compiled, 2025)] == [saved.id]
    for bad in ["../etc/passwd", "KHÔNG", saved.id + "x"]:
        with pytest.raises(InputError):
            store.load(bad, scores.compiled)


def test_whatif_command(capsys):
    rules, data = str(INDICATORS / "vi-du-mau.yaml"), str(DATA / "vi-du-mau.csv")
    assert main(["whatif", "--rules", rules, "--data", data, "--unit", "Sở Tư pháp", "--set", "1.1.1=100"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Trước: 17,1965 điểm, chỉ số 85,98 %, hạng 3/4, xếp loại Tốt"
    assert out[1] == "Sau: 18,1965 điểm, chỉ số 90,98 %, hạng 2/4, xếp loại Tốt"
    assert main(["whatif", "--rules", rules, "--data", data, "--unit", "Sở Tư pháp", "--set", "1.1.1"]) == 2
