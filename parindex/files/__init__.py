"""Files that leave the app or come back: safe exports, the values template, the per-unit workbook."""

from parindex._lazy import attach

__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "_export": [
            "neutralise",
            "neutralise_frame",
            "results_with_values",
            "table_bytes",
            "to_csv_bytes",
            "to_xlsx_bytes",
            "values_by_unit",
            "write_atomic",
            "write_output",
        ],
        "_template": ["FIXED_HEADERS", "MIN_VALIDATED_ROWS", "VALUES_SHEET", "build_template", "example_value"],
        "_workbook": [
            "Evidence",
            "META_SHEET",
            "PREVIEW_COLUMNS",
            "changes_preview",
            "column_heading",
            "export_unit_workbook",
            "preview_headings",
            "read_unit_workbook",
            "sheet_titles",
        ],
    },
)
