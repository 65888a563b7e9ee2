"""Message catalogue and Vietnamese number formats."""

from __future__ import annotations

import datetime as dt
import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parindex.i18n import (
    MESSAGE_DIRECTORY,
    MESSAGES,
    CatalogueError,
    format_date,
    format_datetime,
    format_number,
    format_pct,
    load_catalogue,
    t,
)


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (1234.56, 2, "vi", "1.234,56"),
        (1234.56, 2, "en", "1,234.56"),
        (9.5, None, "vi", "9,5"),
        (0.25, None, "vi", "0,25"),
        (100.0, None, "vi", "100"),
        (312085, 0, "vi", "312.085"),
        (-0.0001, 2, "vi", "0,00"),
    ],
)
def test_format_number(value, decimals, lang, expected):
    assert format_number(value, decimals, lang) == expected


def test_format_pct_and_date():
    assert format_pct(86.84) == "86,84 %"
    assert format_pct(86.84, lang="en") == "86.84%"
    assert format_date(dt.date(2026, 11, 25)) == "25/11/2026"


def fields(text: str) -> set[tuple[str, str]]:
    """Each placeholder of ``text`` with its format spec (``{count:n}`` → ("count", "n"))."""
    return {(name, spec) for _, name, spec, _ in string.Formatter().parse(text) if name is not None}


def test_every_message_has_both_languages_with_the_same_placeholders():
    for key, entry in MESSAGES.items():
        assert set(entry) == {"vi", "en"}, key
        assert fields(entry["vi"]) == fields(entry["en"]), key


# Placeholders that hold a count, a size or a rank: always written {name:n}, so that 4320 shows as 4.320 (vi) and
# 4,320 (en); a year, a row or an id is never marked and stays 2026.
COUNTS = frozenset(
    [
        "count",
        "units",
        "changes",
        "shown",
        "leaves",
        "exact",
        "review",
        "fields",
        "criteria",
        "sub_criteria",
        "blanks",
        "documents",
        "steps",
        "runs",
        "limit",
        "size",
        "length",
        "rounds",
        "pairs",
        "respondents",
        "depth",
        "free",
        "needed",
        "seconds",
        "position",
        "common",
        "total",
        "rank",
        "rank_before",
        "rank_after",
        "best_rank",
        "self_rank",
        "target",
        "k",
    ]
)


def test_every_count_in_a_message_is_marked_and_nothing_else_is():
    for key, entry in MESSAGES.items():
        for name, spec in fields(entry["vi"]):
            assert (spec == "n") == (name in COUNTS), (key, name, spec)


def test_a_marked_count_is_grouped_in_each_languages_style_and_a_year_is_not():
    assert t("problem.limit_rows", "vi", count=123456, limit=100000) == (
        "Quá nhiều dòng: 123.456, vượt giới hạn 100.000. Tệp không được đọc."
    )
    assert "123,456" in t("problem.limit_rows", "en", count=123456, limit=100000)
    assert t("problem.limit_rows", "vi", count="7", limit=1.5).startswith("Quá nhiều dòng: 7, vượt giới hạn 1,5.")
    year_only = next(key for key, entry in MESSAGES.items() if fields(entry["vi"]) == {("year", "")})
    assert "2026" in t(year_only, "vi", year=2026) and "2.026" not in t(year_only, "vi", year=2026)


def write_messages(directory, name: str, text: str) -> None:
    (directory / name).write_text(text, encoding="utf-8")


def test_a_small_catalogue_loads_by_file_in_order(tmp_path):
    write_messages(tmp_path, "plan.toml", '["plan.rank"]\nvi = "hạng {rank}"\nen = "rank {rank}"\n')
    write_messages(tmp_path, "ui.toml", '["ui.b"]\nvi = "B"\nen = "b"\n\n["ui.a"]\nvi = """\nA\nA"""\nen = "a"\n')
    areas = load_catalogue(tmp_path)
    assert areas == {
        "plan": {"plan.rank": {"vi": "hạng {rank}", "en": "rank {rank}"}},
        "ui": {"ui.b": {"vi": "B", "en": "b"}, "ui.a": {"vi": "A\nA", "en": "a"}},
    }
    assert list(areas["ui"]) == ["ui.b", "ui.a"]


def test_a_key_in_two_files_and_a_missing_text_are_both_reported(tmp_path):
    write_messages(tmp_path, "core.toml", '["loc.row"]\nvi = "dòng {row}"\nen = "row {row}"\n')
    write_messages(tmp_path, "ui.toml", '["loc.row"]\nvi = "dòng"\nen = "row"\n\n["ui.title"]\nvi = "Tổng quan"\n')
    with pytest.raises(CatalogueError) as error:
        load_catalogue(tmp_path)
    assert error.value.faults == [
        "['loc.row'] is defined in both core.toml and ui.toml",
        "ui.toml: ['ui.title'] has no en text",
    ]


def test_other_texts_placeholders_or_fields_are_reported(tmp_path):
    write_messages(
        tmp_path,
        "ui.toml",
        '["ui.a"]\nvi = "{n} đơn vị"\nen = "{count} units"\n\n'
        '["ui.b"]\nvi = "B"\nen = "b"\nfr = "b"\n\n'
        '["ui.c"]\nvi = 3\nen = "c"\n\n'
        '["ui.d"]\nvi = "{"\nen = "{"\n',
    )
    write_messages(tmp_path, "zz.toml", 'vi = "no key"\n["broken"\n')
    with pytest.raises(CatalogueError) as error:
        load_catalogue(tmp_path)
    faults = error.value.faults
    assert faults[:3] == [
        "ui.toml: ['ui.a'] has placeholders ['n'] in vi but ['count'] in en",
        "ui.toml: ['ui.b'] has unexpected fields fr (only vi and en)",
        "ui.toml: ['ui.c'] has a vi value that is not text",
    ]
    assert faults[3].startswith("ui.toml: ['ui.d'] is not a valid format text")
    assert faults[4].startswith("zz.toml: ") and len(faults) == 5


def test_the_package_catalogue_is_read_from_its_data_files():
    files = sorted(path.name for path in MESSAGE_DIRECTORY.glob("*.toml"))
    assert "plan.toml" in files and "workbook.toml" in files
    assert sum(len(entries) for entries in load_catalogue().values()) == len(MESSAGES)
    assert MESSAGES["plan.target_rank"] == {"vi": "hạng {rank:n}", "en": "rank {rank:n}"}
    with pytest.raises(TypeError):
        MESSAGES["plan.target_rank"] = {"vi": "", "en": ""}  # type: ignore[index]
    with pytest.raises(TypeError):
        MESSAGES["plan.target_rank"]["vi"] = ""  # type: ignore[index]


def test_float_parameters_follow_the_language():
    assert t("problem.share_range", "vi", value=120.5) == "tỷ lệ 120,5 phải trong khoảng 0–100 (%)"
    assert t("problem.share_range", "en", value=120.5) == "share 120.5 must be within 0–100 (%)"


def test_unknown_key_is_returned_as_is():
    assert t("no.such.key") == "no.such.key"


def test_times_are_shown_in_vietnams_time():
    """The database keeps naive UTC; a person reads UTC+7 (23:30 UTC is already the next morning in Hà Nội)."""
    assert format_datetime(dt.datetime(2026, 11, 25, 23, 30), "vi") == "26/11/2026 06:30"
    assert format_datetime(dt.datetime(2026, 11, 25, 23, 30), "en") == "26 Nov 2026 06:30"
    aware = dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert format_datetime(aware, "vi") == "01/01/2026 08:00"


def test_the_favicon_is_a_file_of_the_app():
    """A Material icon or emoji favicon is fetched from an outside host, which an intranet cannot reach."""
    from pathlib import Path

    app = (Path(__file__).resolve().parents[2] / "app.py").read_text(encoding="utf-8")
    call = re.search(r"set_page_config\((.*?)\)\n", app, re.S).group(1)
    assert "favicon.png" in call and ":material/" not in call
    assert (Path(__file__).resolve().parents[2] / "assets" / "favicon.png").stat().st_size > 0


def test_widget_words_follow_the_language():
    from ui.widget_text import EMPTY_LIST, STOP_BUTTON, UPLOAD_BUTTON, widget_style

    vietnamese, english = widget_style("vi", 20.0), widget_style("en", 2.5)
    assert f'{UPLOAD_BUTTON}::after {{ content: "Chọn tệp";' in vietnamese
    assert '"Tối đa 20 MB mỗi tệp"' in vietnamese and '"Không có kết quả"' in vietnamese
    assert '"2.5 MB per file"' in english and f'{EMPTY_LIST}::after {{ content: "No results";' in english
    assert f'{STOP_BUTTON}::after {{ content: "Dừng";' in vietnamese  # the button shown while a page runs


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("99,4", "vi", 99.4),
        ("1.234,56", "vi", 1234.56),
        ("1.500", "vi", 1500.0),
        ("99.4", "vi", 99.4),
        ("86,84 %", "vi", 86.84),
        (" 7 ", "vi", 7.0),
        ("-2,5", "vi", -2.5),
        ("1.2.3", "vi", None),
        ("12,3,4", "vi", None),
        ("١٠٠", "vi", None),
        ("abc", "vi", None),
        ("", "vi", None),
        ("1,234.5", "en", 1234.5),
        ("99.4", "en", 99.4),
        ("99,4", "en", None),
        ("1,000", "en", 1000.0),
    ],
)
def test_parse_number_reads_what_a_person_types(text, lang, expected):
    from parindex.i18n import parse_number

    assert parse_number(text, lang) == expected


@given(
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    st.sampled_from([0, 1, 2, 3]),
    st.sampled_from(["vi", "en"]),
)
def test_a_formatted_number_reads_back_as_itself(value, decimals, lang):
    from parindex.i18n import parse_number

    shown = format_number(value, decimals, lang)
    assert parse_number(shown, lang) == pytest.approx(
        float(shown.replace(".", "").replace(",", ".")) if lang == "vi" else float(shown.replace(",", ""))
    )
