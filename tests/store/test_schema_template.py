"""The shipped empty database: what the Migrations build, copied on a first start."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import ankle_gui.store.database as database
import ankle_gui.store.migrations as migrations
from ankle_gui.store import DB_FILENAME
from ankle_gui.store.database import TEMPLATE_NAME, build_with_migrations, open_database
from ankle_gui.store.migrations import KNOWN_MIGRATIONS, SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "resources" / TEMPLATE_NAME


def describe(path: Path, scratch: Path) -> dict:
    """Schema, version, steps and rows of a database, read from a copy (a WAL file's reader
    writes beside it)."""
    copy = scratch / f"copy-{path.name}"
    shutil.copyfile(path, copy)
    conn = sqlite3.connect(copy)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {
            "user_version": conn.execute("PRAGMA user_version").fetchone()[0],
            "schema": conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                   "ORDER BY type, name").fetchall(),
            "steps": conn.execute("SELECT id, migration_set, name FROM _sqlite_migrations "
                                  "ORDER BY id").fetchall(),
            "rows": {t: conn.execute(f"SELECT * FROM {t}").fetchall()
                     for t in tables if t != "_sqlite_migrations"},
        }
    finally:
        conn.close()


def test_the_shipped_template_is_what_the_migrations_build(tmp_path):
    fresh = tmp_path / "fresh.sqlite3"
    build_with_migrations(fresh)
    assert SHIPPED.exists() and describe(SHIPPED, tmp_path) == describe(fresh, tmp_path), (
        f"resources/{TEMPLATE_NAME} is not what store/migrations.py builds: run "
        "`python packaging/make_schema_template.py` and commit the file")


@pytest.fixture
def shipped_template(monkeypatch):
    # This tree's file, whichever resources/ an editable install maps.
    monkeypatch.setattr(database, "schema_template", lambda: SHIPPED)


def _no_leftovers(data_dir: Path) -> None:
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_FILENAME]


def test_a_new_database_is_the_template_with_its_steps_dated_now(data_dir, monkeypatch,
                                                                  shipped_template):
    def no_migrations():
        raise AssertionError("the Migrations ran for a new database")

    monkeypatch.setattr(migrations, "migration_set", no_migrations)
    before = datetime.now(UTC)
    db = open_database(data_dir / DB_FILENAME)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        steps = db.execute("SELECT name, applied_at FROM _sqlite_migrations ORDER BY id")
        names, times = zip(*steps, strict=True)
        assert names == KNOWN_MIGRATIONS
        assert all(before - timedelta(seconds=1) <= datetime.fromisoformat(t)
                   <= datetime.now(UTC) for t in times)
        assert db.execute("SELECT mode FROM clinic_settings").fetchall() == [("home",)]
    finally:
        db.close()
    _no_leftovers(data_dir)


def test_a_first_start_does_not_load_sqlite_utils(data_dir):
    code = ("import sys; from pathlib import Path; import ankle_gui.store.database as d; "
            f"d.schema_template = lambda: Path({str(SHIPPED)!r}); "
            "from ankle_gui.store import Store; "
            f"Store.open(Path({str(data_dir)!r})).close(); "
            "print('sqlite_utils' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


def _stale(folder: Path) -> Path:
    path = folder / "stale.sqlite3"
    shutil.copyfile(SHIPPED, path)
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", (KNOWN_MIGRATIONS[-1],))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.commit()
    conn.close()
    return path


def _not_a_database(folder: Path) -> Path:
    path = folder / "garbage.sqlite3"
    path.write_bytes(b"not a database\n" * 1000)
    return path


@pytest.mark.parametrize("template", [
    lambda folder: folder / "missing.sqlite3",
    _not_a_database,
    _stale,   # a step added without making the template again
], ids=["missing", "not a database", "older than the steps"])
def test_without_a_usable_template_the_migrations_build_it(tmp_path, data_dir, monkeypatch,
                                                           template):
    made = template(tmp_path)
    monkeypatch.setattr(database, "schema_template", lambda: made)
    db = open_database(data_dir / DB_FILENAME)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert tuple(r[0] for r in db.execute(
            "SELECT name FROM _sqlite_migrations ORDER BY id")) == KNOWN_MIGRATIONS
    finally:
        db.close()
    _no_leftovers(data_dir)
    fresh = tmp_path / "fresh.sqlite3"
    build_with_migrations(fresh)
    assert describe(data_dir / DB_FILENAME, tmp_path) == describe(fresh, tmp_path)
