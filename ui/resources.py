"""What one server process loads once for every session: the settings and the database engine."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from sqlalchemy import Engine

from parindex.config import Settings, load_settings
from parindex.db import database_url, make_engine, upgrade

ROOT = Path(__file__).resolve().parent.parent


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    return load_settings(ROOT / "config.yaml")


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    """One engine for every session (SQLAlchemy pools connections); the schema is brought up to date once."""
    created = make_engine(database_url(settings().data_dir, settings().database_url))
    settings().data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(created)
    return created
