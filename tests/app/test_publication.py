"""Publication and joins by unit: regressions for the round export and for unpublished rankings.

Each test here failed before the fix: the round export paired a rank-sorted result table with values in
database order (each row carried another unit's values); an open round's key showed the sample file's
ranking to viewers and unit officers (and a file uploaded in the browser could replace a round); a
previous-year comparison used the sample file of a year whose round the viewer may not read; the annex
and the what-if comparison matched rows by name alone or by position.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from parindex import db
from parindex.accounts import Actor
from parindex.criteria import model as m
from parindex.db import Round, Unit
from parindex.i18n import format_pct
from parindex.rounds import publish, round_set, round_values, set_value
from parindex.scoring import read_values, score, with_codes
from tests.conftest import DATA, INDICATORS, OFFICER_UNIT, ROOT, create_accounts, signed_in_state
from ui import resources

STAFF = Actor.system("kiem-thu")
OFFICER_NAME = OFFICER_UNIT[0]
# (set id, year, unit type) → the round's state in the seeded database
KEYS = {
    "so-2025-published": ("so-2025", 2025, "so"),
    "so-2026-appraised": ("so-2025", 2026, "so"),
    "xa-2025-open": ("xa-2025", 2025, "xa"),
    "xa-2026-published": ("xa-2025", 2026, "xa"),
}
PUBLISHED = {"so-2025-published", "xa-2026-published"}
APPRAISED_UNITS = (OFFICER_NAME, "Sở Tài chính")  # their appraisals move them away from the sample file


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A database seeded like `make run`, then: 2025 sở and 2026 xã published, 2026 sở appraised, 2025 xã open."""
    from parindex.cli import main

    url = f"sqlite:///{tmp_path_factory.mktemp('oracle') / 'app.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PARINDEX_DATABASE_URL", url)
        assert main(["db", "upgrade", "--seed"]) == 0
        create_accounts(url)
        engine = db.make_engine(url)
        with db.sessions(engine).begin() as session:
            rounds = {(r.set_id, r.year): r for r in session.scalars(select(Round))}
            appraised = rounds[("so-2025", 2026)]
            compiled = round_set(appraised)
            yes_no = [leaf.id for leaf in compiled.columns if leaf.rule.kind == m.YES_NO][:3]
            for name in APPRAISED_UNITS:
                unit = session.scalar(select(Unit).where(Unit.name == name, Unit.unit_type == "so"))
                for leaf_id in yes_no:
                    set_value(session, appraised, unit, leaf_id, "không", STAFF, stage="appraisal1", compiled=compiled)
            publish(session, rounds[("so-2025", 2025)], STAFF)
            publish(session, rounds[("xa-2025", 2026)], STAFF)
        resources.engine.clear()  # the app's engine is cached per process: make it read this database
        yield url, engine
        engine.dispose()
    resources.engine.clear()


@pytest.fixture
def downloads(monkeypatch) -> dict:
    """What each download button would send, by file name: the deferred builders the page registered."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    captured: dict = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        captured[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return captured


def open_page(url: str, role: str, page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    at.session_state["auth"] = signed_in_state(role, url)
    at.query_params.update(params)
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def core(engine, set_id: str, year: int, unit_type: str):
    """The core's scores and values of the round (read with every right)."""
    with db.sessions(engine)() as session:
        round_ = session.scalar(select(Round).where(Round.set_id == set_id, Round.year == year))
        compiled = round_set(round_)
        table = round_values(session, round_, STAFF, compiled)
        return score(compiled, table.values, table.units).of_type(unit_type), table, round_.id


# ------------------------------------------------------------------ the round export (blocker)


def test_the_round_export_puts_every_value_on_its_own_units_row(world, downloads):
    """Sở Tài chính's row carried Văn phòng UBND tỉnh's values: rows were paired by position, not by unit."""
    url, engine = world
    scores, table, round_id = core(engine, "so-2025", 2026, "so")
    assert not np.array_equal(scores.ranking_order(), np.arange(len(scores)))  # rank order ≠ database order
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    at.session_state["auth"] = signed_in_state("appraiser", url)
    at.session_state["round"] = round_id
    at.switch_page("pages/cham_diem.py")
    at.run()
    assert not at.exception
    data = downloads["ky-danh-gia-2026-so-2025.xlsx"]()
    exported = pd.read_excel(io.BytesIO(data), dtype=object, keep_default_na=False)
    exported = with_codes(exported, scores.compiled).set_index("unit")
    stored = {str(name): row for name, row in zip(table.units["unit"], table.raw.to_dict("records"), strict=True)}
    for unit, row in exported.iterrows():
        assert row["rank"] == scores.rank[scores.row_of(unit)], unit
        for leaf_id, raw in stored[unit].items():
            assert str(row[leaf_id]).removeprefix("'") == str(raw), (unit, leaf_id)
    back = read_values(data, scores.compiled, "ky-danh-gia.xlsx")  # the export imports again as a values file
    for unit, row in zip(back.units["unit"], back.raw.to_dict("records"), strict=True):
        assert row == stored[unit], unit


# ------------------------------------------------------------------ unpublished rankings (major)


@pytest.mark.parametrize("role", ["viewer", "unit_officer"])
def test_an_open_round_shows_no_ranking_to_roles_that_may_not_read_it(world, role):
    """Viewers and unit officers saw Sở Tư pháp 87,92 %, rank 8 from the sample file while the round was open."""
    url, engine = world
    scores, _, _ = core(engine, "so-2025", 2026, "so")
    at = open_page(url, role, "tong_quan", set="so-2025", year="2026", type="so")
    assert not at.dataframe and not at.metric
    shown = " ".join(x.value for x in [*at.markdown, *at.caption, *at.info])
    assert "chưa công bố" in shown
    assert not any(unit in shown for unit in scores.units["unit"])


def test_the_leader_and_the_viewer_never_see_two_different_figures(world):
    """After appraisal the leader saw 87,17 % / rank 9 and the viewer still 87,92 % / 8 (the sample file)."""
    url, engine = world
    scores, _, _ = core(engine, "so-2025", 2026, "so")
    row = scores.row_of(OFFICER_NAME)
    leader = open_page(url, "leader", "ho_so", set="so-2025", year="2026", type="so", unit=OFFICER_NAME)
    assert {x.label: x.value for x in leader.metric}["Chỉ số"] == format_pct(float(scores.index[row]))
    viewer = open_page(url, "viewer", "ho_so", set="so-2025", year="2026", type="so", unit=OFFICER_NAME)
    assert not viewer.metric


def test_a_previous_year_comparison_skips_a_round_the_viewer_may_not_read(world):
    """xã 2026 is published, xã 2025 still open: the viewer's rank change must not come from the 2025 sample."""
    url, _ = world
    at = open_page(url, "viewer", "tong_quan", set="xa-2025", year="2026", type="xa")
    table = at.dataframe[0].value
    change = [c for c in table.columns if c.startswith("Thay đổi hạng")]
    assert change == ["Thay đổi hạng so với —"]
    assert set(table[change[0]]) == {"—"}


def test_an_uploaded_file_never_replaces_a_round(world):
    """A leader's upload for 2026 sở is checked and previewed, but the round stays the source of the figures."""
    url, engine = world
    scores, _, _ = core(engine, "so-2025", 2026, "so")
    at = open_page(url, "leader", "nhap_du_lieu", set="so-2025", year="2026", type="so")
    sample = (DATA / "sample" / "so-2025-so-2026.csv").read_bytes()
    at.file_uploader(key="values_upload").upload("so-2026.csv", sample).run()
    assert not at.exception
    assert not [b for b in at.button if b.key == "use_data"]
    assert any("đã có kỳ đánh giá" in w.value for w in at.warning)
    overview = open_page(url, "leader", "ho_so", set="so-2025", year="2026", type="so", unit=OFFICER_NAME)
    row = scores.row_of(OFFICER_NAME)
    assert {x.label: x.value for x in overview.metric}["Hạng"] == f"{scores.rank[row]}/{len(scores)}"


def test_a_file_kept_in_the_tab_from_before_does_not_stand_in_for_a_round(world):
    """An import the tab already holds (say, made before the round opened) is ignored for the round's key."""
    from parindex.rounds import Dataset

    url, _ = world
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    at.session_state["auth"] = signed_in_state("viewer", url)
    content = (DATA / "sample" / "so-2025-so-2026.csv").read_bytes()
    at.session_state["imports"] = [Dataset("so-2025", 2026, "so", content=content, filename="cu.csv", imported=True)]
    at.query_params.update({"set": "so-2025", "year": "2026", "type": "so"})
    at.switch_page("pages/tong_quan.py")
    at.run()
    assert not at.exception
    assert not at.dataframe and not at.metric


# ------------------------------------------------------------------ joins by unit in the core


def test_the_annex_matches_units_by_name_and_type():
    """Two unit types may have a unit of the same name (the database allows it); each row carries its own figures."""
    import dataclasses

    from parindex.reports import annex_tables
    from parindex.scoring import load_compiled
    from tests.conftest import score_rows

    compiled = load_compiled(INDICATORS / "vi-du-mau.yaml")
    compiled = _two_types(compiled)
    rows = [_row("Văn phòng", "so", "99,7"), _row("Sở Tư pháp", "so", "50"), _row("Văn phòng xã", "xa", "10")]
    scored = score_rows(compiled, rows)
    units = scored.units.replace({"unit": {"Văn phòng xã": "Văn phòng"}})  # a values file refuses the repeat
    scores = dataclasses.replace(scored, units=units)
    tables = annex_tables(scores)
    for unit_type, frame in tables.items():
        for record in frame.itertuples():
            same = (scores.units["unit"] == record.unit) & (scores.units["unit_type"] == unit_type)
            row = int(np.flatnonzero(same.to_numpy())[0])
            assert record.index_pct == scores.index[row], (unit_type, record.unit)


def _two_types(compiled):
    import dataclasses

    from parindex.criteria import compile_set

    criteria_set = dataclasses.replace(compiled.criteria_set, unit_types=("so", "xa"))
    return compile_set(criteria_set)


def _row(unit: str, unit_type: str, first: str) -> dict:
    from tests.rounds.test_rounds import VALUES

    return {"unit": unit, "unit_type": unit_type, **VALUES, "1.1.1": first}


def test_the_whatif_comparison_joins_units_by_name():
    """Results ``after`` in another row order must still be compared unit by unit."""
    from parindex.planning import compare
    from parindex.scoring import load_compiled
    from tests.conftest import score_rows

    compiled = load_compiled(INDICATORS / "vi-du-mau.yaml")
    rows = [_row("A", "so", "99,7"), _row("B", "so", "50"), _row("C", "so", "10")]
    before = score_rows(compiled, rows)
    after = score_rows(compiled, rows[::-1])
    frame = compare(before, after).set_index("unit")
    assert (frame["index_before"] == frame["index_after"]).all()
    assert (frame["rank_change"] == 0).all()
