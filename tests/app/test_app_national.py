"""The national target on the planner page, and the province named from config.yaml on Cấp tỉnh."""

from __future__ import annotations

from tests.app.test_app import open_app


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


def test_a_province_draft_gives_a_range_an_estimate_and_survives_a_reload():
    import os

    from parindex import db
    from parindex.accounts import actor_for
    from parindex.rounds import save_draft
    from tests.conftest import ACCOUNTS

    def keep(entries: dict) -> None:
        engine = db.make_engine(os.environ["PARINDEX_DATABASE_URL"])
        with db.sessions(engine).begin() as session:
            admin = actor_for(session, ACCOUNTS["admin"])
            save_draft(session, admin, "Tỉnh Long An", "tinh", "tinh-876-2022", 2023, entries)
        engine.dispose()

    keep({})  # start from an empty draft, whatever an earlier run left
    params = {"set": "tinh-876-2022", "year": "2023", "type": "tinh"}
    at = open_app("vi", "pages/cap_tinh.py", **params)
    at.selectbox(key="national_province").set_value("Long An").run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Khoảng chỉ số"] == "0,00 % – 100,00 %" and metrics["Ô trống"] == "88/88"
    # a draft saved earlier by the same user (as the page's button does) is there after a reload
    keep({"3.3.1": "99,7", "5.1.1": "có"})
    at = open_app("vi", "pages/cap_tinh.py", **params)
    at.selectbox(key="national_province").set_value("Long An").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Ô trống"] == "86/88" and metrics["Ước tính"] != "0,00 %"
    assert any("ước tính từ bản nháp" in c.value for c in at.caption)


def test_cap_tinh_plans_from_the_draft_to_the_top_10_index_and_offers_the_brief():
    import os

    from parindex import db
    from parindex.accounts import actor_for
    from parindex.rounds import save_draft
    from tests.conftest import ACCOUNTS
    from tests.planning.test_province_draft import FIGURES

    engine = db.make_engine(os.environ["PARINDEX_DATABASE_URL"])
    with db.sessions(engine).begin() as session:
        admin = actor_for(session, ACCOUNTS["admin"])
        save_draft(session, admin, "Tỉnh Long An", "tinh", "tinh-876-2022", 2023, FIGURES)
    engine.dispose()
    at = open_app("vi", "pages/cap_tinh.py", set="tinh-876-2022", year="2023", type="tinh")
    at.selectbox(key="national_province").set_value("Long An").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("83 ô trống ở giá trị ước tính (chỉ số 81,77 %)" in c.value for c in at.caption)
    at.button(key="national_make_plan").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("cần chỉ số ít nhất 88,73 %" in i.value for i in at.info)
    summary = [s.value for s in at.success]
    assert any(s.startswith("Đạt chỉ số 88,73 % với") for s in summary) and not any("hạng" in s for s in summary)
    at.run()  # a rerun (another widget touched) keeps the plan shown
    assert any("cần chỉ số ít nhất 88,73 %" in i.value for i in at.info)


def test_a_draft_saved_meanwhile_from_another_window_is_shown_not_replaced():
    """Two windows of the same person on the same draft: the one drawn before the other's save is refused when
    it saves its own edits, and the draft keeps the other window's figures."""
    import os

    from parindex import db
    from parindex.accounts import actor_for
    from parindex.rounds import load_draft, save_draft
    from tests.conftest import ACCOUNTS

    engine = db.make_engine(os.environ["PARINDEX_DATABASE_URL"])
    key = ("Tỉnh Long An", "tinh", "tinh-876-2022", 2023)

    def with_admin(write):
        with db.sessions(engine).begin() as session:
            return write(session, actor_for(session, ACCOUNTS["admin"]))

    with_admin(lambda session, admin: save_draft(session, admin, *key, {}))  # start from an empty draft
    at = open_app("vi", "pages/cap_tinh.py", set="tinh-876-2022", year="2023", type="tinh")
    at.selectbox(key="national_province").set_value("Long An").run()
    editor = next(e for e in at.data_editor if (e.key or "").startswith("draft_"))
    at.session_state[editor.key] = {
        "edited_rows": {editor.value["id"].tolist().index("5.1.1"): {"value": "có"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    with_admin(lambda session, admin: save_draft(session, admin, *key, {"3.3.1": "99,7"}))  # the other window
    at.button(key="draft_save").click().run()
    assert not at.exception
    assert any("Chưa lưu" in e.value and "cửa sổ khác" in e.value for e in at.error)
    assert with_admin(lambda session, admin: load_draft(session, admin, *key)) == {"3.3.1": "99,7"}
    at.button(key="draft_save").click().run()  # the page now shows that draft (with this window's edit): saved
    assert not at.exception and not at.error
    saved = with_admin(lambda session, admin: load_draft(session, admin, *key))
    assert saved["3.3.1"] == "99,7" and saved["5.1.1"] == "có"
    engine.dispose()
