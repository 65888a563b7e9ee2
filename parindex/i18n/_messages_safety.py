"""Messages for keeping data safe: backup, restore, stored text, output files and command-line numbers."""

from __future__ import annotations

PG_DUMP_HINT_VI = (
    'với PostgreSQL dùng pg_dump --format=custom --file=parindex.dump "$PARINDEX_DATABASE_URL" để sao lưu và '
    'pg_restore --clean --if-exists --dbname="$PARINDEX_DATABASE_URL" parindex.dump để khôi phục '
    "(deploy/parindex-backup.sh làm việc sao lưu hằng đêm)"
)
PG_DUMP_HINT_EN = (
    'for PostgreSQL use pg_dump --format=custom --file=parindex.dump "$PARINDEX_DATABASE_URL" to back up and '
    'pg_restore --clean --if-exists --dbname="$PARINDEX_DATABASE_URL" parindex.dump to restore '
    "(deploy/parindex-backup.sh makes the nightly backup)"
)

SAFETY_MESSAGES: dict[str, dict[str, str]] = {
    # backup
    "problem.backup_postgresql": {
        "vi": "lệnh backup chỉ sao chép tệp SQLite; " + PG_DUMP_HINT_VI,
        "en": "the backup command copies SQLite files only; " + PG_DUMP_HINT_EN,
    },
    "problem.restore_postgresql": {
        "vi": "lệnh restore chỉ khôi phục tệp SQLite; " + PG_DUMP_HINT_VI,
        "en": "the restore command restores SQLite files only; " + PG_DUMP_HINT_EN,
    },
    "problem.backup_no_database": {
        "vi": "chưa có cơ sở dữ liệu để sao lưu (chạy python -m parindex db upgrade trước)",
        "en": "there is no database to back up yet (run python -m parindex db upgrade first)",
    },
    "problem.backup_target_folder": {
        "vi": "đây là một thư mục; hãy ghi tên tệp sao lưu, ví dụ {example}",
        "en": "this is a folder; give the backup file's name, e.g. {example}",
    },
    "problem.backup_target_special": {
        "vi": "không sao lưu vào tệp đặc biệt của hệ thống; chọn một tệp thường trên đĩa",
        "en": "a backup cannot go to a special system file; choose an ordinary file on disk",
    },
    "problem.backup_target_not_backup": {
        "vi": "tệp đã có và không phải bản sao lưu cơ sở dữ liệu; không ghi đè, hãy chọn tên tệp khác",
        "en": "the file exists and is not a database backup; it is not overwritten, choose another name",
    },
    "problem.backup_failed": {
        "vi": "không ghi được bản sao lưu ({detail}); không có tệp nào bị ghi dở",
        "en": "the backup could not be written ({detail}); no partial file was left",
    },
    # restore
    "problem.restore_missing": {"vi": "không có tệp này", "en": "no such file"},
    "problem.restore_not_file": {
        "vi": "đây không phải một tệp sao lưu (là thư mục hoặc tệp đặc biệt)",
        "en": "this is not a backup file (a folder or a special file)",
    },
    "problem.restore_empty_file": {
        "vi": "tệp rỗng (0 byte) — có thể là bản sao lưu bị hỏng; cơ sở dữ liệu hiện tại giữ nguyên",
        "en": "the file is empty (0 bytes), perhaps a failed backup; the current database is unchanged",
    },
    "problem.restore_not_sqlite": {
        "vi": "tệp không phải cơ sở dữ liệu SQLite; cơ sở dữ liệu hiện tại giữ nguyên",
        "en": "the file is not a SQLite database; the current database is unchanged",
    },
    "problem.restore_damaged": {
        "vi": "bản sao lưu bị hỏng ({detail}); cơ sở dữ liệu hiện tại giữ nguyên",
        "en": "the backup is damaged ({detail}); the current database is unchanged",
    },
    "problem.restore_empty_database": {
        "vi": "bản sao lưu là cơ sở dữ liệu rỗng (không có bảng nào); cơ sở dữ liệu hiện tại giữ nguyên",
        "en": "the backup is an empty database (no tables); the current database is unchanged",
    },
    "problem.restore_not_parindex": {
        "vi": "đây không phải cơ sở dữ liệu của parindex (thiếu {missing}); cơ sở dữ liệu hiện tại giữ nguyên",
        "en": "this is not a parindex database (missing {missing}); the current database is unchanged",
    },
    "problem.restore_unknown_revision": {
        "vi": (
            "bản sao lưu ở phiên bản lược đồ '{revision}', phiên bản parindex này không biết (mới nhất: {head}) — "
            "do bản parindex mới hơn hoặc ứng dụng khác tạo ra; cơ sở dữ liệu hiện tại giữ nguyên"
        ),
        "en": (
            "the backup has schema revision '{revision}', unknown to this version of parindex (newest: {head}), "
            "made by a newer parindex or another application; the current database is unchanged"
        ),
    },
    "problem.restore_no_admin": {
        "vi": (
            "bản sao lưu không có tài khoản quản trị nào đang hoạt động, khôi phục sẽ không ai quản lý được; "
            "cơ sở dữ liệu hiện tại giữ nguyên"
        ),
        "en": (
            "the backup has no active administrator account, so nobody could manage it after restoring; "
            "the current database is unchanged"
        ),
    },
    "problem.restore_upgrade_failed": {
        "vi": "không nâng cấp được bản sao lưu lên phiên bản hiện tại ({detail}); cơ sở dữ liệu hiện tại giữ nguyên",
        "en": "the backup could not be upgraded to this version ({detail}); the current database is unchanged",
    },
    "problem.restore_failed": {
        "vi": "không khôi phục được ({detail}); cơ sở dữ liệu hiện tại giữ nguyên",
        "en": "the restore failed ({detail}); the current database is unchanged",
    },
    "cli.restore_kept": {
        "vi": "Cơ sở dữ liệu cũ được giữ lại tại {file}",
        "en": "The replaced database is kept as {file}",
    },
    # stored text
    "problem.text_control": {
        "vi": "có ký tự điều khiển không hợp lệ ({char}) ở vị trí {position}",
        "en": "contains an invalid control character ({char}) at position {position}",
    },
    "problem.text_too_long": {
        "vi": "dài {length} ký tự, tối đa {limit}",
        "en": "is {length} characters long, at most {limit}",
    },
    "round.text_control": {
        "vi": "{field}: có ký tự điều khiển không hợp lệ ({char}) ở vị trí {position}; không có gì được lưu",
        "en": "{field}: contains an invalid control character ({char}) at position {position}; nothing was saved",
    },
    "round.text_too_long": {
        "vi": "{field}: dài {length} ký tự, tối đa {limit}; không có gì được lưu",
        "en": "{field}: is {length} characters long, at most {limit}; nothing was saved",
    },
    "auth.text_control": {
        "vi": "{field}: có ký tự điều khiển không hợp lệ ({char}) ở vị trí {position}",
        "en": "{field}: contains an invalid control character ({char}) at position {position}",
    },
    "auth.text_too_long": {
        "vi": "{field}: dài {length} ký tự, tối đa {limit}",
        "en": "{field}: is {length} characters long, at most {limit}",
    },
    "auth.last_admin": {
        "vi": "không thể khóa hoặc đổi vai trò tài khoản quản trị cuối cùng đang hoạt động ({username})",
        "en": "the last active administrator ({username}) cannot be deactivated or given another role",
    },
    # survey import
    "problem.survey_unit_twice": {
        "vi": "đơn vị '{unit}' đã có ở dòng {first}",
        "en": "unit '{unit}' already appears on row {first}",
    },
    "problem.survey_unit_type": {
        "vi": "đơn vị '{unit}' thuộc loại {unit_type}, kỳ đánh giá này chỉ chấm {types}",
        "en": "unit '{unit}' is of type {unit_type}; this round scores {types} only",
    },
    "problem.survey_unit_ambiguous": {
        "vi": "có nhiều đơn vị tên '{unit}' ({types}) trong kỳ đánh giá này",
        "en": "several units are named '{unit}' ({types}) in this round",
    },
    "problem.respondents_range": {
        "vi": "'{value}' không phải số phiếu hợp lệ (số nguyên từ 0 đến {limit})",
        "en": "'{value}' is not a valid number of respondents (a whole number from 0 to {limit})",
    },
    # criteria file of a new round
    "problem.criteria_file_missing": {
        "vi": "không đọc được tệp bộ tiêu chí: {detail}",
        "en": "cannot read the criteria-set file: {detail}",
    },
    # output files
    "problem.out_is_folder": {
        "vi": "đây là một thư mục; hãy ghi tên tệp kết quả",
        "en": "this is a folder; give the output file's name",
    },
    "problem.out_not_regular": {
        "vi": "không ghi đè tệp đặc biệt của hệ thống; chọn một tệp thường",
        "en": "a special system file is not overwritten; choose an ordinary file",
    },
    "problem.out_cannot_write": {
        "vi": "không ghi được tệp ({detail}); không có tệp nào bị ghi dở",
        "en": "the file could not be written ({detail}); no partial file was left",
    },
    "problem.disk_full": {
        "vi": "đĩa đã đầy; không có tệp nào bị ghi dở",
        "en": "the disk is full; no partial file was left",
    },
    "cli.file_error": {
        "vi": "{file}: không dùng được tệp hoặc thư mục ({detail})",
        "en": "{file}: the file or folder cannot be used ({detail})",
    },
    # command-line numbers
    "cli.bad_number_option": {
        "vi": "{option} = {value}: phải là một số {rule}",
        "en": "{option} = {value}: must be a number {rule}",
    },
    "cli.rule_non_negative": {"vi": "từ 0 trở lên", "en": "of 0 or more"},
    "cli.rule_percent": {"vi": "từ 0 đến 100", "en": "from 0 to 100"},
    "cli.rule_positive_whole": {"vi": "nguyên từ 1 trở lên", "en": "whole, 1 or more"},
}
