"""One truth everywhere: every place a unit's figures appear shows the core's figures of that round, by unit.

The oracle is the core itself: a round's effective values scored with its frozen set
(:func:`parindex.rounds.round_values` read as an administrator, then :func:`parindex.scoring.score`).
The database holds, for sở and xã, an open round, an appraised round (open, with appraisals that move
ranks away from the sample files) and a published round. For each of the five roles and each place —
Tổng quan, Hồ sơ đơn vị, Mô phỏng's and Lộ trình's starting points, Phân tích, Cấp tỉnh, the round
export, the annex (xlsx and PDF), the unit report, the leader's brief, the command line — the place shows
exactly the core's index, rank, grade (and field points where it shows them) for each unit, matched by
the unit's name, or shows none of the round where the role may not read it yet.
"""

from __future__ import annotations

import io
import re
import unicodedata

import numpy as np
import openpyxl
import pandas as pd
import pypdf
import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from parindex import db
from parindex.accounts import ROLE_PAGES, Actor, may_read_unpublished
from parindex.criteria import model as m
from parindex.db import Round
from parindex.files import neutralise, values_by_unit
from parindex.i18n import format_number, format_pct, t
from parindex.reports import summary_lines
from parindex.rounds import round_set, round_values
from parindex.scoring import Scores, rank_change, round_half_up, score, with_codes
from tests.app import test_publication as publication
from tests.app.test_publication import APPRAISED_UNITS, KEYS, OFFICER_NAME, PUBLISHED, STAFF
from tests.conftest import ACCOUNTS, INDICATORS, ROOT, signed_in_state

world = publication.world  # the seeded database (module scope), shared with the regression tests
downloads = publication.downloads  # what each download button would send

ROLES = ("admin", "appraiser", "unit_officer", "leader", "viewer")


def role_actor(role: str) -> Actor:
    return Actor(ACCOUNTS[role], role, unit_id=1 if role == "unit_officer" else None)


def may_see(role: str, key_name: str) -> bool:
    """The rule under test, stated plainly: published rounds for everyone, open ones for staff and leaders."""
    return key_name in PUBLISHED or role in ("admin", "appraiser", "leader")


# ------------------------------------------------------------------ the oracle


@pytest.fixture(scope="module")
def oracle(world) -> dict[str, tuple[Scores, pd.DataFrame, int]]:
    """Per key: the core's scores of that round and unit type, its values as typed (by unit), and the round id."""
    _, engine = world
    found = {}
    with db.sessions(engine)() as session:
        for name, (set_id, year, unit_type) in KEYS.items():
            round_ = session.scalar(select(Round).where(Round.set_id == set_id, Round.year == year))
            compiled = round_set(round_)
            table = round_values(session, round_, STAFF, compiled)
            scores = score(compiled, table.values, table.units).of_type(unit_type)
            found[name] = (scores, values_by_unit(table), round_.id)
    return found


def test_the_appraisals_really_move_the_round_away_from_the_sample_file(oracle):
    """Otherwise a page that still read the sample file would pass the checks below by luck."""
    from parindex.scoring import score_files
    from tests.conftest import DATA

    sample, _ = score_files(INDICATORS / "so-2025.yaml", DATA / "sample" / "so-2025-so-2026.csv")
    scores = oracle["so-2026-appraised"][0]
    for name in APPRAISED_UNITS:
        assert scores.index[scores.row_of(name)] < sample.index[sample.row_of(name)]
    assert not np.array_equal(scores.rank, sample.rank)


# ------------------------------------------------------------------ reading the app


def open_page(url: str, role: str, page: str, key: tuple[str, int, str], **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    at.session_state["auth"] = signed_in_state(role, url)
    set_id, year, unit_type = key
    at.query_params.update({"set": set_id, "year": str(year), "type": unit_type, **params})
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def elements(at: AppTest) -> list:
    found = []

    def walk(node) -> None:
        found.append(node)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return found


def chart_frames(at: AppTest) -> list[pd.DataFrame]:
    """The data of every Altair chart on the page, as the browser receives it."""
    import pyarrow as pa

    frames = []
    for element in elements(at):
        if getattr(element, "type", "") == "vega_lite_chart":
            for dataset in element.proto.datasets:
                frames.append(pa.ipc.open_stream(dataset.data.data).read_all().to_pandas())
    return frames


def all_text(at: AppTest) -> str:
    """Everything the page wrote as text, table or chart data: where a withheld figure would show."""
    parts = []
    for element in elements(at):
        value = getattr(element, "value", None)
        if isinstance(value, pd.DataFrame):
            parts.append(value.to_csv())
        elif isinstance(value, str):
            parts.append(value)
        if getattr(element, "type", "") in ("metric",):
            parts.append(f"{element.label} {element.value}")
    parts += [frame.to_csv() for frame in chart_frames(at)]
    return "\n".join(parts)


def withheld_message(key: tuple[str, int, str]) -> str:
    """The page's explanation for a round the role may not read yet (unit type in Vietnamese)."""
    return t("ui.round_withheld", "vi", year=key[1], type=m.UNIT_TYPES[key[2]][0])


def assert_shows_nothing(at: AppTest, scores: Scores, key: tuple[str, int, str]) -> None:
    """The round's key shows the explanation and not one unit name or figure of it."""
    assert withheld_message(key) in [i.value for i in at.info]
    assert not at.metric and not at.dataframe and not chart_frames(at)
    text = all_text(at)
    for unit in scores.units["unit"]:
        assert unit not in text


def assert_not_allowed(at: AppTest) -> None:
    assert [x.value for x in at.title] == ["Không có quyền truy cập"]
    assert not at.metric and not at.dataframe and not chart_frames(at)


def default_unit(scores: Scores) -> str:
    """The officer's own unit where it is in the data (an appraised one); else the unit ranked third."""
    if OFFICER_NAME in scores.units["unit"].tolist():
        return OFFICER_NAME
    return str(scores.units["unit"].to_numpy()[scores.ranking_order()[2]])


def pct(value: float) -> str:
    return format_pct(float(value))


def num(value: float) -> str:
    return format_number(float(value), 2)


# ------------------------------------------------------------------ the pages


def check_overview(at, scores: Scores, previous: Scores | None, previous_year: int | None) -> None:
    table = at.dataframe[0].value.set_index("Đơn vị")
    assert sorted(table.index) == sorted(scores.units["unit"])
    change = rank_change(scores, previous)
    change_column = f"Thay đổi hạng so với {previous_year if previous_year else '—'}"
    for row, unit in enumerate(scores.units["unit"]):
        shown = table.loc[unit]
        assert shown["Hạng"] == scores.rank[row], unit
        assert shown["Chỉ số"] == pct(scores.index[row]), unit
        assert shown["Xếp loại"] == scores.grade(row), unit
        assert shown["Tổng điểm"] == num(scores.total[row]), unit
        moved = change[unit]
        expected = (
            "—" if np.isnan(moved) else ("=" if moved == 0 else ("▲ " if moved > 0 else "▼ ") + str(abs(int(moved))))
        )
        assert shown[change_column] == expected, unit
    heat = next(f for f in chart_frames(at) if "share" in f.columns)
    fields = [f.id for f in scores.compiled.criteria_set.fields]
    for row, unit in enumerate(scores.units["unit"]):
        shares = heat[heat["unit"] == unit].set_index("field")["share"]
        expected = scores.field_points[row] / scores.field_max[row] * 100
        assert np.allclose(shares[fields].to_numpy(), expected, rtol=0, atol=1e-9), unit


def check_profile(at, scores: Scores, unit: str) -> None:
    row = scores.row_of(unit)
    metrics = {x.label: x.value for x in at.metric}
    peers = int((scores.units["unit_type"] == scores.units["unit_type"][row]).sum())
    assert metrics["Chỉ số"] == pct(scores.index[row])
    assert metrics["Hạng"] == f"{scores.rank[row]}/{peers}"
    assert metrics["Xếp loại"] == (scores.grade(row) or "—")
    assert metrics["Tổng điểm"].startswith(num(scores.total[row]) + " / ")
    fields = next(f for f in chart_frames(at) if "field_id" in f.columns)
    own = fields[fields["series"] == "Đơn vị"].set_index("field_id")["points"]
    ids = [f.id for f in scores.compiled.criteria_set.fields]
    assert np.allclose(own[ids].to_numpy(), scores.field_points[row], rtol=0, atol=1e-9)


def check_whatif_start(at, scores: Scores, unit: str) -> None:
    row = scores.row_of(unit)
    metrics = {x.label: x.value for x in at.metric}
    assert metrics["Hạng"] == f"{scores.rank[row]}/{len(scores)}"
    assert metrics["Chỉ số"] == pct(scores.index[row])


def check_planner_start(at, scores: Scores, unit: str) -> None:
    row = scores.row_of(unit)
    figures = {"rank": int(scores.rank[row]), "count": len(scores), "index": pct(scores.index[row])}
    expected = t("ui.planner_now", "vi", grade=scores.grade(row) or "—", **figures)
    assert expected in [c.value for c in at.caption]


PAGE_OF = {"overview": "tong_quan", "profile": "ho_so", "whatif": "mo_phong", "planner": "lo_trinh"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("place", list(PAGE_OF))
def test_pages_show_the_core_figures_of_the_round_or_nothing(world, oracle, role, place):
    url, _ = world
    page = PAGE_OF[place]
    for key_name, key in KEYS.items():
        scores = oracle[key_name][0]
        unit = default_unit(scores)
        at = open_page(url, role, page, key, unit=unit)
        if page not in ROLE_PAGES[role]:
            assert_not_allowed(at)
            return  # the same refusal for every key
        if not may_see(role, key_name):
            assert_shows_nothing(at, scores, key)
            continue
        if role == "unit_officer" and OFFICER_NAME not in scores.units["unit"].tolist() and place != "overview":
            assert t("ui.own_unit_not_here", "vi") in [i.value for i in at.info]
            assert not at.metric
            continue
        if place == "overview":
            previous_name = previous_key(role, key_name)
            previous = oracle[previous_name][0] if previous_name else None
            check_overview(at, scores, previous, KEYS[previous_name][1] if previous_name else None)
        elif place == "profile":
            check_profile(at, scores, unit)
        elif place == "whatif":
            check_whatif_start(at, scores, unit)
        else:
            check_planner_start(at, scores, unit)


def previous_key(role: str, key_name: str) -> str | None:
    """The earlier year of the same unit type the role may see (never an unpublished round it may not read)."""
    _, year, unit_type = KEYS[key_name]
    earlier = [n for n, k in KEYS.items() if k[2] == unit_type and k[1] < year and may_see(role, n)]
    return max(earlier, key=lambda n: KEYS[n][1], default=None)


@pytest.mark.parametrize("role", ROLES)
def test_analysis_uses_the_round_and_its_previous_round(world, oracle, role):
    url, _ = world
    key_name = "so-2026-appraised"
    scores = oracle[key_name][0]
    at = open_page(url, role, "phan_tich", KEYS[key_name])
    if "phan_tich" not in ROLE_PAGES[role]:
        assert_not_allowed(at)
        return
    assert may_read_unpublished(role_actor(role))  # every role with this page reads open rounds
    tables = {tuple(d.value.columns[:2]): d.value for d in at.dataframe}
    uncertain = tables[("Hạng", "Đơn vị")].set_index("Đơn vị")
    for unit, rank in uncertain["Hạng"].items():
        assert rank == scores.rank[scores.row_of(unit)], unit
    change = tables[("Đơn vị", "Hạng 2025")].set_index("Đơn vị")
    before = oracle["so-2025-published"][0]
    for unit, shown in change.iterrows():
        assert shown["Hạng 2026"] == scores.rank[scores.row_of(unit)], unit
        assert shown["Hạng 2025"] == before.rank[before.row_of(unit)], unit


@pytest.mark.parametrize("role", ROLES)
def test_the_national_page_shows_no_unit_figure(world, oracle, role):
    url, _ = world
    at = open_page(url, role, "cap_tinh", KEYS["so-2026-appraised"])
    if "cap_tinh" not in ROLE_PAGES[role]:
        assert_not_allowed(at)
        return
    text = all_text(at)
    for scores, _, _ in oracle.values():
        for unit in scores.units["unit"]:
            assert unit not in text


# ------------------------------------------------------------------ files: round export, annex, reports


def check_round_export(data: bytes, scores: Scores, values: pd.DataFrame) -> None:
    """Every row of the export carries its own unit's result and its own unit's values as stored; it is headed in
    words, and the codes are found again from them."""
    frame = pd.read_excel(io.BytesIO(data), dtype=object, keep_default_na=False)
    assert list(frame.columns[:2]) == ["Đơn vị", "Loại đơn vị"] and "Chỉ số (%)" in frame.columns
    frame = with_codes(frame, scores.compiled)
    frame = frame[frame["unit_type"] == scores.units["unit_type"].iloc[0]].set_index("unit")
    assert sorted(frame.index) == sorted(scores.units["unit"])
    by_unit = values.set_index("unit")
    fields = scores.compiled.criteria_set.fields
    for row, unit in enumerate(scores.units["unit"]):
        shown = frame.loc[unit]
        assert shown["rank"] == scores.rank[row], unit
        assert shown["index_pct"] == pytest.approx(scores.index[row]), unit
        assert shown["grade"] == scores.grade(row), unit
        for j, field in enumerate(fields):
            assert shown[f"field_{field.id}"] == pytest.approx(round(scores.field_points[row, j], 4)), unit
        for leaf_id in scores.compiled.column_ids:
            assert str(shown[leaf_id]) == str(neutralise(by_unit.loc[unit, leaf_id])), (unit, leaf_id)


@pytest.mark.parametrize("role", ROLES)
def test_the_round_export_joins_results_and_values_by_unit(world, oracle, role, downloads):
    url, _ = world
    for key_name, key in KEYS.items():
        scores, values, round_id = oracle[key_name]
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
        at.session_state["auth"] = signed_in_state(role, url)
        at.session_state["round"] = round_id
        at.switch_page("pages/cham_diem.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        name = f"ky-danh-gia-{key[1]}-{key[0]}.xlsx"
        if "cham_diem" not in ROLE_PAGES[role]:
            assert_not_allowed(at)
            return
        if not may_read_unpublished(role_actor(role)):  # the officer: no board, no export of every unit
            assert name not in downloads
            continue
        check_round_export(downloads.pop(name)(), scores, values)


def pdf_lines(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(unicodedata.normalize("NFC", page.extract_text()) for page in reader.pages)
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]


def check_annex_xlsx(data: bytes, scores: Scores) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(min_row=11, max_row=10 + len(scores), values_only=True))
    assert sorted(r[1] for r in rows) == sorted(scores.units["unit"])
    n_fields = len(scores.compiled.criteria_set.fields)
    for rank, unit, *rest in rows:
        row = scores.row_of(unit)
        assert rank == scores.rank[row], unit
        assert rest[-2] == pytest.approx(scores.index[row]), unit
        assert rest[-1] == scores.grade(row), unit
        assert rest[:n_fields] == pytest.approx(list(round_half_up(scores.field_points[row], 2))), unit


def check_annex_pdf(data: bytes, scores: Scores) -> None:
    lines = pdf_lines(data)
    for row, unit in enumerate(scores.units["unit"]):
        points = " ".join(num(v) for v in round_half_up(scores.field_points[row], 2))
        expected = f"{scores.rank[row]} {unit} {points}"
        line = next((x for x in lines if x.startswith(expected)), None)
        assert line is not None, expected
        assert line.endswith(f"{num(scores.index[row])} {scores.grade(row)}"), line


def check_unit_pdf(data: bytes, scores: Scores, unit: str, lines: int = 2) -> None:
    """The report's summary (the brief prints its first line): index, rank, grade and parts of that unit."""
    text = " ".join(pdf_lines(data))
    for line in summary_lines(scores, scores.row_of(unit), "vi")[:lines]:
        assert re.sub(r"\s+", " ", line) in text


@pytest.mark.parametrize("role", ROLES)
def test_reports_carry_the_core_figures_of_the_round_or_nothing(world, oracle, role, downloads):
    url, _ = world
    for key_name, key in KEYS.items():
        scores, _, _ = oracle[key_name]
        unit = default_unit(scores)
        at = open_page(url, role, "bao_cao", key, unit=unit)
        if "bao_cao" not in ROLE_PAGES[role]:
            assert_not_allowed(at)
            return
        if not may_see(role, key_name):
            assert_shows_nothing(at, scores, key)
            assert not downloads
            continue
        check_annex_xlsx(downloads.pop(f"phu-luc-{key[1]}.xlsx")(), scores)
        at.button_group(key="report_format").set_value("pdf").run()
        check_annex_pdf(downloads.pop(f"phu-luc-{key[1]}.pdf")(), scores)
        for kind in ("unit", "brief"):
            at.radio(key="report_kind").set_value(kind).run()
            assert not at.exception
            name = next(n for n in downloads if n.startswith({"unit": "bao-cao-", "brief": "tom-tat-"}[kind]))
            check_unit_pdf(downloads.pop(name)(), scores, unit, 2 if kind == "unit" else 1)


# ------------------------------------------------------------------ the command line (the operator: every round)


@pytest.mark.parametrize("key_name", list(KEYS))
def test_the_command_line_prints_the_core_figures_of_the_round(world, oracle, key_name, tmp_path, capsys, monkeypatch):
    from parindex.cli import main

    url, _ = world
    monkeypatch.setenv("PARINDEX_DATABASE_URL", url)
    scores, _, _ = oracle[key_name]
    set_id, year, unit_type = KEYS[key_name]
    rules = str(INDICATORS / f"{set_id}.yaml")
    assert main(["score", "--round-year", str(year), "--rules", rules]) == 0
    printed = with_codes(pd.read_csv(io.StringIO(capsys.readouterr().out)), scores.compiled)
    printed = printed[printed["unit_type"] == unit_type].set_index("unit")
    assert sorted(printed.index) == sorted(scores.units["unit"])
    fields = scores.compiled.criteria_set.fields
    for row, unit in enumerate(scores.units["unit"]):
        assert printed.loc[unit, "rank"] == scores.rank[row]
        assert printed.loc[unit, "index_pct"] == pytest.approx(scores.index[row])
        assert printed.loc[unit, "grade"] == scores.grade(row)
        for j, field in enumerate(fields):
            assert printed.loc[unit, f"field_{field.id}"] == pytest.approx(round(scores.field_points[row, j], 4))
    annex = tmp_path / "phu-luc.xlsx"
    assert main(["report", "annex", "--round-year", str(year), "--rules", rules, "--out", str(annex)]) == 0
    check_annex_xlsx(annex.read_bytes(), scores)
    annex_pdf = tmp_path / "phu-luc.pdf"
    assert main(["report", "annex", "--round-year", str(year), "--rules", rules, "--out", str(annex_pdf)]) == 0
    check_annex_pdf(annex_pdf.read_bytes(), scores)
    unit = default_unit(scores)
    for kind in ("unit", "brief"):
        out = tmp_path / f"{kind}.pdf"
        assert (
            main(["report", kind, "--round-year", str(year), "--rules", rules, "--unit", unit, "--out", str(out)]) == 0
        )
        check_unit_pdf(out.read_bytes(), scores, unit, 2 if kind == "unit" else 1)
