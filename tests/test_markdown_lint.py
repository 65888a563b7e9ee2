"""Every string a page hands to Streamlit's Markdown is built only from safe parts.

Streamlit renders ``st.markdown``, ``st.write``, captions, alerts, titles, toasts, metric labels and
values, expander and tab labels, widget labels and ``help`` as Markdown, so a user's string passed
there unescaped becomes a link, an image or HTML (issue 17). This test reads ``app.py``,
``pages/*.py`` and the glue they call (``ui/*.py``) with :mod:`ast` and accepts an argument only when it is a literal, a catalogue message
(``tr``, which escapes its text parameters), ``escape_markdown(...)``, a number formatter, or an
f-string / concatenation / ``join`` / conditional of those. Anything else — a unit name, a criterion's
label, a core message, a variable holding any of them — fails with its file and line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import APP_SCRIPTS as SOURCES
from tests.conftest import ROOT

# Methods whose every positional argument is Markdown (st.write takes several).
ALL_ARGS = {
    "markdown",
    "write",
    "caption",
    "info",
    "warning",
    "error",
    "success",
    "exception",
    "toast",
    "title",
    "header",
    "subheader",
    "metric",
    "badge",
}
# Methods whose first argument (the label) is Markdown.
LABELLED = {
    "expander",
    "popover",
    "checkbox",
    "toggle",
    "button",
    "radio",
    "download_button",
    "page_link",
    "form_submit_button",
    "selectbox",
    "multiselect",
    "text_input",
    "text_area",
    "number_input",
    "slider",
    "select_slider",
    "file_uploader",
    "segmented_control",
    "pills",
    "date_input",
    "time_input",
    "color_picker",
    "feedback",
    "link_button",
    "status",
    "tabs",
}
MARKDOWN_KEYWORDS = {"label", "body", "help", "value", "delta"}
# Functions whose result is safe Markdown whatever they are given.
SAFE_CALLS = {
    "tr",
    "escape_markdown",
    "num",
    "pct",
    "format_number",
    "format_pct",
    "format_date",
    "len",
    "int",
    "float",
    "round",
    "unit_type_name",
    "page_link_markdown",
}
NOT_STREAMLIT = {"logging", "logger", "LOG", "log", "sys", "handle", "stream", "buffer", "path"}  # write/info of others


class Checker:
    """Decides whether an expression can only produce safe Markdown."""

    def __init__(self, tree: ast.Module):
        self.assigned: dict[str, list[ast.expr]] = {}
        self.unknown: set[str] = set()  # loop variables, parameters, comprehension targets: anything at all
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    self._bind(target, node.value)
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None:
                self._bind(node.target, node.value)
            elif isinstance(node, (ast.For, ast.comprehension)):
                self._bind(node.target, None)
            elif isinstance(node, (ast.With,)):
                for item in node.items:
                    if item.optional_vars is not None:
                        self._bind(item.optional_vars, None)
            elif isinstance(node, ast.arg):
                self.unknown.add(node.arg)
            elif isinstance(node, (ast.NamedExpr,)):
                self._bind(node.target, node.value)

    def _bind(self, target: ast.expr, value: ast.expr | None) -> None:
        if isinstance(target, ast.Name):
            if value is None:
                self.unknown.add(target.id)
            else:
                self.assigned.setdefault(target.id, []).append(value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._bind(element, None)

    def safe(self, node: ast.expr, seen: frozenset[str] = frozenset()) -> bool:
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.JoinedStr):
            return all(self.safe(v, seen) for v in node.values)
        if isinstance(node, ast.FormattedValue):
            return self.safe(node.value, seen)
        if isinstance(node, ast.BinOp):
            return self.safe(node.left, seen) and self.safe(node.right, seen)
        if isinstance(node, ast.IfExp):
            return self.safe(node.body, seen) and self.safe(node.orelse, seen)
        if isinstance(node, ast.BoolOp):
            return all(self.safe(v, seen) for v in node.values)
        if isinstance(node, (ast.List, ast.Tuple)):
            return all(self.safe(e, seen) for e in node.elts)
        if isinstance(node, (ast.GeneratorExp, ast.ListComp)):
            return self.safe(node.elt, seen)
        if isinstance(node, ast.Name):
            if node.id in seen or node.id in self.unknown or node.id not in self.assigned:
                return False
            return all(self.safe(v, seen | {node.id}) for v in self.assigned[node.id])
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in SAFE_CALLS:
                return True
            if isinstance(func, ast.Attribute) and func.attr == "join":
                return self.safe(func.value, seen) and all(self.safe(a, seen) for a in node.args)
        return False


def markdown_arguments(call: ast.Call) -> list[ast.expr]:
    """The arguments of a Streamlit call that Streamlit renders as Markdown."""
    func = call.func
    if isinstance(func, ast.IfExp):  # (st.success if ok else st.warning)(text)
        func = func.body
    if not isinstance(func, ast.Attribute):
        return []
    receiver = func.value
    # st.x, a column, tab, container or form (any name), st.sidebar.x; not a logger or a file
    is_streamlit = not (isinstance(receiver, ast.Name) and receiver.id in NOT_STREAMLIT)
    found = [k.value for k in call.keywords if k.arg in {"help"}]
    if not is_streamlit:
        return found
    if func.attr in ALL_ARGS:
        found += list(call.args)
        found += [k.value for k in call.keywords if k.arg in MARKDOWN_KEYWORDS]
    elif func.attr in LABELLED:
        found += call.args[:1] + [k.value for k in call.keywords if k.arg == "label"]
    return found


def unsafe_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    checker = Checker(tree)
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for argument in markdown_arguments(node):
                if not checker.safe(argument):
                    bad.append(f"{path.relative_to(ROOT)}:{argument.lineno}: {ast.unparse(argument)[:100]}")
    return bad


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_markdown_arguments_are_escaped(path):
    assert unsafe_calls(path) == []


@pytest.mark.parametrize(
    "source",
    [
        "st.markdown(unit)",
        "st.caption(f'{leaf.id} · {leaf.label(lang())}')",
        "st.error(error.message(lang()))",
        "st.expander(field.label('vi'))",
        "c1.metric(tr('ui.col_unit'), actor.name)",
        "st.markdown(' '.join(names))",
        "st.info(tr('ui.x') + name)",
        "st.checkbox(f'**{name}**')",
        "st.tabs([tr('a'), name])",
        "st.button(tr('a'), help=note)",
        "st.write(row.explanation)",
        "st.toast(f'{saved.name}')",
        "(st.success if ok else st.warning)(result.summary(lang()))",
        "st.markdown(f'[{tr(\"ui.share_link\")}](mo_phong?saved={saved.id}&set={cs.id})')",
    ],
)
def test_the_check_catches_unescaped_user_text(source):
    """The check itself: each of these hands a user's string to Markdown."""
    tree = ast.parse(source)
    call = tree.body[0].value
    checker = Checker(tree)
    assert not all(checker.safe(a) for a in markdown_arguments(call))


@pytest.mark.parametrize(
    "source",
    [
        "st.markdown(tr('ui.first_last', first=name, last=other))",
        "st.caption(f'{escape_markdown(leaf.id)} · {escape_markdown(leaf.label(lang()))}')",
        "st.error(escape_markdown(error.message(lang())))",
        "st.markdown(' · '.join(f'**{escape_markdown(g)}**' for g in grades))",
        "c1.metric(tr('ui.col_rank'), f'{int(rank)}/{len(peers)}')",
    ],
)
def test_the_check_accepts_escaped_text(source):
    tree = ast.parse(source)
    checker = Checker(tree)
    assert all(checker.safe(a) for a in markdown_arguments(tree.body[0].value))
