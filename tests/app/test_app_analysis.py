"""The Phân tích page opens in both languages and shows what the core computes."""

from __future__ import annotations

import re

import numpy as np
import pytest

from parindex.analysis import AppraisalAdjustments, Uncertainty, simulate
from parindex.scoring import score_files
from tests.app.test_app import open_app
from tests.conftest import DATA, INDICATORS, create_accounts

PAGE = "pages/phan_tich.py"

from parindex.accounts import Actor  # noqa: E402

STAFF = Actor.system("kiem-thu")


def table_with(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_analysis_page_opens_with_every_section(lang):
    at = open_app(lang, PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == ("Phân tích" if lang == "vi" else "Analysis")
    tabs = [tab.label for tab in at.tabs]
    expected = (
        [
            "Nhóm đơn vị",
            "Yếu tố quyết định",
            "Độ bất định thứ hạng",
            "Tự chấm vs thẩm định",
            "Thay đổi qua các năm",
            "So sánh toàn quốc",
        ]
        if lang == "vi"
        else [
            "Groups of units",
            "Drivers",
            "Rank uncertainty",
            "Self-assessment vs appraisal",
            "Change across years",
            "National comparison",
        ]
    )
    assert tabs == expected
    median = "Hạng trung vị" if lang == "vi" else "Median rank"
    assert len(table_with(at, median)) == 20
    assert len(at.get("download_button")) >= 8  # every chart offers its table


TECHNICAL = (
    "k-means",
    "silhouette",
    "PCA",
    "Pearson",
    "Sobol",
    "Saltelli",
    "COINr",
    "Monte Carlo",
    "permutation",
    "hạt giống",
)


def bare_terms(text: str) -> list[str]:
    """Technical names standing outside brackets: each may only follow the plain words, in brackets."""
    found = []
    for term in TECHNICAL:
        for match in re.finditer(re.escape(term), text, re.IGNORECASE):
            before = text[: match.start()]
            if before.count("(") <= before.count(")"):
                found.append(term)
    return found


def test_bare_terms_finds_a_name_outside_brackets():
    assert bare_terms("chia quanh điểm giữa (k-means), bản đồ (phân tích thành phần chính, PCA)") == []
    assert bare_terms("độ tách silhouette 0,4") == ["silhouette"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_method_says_how_it_is_computed_in_plain_words(lang):
    at = open_app(lang, PAGE)
    assert not at.exception, [e.value for e in at.exception]
    label = "**Cách tính:**" if lang == "vi" else "**How it is computed:**"
    notes = [c.value for c in at.caption if c.value.startswith(label)]
    # groups, map, correlation, drivers, uncertainty, sensitivity, self-assessment, after appraisal, change, national
    assert len(notes) == 10, notes
    assert any("k-means" in n and "silhouette" in n for n in notes) and any("Sobol" in n for n in notes)
    shown = [e.value for kind in ("caption", "markdown", "info", "warning", "success") for e in at.get(kind)]
    shown += [r.label for r in at.radio] + [o for r in at.radio for o in r.options]
    assert [(t, term) for t in shown for term in bare_terms(t)] == []


def test_uncertainty_table_is_the_core_result():
    scores, _ = score_files(INDICATORS / "so-2025.yaml", DATA / "sample" / "so-2025-so-2026.csv")
    model = Uncertainty(appraisal=AppraisalAdjustments.default(scores.compiled), respondents=30.0)
    expected = simulate(scores, model, runs=5000, seed=0).table(10)
    at = open_app("vi", PAGE)
    shown = table_with(at, "Hạng trung vị")
    assert shown["Đơn vị"].tolist() == expected["unit"].tolist()
    assert shown["Hạng trung vị"].tolist() == expected["median_rank"].tolist()
    assert shown["Hạng 5 %"].tolist() == expected["rank_p5"].tolist()
    assert shown["Hạng 95 %"].tolist() == expected["rank_p95"].tolist()
    # with every source switched off, every interval collapses to the rank
    at.toggle(key="mc_appraisal").set_value(False)
    at.toggle(key="mc_survey").set_value(False).run()
    assert not at.exception
    shown = table_with(at, "Hạng trung vị")
    assert np.array_equal(shown["Hạng"], shown["Hạng trung vị"]) and np.array_equal(
        shown["Hạng 5 %"], shown["Hạng 95 %"]
    )
    assert any("không có (mọi hạng giữ nguyên)" in m.value for m in at.markdown)


def test_groups_change_and_national_sections():
    at = open_app("vi", PAGE)
    groups = table_with(at, "Đặc điểm")
    assert groups["Số đơn vị"].sum() == 20 and groups["Nhóm"].iloc[0] == "Nhóm 1"
    change = table_with(at, "Số bậc tăng")
    parts = ["Điểm của chính đơn vị", "Các đơn vị khác thay đổi", "Bộ tiêu chí thay đổi", "Danh sách đơn vị thay đổi"]
    assert (change[parts].sum(axis=1) == change["Số bậc tăng"]).all()
    at.selectbox(key="bench_province").set_value("TP Hồ Chí Minh")
    at.selectbox(key="bench_region").set_value("Đông Nam Bộ").run()
    national = table_with(at, "Trung bình vùng").set_index("Năm")
    assert national.loc[2023, "Hạng"] == "33/63" and national.loc[2023, "Trung bình vùng"] == "87,79 %"
    assert national.loc[2023, "Bảng"] == "một phần"
    assert any("bảng một phần" in w.value for w in at.warning)


@pytest.fixture
def appraised_database(tmp_path, monkeypatch):
    """A database of its own where the 2025 round of departments has a few appraisal cuts."""
    from parindex import db
    from parindex.analysis import appraisal_pairs
    from parindex.criteria import model as m
    from parindex.rounds import ensure_unit, import_table, open_round, round_set, set_value
    from parindex.scoring import read_values
    from ui import resources

    url = f"sqlite:///{tmp_path / 'appraised.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    with db.sessions(engine).begin() as session:
        round_ = open_round(session, 2025, INDICATORS / "so-2025.yaml", STAFF)
        compiled = round_set(round_)
        table = read_values(DATA / "sample" / "so-2025-so-2025.csv", compiled)
        import_table(session, round_, table, STAFF)
        yes_no = [leaf.id for leaf in compiled.leaves if leaf.rule.kind == m.YES_NO][:3]
        for name in table.units["unit"][:8]:
            unit = ensure_unit(session, name, "so")
            for leaf_id in yes_no:
                set_value(session, round_, unit, leaf_id, "không", STAFF, stage="appraisal1", compiled=compiled)
        expected = appraisal_pairs(session, STAFF, set_id="so-2025", unit_type="so")
    engine.dispose()
    create_accounts(url)
    monkeypatch.setenv("PARINDEX_DATABASE_URL", url)
    resources.engine.clear()  # the app's engine is cached per process: make it read this database
    yield expected
    resources.engine.clear()


def test_overclaim_section_with_appraised_rounds(appraised_database):
    from parindex.analysis import by_leaf

    expected = by_leaf(appraised_database)
    assert expected["over"].sum() > 0
    at = open_app("vi", PAGE, set="so-2025", year="2026", type="so")
    assert not at.exception, [e.value for e in at.exception]
    assert not any("Chưa có kỳ đánh giá nào có cả" in i.value for i in at.info)
    leaves = table_with(at, "Số lượt tự chấm cao hơn")
    assert leaves["Tiêu chí thành phần"].tolist() == expected["leaf_id"].tolist()
    assert leaves["Chênh lệch TB (điểm)"].tolist() == expected["mean_gap"].round(4).tolist()
    units = table_with(at, "Số tiêu chí bị trừ")
    assert set(units["Năm"]) == {2025} and units["Chênh lệch (điểm)"].iloc[0] > 0
    years = table_with(at, "Chênh lệch TB mỗi đơn vị (điểm)")
    assert years["Năm"].tolist() == [2025] and years["Số đơn vị"].tolist() == [8]
    assert any(f"học từ {len(appraised_database)} lượt" in c.value for c in at.caption)
    assert any("Tự chấm hạng 1 → sau thẩm định nhiều khả năng hạng" in m.value for m in at.markdown)
