"""Installing a criteria set from the app: admins only, checked first, written under its id, logged."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from parindex import db
from parindex.accounts import AccessDenied, Actor
from parindex.db import AuditRecord
from parindex.errors import InputError
from parindex.rounds import Installed, RoundError, install_criteria_set, installed_version
from tests.conftest import INDICATORS

ADMIN = Actor("quantri", "admin")
EXAMPLE = (INDICATORS / "vi-du-mau.yaml").read_text(encoding="utf-8")


@pytest.fixture
def session(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'sets.db'}")
    db.upgrade(engine)
    with db.sessions(engine).begin() as session:
        yield session
    engine.dispose()


def test_an_admin_installs_a_checked_set_under_its_id(session, tmp_path):
    folder = tmp_path / "indicators"
    folder.mkdir()
    path = install_criteria_set(session, ADMIN, EXAMPLE, "tai-len.yaml", folder)
    assert path == folder / "vi-du-mau.yaml" and path.read_text(encoding="utf-8") == EXAMPLE
    with pytest.raises(InputError) as caught:  # already there: only with replace
        install_criteria_set(session, ADMIN, EXAMPLE, "tai-len.yaml", folder)
    assert [p.code for p in caught.value.problems] == ["set_exists"]
    changed = EXAMPLE.replace("name: ", "name: (sửa) ", 1)
    install_criteria_set(session, ADMIN, changed, "tai-len.yaml", folder, replace=True)
    assert path.read_text(encoding="utf-8") == changed
    log = session.scalars(select(AuditRecord).where(AuditRecord.action == "install_set")).all()
    assert [(r.user, r.reason) for r in log] == [("quantri", "tai-len.yaml")] * 2


def test_a_broken_set_or_another_role_writes_nothing(session, tmp_path):
    with pytest.raises(InputError) as caught:
        install_criteria_set(session, ADMIN, EXAMPLE.replace("max_points:", "max_pointz:", 1), "hong.yaml", tmp_path)
    assert caught.value.problems[0].line is not None  # the message names the line
    for role in ("appraiser", "leader", "viewer"):
        with pytest.raises(AccessDenied):
            install_criteria_set(session, Actor("x", role), EXAMPLE, "a.yaml", tmp_path)
    bad_id = EXAMPLE.replace("id: vi-du-mau", "id: ../../etc/x", 1)
    with pytest.raises(InputError) as caught:
        install_criteria_set(session, ADMIN, bad_id, "a.yaml", tmp_path)
    assert list(tmp_path.glob("*.yaml")) == []


def test_a_set_installed_or_edited_since_the_page_showed_it_is_not_replaced(session, tmp_path):
    folder = tmp_path / "indicators"
    folder.mkdir()
    assert installed_version(folder, "vi-du-mau") == Installed("", None)  # nothing installed yet
    install_criteria_set(session, ADMIN, EXAMPLE, "a.yaml", folder, shown="")
    shown = installed_version(folder, "vi-du-mau")
    assert shown.version and shown.modified is not None
    # a colleague installs the set meanwhile, from a page that showed nothing installed: refused
    with pytest.raises(RoundError) as caught:
        install_criteria_set(
            session, ADMIN, EXAMPLE.replace("name: ", "name: (B) ", 1), "b.yaml", folder, True, shown=""
        )
    assert caught.value.code == "set_changed_meanwhile"
    # someone corrects the file by hand; a replacement from the page that showed the earlier file is refused
    edited = EXAMPLE.replace("name: ", "name: (sửa tay) ", 1)
    (folder / "vi-du-mau.yaml").write_text(edited, encoding="utf-8")
    mine = EXAMPLE.replace("name: ", "name: (C) ", 1)
    with pytest.raises(RoundError):
        install_criteria_set(session, ADMIN, mine, "c.yaml", folder, True, shown=shown.version)
    assert (folder / "vi-du-mau.yaml").read_text(encoding="utf-8") == edited
    # from a page showing the edited file, the replacement is written
    now = installed_version(folder, "vi-du-mau").version
    install_criteria_set(session, ADMIN, mine, "c.yaml", folder, True, shown=now)
    assert (folder / "vi-du-mau.yaml").read_text(encoding="utf-8") == mine
    # the same text again writes and logs nothing
    logged = len(session.scalars(select(AuditRecord).where(AuditRecord.action == "install_set")).all())
    install_criteria_set(
        session, ADMIN, mine, "c.yaml", folder, True, shown=installed_version(folder, "vi-du-mau").version
    )
    assert len(session.scalars(select(AuditRecord).where(AuditRecord.action == "install_set")).all()) == logged == 2
