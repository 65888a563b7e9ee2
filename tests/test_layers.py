"""The project's import graph has layers and no cycles, read from the source with :mod:`ast`.

Every ``import`` and ``from … import`` counts, including the ones inside functions: a lazy import
hides a cycle from Python's start-up, not from a reader. A name taken from a sub-package counts as
an import of the private module that defines it (the sub-packages re-export lazily, see
:mod:`parindex._lazy`), so the graph is the one the code really uses.

The layers, from the top: ``pages`` → ``ui`` → ``parindex``. Inside ``parindex`` the sub-packages
stand in :data:`PACKAGE_ORDER`, lowest first, and a package imports only packages below it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Lowest first. ``_lazy`` is the re-export helper every package's ``__init__`` uses. ``inputs``
# (limits and checks on user files) stands below ``errors``' users but needs ``errors`` and
# ``i18n`` for its messages; ``config`` reads settings through ``inputs``' YAML checks; ``db`` is
# told its settings by ``config``; ``accounts`` stores users in ``db``; ``files`` writes workbooks
# of scores; ``rounds`` keeps a year's data in ``db`` and scores it; ``analysis`` reads rounds; the
# planner uses analysis's national model; reports draw on all of these; ``cli`` drives everything.
PACKAGE_ORDER = (
    "_lazy",
    "i18n",
    "errors",
    "inputs",
    "config",
    "db",
    "criteria",
    "scoring",
    "accounts",
    "files",
    "rounds",
    "analysis",
    "planning",
    "reports",
    "cli",
    "parindex",  # the package's own ``__init__`` and ``__main__``
)


def module_name(path: Path) -> str:
    """``parindex/scoring/_score.py`` → ``parindex.scoring._score``; ``ui/__init__.py`` → ``ui``."""
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


@cache
def project_modules() -> dict[str, Path]:
    """Every module of ``parindex``, ``ui`` and ``pages``, and ``app``, by dotted name."""
    paths = [p for top in ("parindex", "ui", "pages") for p in (ROOT / top).rglob("*.py")]
    paths.append(ROOT / "app.py")
    return {module_name(p): p for p in paths if "migrations" not in p.parts}


def is_package(name: str) -> bool:
    return project_modules()[name].name == "__init__.py"


@cache
def lazy_homes(package: str) -> dict[str, str]:
    """Public name → defining module, read from the ``attach(__name__, {...})`` call of ``package``."""
    tree = ast.parse(project_modules()[package].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "attach":
            exports = ast.literal_eval(node.args[1])
            return {name: f"{package}.{module}" for module, names in exports.items() for name in names}
    return {}


def home_of(package: str, name: str) -> str:
    """The module that ``from package import name`` really loads (following lazy re-exports)."""
    modules = project_modules()
    if f"{package}.{name}" in modules:
        return f"{package}.{name}"
    home = lazy_homes(package).get(name, package) if is_package(package) else package
    if home != package and is_package(home) and name in lazy_homes(home):
        return home_of(home, name)
    return home


def raw_imports(name: str) -> Iterator[tuple[str, list[str]]]:
    """(absolute module, imported names) of every import statement in module ``name``, nested ones too."""
    path = project_modules()[name]
    here = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom):
            base = here
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            target = f"{base}.{node.module}" if node.level and node.module else (node.module or base)
            yield target, [alias.name for alias in node.names]


@cache
def imports_of(name: str) -> frozenset[str]:
    """Project modules that module ``name`` imports."""
    modules = project_modules()
    found = set()
    for target, names in raw_imports(name):
        if target not in modules:
            continue
        found.update(home_of(target, n) for n in names) if names else found.add(target)
    found.discard(name)
    return frozenset(m for m in found if m in modules)


def package_of(module: str) -> str:
    """The sub-package (``scoring``), top-level module (``errors``) or layer (``ui``) a module belongs to."""
    parts = module.split(".")
    if parts[0] != "parindex":
        return parts[0]
    if len(parts) == 1 or parts[1] == "__main__":
        return "parindex"
    return parts[1].removesuffix(".py")


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a path whose first and last nodes are equal, or None (depth-first search)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def module_graph() -> dict[str, set[str]]:
    return {name: set(imports_of(name)) for name in project_modules()}


def package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, targets in module_graph().items():
        if name.startswith("parindex"):
            mine = package_of(name)
            graph.setdefault(mine, set()).update(package_of(t) for t in targets if package_of(t) != mine)
    return graph


# -- the checker itself ---------------------------------------------------------------------------


def test_find_cycle_finds_a_cycle_and_only_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": {"b"}}) == ["b", "c", "b"]


def test_imports_are_read_from_every_statement_and_through_lazy_re_exports():
    # a relative import, a name re-exported lazily by another package, and an import inside a function
    assert "parindex.scoring._score" in imports_of("parindex.scoring._targets")
    assert "parindex.criteria._compiled" in imports_of("parindex.scoring._score")
    assert "parindex.criteria.model" in imports_of("parindex.scoring._reference")
    assert home_of("parindex", "score") == "parindex.scoring._score"
    assert package_of("parindex.errors") == "errors" and package_of("parindex.__main__") == "parindex"
    assert package_of("ui.common") == "ui" and package_of("app") == "app"


# -- the project's graph --------------------------------------------------------------------------


def test_no_cycle_among_modules():
    assert find_cycle(module_graph()) is None


def test_no_cycle_among_sub_packages():
    assert find_cycle(package_graph()) is None


def test_every_sub_package_has_its_place():
    assert set(package_graph()) == set(PACKAGE_ORDER)


@pytest.mark.parametrize("package", PACKAGE_ORDER)
def test_a_sub_package_imports_only_packages_below_it(package):
    below = set(PACKAGE_ORDER[: PACKAGE_ORDER.index(package)])
    assert package_graph().get(package, set()) - below == set()


def test_the_core_never_imports_the_interface():
    for name in project_modules():
        if name.startswith("parindex"):
            targets = {target.split(".")[0] for target, _ in raw_imports(name)}
            assert targets & {"ui", "pages", "app", "streamlit"} == set(), name


def test_the_interface_glue_never_imports_a_page():
    for name in project_modules():
        if name.startswith("ui"):
            assert {t for t in imports_of(name) if t.split(".")[0] in ("pages", "app")} == set(), name
