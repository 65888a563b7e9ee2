"""The national target on the planner page, and the province named from config.yaml on Cấp tỉnh."""

from __future__ import annotations

from tests.test_app import open_app


def test_planner_offers_a_national_top_k_target():
    at = open_app("vi", "pages/lo_trinh.py")
    at.radio(key="plan_kind").set_value("national").run()
    assert not at.exception, [e.value for e in at.exception]
    # the sample is for 2026: the latest published year before it is 2024
    assert any("P(top 10) ≥ 80 % năm 2024" in i.value for i in at.info)
    at.button(key="make_plan").click().run()
    assert not at.exception


def test_report_page_takes_the_province_chosen_in_the_app():
    at = open_app("vi", "pages/bao_cao.py")
    at.session_state["national_province"] = "Long An"
    at.radio(key="report_kind").set_value("brief").run()
    assert not at.exception, [e.value for e in at.exception]
