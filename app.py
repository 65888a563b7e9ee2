"""parindex — the Streamlit entry point: language, the shared choice of set/year/unit type, navigation.

The sidebar widgets live here so they exist on every page and stay in the URL (``bind``), which makes
a copied link open the same view. Pages are listed with ``st.navigation``; each is a thin script.
"""

from __future__ import annotations

import streamlit as st

from pages.common import View, catalog, from_url, lang, tr, translated_select, unit_type_name, write_url

st.set_page_config(page_title="PAR Index", page_icon=":material/account_balance:", layout="wide")


def choose_view() -> View | None:
    cat = catalog()
    with st.sidebar:
        from_url("lang", ["vi", "en"])
        st.session_state.setdefault("lang", "vi")
        st.segmented_control(
            "Ngôn ngữ / Language", ["vi", "en"], key="lang", required=True,
            format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        )  # fmt: skip
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
    return View(compiled=compiled, year=int(year), unit_type=unit_type, dataset=dataset)


view = choose_view()
st.session_state["view"] = view
pages = [
    st.Page("pages/tong_quan.py", title=tr("ui.page_overview"), icon=":material/leaderboard:", default=True),
    st.Page("pages/ho_so.py", title=tr("ui.page_profile"), icon=":material/apartment:", url_path="ho_so"),
    st.Page("pages/mo_phong.py", title=tr("ui.page_whatif"), icon=":material/tune:", url_path="mo_phong"),
    st.Page("pages/lo_trinh.py", title=tr("ui.page_planner"), icon=":material/route:", url_path="lo_trinh"),
    st.Page("pages/phan_tich.py", title=tr("analysis.page"), icon=":material/insights:", url_path="phan_tich"),
    st.Page("pages/cham_diem.py", title=tr("ui.page_scoring"), icon=":material/edit_note:", url_path="cham_diem"),
    st.Page("pages/cap_tinh.py", title=tr("ui.page_national"), icon=":material/map:", url_path="cap_tinh"),
    st.Page(
        "pages/bo_tieu_chi.py", title=tr("ui.page_criteria"), icon=":material/account_tree:", url_path="bo_tieu_chi"
    ),
    st.Page(
        "pages/nhap_du_lieu.py", title=tr("ui.page_import"), icon=":material/upload_file:", url_path="nhap_du_lieu"
    ),
]
navigation = st.navigation(pages)
if navigation.url_path not in ("ho_so", "mo_phong", "lo_trinh"):  # these pages add their unit to the address themselves
    write_url()
navigation.run()
