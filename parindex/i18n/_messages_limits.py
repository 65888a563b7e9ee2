"""Messages for size limits on inputs (:mod:`parindex.inputs`) and for an unexpected error in the app."""

from __future__ import annotations


def _many(vi: str, en: str) -> dict[str, str]:
    return {
        "vi": f"Quá nhiều {vi}: {{count}}, vượt giới hạn {{limit}}. Tệp không được đọc.",
        "en": f"Too many {en}: {{count}}, over the limit of {{limit}}. The file was not read.",
    }


LIMIT_MESSAGES: dict[str, dict[str, str]] = {
    "problem.too_large": {
        "vi": "Tệp quá lớn: {size} byte, vượt giới hạn {limit} byte. Tệp không được đọc.",
        "en": "The file is too large: {size} bytes, over the limit of {limit} bytes. The file was not read.",
    },
    "problem.too_large_endless": {
        "vi": "Tệp quá lớn: vượt giới hạn {limit} byte (đã dừng đọc ở đó).",
        "en": "The file is too large: over the limit of {limit} bytes (reading stopped there).",
    },
    "problem.too_deep": {
        "vi": "YAML lồng quá sâu: {depth} cấp, vượt giới hạn {limit} cấp.",
        "en": "The YAML is nested too deeply: {depth} levels, over the limit of {limit}.",
    },
    "problem.limit_rows": _many("dòng", "rows"),
    "problem.limit_columns": _many("cột", "columns"),
    "problem.limit_cells": _many("ô (dòng × cột)", "cells (rows × columns)"),
    "problem.limit_sheets": _many("trang tính", "sheets"),
    "problem.limit_sub_criteria": _many("tiêu chí thành phần", "sub-criteria"),
    "problem.limit_yaml_nodes": _many("mục YAML", "YAML entries"),
    "problem.limit_zip_parts": _many("phần bên trong tệp Excel", "parts inside the Excel file"),
    "problem.xlsx_unpacked": {
        "vi": "Tệp Excel giải nén ra {size} byte, vượt giới hạn {limit} byte. Tệp không được mở.",
        "en": "The Excel file unpacks to {size} bytes, over the limit of {limit} bytes. It was not opened.",
    },
    "problem.xlsx_part": {
        "vi": "Phần {part} của tệp Excel giải nén ra {size} byte (nén {ratio} lần); giới hạn là {limit} byte và "
        "{ratio_limit} lần. Tệp không được mở.",
        "en": "Part {part} of the Excel file unpacks to {size} bytes (compressed {ratio} times); the limits are "
        "{limit} bytes and {ratio_limit} times. It was not opened.",
    },
    "ui.unexpected_error": {
        "vi": "Đã xảy ra lỗi ngoài dự kiến nên trang không hiển thị hết. Hãy thử tải lại trang; nếu lỗi lặp lại, "
        "báo cho quản trị viên mã sự cố **{incident}**.",
        "en": "An unexpected error stopped this page. Try reloading the page; if it happens again, give the "
        "administrator the incident number **{incident}**.",
    },
}
