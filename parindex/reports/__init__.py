"""Published documents: the decision's annex, the unit report, the leader's brief, their PDF and charts."""

from parindex._lazy import attach

__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "_annex": ["annex_pdf", "annex_tables", "annex_xlsx"],
        "_annex_docx": ["annex_docx"],
        "_brief": ["brief_pdf", "cheapest_moves"],
        "_build": [
            "MIME",
            "ReportInput",
            "ReportRequest",
            "build_report",
            "data_year",
            "file_name",
            "input_from_files",
            "input_from_round",
        ],
        "_data": ["find_unit", "round_evidence", "round_notes"],
        "_pdf": ["Heading", "font_path"],
        "_unit": ["summary_lines", "unit_pdf"],
    },
)
