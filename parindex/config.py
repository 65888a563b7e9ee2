"""Application settings from ``config.yaml``, checked like any other user file."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from parindex.errors import InputError, Problem
from parindex.i18n import LANGUAGES, nfc
from parindex.inputs import MAX_YAML_BYTES, check_yaml, format_path, load_yaml, read_limited

KEYS = {
    "language",
    "indicators_dir",
    "data_dir",
    "sample_dir",
    "province",
    "database_url",
    "authority",
    "place",
    "decision_number",
    "decision_date",
    "signer_title",
}
TEXT_KEYS = ("province", "authority", "place", "decision_number", "signer_title")


@dataclass(frozen=True)
class Settings:
    root: Path
    language: str = "vi"
    indicators_dir: Path = Path("indicators")
    data_dir: Path = Path("data")
    sample_dir: Path = Path("data/sample")
    province: str = ""
    database_url: str | None = None
    # the heading block and signature of the published decision (see parindex.reports.Heading)
    authority: str = "Ủy ban nhân dân"
    place: str = ""
    decision_number: str = ""
    decision_date: dt.date | None = None
    signer_title: str = ""


def load_settings(path: str | Path = "config.yaml") -> Settings:
    """Read ``path`` (or the file named by ``PARINDEX_CONFIG``); a missing file gives the defaults.

    Relative folders are taken from the config file's own folder. A wrong file raises InputError.
    """
    path = Path(os.environ.get("PARINDEX_CONFIG") or path).resolve()
    root = path.parent
    if not path.exists():
        return Settings(
            root=root, indicators_dir=root / "indicators", data_dir=root / "data", sample_dir=root / "data/sample"
        )
    text = read_limited(path, MAX_YAML_BYTES).decode("utf-8")
    check_yaml(text, path.name)
    document, problems = load_yaml(text, path.name)
    data = (document.data if document else None) or {}
    if document is not None and not isinstance(data, dict):
        problems.append(Problem("expected_mapping", file=path.name, line=1))
        data = {}
    for key in data:
        if key not in KEYS:
            problems.append(
                Problem(
                    "unknown_key",
                    {"key": key, "allowed": ", ".join(sorted(KEYS))},
                    file=path.name,
                    line=document.line_of((key,)),
                    path=format_path((key,)),
                )
            )
    language = str(data.get("language", "vi"))
    if language not in LANGUAGES:
        problems.append(
            Problem(
                "bad_choice",
                {"key": "language", "value": language, "options": ", ".join(LANGUAGES)},
                file=path.name,
                line=document.line_of(("language",)),
            )
        )
    for key in TEXT_KEYS:
        if key in data and not isinstance(data[key], (str, int)):
            problems.append(Problem("expected_text", {"key": key}, file=path.name, line=document.line_of((key,))))
    decision_date = data.get("decision_date")
    if isinstance(decision_date, str):
        try:
            decision_date = dt.date.fromisoformat(decision_date.strip())
        except ValueError:
            decision_date = False
    if decision_date is not None and not isinstance(decision_date, dt.date):
        problems.append(
            Problem(
                "bad_date",
                {"key": "decision_date", "value": str(data.get("decision_date"))},
                file=path.name,
                line=document.line_of(("decision_date",)),
            )
        )
    if problems:
        raise InputError(problems)
    return Settings(
        root=root,
        language=language,
        indicators_dir=root / str(data.get("indicators_dir", "indicators")),
        data_dir=root / str(data.get("data_dir", "data")),
        sample_dir=root / str(data.get("sample_dir", "data/sample")),
        province=str(data.get("province", "")),
        database_url=str(data["database_url"]) if data.get("database_url") else None,
        authority=nfc(str(data.get("authority", "Ủy ban nhân dân"))),
        place=nfc(str(data.get("place", ""))),
        decision_number=nfc(str(data.get("decision_number", ""))),
        decision_date=decision_date or None,
        signer_title=nfc(str(data.get("signer_title", ""))),
    )
