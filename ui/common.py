"""Streamlit glue shared by every page: cached loading, the sidebar choice, text and number helpers.

Nothing here decides a rule of the index; it reads widgets, calls :mod:`parindex`, and renders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import quote

import streamlit as st
from sqlalchemy.orm import Session

from parindex.accounts import AccessDenied, Actor, may_read_unpublished, may_see_page
from parindex.criteria import CompiledSet
from parindex.criteria import model as m
from parindex.db import sessions
from parindex.errors import InputError
from parindex.i18n import format_number, format_pct
from parindex.rounds import (
    Catalog,
    Dataset,
    RoundReader,
    RoundSources,
    RoundVersions,
    Withheld,
    compile_frozen,
    list_rounds,
    load_catalog,
    round_key,
    round_source,
)
from parindex.scoring import Scores, ValueTable, score_table
from ui.address import from_url, write_url
from ui.markdown import NO_VALUE, Md, escape_markdown, lang, tr
from ui.navigation import page_script
from ui.resources import ROOT, engine, settings
from ui.running import ENTRY_PASS, show_confirmations, show_problems

if TYPE_CHECKING:  # altair is imported by the pages that draw, not by the sign-in page
    import altair as alt
    import pandas as pd

VEGA_LOCALE_VI = {"number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]}}


@st.cache_resource(show_spinner=False)
def base_catalog() -> Catalog:
    """Criteria sets and sample datasets, loaded once for every session."""
    return load_catalog(settings().indicators_dir, settings().sample_dir)


def criteria_set_name(set_id: str) -> str:
    """A criteria set as a person knows it: its name in the chosen language, then its code in brackets (the code
    alone where no installed set has it)."""
    compiled = base_catalog().sets.get(set_id)
    return f"{compiled.criteria_set.label(lang())} ({set_id})" if compiled is not None else set_id


@st.cache_resource(show_spinner=False)
def _round_versions(database: str) -> RoundVersions:
    return RoundVersions()


@st.cache_resource(show_spinner=False)
def _round_reader(database: str) -> RoundReader:
    """Every round's values kept for the whole process, patched after a save (:class:`parindex.rounds.RoundReader`)."""
    return RoundReader(engine())


# A round's old versions are never asked for again: the entries needed are about three per round (who may read
# open rounds, who may not, signed out). Each entry holds the round's table: ≈ 5 MB for a commune round patched
# after a save (its texts shared with the version before), ≈ 100 MB read whole; 256 entries let a busy day of
# saves on a national round grow the server by more than a gigabyte.
@st.cache_resource(show_spinner=False, max_entries=48)
def _round_source(
    database: str, round_id: int, version: int, with_open: bool, signed: bool, _session: Session, _actor: Actor | None
) -> RoundSources:
    """One round as this class of user sees it, rebuilt only when that round changed (``version``).

    Saving a cell of one round leaves every other round's cached values alone. Everyone who may
    read open rounds shares one copy and everyone else another (``with_open``), never across; the
    rule of what a round withholds is the core's (:func:`parindex.rounds.round_source`).
    """
    from parindex.db import Round

    return round_source(_session, _session.get(Round, round_id), _actor, _round_reader(database))


def read_rounds_ahead() -> None:
    """Every round read into the process's round reader, from the warm-up thread (:func:`ui.server_warm_up.warm_up`);
    nothing is returned or shown."""
    reader = _round_reader(engine().url.render_as_string(hide_password=True))
    with sessions(engine())() as session:
        for round_ in list_rounds(session):
            reader.prefetch(round_)


def round_version(session: Session, round_id: int) -> int:
    """A number that changes whenever the round (or a unit) changed: the key of anything cached for one round."""
    return _round_versions(engine().url.render_as_string(hide_password=True)).of_round(session, round_id)


def _cached_round(
    session: Session, actor: Actor | None, round_id: int, versions: dict[int | None, int], database: str
) -> RoundSources:
    return _round_source(
        database,
        round_id,
        round_key(versions, round_id),
        may_read_unpublished(actor),
        actor is not None,
        session,
        actor,
    )


def round_sources_for(session: Session, actor: Actor | None) -> RoundSources:
    """Every round as ``actor`` may see it, each from the per-round cache."""
    database = engine().url.render_as_string(hide_password=True)
    versions = _round_versions(database).current(session)
    return RoundSources.joined(
        _cached_round(session, actor, round_.id, versions, database) for round_ in list_rounds(session)
    )


def round_unit_result(
    session: Session, round_id: int, unit_name: str, unit_type: str, actor: Actor
) -> tuple[Scores, int]:
    """:func:`parindex.rounds.unit_result` from the per-round cache the sidebar fills: the round is read and
    scored again only after it changed, not on every run of the page that shows one unit's result.

    Raises as that function does: ``AccessDenied`` before the actor may read the round, ``KeyError`` while the
    unit has no result (the round still has blank cells, or no values of the unit), ``InputError``.
    """
    database = engine().url.render_as_string(hide_password=True)
    sources = _cached_round(session, actor, round_id, _round_versions(database).current(session), database)
    dataset = next((d for d in sources.datasets if d.unit_type == unit_type), None)
    if dataset is None:
        if any(w.unit_type == unit_type and w.reason == "unpublished" for w in sources.withheld):
            raise AccessDenied("read_unpublished")
        raise KeyError(unit_name)
    scores, _ = scored(dataset)
    return scores, scores.row_of(unit_name, unit_type)


def signed_in() -> Actor | None:
    """The actor ``app.py`` checked on this run (None when signed out)."""
    return st.session_state.get("actor")


def catalog() -> Catalog:
    """The shared catalog, the rounds the signed-in user may read, and what this browser tab imported.

    The core decides what a round withholds from this user; an import never replaces a round (see
    :meth:`parindex.rounds.Catalog.with_import`).
    """
    actor = signed_in()
    with sessions(engine())() as session:
        rounds = round_sources_for(session, actor)
    result = base_catalog().with_rounds(rounds.datasets, rounds.withheld)
    for dataset in st.session_state.get("imports", []):
        result = result.with_import(dataset)
    return result


@st.cache_resource(show_spinner=False, max_entries=64)
def _scored(
    set_id: str, filename: str, digest: str, _dataset: Dataset, set_yaml: str | None = None
) -> tuple[Scores, ValueTable]:
    compiled = compile_frozen(set_yaml, set_id) if set_yaml else base_catalog().sets[set_id]
    table = _dataset.values(compiled)
    return score_table(compiled, table), table


def scored(dataset: Dataset) -> tuple[Scores, ValueTable]:
    """Scores of the dataset's units of its unit type, cached by its values (raises InputError for a broken file)."""
    scores, table = _scored(dataset.set_id, dataset.filename, dataset.digest(), dataset, dataset.set_yaml)
    keep = (table.units["unit_type"] == dataset.unit_type).to_numpy()
    if keep.all():
        return scores, table
    subset = ValueTable(
        table.units[keep].reset_index(drop=True),
        table.values[keep],
        table.raw[keep].reset_index(drop=True),
        table.survey_missing[keep],
    )
    return scores.of_type(dataset.unit_type), subset


def on_phone() -> bool:
    """Whether the browser says it is a phone ("Mobi" in its User-Agent, as browsers recommend checking)."""
    return "Mobi" in (st.context.headers.get("User-Agent") or "")


def key_column_config(rank: str, unit: str, index: str, grade: str) -> dict[str, object]:
    """Rank, unit, index and grade pinned at the left; on a phone (390 px) narrow enough to be seen without
    scrolling sideways, on a wider screen with room for a unit's whole name."""
    unit_width = 136 if on_phone() else "large"
    return {
        rank: st.column_config.NumberColumn(width=44, pinned=True),
        unit: st.column_config.TextColumn(width=unit_width, pinned=True),
        index: st.column_config.TextColumn(width=72, pinned=True),
        grade: st.column_config.TextColumn(width=76, pinned=True),
    }


def show_table(frame: pd.DataFrame, headers: dict[str, str], **options: object) -> None:
    """The columns of ``frame`` named in ``headers``, in that order and under their translated headers, as a
    full-width table without the index. ``options`` go to ``st.dataframe`` (a ``column_config`` is keyed by
    the translated headers, as the user sees them)."""
    shown = frame[list(headers)].rename(columns=headers)
    st.dataframe(shown, **{"hide_index": True, "width": "stretch", **options}, placeholder=NO_VALUE)


def how_computed(key: str, **params: object) -> None:
    """The short "Cách tính" note under a method: how it works in plain words (message ``key``), a technical
    name at most in brackets after them, so a council member can follow what a figure means."""
    st.caption(tr("ui.how_computed", text=tr(key, **params)))


def page_link_markdown(label: str, page: str, query: str) -> Md:
    """A Markdown link to one of the app's own pages; ``label`` is shown as text and ``query`` (already
    URL-encoded) is percent-encoded again where needed, so nothing in it can end the link or add one."""
    return Md(f"[{escape_markdown(label)}]({quote(page)}?{quote(query, safe='=&%+')})")


def num(value: float, decimals: int | None = 2) -> str:
    return format_number(value, decimals, lang())


def pct(value: float, decimals: int = 2) -> str:
    return format_pct(value, decimals, lang())


def localised(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Vietnamese number format on chart axes and tooltips."""
    return chart.configure(locale=VEGA_LOCALE_VI) if lang() == "vi" else chart


def unit_type_name(code: str) -> str:
    names = m.UNIT_TYPES.get(code, (code, code))
    return names[1] if lang() == "en" else names[0]


def through_entry_point(page_id: str) -> View | None:
    """The sidebar's choice, making sure the page runs inside ``app.py``.

    A page shows nothing unless ``app.py`` allowed it in this very run, or (in a run that skipped
    ``app.py``, see :func:`_again_through_app`) the tab has its view and a signed-in user whose role has
    the page. Any other run is started again through ``app.py`` (sign-in, the role's menu), still at
    the page in the link.
    """
    if not st.session_state.pop(ENTRY_PASS, False) and not _allowed_here(page_id):
        _again_through_app(page_id)
    return st.session_state["view"]


def _again_through_app(page_id: str) -> NoReturn:
    """Start this run again through ``app.py``, at the same address: for the first visits after a server start.

    Streamlit (1.67) decides once per server process whether the app is a legacy ``pages/``-folder app:
    ``PagesManager.uses_pages_directory`` starts True when a ``pages/`` folder stands next to the entry
    script (streamlit/runtime/pages_manager.py), and while it is, a run executes ``_mpa_v1``, which runs the
    address's script from the folder (streamlit/runtime/scriptrunner/script_runner.py): a first visit to
    ``/ho_so`` runs ``pages/ho_so.py`` alone, without ``app.py``. No configuration option changes that; only ``st.navigation`` does, for
    every session: "As soon as any session of your app executes the st.navigation command, your app will
    ignore the pages/ directory" (its documentation; streamlit/commands/navigation.py). So this run calls
    ``st.navigation`` with its own page, at the same address, and reruns: from then on ``app.py`` runs
    first, for everyone. As in Streamlit's legacy run, ``app.py`` is the default page ("/"): were the
    linked page the only, hence default, page, the browser would show Streamlit's "Page not found" pop-up.
    """
    entry = st.Page(ROOT / "app.py", default=True)
    st.navigation([entry, st.Page(page_script(page_id), url_path=page_id)], position="hidden")
    st.rerun()


def _allowed_here(page_id: str) -> bool:
    """For a run that skipped ``app.py``: the tab already chose its view and its signed-in user may see the page."""
    from ui.auth_forms import current_actor

    if "view" not in st.session_state:
        return False
    actor = current_actor()
    st.session_state["actor"] = actor
    return may_see_page(actor, page_id)


@dataclass(frozen=True)
class View:
    """The sidebar's choice: one criteria set, year and unit type (and the dataset, if any)."""

    compiled: CompiledSet
    year: int
    unit_type: str
    dataset: Dataset | None
    withheld: Withheld | None = None  # a round owns this key and shows this user no figure of it


def withheld_notice(view: View) -> bool:
    """Say why a round's key shows no figure (not yet published, or still being scored); True if it did."""
    if view.withheld is None:
        return False
    key = "ui.round_withheld" if view.withheld.reason == "unpublished" else "ui.round_pending"
    st.info(tr(key, year=view.year, type=unit_type_name(view.unit_type)), icon=":material/lock_clock:")
    return True


def sample_banner(dataset: Dataset | None) -> None:
    if dataset is not None and dataset.sample:
        cat = base_catalog()
        province = cat.province_en if lang() == "en" and cat.province_en else cat.province
        st.info(tr("ui.sample_banner", province=province or "—"), icon=":material/science:")
    elif dataset is not None and dataset.imported:
        st.caption(tr("ui.imported_banner", file=dataset.filename))


def open_page(title_key: str, page_id: str) -> View | None:
    """Enter page ``page_id`` through ``app.py`` (see :func:`through_entry_point`) and show its title, and what
    the previous run saved (:func:`confirmed`; a run may skip ``app.py``, never this)."""
    view = through_entry_point(page_id)
    show_confirmations()
    st.title(tr(title_key))
    return view


def viewed_page(title_key: str, page_id: str) -> View:
    """The opening of a page about the chosen criteria set: its title, then the view (the run stops without one)."""
    view = open_page(title_key, page_id)
    if view is None:
        st.stop()
    return view


def signed_in_page(title_key: str, page_id: str) -> Actor:
    """The opening of a page about the user's own work: its title, then the actor (the run stops without one)."""
    open_page(title_key, page_id)
    actor = signed_in()
    if actor is None:
        st.stop()
    return actor


def scored_page(title_key: str, page_id: str) -> tuple[View, Scores, ValueTable]:
    """The opening every scored page shares: title, the view's data or a helpful empty state, scores.

    Stops the page (with a message) when there is no data for the chosen view or the file is broken.
    """
    view = viewed_page(title_key, page_id)
    st.caption(
        f"{escape_markdown(view.compiled.criteria_set.label(lang()))} · {int(view.year)} · {unit_type_name(view.unit_type)}"
    )
    if view.dataset is None and withheld_notice(view):
        st.stop()
    if view.dataset is None:
        st.info(tr("ui.no_data", year=view.year, type=unit_type_name(view.unit_type)), icon=":material/inbox:")
        if may_see_page(signed_in(), "nhap_du_lieu"):
            st.page_link("pages/nhap_du_lieu.py", label=tr("ui.go_import"), icon=":material/upload_file:")
        st.stop()
    sample_banner(view.dataset)
    try:
        with st.spinner(tr("ui.scoring")):
            scores, table = scored(view.dataset)
    except InputError as error:
        show_problems(error)
        st.stop()
    return view, scores, table


def own_unit(actor: Actor) -> tuple[str, str] | None:
    """A unit officer's unit as (name, type)."""
    from parindex.db import Unit

    with sessions(engine())() as session:
        unit = session.get(Unit, actor.unit_id) if actor.unit_id is not None else None
        return (unit.name, unit.unit_type) if unit is not None else None


def choose_unit(scores: Scores, default_position: int = 0) -> tuple[str, int]:
    """The unit select box (best first), kept in the URL; returns the unit's name and row."""
    names = scores.units["unit"].to_numpy()[scores.ranking_order()].tolist()
    actor = signed_in()
    if actor is not None and actor.own_unit_only:  # a unit officer sees the detail of their own unit only
        own = own_unit(actor)
        same_type = own is not None and own[1] == str(scores.units["unit_type"].iloc[0])
        names = [name for name in names if same_type and name == own[0]]
        if not names:
            st.info(tr("ui.own_unit_not_here"), icon=":material/info:")
            st.stop()
    from_url("unit", names)
    if st.session_state.get("unit") not in names:
        st.session_state["unit"] = names[min(default_position, len(names) - 1)]
    unit = st.selectbox(tr("ui.col_unit"), names, key="unit")
    write_url(unit=unit)
    return unit, scores.row_of(unit)
