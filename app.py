"""parindex — the Streamlit entry point: sign-in, language, the shared choice of set/year/unit type, navigation.

The sidebar widgets live here so they exist on every page and stay in the URL (``bind``), which makes
a copied link open the same view. Pages are listed with ``st.navigation``; each is a thin script.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from parindex.accounts import PAGE_IDS, Actor, may_see_page
from ui.address import from_url, translated_select, write_url
from ui.auth_forms import current_actor, flush_cookie, login_form
from ui.browser_warm_up import load_overview_code
from ui.markdown import lang, tr
from ui.navigation import DEFAULT_PAGE, PAGE_LOOKS, addresses, page_script
from ui.running import ENTRY_PASS, guarded, run_page
from ui.server_warm_up import warm_up
from ui.widget_text import localise_widgets

if TYPE_CHECKING:
    from ui.common import View

# The favicon is a file shipped with the app: a Material icon or an emoji would be fetched from an outside host,
# which an office intranet cannot reach.
st.set_page_config(
    page_title="PAR Index", page_icon=str(Path(__file__).parent / "assets" / "favicon.png"), layout="wide"
)


def choose_language() -> None:
    from_url("lang", ["vi", "en"])
    st.session_state.setdefault("lang", "vi")
    st.segmented_control(
        "Ngôn ngữ / Language",
        ["vi", "en"],
        key="lang",
        required=True,
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
    )
    localise_widgets(lang())


def choose_view() -> View | None:
    # the scoring stack (pandas, the criteria sets, the rounds) is loaded only once someone is signed in, so the
    # sign-in page, the first page after the server starts, does not wait for it
    from ui.common import View, catalog, unit_type_name

    cat = catalog()
    with st.sidebar:
        choose_language()
        if not cat.sets:
            st.error(tr("ui.no_sets"))
            return None
        with_data = {d.set_id for d in cat.datasets}
        set_ids = sorted(cat.sets, key=lambda s: (s not in with_data, s))
        from_url("set", set_ids)
        set_labels = {s: cat.sets[s].criteria_set.label(lang()) for s in set_ids}
        set_id = translated_select(tr("ui.criteria_set"), set_ids, set_labels, "set")
        compiled = cat.sets[set_id]
        years = [str(y) for y in cat.years(set_id)]
        from_url("year", years)
        if "year" not in st.session_state:  # the latest year with data
            with_data_years = sorted({d.year for d in cat.datasets if d.set_id == set_id}, reverse=True)
            st.session_state["year"] = str(with_data_years[0]) if with_data_years else years[0]
        year = st.selectbox(tr("ui.year"), years, key="year")
        types = list(compiled.criteria_set.unit_types)
        from_url("type", types)
        type_labels = {code: unit_type_name(code) for code in types}
        unit_type = translated_select(tr("ui.unit_type"), types, type_labels, "type")
        dataset = cat.find(set_id, int(year), unit_type)
        st.caption(tr("ui.sidebar_hint"))
    withheld = cat.withheld.get((set_id, int(year), unit_type))
    return View(compiled=compiled, year=int(year), unit_type=unit_type, dataset=dataset, withheld=withheld)


def sign_in_at(url_path: str, default: bool) -> st.Page:
    """The sign-in form at ``url_path`` (hidden from the menu), keeping the URL and its view for after sign-in."""

    def page() -> None:
        login_page()

    page.__name__ = f"sign_in_{url_path}"
    return st.Page(
        page,
        title=tr("ui.page_login"),
        url_path=url_path,
        default=default,
        visibility="visible" if default else "hidden",
    )


def login_page() -> None:
    st.title(tr("ui.page_login"))
    login_form()
    load_overview_code()  # the browser's side of warm_up()


def not_allowed_page() -> None:
    st.title(tr("ui.page_not_allowed"))
    st.warning(tr("access.denied"), icon=":material/block:")
    overview = PAGE_LOOKS[DEFAULT_PAGE]
    st.page_link(page=page_script(DEFAULT_PAGE), label=tr(overview.title_key), icon=overview.icon)


def signed_out_navigation() -> StreamlitPage:
    """Signed out: every address shows the sign-in form and keeps its query, so a shared link opens its view after."""
    with st.sidebar:
        choose_language()
    st.session_state["view"] = None
    sign_in_pages = [sign_in_at(address, default) for page_id in PAGE_IDS for address, default, _ in addresses(page_id)]
    return st.navigation(sign_in_pages, position="hidden")


def role_page(actor: Actor, page_id: str, address: str, default: bool, listed: bool) -> st.Page:
    """The page at one address as ``actor`` sees it; a URL outside the role's menu shows a refusal and nothing else."""
    if not may_see_page(actor, page_id):
        refusal = tr("ui.page_not_allowed")
        return st.Page(not_allowed_page, title=refusal, url_path=address, visibility="hidden", default=default)
    look = PAGE_LOOKS[page_id]
    visibility = "visible" if listed else "hidden"
    return st.Page(
        page_script(page_id),
        title=tr(look.title_key),
        icon=look.icon,
        url_path=address,
        default=default,
        visibility=visibility,
    )


PAGE_ADDRESS_KEYS = {
    "ho_so": ("unit",),
    "lo_trinh": ("unit",),
    "bao_cao": ("unit",),
    "mo_phong": ("unit", "scenario", "saved"),
}


def main() -> None:
    """Sign-in, the sidebar's choice and the role's menu, then the chosen page."""
    actor = current_actor()
    st.session_state["actor"] = actor
    with st.sidebar:
        flush_cookie()
    if actor is None:
        run_page(signed_out_navigation())
        warm_up()  # the page after sign-in, loaded while the person types
        return
    view = choose_view()
    st.session_state["view"] = view
    with st.sidebar:
        st.caption(tr("ui.signed_in_as", user=actor.name, role=tr("role." + actor.role)))
    pages = [role_page(actor, page_id, *address) for page_id in PAGE_IDS for address in addresses(page_id)]
    navigation = st.navigation(pages)
    # The sidebar's view goes to the address on every page, whatever the page then shows (a page may stop at a
    # "not published" notice); keys a page writes itself (the unit, a scenario) stay until it writes them.
    own = PAGE_ADDRESS_KEYS.get(navigation.url_path, ())
    write_url(**{key: st.query_params[key] for key in own if key in st.query_params})
    st.session_state[ENTRY_PASS] = True
    run_page(navigation)


guarded(main, "app.py")  # an error before the page runs is shown like one in a page: no English box, no traceback
