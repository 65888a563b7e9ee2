"""Installing a criteria set from the app: admins only, checked first, written under its id, logged."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from parindex import db
from parindex.accounts import AccessDenied, Actor
from parindex.db import AuditRecord
from parindex.errors import InputError
from parindex.rounds import install_criteria_set
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
