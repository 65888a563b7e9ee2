"""Messages for size limits on inputs (:mod:`parindex.limits`) and for an unexpected error in the app."""

from __future__ import annotations

LIMIT_MESSAGES: dict[str, dict[str, str]] = {
    "problem.too_large": {
        "vi": "Tệp quá lớn: {size} byte, vượt giới hạn {limit} byte ({what}). Hãy chia nhỏ tệp hoặc bỏ phần thừa.",
        "en": "The file is too large: {size} bytes, over the limit of {limit} bytes ({what}). Split it or remove "
        "what is not needed.",
    },
    "problem.too_many": {
        "vi": "Quá nhiều {what}: {count}, vượt giới hạn {limit}.",
        "en": "Too many {what}: {count}, over the limit of {limit}.",
    },
    "problem.too_deep": {
        "vi": "YAML lồng quá sâu: {depth} cấp, vượt giới hạn {limit} cấp.",
        "en": "The YAML is nested too deeply: {depth} levels, over the limit of {limit}.",
    },
    "problem.yaml_aliases": {
        "vi": "YAML dùng bí danh/neo (& và *) — bộ tiêu chí không cần đến chúng; hãy viết đầy đủ từng mục.",
        "en": "The YAML uses anchors/aliases (& and *) — a criteria set has no need of them; write each entry out.",
    },
    "problem.xlsx_unpacked_too_large": {
        "vi": "Tệp Excel giải nén ra {size} byte, vượt giới hạn {limit} byte (tệp nén bất thường).",
        "en": "The Excel file unpacks to {size} bytes, over the limit of {limit} bytes (abnormally compressed).",
    },
    "problem.xlsx_ratio": {
        "vi": "Phần {member} của tệp Excel nén {ratio} lần, vượt giới hạn {limit} lần (tệp nén bất thường).",
        "en": "Part {member} of the Excel file is compressed {ratio} times, over the limit of {limit} "
        "(abnormally compressed).",
    },
    "problem.xlsx_not_zip": {
        "vi": "Tệp .xlsx không đọc được (không phải tệp Excel hợp lệ).",
        "en": "The .xlsx file cannot be read (not a valid Excel file).",
    },
    "limit.what.file": {"vi": "tệp", "en": "file"},
    "limit.what.rows": {"vi": "dòng", "en": "rows"},
    "limit.what.columns": {"vi": "cột", "en": "columns"},
    "limit.what.cells": {"vi": "ô", "en": "cells"},
    "limit.what.sheets": {"vi": "trang tính", "en": "sheets"},
    "limit.what.sub_criteria": {"vi": "tiêu chí thành phần", "en": "sub-criteria"},
    "limit.what.yaml_nodes": {"vi": "mục YAML", "en": "YAML entries"},
    "limit.what.zip_members": {"vi": "phần trong tệp Excel", "en": "parts in the Excel file"},
    "ui.unexpected_error": {
        "vi": "Đã xảy ra lỗi ngoài dự kiến nên trang không hiển thị hết. Hãy thử tải lại trang; nếu lỗi lặp lại, báo cho quản trị viên mã sự cố **{incident}**.",
        "en": "An unexpected error stopped this page. Try reloading the page; if it "
        "happens again, give the administrator the incident number **{incident}**.",
    },
}
