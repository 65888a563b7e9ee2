"""Message catalogue and Vietnamese number formats."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from parindex.i18n import format_date, format_number, format_pct, t
from parindex.messages import MESSAGES


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (1234.56, 2, "vi", "1.234,56"), (1234.56, 2, "en", "1,234.56"), (9.5, None, "vi", "9,5"),
        (0.25, None, "vi", "0,25"), (100.0, None, "vi", "100"), (312085, 0, "vi", "312.085"),
        (-0.0001, 2, "vi", "0,00"),
    ],
)  # fmt: skip
def test_format_number(value, decimals, lang, expected):
    assert format_number(value, decimals, lang) == expected


def test_format_pct_and_date():
    assert format_pct(86.84) == "86,84 %"
    assert format_pct(86.84, lang="en") == "86.84%"
    assert format_date(dt.date(2026, 11, 25)) == "25/11/2026"


def test_every_message_has_both_languages_with_the_same_placeholders():
    for key, entry in MESSAGES.items():
        assert set(entry) == {"vi", "en"}, key
        assert set(re.findall(r"{(\w+)}", entry["vi"])) == set(re.findall(r"{(\w+)}", entry["en"])), key


def test_float_parameters_follow_the_language():
    assert t("problem.share_range", "vi", value=120.5) == "tỷ lệ 120,5 phải trong khoảng 0–100 (%)"
    assert t("problem.share_range", "en", value=120.5) == "share 120.5 must be within 0–100 (%)"


def test_unknown_key_is_returned_as_is():
    assert t("no.such.key") == "no.such.key"
