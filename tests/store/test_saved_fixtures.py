"""Migrations and the CSV parser against saved files (tests/fixtures/make_schema_v1_and_csv.py says
how each was made); the files are committed, so a change in the code cannot regenerate them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ankle_gui.core.csv_format import parse_csv
from ankle_gui.core.records import Felt, MeasurementKind, Phase, SessionStatus, SetOutcome, Side
from ankle_gui.core.units import Unit
from ankle_gui.store import DB_FILENAME, Store
from ankle_gui.store.exchange import import_csv
from ankle_gui.store.migrations import KNOWN_MIGRATIONS, SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CSV_FILES = ("csv_export_app.csv", "csv_export_excel_semicolon.csv")


@pytest.fixture
def migrated(data_dir):
    shutil.copyfile(FIXTURES / "schema_v1.sqlite3", data_dir / DB_FILENAME)
    store = Store.open(data_dir)
    yield store
    store.close()


def test_a_schema_v1_database_migrates_to_the_current_schema(migrated):
    version = migrated.db.execute("PRAGMA user_version").fetchone()[0]
    applied = [r[0] for r in migrated.db.execute("SELECT name FROM _sqlite_migrations")]
    assert version == SCHEMA_VERSION and applied == list(KNOWN_MIGRATIONS)


def test_every_row_of_the_schema_v1_database_survives_its_migration(migrated):
    ana, ben = migrated.profiles.all()
    assert (ana.name, ana.fist_width_cm, ana.unit, ben.name, ben.unit) == \
        ("Ana Silva", 9.5, Unit.CM, "Ben", Unit.INCH)
    assert migrated.profiles.by_name("ana silva").id == ana.id   # the new name key works
    results = migrated.results.for_profile(ana.id)
    assert len(results) == 7 and len(migrated.results.for_profile(ben.id)) == 2
    left_ktw = next(r for r in results if r.test is MeasurementKind.KNEE_TO_WALL
                    and r.side is Side.LEFT)
    assert (left_ktw.value_cm, left_ktw.phase) == (8.5, Phase.BASELINE)
    felt = next(r for r in results if r.test is MeasurementKind.FELT_LIMIT
                and r.side is Side.RIGHT)
    assert (felt.felt_straight, felt.felt_bent) == (Felt.BACK, Felt.NONE)
    squat = next(r for r in results if r.test is MeasurementKind.SQUAT_HEEL)
    assert (squat.result, squat.note) == ("no", "heels lift, left first")
    items, per_week = migrated.plans.current(ana.id)
    assert per_week == 3 and [(i.drill_id, i.sides, dict(i.dose)) for i in items] == \
        [("banded_mob_front", Side.LEFT, {"reps": 12, "rounds": 2, "rep_hold_s": 2})]
    (session,) = migrated.training.sessions(ana.id)
    assert session.status is SessionStatus.COMPLETED and len(session.plan) == 1
    sets = migrated.training.sets(session.id)
    assert [(s.round, s.reps_done, s.outcome) for s in sets] == \
        [(1, 12, SetOutcome.COMPLETED), (2, 12, SetOutcome.COMPLETED)]
    assert migrated.settings.get_bool("train.quick_test", False) is True
    # Tables added after version 1 are there and work.
    assert migrated.profiles.timings(ana.id).get_ready_s > 0


def test_the_saved_fixture_itself_stays_at_version_1():
    import sqlite3

    conn = sqlite3.connect(f"file:{FIXTURES / 'schema_v1.sqlite3'}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        conn.close()


@pytest.mark.parametrize("name", CSV_FILES)
def test_saved_csv_exports_parse_whole(name):
    parsed = parse_csv((FIXTURES / name).read_bytes())
    assert parsed.ok and parsed.problems == []
    assert parsed.delimiter == ("," if name == "csv_export_app.csv" else ";")
    assert len(parsed.records) == 9 and parsed.profile_names() == ["Ana Silva", "Ben"]


@pytest.mark.parametrize("name", CSV_FILES)
def test_a_saved_csv_export_imports_into_an_empty_store_as_it_was(store, name):
    parsed = parse_csv((FIXTURES / name).read_bytes())
    summary = import_csv(store, parsed, create_profiles=True)
    assert summary.added == 9 and summary.created_profiles == ("Ana Silva", "Ben")
    ana = store.profiles.by_name("Ana Silva")
    values = sorted((r.test.value, r.side.value, r.value_cm, r.result)
                    for r in store.results.for_profile(ana.id))
    assert ("knee_to_wall", "left", 8.5, None) in values and len(values) == 7
    again = import_csv(store, parse_csv((FIXTURES / name).read_bytes()), create_profiles=True)
    assert again.added == 0 and again.already_there == 9
