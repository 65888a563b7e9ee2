"""Every page opens in both languages without an exception, and shows the core's numbers."""

from __future__ import annotations

import os

import pytest
from streamlit.testing.v1 import AppTest

from parindex.accounts import Actor
from parindex.i18n import format_number, format_pct
from parindex.scoring import score_files
from tests.conftest import DATA, INDICATORS, ROOT, signed_in_state

PAGES = [
    "pages/tong_quan.py",
    "pages/ho_so.py",
    "pages/mo_phong.py",
    "pages/cap_tinh.py",
    "pages/bo_tieu_chi.py",
    "pages/nhap_du_lieu.py",
]
STAFF = Actor("kiem-thu", "appraiser")
SAMPLE = DATA / "sample" / "so-2025-so-2026.csv"


@pytest.fixture(scope="module")
def core_scores():
    scores, _ = score_files(INDICATORS / "so-2025.yaml", SAMPLE)
    return scores


def open_app(lang: str = "vi", page: str | None = None, role: str | None = "admin", **params: str) -> AppTest:
    """The app as ``role``'s test account sees it (None: signed out), opened at ``page`` with ``params``."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    if role is not None:
        at.session_state["auth"] = signed_in_state(role)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    if page is not None:  # open the page directly, as a shared link does
        at.switch_page(page)
    at.run()
    return at


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens(page, lang):
    at = open_app(lang, page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"


def test_overview_numbers_match_the_core(core_scores):
    at = open_app("vi")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Số đơn vị"] == str(len(core_scores))
    assert metrics["Cao nhất"] == format_pct(float(core_scores.index.max()))
    ranking = at.dataframe[0].value
    first = ranking.iloc[0]
    best = core_scores.row_of(first["Đơn vị"])
    assert first["Hạng"] == 1 == core_scores.rank[best]
    assert first["Chỉ số"] == format_pct(float(core_scores.index[best]))
    assert "Dữ liệu mẫu" in at.info[0].value


def test_overview_in_english():
    at = open_app("en")
    assert {"Units", "Mean index"} <= {m.label for m in at.metric}
    assert "Rank" in at.dataframe[0].value.columns


def test_profile_shows_the_core_rank_and_index(core_scores):
    row = int((core_scores.rank == 3).nonzero()[0][0])
    unit = str(core_scores.units["unit"][row])
    at = open_app("vi", "pages/ho_so.py", unit=unit)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Chỉ số"] == format_pct(float(core_scores.index[row]))
    assert metrics["Hạng"] == f"3/{len(core_scores)}"


def test_empty_state_points_to_import():
    at = open_app("vi", set="tinh-876-2022", year="2022", type="tinh")
    assert not at.exception
    assert any("Chưa có số liệu năm 2022" in i.value for i in at.info)


def test_criteria_page_lists_every_field():
    at = open_app("vi", "pages/bo_tieu_chi.py", set="tinh-876-2022", year="2022", type="tinh")
    labels = [e.label for e in at.expander]
    assert sum(1 for label in labels if label[:2] in {f"{i}." for i in range(1, 9)}) == 8


def test_whatif_change_moves_the_rank_as_the_core_says(core_scores):
    from parindex.planning import Scenario, apply, encode

    row = int((core_scores.rank == 6).nonzero()[0][0])
    unit = str(core_scores.units["unit"][row])
    at = open_app("vi", "pages/mo_phong.py", unit=unit)
    assert {m.label: m.value for m in at.metric}["Hạng"] == f"6/{len(core_scores)}"
    # raise every rate of this unit to 100 % and compare with the core's own what-if (a rate moves on a
    # select_slider whose stops are shown as "99,4 %")
    changes = {}
    for slider in at.select_slider:
        if slider.value < 100:
            slider.set_value(100.0)
            changes[slider.label.split(" · ")[0]] = "100"
    assert changes
    at.run()
    expected = apply(core_scores, Scenario({unit: changes}))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Hạng"] == f"{int(expected.rank[row])}/{len(core_scores)}"
    assert metrics["Chỉ số"] == format_pct(float(expected.index[row]))
    # the same scenario opened from a link shows the same result
    linked = open_app("vi", "pages/mo_phong.py", scenario=encode(Scenario({unit: changes})))
    assert not linked.exception
    assert {m.label: m.value for m in linked.metric}["Chỉ số"] == format_pct(float(expected.index[row]))


def test_a_damaged_scenario_link_gets_a_message():
    at = open_app("vi", "pages/mo_phong.py", scenario="bm90LWpzb24")
    assert not at.exception
    assert any("kịch bản không hợp lệ" in e.value for e in at.error)


def test_national_page_marks_the_partial_table_and_gives_a_rank_range():
    # the year is the sidebar's (one "Năm" selector); every province of the year can be chosen
    at = open_app("vi", "pages/cap_tinh.py", set="tinh-876-2022", year="2023", type="tinh")
    assert not at.exception
    assert any("Bảng một phần" in w.value for w in at.warning)
    assert not [s for s in at.selectbox if s.key == "national_year"]
    assert len(at.selectbox(key="national_province").options) == 63
    at.selectbox(key="national_province").set_value("TP Hồ Chí Minh").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Hạng chắc chắn"] == "30–41"  # published 33rd; only 14 provinces of 2023 are known
    at.selectbox(key="national_province").set_value("Long An").run()  # not in the partial table
    assert not at.exception and "Hạng chắc chắn" in {m.label for m in at.metric}


def test_national_page_after_2025_offers_34_provinces_and_a_merged_province_history():
    at = open_app("vi", "pages/cap_tinh.py", set="so-2025", year="2025", type="so")
    assert not at.exception
    province = at.selectbox(key="national_province")
    assert len(province.options) == 34 and "Long An" not in province.options
    province.set_value("Tây Ninh").run()
    assert any("Long An" in c.value for c in at.caption)
    assert any("chưa có kết quả" in i.value for i in at.info)


@pytest.mark.parametrize("target", [5, 8])
def test_planner_plan_opens_in_whatif_and_reaches_its_target(core_scores, target):
    from parindex.planning import Target, plan

    row = int((core_scores.rank == 12).nonzero()[0][0])
    unit = str(core_scores.units["unit"][row])
    expected = plan(core_scores, row, Target(rank=target))
    at = open_app("vi", "pages/lo_trinh.py", unit=unit)
    at.number_input(key="plan_rank").set_value(target)
    at.button(key="make_plan").click().run()
    assert not at.exception
    assert at.success and f"Đạt hạng {target}" in at.success[0].value
    assert f"tổng nỗ lực {format_number(expected.total_cost, None)} bước" in at.success[0].value  # effort has a unit
    assert any(c.value.startswith("**Cách tính:** với mỗi tiêu chí đơn vị tự cải thiện được") for c in at.caption)
    checklist = next(d.value for d in at.dataframe if "Nỗ lực (bước)" in d.value.columns)
    assert checklist["Nỗ lực (bước)"].tolist() == [format_number(s.cost, None) for s in expected.steps]
    at.button(key="open_whatif").click().run()
    assert not at.exception and at.title[0].value == "Mô phỏng"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Hạng"] == f"{expected.new_rank}/{len(core_scores)}"  # exactly the plan's result, not rounded off
    assert metrics["Chỉ số"] == format_pct(expected.new_index)


def test_a_not_applicable_value_in_a_link_is_shown_as_such(core_scores):
    from parindex.planning import Scenario, encode

    unit = str(core_scores.units["unit"][0])
    at = open_app("vi", "pages/mo_phong.py", scenario=encode(Scenario({unit: {"1.4.1": "KAD", "1.5.1": "2"}})))
    assert not at.exception
    assert any("1.4.1" in c.value and "không áp dụng" in c.value for c in at.caption)


def test_saved_scenario_names_cannot_inject_markdown():
    from ui.markdown import escape_markdown

    # brackets escaped, and a word joiner after ":" so Streamlit does not auto-link the address
    assert escape_markdown("Kịch bản](https://x.example) [x") == "Kịch bản\\](https\\:\u2060//x.example) \\[x"


def test_save_then_compare_scenarios(tmp_path, monkeypatch, core_scores):
    import streamlit as st
    import yaml

    config = tmp_path / "config.yaml"
    config.write_text(
        yaml.safe_dump(
            {"indicators_dir": str(INDICATORS), "sample_dir": str(DATA / "sample"), "data_dir": str(tmp_path)}
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("PARINDEX_CONFIG", str(config))
    st.cache_resource.clear()
    try:
        unit = str(core_scores.units["unit"][5])
        for name, value in (("Kịch bản một", 99.0), ("Kịch bản hai", 100.0)):
            at = open_app("vi", "pages/mo_phong.py", unit=unit)
            at.select_slider[0].set_value(value).run()
            at.text_input(key="scenario_name").input(name)
            at.button[-1].click().run()
            assert not at.exception
            assert any(name in t.value for t in at.toast)
        saved = sorted(p.name for p in (tmp_path / "scenarios").glob("*.json"))
        assert len(saved) == 2 and saved[0].startswith("kich-ban-")
        at = open_app("vi", "pages/mo_phong.py", unit=unit)
        at.multiselect(key="compare").set_value([p[:-5] for p in saved]).run()
        table = at.dataframe[-1].value
        assert sorted(table["Tên kịch bản"]) == ["Kịch bản hai", "Kịch bản một"]
    finally:
        monkeypatch.delenv("PARINDEX_CONFIG")
        st.cache_resource.clear()


@pytest.fixture(scope="module")
def seeded_database():
    """The app's test database with the sample rounds (the same figures as the sample files)."""
    from parindex.cli import main

    assert main(["db", "upgrade", "--seed"]) == 0


def test_scoring_page_shows_the_round_and_the_core_result(seeded_database, core_scores):
    at = open_app("vi", "pages/cham_diem.py")
    assert not at.exception
    assert at.selectbox(key="round").value is not None
    unit = at.selectbox(key="score_unit").value
    row = core_scores.row_of(unit)
    expected = f"chỉ số {format_pct(float(core_scores.index[row]))}, hạng {int(core_scores.rank[row])}"
    assert any(expected in c.value for c in at.caption)
    board = next(d.value for d in at.dataframe if "Số tiêu chí" in d.value.columns)
    assert board["Số tiêu chí"].iloc[0] == len(core_scores.compiled.leaves)


def test_a_saved_change_reaches_the_pages(seeded_database, core_scores):
    """Round data is cached between reruns; a save (an audit record) must still show at once."""
    from sqlalchemy import select

    from parindex import db
    from parindex.db import Round, Unit
    from parindex.planning import Scenario, apply
    from parindex.rounds import set_value, unit_entries

    engine = db.make_engine(os.environ["PARINDEX_DATABASE_URL"])
    row = int((core_scores.rank == 1).nonzero()[0][0])
    unit_name = str(core_scores.units["unit"][row])

    def save(value: str | None = None) -> str:
        with db.sessions(engine).begin() as session:
            round_ = session.scalar(select(Round).where(Round.year == 2026, Round.set_id == "so-2025"))
            unit = session.scalar(select(Unit).where(Unit.name == unit_name))
            old = unit_entries(session, round_, unit, STAFF)["1.1.1"].self_value
            set_value(session, round_, unit, "1.1.1", value or ("không" if old == "có" else "có"), STAFF)
            return old

    at = open_app("vi", "pages/ho_so.py", unit=unit_name)
    before = {m.label: m.value for m in at.metric}["Chỉ số"]
    original = save()
    try:
        at = open_app("vi", "pages/ho_so.py", unit=unit_name)  # a new page load; the caches are shared
        changed = apply(core_scores, Scenario({unit_name: {"1.1.1": "không" if original == "có" else "có"}}))
        shown = {m.label: m.value for m in at.metric}["Chỉ số"]
        assert shown == format_pct(float(changed.index[row])) != before
    finally:
        save(original)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_reports_page_offers_each_report(lang, core_scores):
    at = open_app(lang, "pages/bao_cao.py")
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == {"vi": "Báo cáo", "en": "Reports"}[lang]
    assert len(at.get("download_button")) == 1
    for kind in ("unit", "brief"):
        at.radio(key="report_kind").set_value(kind).run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.selectbox(key="unit").value in core_scores.units["unit"].tolist()
        assert at.number_input(key="report_target").value >= 1
        assert len(at.get("download_button")) == 1
