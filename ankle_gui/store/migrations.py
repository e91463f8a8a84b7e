"""The schema, as a versioned list of steps.

Append new steps at the end; never edit one that has shipped. After migrating,
``open_database`` sets ``PRAGMA user_version`` to the number of steps, so a
database can say how new it is before anything is run against it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cache
from typing import Any

from ankle_gui.core.profile import MAX_NAME_LENGTH, name_key

MIGRATION_SET = "ankle_gui"
MIGRATIONS_TABLE = "_sqlite_migrations"  # where sqlite-utils records applied steps

Database = Any  # a sqlite_utils.Database, handed to each step by Migrations.apply
SchemaStep = Callable[[Database], None]
STEPS: list[tuple[str, SchemaStep]] = []


def step(name: str) -> Callable[[SchemaStep], SchemaStep]:
    """Register a schema step; the order of registration is the order of application."""
    def register(fn: SchemaStep) -> SchemaStep:
        if any(existing == name for existing, _ in STEPS):
            raise ValueError(f"schema step {name!r} is registered twice")
        STEPS.append((name, fn))
        return fn
    return register

ISO_UTC = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:*+00:00'"
SIDES = "('left', 'right', 'both')"


@step("0001_initial")
def initial(db: Database) -> None:
    db.execute(f"""
        CREATE TABLE profiles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE
                CHECK (length(trim(name)) BETWEEN 1 AND 100),
            created_at TEXT NOT NULL CHECK (created_at {ISO_UTC}),
            fist_width_cm REAL CHECK (fist_width_cm IS NULL
                OR (fist_width_cm > 0 AND fist_width_cm <= 20)),
            unit TEXT NOT NULL DEFAULT 'cm' CHECK (unit IN ('cm', 'in')),
            notice_seen_at TEXT CHECK (notice_seen_at IS NULL OR notice_seen_at {ISO_UTC})
        )""")
    db.execute(f"""
        CREATE TABLE training_sessions (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            started_at TEXT NOT NULL CHECK (started_at {ISO_UTC}),
            ended_at TEXT CHECK (ended_at IS NULL OR (ended_at {ISO_UTC}
                AND ended_at >= started_at)),
            status TEXT NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'completed', 'interrupted', 'stopped', 'closed')),
            stop_reason TEXT CHECK (stop_reason IS NULL
                OR stop_reason IN ('user', 'pain', 'quit', 'crash')),
            plan_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(plan_json)),
            note TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE INDEX idx_sessions_profile ON training_sessions(profile_id, started_at)")
    db.execute(f"""
        CREATE TABLE test_results (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            session_id INTEGER REFERENCES training_sessions(id) ON DELETE SET NULL,
            taken_at TEXT NOT NULL CHECK (taken_at {ISO_UTC}),
            test TEXT NOT NULL
                CHECK (test IN ('knee_to_wall', 'fist_screen', 'felt_limit', 'squat_heel')),
            side TEXT NOT NULL CHECK (side IN {SIDES}),
            value_cm REAL CHECK (value_cm IS NULL OR (value_cm >= 0 AND value_cm <= 30)),
            result TEXT,
            felt_straight TEXT CHECK (felt_straight IS NULL
                OR felt_straight IN ('back', 'front', 'none')),
            felt_bent TEXT CHECK (felt_bent IS NULL OR felt_bent IN ('back', 'front', 'none')),
            phase TEXT NOT NULL DEFAULT 'baseline' CHECK (phase IN ('baseline', 'pre', 'post')),
            note TEXT NOT NULL DEFAULT '',
            CHECK (test != 'knee_to_wall' OR value_cm IS NOT NULL)
        )""")
    db.execute("""CREATE UNIQUE INDEX idx_results_unique
        ON test_results(profile_id, taken_at, test, side, phase)""")
    db.execute(f"""
        CREATE TABLE completed_sets (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
            step_index INTEGER NOT NULL CHECK (step_index >= 0),
            drill_id TEXT NOT NULL CHECK (length(drill_id) > 0),
            side TEXT NOT NULL CHECK (side IN {SIDES}),
            round INTEGER NOT NULL CHECK (round >= 1),
            part TEXT NOT NULL DEFAULT '',
            reps_done INTEGER CHECK (reps_done IS NULL OR reps_done >= 0),
            reps_target INTEGER CHECK (reps_target IS NULL OR reps_target >= 0),
            seconds_done REAL CHECK (seconds_done IS NULL OR seconds_done >= 0),
            seconds_target REAL CHECK (seconds_target IS NULL OR seconds_target >= 0),
            started_at TEXT NOT NULL CHECK (started_at {ISO_UTC}),
            ended_at TEXT NOT NULL CHECK (ended_at {ISO_UTC} AND ended_at >= started_at),
            outcome TEXT NOT NULL DEFAULT 'completed'
                CHECK (outcome IN ('completed', 'skipped', 'pain')),
            UNIQUE (session_id, step_index)
        )""")
    db.execute(f"""
        CREATE TABLE plans (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL CHECK (created_at {ISO_UTC}),
            items_json TEXT NOT NULL CHECK (json_valid(items_json)),
            sessions_per_week INTEGER NOT NULL DEFAULT 3
                CHECK (sessions_per_week BETWEEN 1 AND 14)
        )""")
    db.execute("CREATE INDEX idx_plans_profile ON plans(profile_id, created_at)")
    db.execute("""
        CREATE TABLE drill_preferences (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            drill_id TEXT NOT NULL,
            dose_json TEXT NOT NULL CHECK (json_valid(dose_json)),
            sides TEXT NOT NULL DEFAULT 'both' CHECK (sides IN ('left', 'right', 'both')),
            PRIMARY KEY (profile_id, drill_id)
        )""")
    db.execute("""
        CREATE TABLE settings (
            key TEXT PRIMARY KEY CHECK (length(key) > 0),
            value TEXT NOT NULL
        )""")


@step("0002_player_timings")
def player_timings(db: Database) -> None:
    # One row per profile that changed the defaults; goes with the profile when it is deleted.
    db.execute("""
        CREATE TABLE player_timings (
            profile_id INTEGER PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
            get_ready_s INTEGER NOT NULL CHECK (get_ready_s BETWEEN 3 AND 30),
            switch_side_s INTEGER NOT NULL CHECK (switch_side_s BETWEEN 5 AND 180),
            wait_for_space INTEGER NOT NULL CHECK (wait_for_space IN (0, 1))
        )""")


def _free_name(name: str, taken: set[str]) -> str:
    """``name`` with " (2)", " (3)"… added until its key is not taken (kept to 100 chars)."""
    for n in range(2, 10_000):
        suffix = f" ({n})"
        candidate = name.strip()[:MAX_NAME_LENGTH - len(suffix)].rstrip() + suffix
        if name_key(candidate) not in taken:
            return candidate
    raise ValueError(f"no free name for profile {name!r}")


@step("0003_profile_name_key")
def profile_name_key(db: Database) -> None:
    """One matching rule for names (``core.profile.name_key``), enforced by a unique index.

    The old rule (COLLATE NOCASE) folded ASCII letters only, so "Zoë" and "ZOË" could both
    exist. Such a pair is kept as two profiles with all their data: the later one is
    renamed "ZOË (2)", for the person who knows them to merge or rename.
    """
    db.execute("ALTER TABLE profiles ADD COLUMN name_key TEXT")
    rows = db.execute("SELECT id, name FROM profiles ORDER BY id").fetchall()
    # A new name must not match any name already there, renamed yet or not: a second
    # "ZOË" must not become "ZOË (2)" if a "ZOË (2)" already exists further down.
    everyone = {name_key(name) for _, name in rows}
    taken: set[str] = set()
    for profile_id, name in rows:
        if name_key(name) in taken:
            name = _free_name(name, taken | everyone)
        taken.add(name_key(name))
        db.execute("UPDATE profiles SET name = ?, name_key = ? WHERE id = ?",
                   [name, name_key(name), profile_id])
    db.execute("CREATE UNIQUE INDEX idx_profiles_name_key ON profiles(name_key)")
    # The key is computed in Python; a row written without one would escape the index.
    for event in ("INSERT", "UPDATE"):
        db.execute(f"""
            CREATE TRIGGER profiles_name_key_{event.lower()} BEFORE {event} ON profiles
            WHEN NEW.name_key IS NULL OR length(NEW.name_key) = 0
            BEGIN SELECT RAISE(ABORT, 'profiles.name_key is required'); END""")


@step("0004_clinic_mode")
def clinic_mode(db: Database) -> None:
    """Clinic mode (issue 15): one settings row, patient codes, programmes, ratings, audit.

    Patient codes are stored as typed, not hashed: a 4–6 digit code has at most a million
    values, so any hash is undone in a second by whoever can read this file, and that person
    can read every result in it anyway. The physio must also be able to read a code back to
    a patient who forgot it. The code's job is to keep patients apart at the screen, not to
    protect the file; the unique index lets a code be looked up without listing any names.
    """
    db.execute(f"""
        CREATE TABLE clinic_settings (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            mode TEXT NOT NULL DEFAULT 'home' CHECK (mode IN ('home', 'clinic')),
            clinic_name TEXT NOT NULL DEFAULT '' CHECK (length(clinic_name) <= 100),
            idle_minutes INTEGER NOT NULL DEFAULT 3 CHECK (idle_minutes BETWEEN 1 AND 30),
            kiosk INTEGER NOT NULL DEFAULT 0 CHECK (kiosk IN (0, 1)),
            pin_hash BLOB,
            pin_salt BLOB,
            pin_params TEXT CHECK (pin_params IS NULL OR json_valid(pin_params)),
            pin_failures INTEGER NOT NULL DEFAULT 0 CHECK (pin_failures >= 0),
            pin_locked_until TEXT CHECK (pin_locked_until IS NULL
                OR pin_locked_until {ISO_UTC}),
            code_failures INTEGER NOT NULL DEFAULT 0 CHECK (code_failures >= 0),
            code_locked_until TEXT CHECK (code_locked_until IS NULL
                OR code_locked_until {ISO_UTC}),
            -- clinic mode without a PIN would lock everyone out of the clinician's side
            CHECK (mode = 'home' OR (pin_hash IS NOT NULL AND pin_salt IS NOT NULL
                                     AND pin_params IS NOT NULL))
        )""")
    db.execute("INSERT INTO clinic_settings (id) VALUES (1)")
    db.execute(f"""
        CREATE TABLE patient_codes (
            profile_id INTEGER PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
            code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 4 AND 6
                AND code NOT GLOB '*[^0-9]*'),
            set_at TEXT NOT NULL CHECK (set_at {ISO_UTC})
        )""")
    db.execute(f"""
        CREATE TABLE programmes (
            profile_id INTEGER PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
            sessions_per_week INTEGER NOT NULL CHECK (sessions_per_week BETWEEN 1 AND 14),
            retest_weeks INTEGER NOT NULL DEFAULT 4 CHECK (retest_weeks BETWEEN 1 AND 52),
            from_physio INTEGER NOT NULL DEFAULT 0 CHECK (from_physio IN (0, 1)),
            set_at TEXT NOT NULL CHECK (set_at {ISO_UTC})
        )""")
    # NULL is "not asked" or "skipped"; either way no number was given.
    for rating in ("pain", "effort"):
        db.execute(f"ALTER TABLE training_sessions ADD COLUMN {rating} INTEGER "
                   f"CHECK ({rating} IS NULL OR {rating} BETWEEN 0 AND 10)")
    # No foreign key on profile_id: the entry for a deleted patient must outlive them.
    # The lists are written out here, not imported: a shipped step must never change.
    db.execute(f"""
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL CHECK (at {ISO_UTC}),
            actor TEXT NOT NULL CHECK (actor IN ('clinician', 'patient', 'cli')),
            action TEXT NOT NULL CHECK (action IN ('clinic_enabled', 'clinic_disabled',
                'clinician_unlock', 'pin_changed', 'pin_reset', 'patient_opened', 'export',
                'report', 'restore', 'import', 'delete', 'code_changed', 'settings_changed')),
            profile_id INTEGER,
            detail TEXT NOT NULL DEFAULT '' CHECK (length(detail) <= 200)
        )""")
    db.execute("CREATE INDEX idx_audit_at ON audit_log(at)")


@step("0005_clinic_hardening")
def clinic_hardening(db: Database) -> None:
    """Clinic mode against a curious patient (issue 21).

    - Patient codes are 8 digits. The 4–6 digit codes issued before could be found by trying
      codes at the screen's allowed rate, so they are removed here: they open nothing, and
      the dashboard asks the clinician to give each of those patients a new code.
    - Wrong PINs and codes fade with quiet time: the moment of the last wrong one is kept,
      and how many tries were refused unchecked during a wait (for the audit log's counts).
    - A one-time recovery code for a forgotten PIN, kept as a salted scrypt hash.
    - The folder where a patient's saved reports and handouts go, set by the clinician.
    - The audit log becomes a hash chain (core/audit_chain.py): each entry carries the hash
      of the one before and its own; the last one written is kept with the settings, so a
      deleted last entry shows too. Entries already there are chained as they are.
    """
    from ankle_gui.core.audit_chain import GENESIS, entry_hash

    for column in ("pin_last_wrong_at", "code_last_wrong_at"):
        db.execute(f"ALTER TABLE clinic_settings ADD COLUMN {column} TEXT "
                   f"CHECK ({column} IS NULL OR {column} {ISO_UTC})")
    for column in ("pin_refused", "code_refused"):
        db.execute(f"ALTER TABLE clinic_settings ADD COLUMN {column} INTEGER NOT NULL "
                   f"DEFAULT 0 CHECK ({column} >= 0)")
    db.execute("ALTER TABLE clinic_settings ADD COLUMN recovery_hash BLOB")
    db.execute("ALTER TABLE clinic_settings ADD COLUMN recovery_salt BLOB")
    db.execute("ALTER TABLE clinic_settings ADD COLUMN recovery_params TEXT "
               "CHECK (recovery_params IS NULL OR json_valid(recovery_params))")
    db.execute("ALTER TABLE clinic_settings ADD COLUMN export_folder TEXT "
               "CHECK (export_folder IS NULL OR length(export_folder) BETWEEN 1 AND 4096)")
    db.execute("ALTER TABLE clinic_settings ADD COLUMN audit_head_id INTEGER "
               "CHECK (audit_head_id IS NULL OR audit_head_id >= 1)")
    db.execute("ALTER TABLE clinic_settings ADD COLUMN audit_head_hash TEXT "
               "CHECK (audit_head_hash IS NULL OR length(audit_head_hash) = 64)")

    voided = db.execute("SELECT count(*) FROM patient_codes WHERE length(code) != 8"
                        ).fetchone()[0]
    db.execute(f"""
        CREATE TABLE patient_codes_new (
            profile_id INTEGER PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
            code TEXT NOT NULL UNIQUE CHECK (length(code) = 8 AND code NOT GLOB '*[^0-9]*'),
            set_at TEXT NOT NULL CHECK (set_at {ISO_UTC})
        )""")
    db.execute("INSERT INTO patient_codes_new SELECT profile_id, code, set_at "
               "FROM patient_codes WHERE length(code) = 8")
    db.execute("DROP TABLE patient_codes")
    db.execute("ALTER TABLE patient_codes_new RENAME TO patient_codes")

    # The lists are written out here, not imported: a shipped step must never change.
    db.execute(f"""
        CREATE TABLE audit_log_new (
            id INTEGER PRIMARY KEY CHECK (id >= 1),
            at TEXT NOT NULL CHECK (at {ISO_UTC}),
            actor TEXT NOT NULL CHECK (actor IN ('clinician', 'patient', 'cli', 'app')),
            action TEXT NOT NULL CHECK (action IN ('clinic_enabled', 'clinic_disabled',
                'clinician_unlock', 'pin_changed', 'pin_reset', 'patient_opened', 'export',
                'report', 'restore', 'import', 'delete', 'code_changed', 'settings_changed',
                'pin_wrong', 'code_wrong', 'recovery_used', 'recovery_wrong', 'recovery_made',
                'print', 'patient_created', 'patient_renamed', 'programme_changed',
                'plan_saved', 'test_saved', 'session_ended', 'ratings_saved', 'code_shown',
                'codes_voided', 'locked', 'audit_checked', 'audit_exported')),
            profile_id INTEGER,
            detail TEXT NOT NULL DEFAULT '' CHECK (length(detail) <= 200),
            prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
            hash TEXT NOT NULL CHECK (length(hash) = 64)
        )""")
    rows = db.execute("SELECT at, actor, action, profile_id, detail FROM audit_log "
                      "ORDER BY id").fetchall()
    if voided:
        from ankle_gui.core.clock import to_utc_iso, utc_now

        rows.append((to_utc_iso(utc_now()), "app", "codes_voided", None,
                     f"{voided} patient code(s) of 4 to 6 digits no longer open a profile"))
    prev, number = GENESIS, 0
    for at, actor, action, profile_id, detail in rows:
        number += 1
        digest = entry_hash(number, at, actor, action, profile_id, detail, prev)
        db.execute("INSERT INTO audit_log_new VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [number, at, actor, action, profile_id, detail, prev, digest])
        prev = digest
    db.execute("DROP TABLE audit_log")
    db.execute("ALTER TABLE audit_log_new RENAME TO audit_log")
    db.execute("CREATE INDEX idx_audit_at ON audit_log(at)")
    db.execute("CREATE INDEX idx_audit_profile ON audit_log(profile_id)")
    if number:
        db.execute("UPDATE clinic_settings SET audit_head_id = ?, audit_head_hash = ? "
                   "WHERE id = 1", [number, prev])


@step("0006_clinical_safety")
def clinical_safety(db: Database) -> None:
    """Issue 22, all in one step and on no other step's tables but its own and three columns:

    - each knee-to-wall result says how finely it was found (0.1 cm tape, 0.5 cm steps,
      2.54 cm steps) and who measured it: the margin of error follows from both;
    - each test keeps its safety answers (red flags), the sides that could not be tested,
      and the fist width its screen was worked out from;
    - each session keeps the next day's answer: had the ankle settled by the morning?
    """
    db.execute("ALTER TABLE test_results ADD COLUMN resolution_cm REAL "
               "CHECK (resolution_cm IS NULL OR (resolution_cm > 0 AND resolution_cm <= 5))")
    db.execute("ALTER TABLE test_results ADD COLUMN measured_by TEXT "
               "CHECK (measured_by IS NULL OR measured_by IN ('self', 'clinician'))")
    db.execute(f"""
        CREATE TABLE screening_answers (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            taken_at TEXT NOT NULL CHECK (taken_at {ISO_UTC}),
            answers_json TEXT NOT NULL CHECK (json_valid(answers_json)),
            fist_width_cm REAL CHECK (fist_width_cm IS NULL
                OR (fist_width_cm > 0 AND fist_width_cm <= 20)),
            PRIMARY KEY (profile_id, taken_at)
        )""")
    db.execute("ALTER TABLE training_sessions ADD COLUMN settled_next_day INTEGER "
               "CHECK (settled_next_day IS NULL OR settled_next_day IN (0, 1))")
    db.execute("ALTER TABLE training_sessions ADD COLUMN settled_asked_at TEXT "
               f"CHECK (settled_asked_at IS NULL OR settled_asked_at {ISO_UTC})")


# New steps go above this line, each as @step("NNNN_what_it_does").

KNOWN_MIGRATIONS = tuple(name for name, _ in STEPS)
SCHEMA_VERSION = len(KNOWN_MIGRATIONS)


# sqlite-utils is imported only when a step must run: see store/connection.py.

@cache
def migration_set() -> Any:
    """The steps as a sqlite-utils ``Migrations`` set."""
    from sqlite_utils import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, fn in STEPS:
        migrations(name=name)(fn)
    return migrations


def apply_steps(conn: sqlite3.Connection) -> None:
    """Run the steps this database has not had yet, each recorded as sqlite-utils does."""
    from sqlite_utils import Database

    migration_set().apply(Database(conn, execute_plugins=False))
