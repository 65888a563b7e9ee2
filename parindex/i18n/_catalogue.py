"""The message catalogue: every sentence a user can see, in Vietnamese and English.

The sentences live in data files, ``parindex/i18n/messages/<area>.toml``, so a translator changes one
without reading Python. Each entry is a table named by its key with exactly two texts::

    ["plan.target_rank"]
    vi = "hạng {rank}"
    en = "rank {rank}"

Keys are grouped by prefix: ``problem.*`` for problems in a user's file (see
:class:`parindex.errors.Problem`), ``loc.*`` for locations, ``cli.*`` for the command line,
``col.*`` for column headings, ``rule.*`` for rule descriptions, ``ui.*`` for the app.

The files are read once, on the first :func:`messages` call (the first :func:`parindex.i18n.t`), not
at import. A key defined in two files, an entry without both texts, or texts whose ``{placeholders}``
differ is a programming error: :class:`CatalogueError` names every such entry at once.
"""

from __future__ import annotations

import functools
import string
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

MESSAGE_DIRECTORY = Path(__file__).with_name("messages")
TEXT_LANGUAGES = ("vi", "en")

Entry = Mapping[str, str]


class CatalogueError(Exception):
    """The message files are broken: a defect of the program, not of a user's input."""

    def __init__(self, faults: list[str]):
        self.faults = faults
        super().__init__("broken message catalogue:\n" + "\n".join(f"- {fault}" for fault in faults))


def placeholders(text: str) -> set[str]:
    """The ``{names}`` ``str.format`` fills in ``text`` (``{{`` is a literal brace, not a name)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def entry_faults(key: str, entry: object, file_name: str) -> list[str]:
    """What is wrong with one entry: not exactly ``vi`` and ``en`` texts, or different placeholders."""
    where = f"{file_name}: [{key!r}]"
    if not isinstance(entry, dict):
        return [f"{where} is not a table of texts"]
    faults: list[str] = []
    if missing := [lang for lang in TEXT_LANGUAGES if lang not in entry]:
        faults.append(f"{where} has no {', '.join(missing)} text")
    if extra := sorted(set(entry) - set(TEXT_LANGUAGES)):
        faults.append(f"{where} has unexpected fields {', '.join(extra)} (only vi and en)")
    if not_text := [lang for lang, text in entry.items() if not isinstance(text, str)]:
        faults.append(f"{where} has a {', '.join(not_text)} value that is not text")
    if faults:
        return faults
    try:
        vi, en = placeholders(entry["vi"]), placeholders(entry["en"])
    except ValueError as error:  # an unmatched { or }
        return [f"{where} is not a valid format text: {error}"]
    return [] if vi == en else [f"{where} has placeholders {sorted(vi)} in vi but {sorted(en)} in en"]


def load_catalogue(directory: Path = MESSAGE_DIRECTORY) -> dict[str, dict[str, Entry]]:
    """Every entry of every ``*.toml`` in ``directory``, by file stem (area) then key, in file order.

    Raises :class:`CatalogueError` naming every fault found: an entry of the wrong shape, a key in two
    files (both named), a file that is not valid TOML.
    """
    areas: dict[str, dict[str, Entry]] = {}
    home: dict[str, str] = {}
    faults: list[str] = []
    for path in sorted(directory.glob("*.toml")):
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            faults.append(f"{path.name}: {error}")
            continue
        area: dict[str, Entry] = {}
        for key, entry in table.items():
            if key in home:
                faults.append(f"[{key!r}] is defined in both {home[key]} and {path.name}")
            home.setdefault(key, path.name)
            found = entry_faults(key, entry, path.name)
            faults.extend(found)
            if not found:
                area[key] = MappingProxyType({lang: entry[lang] for lang in TEXT_LANGUAGES})
        areas[path.stem] = area
    if not areas and not faults:
        faults.append(f"no message files (*.toml) in {directory}")
    if faults:
        raise CatalogueError(faults)
    return areas


@functools.cache
def catalogue_areas() -> Mapping[str, Mapping[str, Entry]]:
    """The package's message files, read and checked once: area (file stem) → key → entry."""
    return MappingProxyType({area: MappingProxyType(entries) for area, entries in load_catalogue().items()})


@functools.cache
def messages() -> Mapping[str, Entry]:
    """Every message of the package, key → ``{"vi": …, "en": …}``, read-only."""
    merged: dict[str, Entry] = {}
    for entries in catalogue_areas().values():
        merged.update(entries)
    return MappingProxyType(merged)


class _LazyMessages(Mapping[str, Entry]):
    """:func:`messages` as a module constant that reads the files only when first looked into."""

    def __getitem__(self, key: str) -> Entry:
        return messages()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(messages())

    def __len__(self) -> int:
        return len(messages())

    def __repr__(self) -> str:
        return f"<message catalogue, {len(self)} keys>"


MESSAGES: Mapping[str, Entry] = _LazyMessages()
