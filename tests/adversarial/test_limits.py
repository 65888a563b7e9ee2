"""Oversized inputs are refused before parsing, with a message naming the limit, in little time and memory.

Issue 17: ``validate /dev/zero`` and ``score --data /dev/urandom`` ran until the kernel killed them at
23 GB; a 39 MB YAML with 400.000 sub-criteria took 243 s; a 250 KB CSV with 10.000 empty columns
took 132 s; a 2.000 × 16.384 xlsx ran past 240 s; a shared-strings deflate bomb grew about 1.000×.
Each case here is refused with its message (Vietnamese and English), and each refusal runs in a
fresh Python process that measures its own time and peak memory (``tracemalloc`` and the growth of
the process's maximum resident size): under 2 s and 200 MB, the bound the issue sets.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from parindex.inputs import MAX_TABLE_BYTES, MAX_YAML_BYTES, MB
from tests.conftest import INDICATORS, ROOT

SECONDS = 2.0
MEGABYTES = 200
RULES = INDICATORS / "vi-du-mau.yaml"

# Runs in a child process: imports first, then the call timed, then the call again with allocations traced.
PROBE = r"""
import importlib, json, resource, sys, time, tracemalloc
import numpy, openpyxl, pandas, yaml  # noqa: F401  (imported before measuring)
from parindex.errors import InputError
module, name = sys.argv[1].rsplit(".", 1)
function = getattr(importlib.import_module(module), name)
argument = sys.argv[2]
function("warm-up")  # the module's own imports happen here, not in the measured call


def call():
    try:
        function(argument)
        return [], ""
    except InputError as error:
        return [p.code for p in error.problems], error.render("vi") + "\n" + error.render("en")


before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
codes, text = call()  # timed on its own: tracemalloc slows Python down several times
seconds = time.perf_counter() - start
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
tracemalloc.start()
call()  # the same refusal again, its allocations traced
traced = tracemalloc.get_traced_memory()[1]
print(json.dumps({"codes": codes, "text": text, "seconds": seconds, "traced": traced, "grown": grown}))
"""


def measured(entry: str, argument: str) -> dict:
    """Call ``entry(argument)`` (a function of this module) in a fresh process; its codes, message, time, memory."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, f"tests.adversarial.test_limits.{entry}", argument],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- entry points the child process calls (each takes one path; "warm-up" loads what it needs) ------------


def criteria_file(path: str) -> None:
    from parindex.criteria import load_criteria_set

    if path != "warm-up":
        load_criteria_set(path)
    else:
        load_criteria_set(RULES)


def criteria_upload(path: str) -> None:
    """The app's criteria page: the uploaded bytes decoded, then parsed."""
    from parindex.criteria import parse_criteria_set

    text = RULES.read_text(encoding="utf-8") if path == "warm-up" else Path(path).read_bytes().decode("utf-8")
    parse_criteria_set(text, Path(path).name)


def values_file(path: str) -> None:
    from parindex.scoring import load_compiled, read_values

    compiled = load_compiled(RULES)
    if path != "warm-up":
        read_values(path, compiled)


def values_upload(path: str) -> None:
    """An uploaded values file: bytes and the browser's file name."""
    from parindex.scoring import load_compiled, read_values

    compiled = load_compiled(RULES)
    if path != "warm-up":
        read_values(Path(path).read_bytes(), compiled, Path(path).name)


def national_upload(path: str) -> None:
    from parindex.analysis import read_results

    if path != "warm-up":
        read_results(Path(path).read_bytes(), Path(path).name, 2024)


def unit_workbook(path: str) -> None:
    from parindex.files import read_unit_workbook
    from parindex.scoring import load_compiled

    compiled = load_compiled(RULES)
    if path != "warm-up":
        read_unit_workbook(Path(path).read_bytes(), compiled, Path(path).name)


def decision_upload(path: str) -> None:
    """A decision's appendix table uploaded on the criteria page (or given to ``criteria import``)."""
    from parindex.criteria import read_decision

    if path != "warm-up":
        read_decision(Path(path).read_bytes(), Path(path).name)


def costs_file(path: str) -> None:
    from parindex.planning import load_costs
    from parindex.scoring import load_compiled

    compiled = load_compiled(RULES)
    if path != "warm-up":
        load_costs(path, compiled)


def config_file(path: str) -> None:
    import os

    from parindex.config import load_settings

    if path != "warm-up":
        os.environ["PARINDEX_CONFIG"] = path
        load_settings()


# --- the inputs ----------------------------------------------------------------------------------------------

SUB_CRITERION = "          - {{id: '1.1.{i}', name: 'Tiêu chí thành phần {i}', max: 0.001, rule: {{kind: yes_no}}}}\n"


def many_sub_criteria(count: int) -> str:
    head = (
        "id: lon\nname: Bộ rất lớn\ndecision: thử\nyears: [2025]\nunit_types: [so]\nmax_points: 100\n"
        "grades:\n  - {label: A, min: 0}\nfields:\n  - id: '1'\n    name: Lĩnh vực\n    max: 100\n"
        "    criteria:\n      - id: '1.1'\n        name: Tiêu chí\n        max: 100\n        sub_criteria:\n"
    )
    return head + "".join(SUB_CRITERION.format(i=i) for i in range(count))


def xlsx_with(parts: dict[str, bytes], big: dict[str, int] | None = None) -> bytes:
    """A zip shaped like an .xlsx: ``parts`` as given, and ``big`` parts of so many zero bytes, streamed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if "[Content_Types].xml" not in parts:
            archive.writestr("[Content_Types].xml", "<Types/>")
        for name, data in parts.items():
            archive.writestr(name, data)
        for name, size in (big or {}).items():
            with archive.open(name, "w", force_zip64=True) as stream:
                chunk = b"<si><t>a</t></si>" * 65536
                for start in range(0, size, len(chunk)):
                    stream.write(chunk[: size - start])
    return buffer.getvalue()


def sparse_xlsx(rows: int, last_column: str, keep_dimension: bool = True) -> bytes:
    """An .xlsx whose one sheet spans A1 to ``last_column``+``rows`` with only two cells filled."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet[f"{last_column}1"], sheet[f"A{rows}"] = "unit", "x", "Sở A"
    buffer = io.BytesIO()
    book.save(buffer)
    if keep_dimension:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(f'<dimension ref="A1:{last_column}{rows}"/>'.encode(), b"")
            archive.writestr(item, data)
    return out.getvalue()


def wide_rows_xlsx(columns: int) -> bytes:
    """An .xlsx whose sheet declares no dimension and has a header row of ``columns`` filled cells."""
    from openpyxl.utils import get_column_letter

    cells = "".join(
        f'<c r="{get_column_letter(i + 1)}1" t="inlineStr"><is><t>c{i}</t></is></c>' for i in range(columns)
    )
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData><row r="1">{cells}</row></sheetData></worksheet>'
    )
    return _one_sheet_book(sheet)


def _one_sheet_book(sheet: str) -> bytes:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return xlsx_with(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/worksheets/sheet1.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
            ),
            "_rels/.rels": (
                '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
            ),
            "xl/workbook.xml": (
                f'<?xml version="1.0"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
                '<sheet name="Số liệu" sheetId="1" r:id="rId1"/></sheets></workbook>'
            ),
            "xl/_rels/workbook.xml.rels": (
                '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
            ),
            "xl/worksheets/sheet1.xml": sheet,
        }
    )


def _write(path: Path, content: bytes | str) -> str:
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


def make(kind: str, folder: Path) -> str:
    """The input file of ``kind`` (written into ``folder``), or a device; returns its path."""
    mb = MB
    if kind.startswith("/dev/"):
        return kind
    builders = {
        "yaml-400000-sub-criteria.yaml": lambda: many_sub_criteria(400_000),  # the 39 MB file
        "yaml-2500-sub-criteria.yaml": lambda: many_sub_criteria(2_500),  # under 1 MB, over the count
        "yaml-2mb-comment.yaml": lambda: "id: x\n" + "#" * (2 * mb),
        "yaml-deep.yaml": lambda: "a: " + "[" * 200 + "]" * 200 + "\n",
        "yaml-deep-mappings.yaml": lambda: "".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "v\n",
        "yaml-300000-entries.yaml": lambda: "a: [" + ",".join(["1"] * 300_000) + "]\n",
        "yaml-60000-entries-in-mappings.yaml": lambda: "".join(f"k{i}: {i}\n" for i in range(30_000)),
        "yaml-aliases.yaml": lambda: (
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
        ),
        "csv-25mb.csv": lambda: "unit,1.1.1\n" + "Sở A,có\n" * (25 * mb // 10),
        "csv-10000-empty-columns.csv": lambda: "unit" + "," * 10_000 + "\n" + ("Sở A" + "," * 10_000 + "\n") * 20,
        "csv-150000-rows.csv": lambda: "unit\n" + "Sở\n" * 150_000,
        "csv-wide-data-row.csv": lambda: "unit,1.1.1\n" + "Sở A," + ",".join(["1"] * 5_000) + "\n",
        "csv-6000000-cells.csv": lambda: ("u" + ",u" * 599 + "\n") + ("1" + ",1" * 599 + "\n") * 10_000,
        "csv-semicolons-10000.csv": lambda: "unit" + ";" * 10_000 + "\n" + "Sở A" + ";" * 10_000 + "\n",
        "csv-tabs-10000.csv": lambda: "unit" + "\t" * 10_000 + "\n" + "Sở A" + "\t" * 10_000 + "\n",
        "xlsx-2000x16384.xlsx": lambda: sparse_xlsx(2_000, "XFD"),
        "xlsx-2000x16384-no-dimension.xlsx": lambda: sparse_xlsx(2_000, "XFD", keep_dimension=False),
        "xlsx-200000-rows.xlsx": lambda: sparse_xlsx(200_000, "B"),
        "xlsx-wide-header-no-dimension.xlsx": lambda: wide_rows_xlsx(3_000),
        "xlsx-shared-strings-bomb.xlsx": lambda: xlsx_with({}, {"xl/sharedStrings.xml": 300 * mb}),
        "xlsx-sheet-bomb.xlsx": lambda: xlsx_with({}, {"xl/worksheets/sheet1.xml": 60 * mb}),
        "xlsx-many-small-parts.xlsx": lambda: xlsx_with({}, {f"xl/media/p{i}.xml": mb - 4096 for i in range(120)}),
        "xlsx-150-sheets.xlsx": lambda: xlsx_with({f"xl/worksheets/sheet{i}.xml": "<worksheet/>" for i in range(150)}),
        "xlsx-2000-parts.xlsx": lambda: xlsx_with({f"xl/x{i}.xml": "" for i in range(2_000)}),
        "xlsx-25mb.xlsx": lambda: b"PK" + b"\0" * (25 * mb),
        "xlsx-not-a-zip.xlsx": lambda: b"\x89PNG not a workbook" * 100,
    }
    return _write(folder / kind, builders[kind]())


CASES = [  # (entry point, input, the problem code it must give)
    ("criteria_file", "/dev/zero", "too_large_endless"),
    ("criteria_file", "/dev/urandom", "too_large_endless"),
    ("criteria_file", "yaml-400000-sub-criteria.yaml", "too_large"),
    ("criteria_file", "yaml-2500-sub-criteria.yaml", "limit_sub_criteria"),
    ("criteria_file", "yaml-2mb-comment.yaml", "too_large"),
    ("criteria_file", "yaml-deep.yaml", "too_deep"),
    ("criteria_file", "yaml-deep-mappings.yaml", "too_deep"),
    ("criteria_file", "yaml-300000-entries.yaml", "limit_yaml_nodes"),
    ("criteria_file", "yaml-60000-entries-in-mappings.yaml", "limit_yaml_nodes"),
    ("criteria_file", "yaml-aliases.yaml", "yaml_alias"),
    ("criteria_upload", "yaml-400000-sub-criteria.yaml", "too_large"),
    ("criteria_upload", "yaml-2500-sub-criteria.yaml", "limit_sub_criteria"),
    ("criteria_upload", "yaml-deep.yaml", "too_deep"),
    ("costs_file", "/dev/zero", "too_large_endless"),
    ("costs_file", "yaml-2mb-comment.yaml", "too_large"),
    ("costs_file", "yaml-300000-entries.yaml", "limit_yaml_nodes"),
    ("config_file", "/dev/zero", "too_large_endless"),
    ("config_file", "yaml-deep.yaml", "too_deep"),
    ("values_file", "/dev/zero", "too_large_endless"),
    ("values_file", "/dev/urandom", "too_large_endless"),
    ("values_file", "csv-25mb.csv", "too_large"),
    ("values_file", "csv-10000-empty-columns.csv", "limit_columns"),
    ("values_file", "csv-150000-rows.csv", "limit_rows"),
    ("values_file", "csv-wide-data-row.csv", "limit_columns"),
    ("values_file", "csv-6000000-cells.csv", "limit_cells"),
    ("values_file", "csv-semicolons-10000.csv", "limit_columns"),
    ("values_file", "csv-tabs-10000.csv", "limit_columns"),
    ("values_upload", "csv-25mb.csv", "too_large"),
    ("values_upload", "csv-10000-empty-columns.csv", "limit_columns"),
    ("values_upload", "xlsx-2000x16384.xlsx", "limit_columns"),
    ("values_upload", "xlsx-2000x16384-no-dimension.xlsx", "limit_columns"),
    ("values_upload", "xlsx-200000-rows.xlsx", "limit_rows"),
    ("values_upload", "xlsx-wide-header-no-dimension.xlsx", "limit_columns"),
    ("values_upload", "xlsx-shared-strings-bomb.xlsx", "xlsx_part"),
    ("values_upload", "xlsx-sheet-bomb.xlsx", "xlsx_part"),
    ("values_upload", "xlsx-many-small-parts.xlsx", "xlsx_unpacked"),
    ("values_upload", "xlsx-150-sheets.xlsx", "limit_sheets"),
    ("values_upload", "xlsx-2000-parts.xlsx", "limit_zip_parts"),
    ("values_upload", "xlsx-25mb.xlsx", "too_large"),
    ("values_upload", "xlsx-not-a-zip.xlsx", "bad_xlsx"),
    ("national_upload", "csv-10000-empty-columns.csv", "limit_columns"),
    ("national_upload", "xlsx-shared-strings-bomb.xlsx", "xlsx_part"),
    ("decision_upload", "xlsx-200000-rows.xlsx", "limit_rows"),
    ("decision_upload", "xlsx-shared-strings-bomb.xlsx", "xlsx_part"),
    ("decision_upload", "xlsx-2000-parts.xlsx", "limit_zip_parts"),
    ("unit_workbook", "xlsx-shared-strings-bomb.xlsx", "xlsx_part"),
    ("unit_workbook", "xlsx-2000x16384.xlsx", "limit_columns"),
    ("unit_workbook", "xlsx-150-sheets.xlsx", "limit_sheets"),
]


@pytest.mark.parametrize(("entry", "kind", "code"), CASES, ids=[f"{e}-{k.strip('/')}" for e, k, _ in CASES])
def test_an_oversized_input_is_refused_quickly_and_cheaply(tmp_path, entry, kind, code):
    result = measured(entry, make(kind, tmp_path))
    assert result["codes"] == [code], result["text"]
    vi, en = result["text"].split("\n", 1)
    assert vi != en and "problem." not in result["text"]  # a sentence in each language, not a key
    if code.startswith(("limit_", "too_large", "xlsx_")):
        assert "giới hạn" in vi and "limit" in en
    assert result["seconds"] < SECONDS, result
    assert result["traced"] < MEGABYTES * MB and result["grown"] < MEGABYTES * MB, result


# Runs the command in a fresh interpreter and prints its own peak memory (VmHWM belongs to the new program: the
# rusage maximum would also count the test process it was forked from).
PEAK_OF_COMMAND = """
import runpy, sys
sys.argv = ["parindex", *sys.argv[1:]]
try:
    runpy.run_module("parindex", run_name="__main__")
finally:
    peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
    print("PEAK_KB", peak.split()[1], file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("command", "wanted"),
    [
        (["validate", "/dev/zero"], "1.048.576"),
        (["score", "--rules", str(RULES), "--data", "/dev/urandom"], "20.971.520"),
    ],
    ids=["validate-dev-zero", "score-dev-urandom"],
)
def test_the_command_line_refuses_an_endless_source(command, wanted):
    """The issue's two commands: a clear message and a failing exit, not 23 GB and the kernel's killer."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK_OF_COMMAND, *command], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
    assert wanted in done.stdout + done.stderr and "Traceback" not in done.stderr
    peak_kb = int(done.stderr.split("PEAK_KB")[1].split()[0])
    assert peak_kb * 1024 < 400 * MB


def test_inputs_at_ordinary_sizes_still_load(tmp_path):
    """The limits leave room: every shipped criteria set and sample file loads as before."""
    from parindex.criteria import load_criteria_set
    from parindex.scoring import load_compiled, read_values

    for path in INDICATORS.glob("*.yaml"):
        load_criteria_set(path)
    compiled = load_compiled(INDICATORS / "so-2025.yaml")
    read_values(ROOT / "data" / "sample" / "so-2025-so-2025.csv", compiled)
    assert len(many_sub_criteria(1_500).encode()) < MAX_YAML_BYTES


def test_limits_match_the_upload_limit_of_the_server():
    """``server.maxUploadSize`` (MB) in .streamlit/config.toml is the table limit, so the browser refuses first."""
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * MB == MAX_TABLE_BYTES
