"""Every text a person types into the app has a limit the server enforces (Streamlit checks ``max_chars``), taken
from what the database stores, and the core refuses longer text as well.

A structural check over the page scripts and the glue (like tests/test_markdown_lint.py): a new text box without
``max_chars`` fails here. Then the limits themselves, in the core.
"""

from __future__ import annotations

import pytest

from parindex.accounts import MAX_PASSWORD_CHARS, hash_password, verify_password
from parindex.accounts._passwords import weak_password_reason
from parindex.db import AuditRecord, Entry, Evidence, User
from parindex.inputs import max_chars, text_problem
from tests.conftest import APP_SCRIPTS, calls_without

TEXT_BOXES = {"text_input", "text_area", "chat_input"}


@pytest.mark.parametrize("script", APP_SCRIPTS, ids=lambda path: path.name)
def test_every_text_box_has_a_limit(script):
    unlimited = calls_without(script, TEXT_BOXES, "max_chars")
    assert unlimited == [], f"{script.name}: text boxes without max_chars at lines {unlimited}"


def test_typed_notes_explanations_and_reasons_have_a_limit_the_core_checks():
    for column in (Entry.explanation_request, Entry.explanation_answer, Entry.appraisal1_note, AuditRecord.reason):
        limit = max_chars(column)
        assert limit == 4000 == max_chars(Evidence.description)
        assert text_problem("x" * limit, column) is None
        assert text_problem("x" * (limit + 1), column).code == "text_too_long"
    assert max_chars(User.username) == 80 and max_chars(Evidence.link) == 500  # a String(n) column: its n
    assert max_chars(AuditRecord.old) is None  # what the app itself writes (values before and after) stays free


def test_a_password_longer_than_any_accepted_one_is_refused_unhashed():
    stored = hash_password("mật khẩu đủ dài 1")
    assert weak_password_reason("Ab1-" * (MAX_PASSWORD_CHARS // 4 + 1)) == "auth.password_long"
    assert weak_password_reason("Ab1-" * (MAX_PASSWORD_CHARS // 4)) is None
    assert not verify_password("x" * 50_000_000, stored)  # no derivation: a pasted file costs nothing
    assert verify_password("mật khẩu đủ dài 1", stored)
