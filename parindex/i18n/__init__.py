"""Vietnamese-first text: ``t()`` over the message catalogue (``messages/*.toml``), number and date formats, NFC."""

from parindex._lazy import attach

__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "_catalogue": [
            "MESSAGES",
            "MESSAGE_DIRECTORY",
            "CatalogueError",
            "catalogue_areas",
            "load_catalogue",
            "messages",
        ],
        "_format": [
            "DEFAULT_LANGUAGE",
            "LANGUAGES",
            "check_language",
            "format_date",
            "format_datetime",
            "format_number",
            "format_pct",
            "nfc",
            "parse_number",
            "t",
        ],
    },
)
