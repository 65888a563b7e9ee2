"""First start: create the database and fill it with the sample province's rounds (once)."""

from __future__ import annotations

from pathlib import Path

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parindex.accounts import Actor
from parindex.config import Settings
from parindex.db import Round
from parindex.scoring import read_values

from ._lifecycle import import_table, open_round
from ._round import SEED_USER, round_set


def seed_sample(session: Session, settings: Settings) -> int:
    """Open one round per sample dataset and import its values as the units' self-assessment.

    Does nothing when the database already has a round, so it is safe to run at every start.
    """
    if session.scalar(select(func.count()).select_from(Round)):
        return 0
    manifest_path = Path(settings.sample_dir) / "manifest.yaml"
    if not manifest_path.exists():
        return 0
    manifest = yaml.safe_load(manifest_path.read_text(encoding="utf-8")) or {}
    actor = Actor.system(SEED_USER)
    opened = 0
    for entry in manifest.get("datasets", []):
        round_ = open_round(session, int(entry["year"]), Path(settings.indicators_dir) / entry["rules"], actor)
        table = read_values(Path(settings.sample_dir) / entry["file"], round_set(round_))
        import_table(session, round_, table, actor)
        opened += 1
    return opened
