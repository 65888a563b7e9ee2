"""Heavy libraries are imported where they are used, not by everything that imports a module near them.

Starting Python and importing pandas is most of what a short command costs, so ``python -m parindex
score`` must not also load scikit-learn, matplotlib, SciPy, fpdf2, openpyxl or the database
libraries; the sign-in page (the first page after the server starts) must not load the analysis,
charting or report libraries either. Checked in a fresh interpreter by looking at ``sys.modules``:
a structural check, not a timing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT, create_accounts

REPORT = "import json, sys; print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})), file=sys.stderr)"


def modules_after(code: str, environment: dict[str, str] | None = None) -> set[str]:
    """Top-level packages loaded after running ``code`` in a fresh interpreter at the project's root (with
    ``environment`` added to this one's)."""
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\n{REPORT}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        env={**os.environ, **(environment or {})},
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_the_score_command_loads_no_heavy_library():
    code = (
        "import runpy, sys\n"
        "sys.argv = ['parindex', 'score', '--rules', 'indicators/so-2025.yaml', "
        "'--data', 'data/sample/so-2025-so-2026.csv']\n"
        "try:\n    runpy.run_module('parindex', run_name='__main__')\n"
        "except SystemExit as done:\n    assert done.code in (0, None), done.code\n"
    )
    loaded = modules_after(code)
    assert "pandas" in loaded and "parindex" in loaded  # it did score
    heavy = {"sklearn", "matplotlib", "scipy", "fpdf", "openpyxl", "sqlalchemy", "alembic", "altair"}
    assert loaded & heavy == set()


def test_the_sign_in_page_loads_no_analysis_chart_or_report_library():
    loaded = modules_after("import ui.common, ui.auth_forms")
    assert loaded & {"sklearn", "matplotlib", "scipy", "fpdf", "openpyxl", "altair"} == set()


SIGN_IN_PAGE = (
    "from streamlit.testing.v1 import AppTest\n"
    "import ui.server_warm_up\n"
    "ui.server_warm_up.warm_up = lambda: None  # what the page itself loads, without the background warm-up\n"
    "at = AppTest.from_file('app.py', default_timeout=120)\n"
    "at.run()\n"
    "assert not at.exception and [i.label for i in at.text_input] == ['Tên đăng nhập', 'Mật khẩu'], at\n"
)


def test_the_sign_in_page_itself_loads_no_scoring_stack():
    """The first page after the server starts waits for every import its run makes: the sign-in page needs the
    database and the accounts, not pandas, the criteria sets (YAML) or the charts."""
    loaded = modules_after(SIGN_IN_PAGE)
    assert {"streamlit", "sqlalchemy", "parindex"} <= loaded  # it did run, and read the accounts
    assert loaded & {"pandas", "altair", "sklearn", "scipy", "matplotlib", "fpdf", "openpyxl"} == set()


def test_after_the_first_start_the_sign_in_page_loads_no_alembic(tmp_path):
    """A server started on a database already at the newest schema revision checks it with one query: Alembic
    (≈ 0,2 s to import, ≈ 0,1 s to find there is nothing to do) is for an upgrade."""
    from parindex import db

    url = f"sqlite:///{tmp_path / 'app.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    engine.dispose()
    create_accounts(url)
    loaded = modules_after(SIGN_IN_PAGE, {"PARINDEX_DATABASE_URL": url})
    assert {"streamlit", "sqlalchemy", "parindex"} <= loaded
    assert "alembic" not in loaded


def test_the_warm_up_loads_what_the_page_after_sign_in_needs():
    code = "import ui.server_warm_up\nui.server_warm_up.warm_up().join(timeout=240)\n"
    assert {"pandas", "altair", "parindex"} <= modules_after(code)


def test_the_unit_name_rule_of_values_files_is_the_tables():
    from parindex.db import Unit
    from parindex.inputs import UNIT_NAME, column_rule

    assert column_rule(Unit.name) == UNIT_NAME
