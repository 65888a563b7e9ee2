"""Application settings from ``config.yaml``, checked like any other user file."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from parindex.i18n import LANGUAGES, nfc
from parindex.inputs import YamlReader, parse_yaml_document, read_yaml_text

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
    document, problems = parse_yaml_document(read_yaml_text(path), path.name)
    reader = YamlReader(document, path.name, problems)
    data = reader.mapping(document.data if document.data is not None else {}, ()) or {}
    reader.keys(data, (), KEYS)
    language = reader.choice(data, "language", (), LANGUAGES, "vi")
    for key in TEXT_KEYS:
        if key in data and not isinstance(data[key], (str, int)):
            reader.problem("expected_text", (key,), key=key)
    decision_date = _decision_date(data.get("decision_date"))
    if decision_date is False:
        reader.problem("bad_date", ("decision_date",), key="decision_date", value=str(data.get("decision_date")))
    reader.raise_problems()
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


def _decision_date(value: object) -> dt.date | bool | None:
    """The decision's date as written (a YAML date or ISO text); False when it is not a date."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return False
    if value is None or isinstance(value, dt.date):
        return value
    return False
