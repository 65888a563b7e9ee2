"""``python -m parindex users add|list|passwd|disable|enable``: accounts from the server's command line.

The first admin is made here (there is no default account or password anywhere). A password is
asked for twice without echo at a terminal, or read from the first line of standard input
(``--password-stdin``) for scripts; it is never taken as an argument, which would leave it in the
shell history and the process list.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from parindex.accounts import ROLES, Actor
from parindex.i18n import t

from ._common import EXIT_INPUT, EXIT_OK, open_engine

# SQLAlchemy and the accounts module are imported inside the commands: building the parser for
# `score` must not load them (see tests/cli/test_cli.py, the imports of a scoring run).


def add_arguments(users: argparse.ArgumentParser) -> None:
    users.add_argument(
        "action",
        choices=["init", "add", "list", "passwd", "disable", "enable"],
        help="init: with no account yet, ask (at a terminal) for the first admin",
    )
    users.add_argument("--username", help="the account's user name")
    users.add_argument("--role", choices=ROLES, help="role of a new account")
    users.add_argument("--unit", help="a unit officer's unit, by name as in the database")
    users.add_argument("--unit-type", help="the unit's type (so, xa…) when two units share a name")
    users.add_argument("--display-name", default="", help="full name shown in the app")
    users.add_argument("--sso-email", help="e-mail by which the office's single sign-on identifies this user")
    users.add_argument("--no-password", action="store_true", help="a single-sign-on account without a password")
    users.add_argument("--password-stdin", action="store_true", help="read the password from standard input")


def _read_password(args: argparse.Namespace, lang: str) -> str:
    from parindex.accounts import MAX_PASSWORD_CHARS, AccountError

    if args.password_stdin or not sys.stdin.isatty():  # one line, read no further than a password can be long
        return sys.stdin.readline(MAX_PASSWORD_CHARS + 2).rstrip("\r\n")
    first = getpass.getpass(t("cli.password_prompt", lang))
    if getpass.getpass(t("cli.password_again", lang)) != first:
        raise AccountError("passwords_differ")
    return first


def _unit_id(session, name: str | None, unit_type: str | None = None) -> int | None:
    """The one unit of that name (and type); -1 when there is none, or several and no type to choose."""
    from sqlalchemy import select

    from parindex.db import Unit

    if not name:
        return None
    query = select(Unit).where(Unit.name == name)
    if unit_type:
        query = query.where(Unit.unit_type == unit_type)
    found = session.scalars(query).all()
    return found[0].id if len(found) == 1 else -1


def _first_admin(engine, actor: Actor, lang: str) -> int:
    """``users init`` (run by ``make run``): nothing if an account exists; else ask for the first admin at a
    terminal, or say how to create one. There is never a default account or password."""
    from parindex import db
    from parindex.accounts import AccountError, add_user, count_users

    with db.sessions(engine)() as session:
        if count_users(session):
            return 0
    if not sys.stdin.isatty():
        print(t("cli.no_accounts_hint", lang))
        return 0
    print(t("cli.first_admin", lang))
    username = input(t("cli.username_prompt", lang)).strip() or "quantri"
    while True:
        try:
            password = _read_password(argparse.Namespace(password_stdin=False), lang)
            with db.sessions(engine).begin() as session:
                add_user(session, actor, username, "admin", password)
            print(t("cli.user_added", lang, username=username, role=t("role.admin", lang)))
            return 0
        except AccountError as error:
            print(error.message(lang), file=sys.stderr)
            if error.code in ("bad_username", "exists"):
                return 2


def cmd_users(args: argparse.Namespace, lang: str) -> int:
    from parindex import db
    from parindex.accounts import add_user, list_users, set_active, set_password

    engine, settings = open_engine()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db.upgrade(engine)
    actor = Actor.operator()
    if args.action == "init":
        return _first_admin(engine, actor, lang)
    if args.action != "list" and not args.username:
        print(t("cli.username_needed", lang), file=sys.stderr)
        return EXIT_INPUT
    with db.sessions(engine).begin() as session:
        if args.action == "list":
            for row in list_users(session, actor).itertuples():
                state = "" if row.active else f" ({t('cli.inactive', lang)})"
                unit = f" · {row.unit}" if row.unit else ""
                print(f"{row.username}\t{t('role.' + row.role, lang)}{unit}{state}")
        elif args.action == "add":
            if not args.role:
                print(t("cli.role_needed", lang), file=sys.stderr)
                return EXIT_INPUT
            password = None if args.no_password else _read_password(args, lang)
            unit_id = _unit_id(session, args.unit, args.unit_type)
            add_user(
                session,
                actor,
                args.username,
                args.role,
                password,
                unit_id=unit_id if unit_id != -1 else None,
                display_name=args.display_name,
                sso_email=args.sso_email,
            )
            print(t("cli.user_added", lang, username=args.username, role=t("role." + args.role, lang)))
        elif args.action == "passwd":
            set_password(session, actor, args.username, _read_password(args, lang))
            print(t("cli.password_set", lang, username=args.username))
        else:
            set_active(session, actor, args.username, args.action == "enable")
            print(t(f"cli.user_{args.action}d", lang, username=args.username))
    return EXIT_OK
