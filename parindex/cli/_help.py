"""The command line's help and argument errors in the user's language (Vietnamese by default).

``argparse`` writes its help and errors in English. The parser is built in English (the code's
language) and then :func:`localise` replaces, for the chosen language, every command's summary,
every argument's help, the section titles and the "usage" prefix from the catalogue below;
:class:`LocalisedParser` says argparse's common errors in the same language. A test checks that
every argument of every command has its Vietnamese words here.
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Sequence

from parindex.i18n import DEFAULT_LANGUAGE, LANGUAGES, check_language

# "command" → the command's summary; "command option" → the option's help ("--flag" or a positional's name).
HELP_VI: dict[str, str] = {
    "parindex": "Chỉ số cải cách hành chính: bộ tiêu chí, chấm điểm, xếp hạng, mô phỏng và lộ trình.",
    "--lang": "ngôn ngữ của thông báo: vi (mặc định) hoặc en",
    "--help": "in hướng dẫn này rồi thoát",
    "validate": "kiểm tra tệp bộ tiêu chí YAML",
    "validate files": "các tệp bộ tiêu chí YAML",
    "score": "chấm điểm và xếp hạng mọi đơn vị của một tệp số liệu",
    "score --out": "ghi ra tệp .csv, .xlsx hoặc .json thay vì in CSV ra màn hình",
    "score --rules": "tệp bộ tiêu chí YAML (cùng --data; với --round-year: bộ tiêu chí của kỳ)",
    "score --data": "tệp số liệu (.csv hoặc .xlsx)",
    "score --round-year": "chấm kỳ đánh giá của năm này trong cơ sở dữ liệu thay cho tệp số liệu",
    "explain": "giải thích từng tiêu chí thành phần cho một đơn vị",
    "explain --unit": "tên đơn vị",
    "whatif": "chấm lại mọi đơn vị sau khi đổi giá trị của một đơn vị",
    "whatif --unit": "tên đơn vị",
    "whatif --set": "giá trị mới, nhập như trong tệp số liệu (MÃ=GIÁ_TRỊ); lặp lại cho nhiều tiêu chí",
    "plan": "lộ trình ít nỗ lực nhất để một đơn vị đạt hạng mục tiêu",
    "plan --unit": "tên đơn vị",
    "plan --target-rank": "hạng mục tiêu",
    "plan --costs": "tệp nỗ lực YAML (xem indicators/README.md)",
    "plan --budget": "tổng nỗ lực tối đa",
    "plan --national-top": "giữ vị trí trong K tỉnh dẫn đầu cả nước",
    "plan --confidence": "cùng --national-top: khả năng vào top K ít nhất bằng mức này (mặc định 0,8)",
    "plan --national-year": "cùng --national-top: năm công bố so sánh (mặc định: năm của số liệu)",
    "plan --province": "cùng --national-top: tỉnh của chúng ta (mặc định: tên đơn vị)",
    "national-rank": "hạng toàn quốc của một chỉ số: khoảng chắc chắn, khoảng 80 %, hạng khả năng nhất, khả năng vào top K",
    "national-rank --year": "năm đã công bố (ví dụ 2023)",
    "national-rank --index": "chỉ số của tỉnh, % (0–100)",
    "national-rank --province": "chúng ta là tỉnh này: dòng công bố của tỉnh được bỏ ra",
    "national-rank --table": "bảng kết quả đầy đủ (hoặc một phần) của năm, .csv hoặc .xlsx",
    "national-rank --top": "K trong khả năng vào top K (mặc định 10)",
    "national-rank --json": "in JSON thay cho chữ",
    "report": "lập phụ lục quyết định (.pdf/.xlsx/.docx), báo cáo đơn vị hoặc tóm tắt cho lãnh đạo (.pdf)",
    "report kind": "loại báo cáo: annex (phụ lục), unit (báo cáo đơn vị), brief (tóm tắt)",
    "report --rules": "tệp bộ tiêu chí YAML (cùng --data)",
    "report --data": "tệp số liệu (.csv hoặc .xlsx)",
    "report --round-year": "lấy số liệu của kỳ đánh giá năm này",
    "report --year": "năm in trên báo cáo (mặc định: theo số liệu)",
    "report --unit": "đơn vị (báo cáo đơn vị và tóm tắt)",
    "report --target-rank": "hạng mục tiêu cho lộ trình (báo cáo đơn vị, tóm tắt)",
    "report --costs": "tệp nỗ lực YAML (xem indicators/README.md)",
    "report --national-index": "tóm tắt: chỉ số của tỉnh, để đặt tỉnh trên cả nước",
    "report --out": "tệp kết quả: .pdf (mọi báo cáo), .xlsx hoặc .docx (phụ lục)",
    "uncertainty": "độ bất định thứ hạng: hạng trung vị, hạng 5–95 %, khả năng vào top K",
    "uncertainty --runs": "số lần mô phỏng (mặc định 1000)",
    "uncertainty --seed": "mã mô phỏng: cùng mã thì cùng kết quả",
    "uncertainty --top": "K trong khả năng vào top K (mặc định 10)",
    "uncertainty --respondents": "số phiếu điều tra khi không rõ",
    "uncertainty --weight-spread": "trọng số lĩnh vực thay đổi ± chừng này phần trăm (ví dụ 25)",
    "uncertainty --sensitivity": "in thêm nguồn nào làm thứ hạng thay đổi nhiều nhất",
    "criteria": "bộ tiêu chí từ phụ lục quyết định: nhập (import), so sánh (diff), xuất (export)",
    "criteria import": "đọc bảng phụ lục của quyết định (.xlsx/.docx) thành bộ tiêu chí",
    "criteria import file": "tệp phụ lục (.xlsx hoặc .docx)",
    "criteria import --out": "tệp bộ tiêu chí YAML sẽ ghi",
    "criteria import --id": "mã bộ tiêu chí (mặc định: theo tên tệp)",
    "criteria import --name": "tên bộ tiêu chí",
    "criteria import --decision": "quyết định ban hành, ví dụ 'QĐ 123/QĐ-UBND tỉnh X'",
    "criteria import --year": "năm áp dụng; lặp lại cho nhiều năm",
    "criteria import --unit-type": "loại đơn vị được chấm (so, xa, tinh…); lặp lại cho nhiều loại",
    "criteria diff": "so sánh hai bộ tiêu chí (năm N và năm N+1)",
    "criteria diff before": "bộ tiêu chí năm trước (YAML)",
    "criteria diff after": "bộ tiêu chí năm sau (YAML)",
    "criteria export": "xuất bộ tiêu chí thành phụ lục quyết định",
    "criteria export set": "tệp bộ tiêu chí YAML",
    "criteria export --out": "tệp .docx hoặc .xlsx sẽ ghi",
    "db": "tạo hoặc nâng cấp cơ sở dữ liệu",
    "db action": "upgrade: tạo hoặc nâng cấp lược đồ",
    "db --seed": "điền các kỳ đánh giá mẫu vào cơ sở dữ liệu trống",
    "backup": "sao cơ sở dữ liệu SQLite ra một tệp (PostgreSQL: pg_dump, xem README)",
    "backup --to": "tệp sao lưu",
    "restore": "thay cơ sở dữ liệu SQLite bằng một tệp sao lưu đã kiểm tra",
    "restore --from": "tệp sao lưu",
    "users": "tài khoản: init, add, list, passwd, disable, enable (xem README)",
    "users action": "việc cần làm; init: khi chưa có tài khoản, hỏi (tại bàn phím) quản trị viên đầu tiên",
    "users --username": "tên đăng nhập",
    "users --role": "vai trò của tài khoản mới",
    "users --unit": "đơn vị của cán bộ đơn vị, theo tên trong cơ sở dữ liệu",
    "users --unit-type": "loại đơn vị (so, xa…) khi hai đơn vị trùng tên",
    "users --display-name": "họ tên hiển thị trong ứng dụng",
    "users --sso-email": "e-mail mà hệ thống đăng nhập một lần của cơ quan dùng để nhận ra người này",
    "users --no-password": "tài khoản đăng nhập một lần, không có mật khẩu",
    "users --password-stdin": "đọc mật khẩu từ đầu vào chuẩn",
    "sample": "tạo lại dữ liệu mẫu từ số khởi tạo cố định",
    "sample --indicators": "thư mục bộ tiêu chí",
    "sample --out": "thư mục ghi dữ liệu mẫu",
    "sample --seed": "số khởi tạo của dữ liệu mẫu",
}
# Shared by every command that reads a criteria set and a values file.
SHARED_VI = {"--rules": "tệp bộ tiêu chí YAML", "--data": "tệp số liệu (.csv hoặc .xlsx)"}

WORDS = {
    "vi": {"usage": "Cách dùng: ", "positionals": "tham số", "options": "tùy chọn", "commands": "lệnh", "error": "lỗi"},
    "en": {
        "usage": "usage: ",
        "positionals": "positional arguments",
        "options": "options",
        "commands": "commands",
        "error": "error",
    },
}

# argparse's own errors, said again in Vietnamese (pattern → template with the same groups).
ERRORS_VI = [
    (r"the following arguments are required: (.*)", "thiếu tham số bắt buộc: {0}"),
    (
        r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)",
        "tham số {0}: không có lựa chọn {1} (chọn một trong {2})",
    ),
    (r"argument (.*?): invalid (\w+) value: (.*)", "tham số {0}: {2} không phải giá trị hợp lệ"),
    (r"argument (.*?): expected one argument", "tham số {0}: cần một giá trị"),
    (r"unrecognized arguments: (.*)", "tham số không nhận ra: {0}"),
    (r"argument (.*?): not allowed with argument (.*)", "tham số {0}: không dùng cùng {1}"),
]


def language_of(argv: Sequence[str]) -> str:
    """The language asked for on the command line (``--lang en`` or ``--lang=en``), else PARINDEX_LANG, else vi."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return check_language(argv[i + 1])
        if arg.startswith("--lang="):
            return check_language(arg.split("=", 1)[1])
    return check_language(os.environ.get("PARINDEX_LANG", DEFAULT_LANGUAGE))


class LocalisedParser(argparse.ArgumentParser):
    """An ArgumentParser that says its errors and its "usage" prefix in ``self.language``."""

    language = DEFAULT_LANGUAGE

    def error(self, message: str):  # type: ignore[override]
        """Usage, then ``parindex score: lỗi: thiếu tham số bắt buộc: --data`` (exit 2, as argparse does)."""
        import sys

        if self.language == "vi":
            message = translate_error(message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {WORDS[self.language]['error']}: {message}\n")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", WORDS[self.language]["usage"], 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage: ", WORDS[self.language]["usage"], 1)


def translate_error(message: str) -> str:
    for pattern, template in ERRORS_VI:
        found = re.fullmatch(pattern, message)
        if found:
            return template.format(*found.groups())
    return message


def _help_text(words: str) -> str:
    """argparse fills help strings with %-formatting, so a literal percent sign is written twice."""
    return words.replace("%", "%%")


def option_name(action: argparse.Action) -> str:
    """``--out`` for an option (its first long name), the destination for a positional."""
    longs = [s for s in action.option_strings if s.startswith("--")]
    if longs:
        return longs[0]
    return action.option_strings[0] if action.option_strings else action.dest


def _localise_parser(parser: argparse.ArgumentParser, command: str | None, lang: str) -> None:
    """Help of ``parser``'s own arguments, then each of its commands (``command`` is its path, e.g. "criteria")."""
    parser.language = lang  # type: ignore[attr-defined]
    parser._positionals.title = WORDS[lang]["positionals"]
    parser._optionals.title = WORDS[lang]["options"]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            parser._positionals.title = WORDS[lang]["commands"]
            for choice in action._choices_actions:
                key = f"{command} {choice.dest}" if command else choice.dest
                if lang == "vi" and key in HELP_VI:
                    choice.help = _help_text(HELP_VI[key])
            for name, sub in action.choices.items():
                key = f"{command} {name}" if command else name
                if lang == "vi" and key in HELP_VI:
                    sub.description = HELP_VI[key]
                _localise_parser(sub, key, lang)
            continue
        if lang != "vi":
            continue
        name = option_name(action)
        words = HELP_VI.get(f"{command} {name}") if command else None
        words = words or SHARED_VI.get(name) or HELP_VI.get(name)
        if words is not None:
            action.help = _help_text(words)


def localise(parser: argparse.ArgumentParser, lang: str) -> argparse.ArgumentParser:
    """Put every help text of ``parser`` and its commands in ``lang`` (English is how they are written)."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    if lang == "vi":
        parser.description = HELP_VI["parindex"]
    _localise_parser(parser, None, lang)
    return parser


def missing_vietnamese(parser: argparse.ArgumentParser, command: str | None = None) -> list[str]:
    """Every command and argument that has no Vietnamese help (for the test that keeps the catalogue whole)."""
    missing = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                key = f"{command} {name}" if command else name
                if key not in HELP_VI:
                    missing.append(key)
                missing += missing_vietnamese(sub, key)
            continue
        name = option_name(action)
        if command is None or name in ("--help", "--lang") or f"{command} {name}" in HELP_VI or name in SHARED_VI:
            continue
        missing.append(f"{command} {name}")
    return missing
