"""The one error type: every coded error says its sentence in Vietnamese and English, and carries its fields."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import string
from pathlib import Path

import pytest

import parindex
from parindex.accounts import AccessDenied, AccountError
from parindex.criteria import CellError
from parindex.errors import InputError, ParindexError, Problem
from parindex.i18n import MESSAGES
from parindex.planning import PlanError
from parindex.rounds import ImportConflict, RoundError
from parindex.rounds._round import ConflictError, EntrySnapshot, SurveyCell, SurveyConflict

PACKAGE = Path(parindex.__file__).parent
# Classes raised as ``Class("code", field=…)``, with the message family of their codes.
CODED = {cls.__name__: cls.prefix for cls in (RoundError, AccountError, PlanError, CellError)} | {"Problem": "problem"}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def raised_codes() -> list[tuple[str, str, set[str] | None, str]]:
    """(class, code, keyword names or None when some come from ``**``, where) of every coded error built in parindex."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CODED):
                continue
            if not (node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                continue
            keywords = {k.arg for k in node.keywords}
            fields: set[str] | None = None if None in keywords else keywords
            if node.func.id == "Problem":  # Problem(code, {params}, …): its fields are the dict's keys
                params = node.args[1] if len(node.args) > 1 else None
                fields = (
                    {k.value for k in params.keys if isinstance(k, ast.Constant)}
                    if isinstance(params, ast.Dict) and None not in params.keys
                    else None
                    if params is not None
                    else set()
                )
            found.append((node.func.id, node.args[0].value, fields, f"{path.relative_to(PACKAGE)}:{node.lineno}"))
    return found


RAISED = raised_codes()


def test_the_scan_finds_the_errors_parindex_raises():
    """A scan that found nothing would pass every check below."""
    kinds = {kind for kind, *_ in RAISED}
    assert kinds == set(CODED)
    assert len(RAISED) > 100


@pytest.mark.parametrize(("kind", "code", "fields", "where"), RAISED, ids=[r[3] for r in RAISED])
def test_every_raised_code_has_its_sentence_in_both_languages_with_its_fields(kind, code, fields, where):
    key = f"{CODED[kind]}.{code}"
    assert key in MESSAGES, f"{where}: no message {key}"
    for lang in ("vi", "en"):
        template = MESSAGES[key].get(lang)
        assert template, f"{where}: {key} has no {lang} text"
        if fields is not None:
            assert placeholders(template) <= fields, f"{where}: {key} ({lang}) names a field the error lacks"


def snapshot() -> EntrySnapshot:
    return EntrySnapshot("1.1", "5", None, None, version=3, updated_by="ha.nguyen")


FIXED = [  # errors whose code the class chooses itself
    AccessDenied("manage_rounds"),
    ConflictError(snapshot()),
    SurveyConflict((SurveyCell("Sở Tư pháp", "2.1.2", (71.0, 300), (64.0, 0), "an"),)),
    ImportConflict([], stale=False),
    ImportConflict([], stale=True),
]
# Codes handed on from another rule: a text that cannot be stored (rounds and accounts), a weak password.
TEXT_FIELDS = {"field": "note", "char": "U+0000", "position": 1, "length": 9, "limit": 8}
TEXT_CODES = ("text_control", "text_too_long")
PASSWORD_CODES = ("password_short", "password_long", "password_has_name", "password_repetitive")
HANDED_ON = [cls(code, **TEXT_FIELDS) for cls in (RoundError, AccountError) for code in TEXT_CODES]
HANDED_ON += [AccountError(code, limit=256) for code in PASSWORD_CODES]  # as _check_password raises them


@pytest.mark.parametrize("error", FIXED + HANDED_ON, ids=lambda e: f"{type(e).__name__}-{e.code}")
def test_fixed_and_handed_on_codes_read_in_both_languages(error):
    assert error.key in MESSAGES
    vietnamese, english = error.message("vi"), error.message("en")
    assert vietnamese != english and error.key not in (vietnamese, english)
    assert str(error) == english or isinstance(error, AccessDenied)


def test_the_codes_handed_on_are_those_their_rules_give():
    """The list above follows the rules it copies: the text check's problems and the password reasons."""
    text_codes = {
        code for kind, code, _, where in RAISED if kind == "Problem" and where.startswith("inputs/_textcheck")
    }
    assert text_codes == set(TEXT_CODES)
    password_source = (PACKAGE / "accounts" / "_passwords.py").read_text(encoding="utf-8")
    reasons = {
        node.value.removeprefix("auth.")
        for node in ast.walk(ast.parse(password_source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("auth.")
    }
    assert reasons == set(PASSWORD_CODES)


def every_subclass(cls: type) -> set[type]:
    return {sub for direct in cls.__subclasses__() for sub in {direct, *every_subclass(direct)}}


def test_every_error_class_is_checked_above():
    """A new ParindexError subclass must get its codes checked here too."""
    for module in pkgutil.walk_packages([str(PACKAGE)], "parindex."):
        if not module.name.endswith("__main__") and ".migrations" not in module.name:
            importlib.import_module(module.name)
    checked = {RoundError, AccountError, PlanError, CellError, InputError} | {type(e) for e in FIXED}
    found = {cls for cls in every_subclass(ParindexError) if cls.__module__.startswith("parindex")}
    text_error = importlib.import_module("parindex.inputs").TextError  # an InputError of one problem
    assert found - checked == {text_error}


def test_an_error_reads_in_the_language_asked_and_keeps_its_fields():
    error = RoundError("published", year=2025)
    assert isinstance(error, ParindexError)
    assert error.code == "published" and error.params == {"year": 2025}
    assert error.message("vi") == "kỳ đánh giá năm 2025 đã công bố; phải mở lại (có lý do) mới sửa được"
    assert error.message("en") == str(error) == "the 2025 round is published; reopen it (with a reason) to change it"


def test_access_denied_names_nothing_hidden_to_the_user_but_the_permission_to_the_log():
    error = AccessDenied("read_unpublished", unit_id=7)
    assert error.message("vi") == "Tài khoản của bạn không có quyền làm việc này."
    assert "read_unpublished" not in error.message("en") and "7" not in error.message("en")
    assert str(error) == "access denied: read_unpublished" and error.unit_id == 7


def test_an_input_error_reads_as_its_problems_one_per_line():
    error = InputError(
        [Problem("not_utf8", file="a.csv"), Problem("missing_key", {"key": "id"}, file="b.yaml", line=3)]
    )
    assert isinstance(error, ParindexError)
    assert error.message("en") == "a.csv: the file is not UTF-8 text\nb.yaml:3: required key 'id' is missing"
    assert error.message("vi") == "a.csv: tệp không ở mã UTF-8\nb.yaml:3: thiếu khóa bắt buộc 'id'"


def test_specific_errors_stay_what_callers_catch():
    """Callers that catch a ValueError from a cell or a plan still do."""
    assert isinstance(CellError("value_negative", value="-1"), ValueError)
    assert isinstance(PlanError("target_rank", rank=0), ValueError)
    assert isinstance(ConflictError(snapshot()), RoundError)
