"""Reading what users give us safely: size limits checked before parsing, YAML with line numbers, stored-text checks.

Every reader of a user's file (criteria sets, values, workbooks, settings) goes through these, so a
limit or a text rule is written once.
"""

from parindex._lazy import attach

__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "_formulas": ["FORMULA_PREFIXES", "neutralise", "restore"],
        "_limits": [
            "MAX_CELL_CHARS",
            "MAX_COLUMNS",
            "MAX_ROWS",
            "MAX_TABLE_BYTES",
            "MAX_YAML_BYTES",
            "MB",
            "check_bytes",
            "check_csv_text",
            "check_table_shape",
            "check_xlsx",
            "check_yaml",
            "check_zip",
            "read_limited",
        ],
        "_textcheck": [
            "TextError",
            "UNIT_NAME",
            "check_instance",
            "check_rows",
            "check_text",
            "column_rule",
            "max_chars",
            "text_problem",
            "text_problems",
        ],
        "_yaml_reader": ["YamlReader", "parse_yaml_document", "read_yaml_text"],
        "_yaml_source": ["Path", "YamlDocument", "format_path", "load_yaml"],
    },
)
