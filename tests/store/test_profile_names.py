"""One rule for names, in SQL and in Python: Unicode NFC, then casefold."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest
import sqlite_utils
from helpers import add_pair, days_ago

from ankle_gui.core.csv_format import COLUMNS, parse_csv
from ankle_gui.core.profile import ProfileNameError, name_key
from ankle_gui.store import DB_FILENAME, Store
from ankle_gui.store.exchange import import_csv, unknown_profiles
from ankle_gui.store.migrations import MIGRATION_SET, STEPS

ZOE = "Zo\u00eb"  # composed ë, as typed on most keyboards
ZOE_UPPER = "ZO\u00cb"
ZOE_NFD = "Zoe\u0308"  # e + combining diaeresis, as some Mac tools write it
LONG = "x" * 99 + "\u00eb"  # as long as a name may be


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "ankle_gui", *map(str, args)],
                          capture_output=True, text=True, timeout=90, cwd=os.environ["HOME"])


def test_the_key_folds_case_and_composition_alike():
    assert name_key(ZOE) == name_key(ZOE_UPPER) == name_key(ZOE_NFD) == name_key(" zo\u00cb ")
    assert name_key("Stra\u00dfe") == name_key("STRASSE")  # full casefold, not lower()
    assert name_key("\u01f0") == "\u01f0"  # folding left "j" + caron; NFC composes it again
    assert name_key("Zoe") != name_key(ZOE)


@pytest.mark.parametrize("spelling", [ZOE, ZOE_UPPER, ZOE_NFD, "zo\u00eb"])
def test_every_spelling_finds_the_stored_profile(store, spelling):
    stored = store.profiles.create(ZOE)
    assert store.profiles.by_name(spelling) == stored


@pytest.mark.parametrize("spelling", [ZOE_UPPER, ZOE_NFD])
def test_a_second_profile_with_the_same_name_is_refused(store, spelling):
    store.profiles.create(ZOE)
    other = store.profiles.create("Bo")
    with pytest.raises(ProfileNameError, match="already exists"):
        store.profiles.create(spelling)
    with pytest.raises(ProfileNameError, match="already exists"):
        store.profiles.rename(other.id, spelling)
    assert store.profiles.names() == ["Bo", ZOE]


def test_csv_rows_for_zoe_in_capitals_go_to_the_stored_zoe(store):
    zoe = store.profiles.create(ZOE)
    data = (",".join(COLUMNS) + "\r\n"
            + f"{ZOE_UPPER},2025-03-02T18:05:00+01:00,knee_to_wall,left,10,,,,baseline,\r\n"
            + f"{ZOE_NFD},2025-03-02T18:06:00+01:00,knee_to_wall,right,11,,,,baseline,\r\n"
            ).encode()
    parsed = parse_csv(data)
    assert parsed.ok, parsed.problems
    assert unknown_profiles(store, parsed) == []
    summary = import_csv(store, parsed, create_profiles=True)
    assert (summary.added, summary.created_profiles) == (2, ())
    assert store.profiles.names() == [ZOE]
    assert store.results.count(zoe.id) == 2


@pytest.mark.slow
def test_cli_finds_and_imports_into_zoe_whatever_the_spelling(data_dir, tmp_path):
    with closing(Store.open(data_dir)) as store:
        zoe = store.profiles.create(ZOE)
        add_pair(store, zoe.id, days_ago(3), 9.0, 10.0)
    out = tmp_path / "zoe.csv"
    done = _cli("--data-dir", data_dir, "export", "--csv", out, "--profile", ZOE_UPPER)
    assert done.returncode == 0, done.stderr
    source = tmp_path / "in.csv"
    source.write_text(",".join(COLUMNS) + "\r\n" + f"{ZOE_UPPER},2025-05-01T09:00:00+02:00,"
                      "knee_to_wall,left,12.5,,,,baseline,\r\n", encoding="utf-8")
    done = _cli("--data-dir", data_dir, "import", "--csv", source, "--create-profiles")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "new profiles" not in done.stdout
    with closing(Store.open(data_dir)) as store:
        assert store.profiles.names() == [ZOE]
        assert store.results.count(zoe.id) == 3


def _old_schema_database(path) -> None:
    """A database as the version before this rule made it: only the first schema step."""
    db = sqlite_utils.Database(str(path))
    old = sqlite_utils.Migrations(MIGRATION_SET)
    name, fn = STEPS[0]
    old(name=name)(fn)
    old.apply(db)
    db.execute("PRAGMA user_version = 1")
    for n, spelling in enumerate([ZOE, "Sam", ZOE_UPPER, ZOE_NFD, f"{ZOE_UPPER} (2)",
                                  LONG, LONG.upper()]):
        db.execute("INSERT INTO profiles (name, created_at) VALUES (?, ?)",
                   [spelling, "2025-01-01T10:00:00.000000+00:00"])
        db.execute("INSERT INTO test_results (profile_id, taken_at, test, side, value_cm) "
                   "VALUES (?, ?, 'knee_to_wall', 'left', ?)",
                   [n + 1, "2025-01-02T10:00:00.000000+00:00", 8 + n])
    db.conn.commit()
    db.close()


def test_old_database_is_migrated_and_no_one_is_lost(data_dir):
    _old_schema_database(data_dir / DB_FILENAME)
    with closing(Store.open(data_dir)) as store:
        by_id = {p.id: p.name for p in store.profiles.all()}
        # The old rule let three spellings of one name exist: all three are kept, each with
        # its results, and the later two get names the new rule can tell apart (and that
        # no one else has: "ZOË (2)" was taken already).
        assert by_id == {1: ZOE, 2: "Sam", 3: f"{ZOE_UPPER} (3)", 4: f"{ZOE_NFD} (4)",
                         5: f"{ZOE_UPPER} (2)", 6: LONG, 7: "X" * 96 + " (2)"}
        assert [store.results.count(pid) for pid in sorted(by_id)] == [1] * 7
        assert store.profiles.by_name(ZOE_UPPER).id == 1
        assert store.profiles.by_name("zo\u00eb (3)").id == 3
        keys = [r[0] for r in store.db.execute("SELECT name_key FROM profiles ORDER BY id")]
        assert keys == [name_key(by_id[pid]) for pid in sorted(by_id)]
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            store.db.execute("INSERT INTO profiles (name, name_key, created_at) VALUES "
                             "('X', ?, '2025-01-01T10:00:00.000000+00:00')", [name_key(ZOE)])
        with pytest.raises(sqlite3.IntegrityError, match="name_key is required"):
            store.db.execute("INSERT INTO profiles (name, created_at) VALUES "
                             "('Y', '2025-01-01T10:00:00.000000+00:00')")


def test_four_lookalike_anas_are_one_profile(store):
    """'Ana', 'Ana' + ZWJ, 'A' + ZWJ + 'na' and 'ANA' + CGJ were four profiles (issue 28, 8)."""
    ana = store.profiles.create("Ana")
    for lookalike in ("Ana\u200d", "A\u200dna", "ANA\u034f"):
        with pytest.raises(ProfileNameError, match="already exists"):
            store.profiles.create(lookalike)
        assert store.profiles.by_name(lookalike) == ana
    parsed = parse_csv((",".join(COLUMNS) + "\r\n"
                        "A\u200dna,2025-03-02T18:05:00+01:00,knee_to_wall,left,10,,,,,\r\n"
                        ).encode())
    assert unknown_profiles(store, parsed) == []
    assert import_csv(store, parsed, create_profiles=True).created_profiles == ()
    assert store.profiles.names() == ["Ana"] and store.results.count(ana.id) == 1


def test_a_name_stored_with_an_invisible_character_by_an_earlier_version_is_found(store):
    """Its key was stored with the character in it: it is still found, and still taken."""
    with store.transaction():
        store.db.execute("INSERT INTO profiles (name, name_key, created_at) VALUES (?, ?, ?)",
                         ["Ana\u200d", "ana\u200d", "2025-01-01T00:00:00.000000+00:00"])
    [old] = store.profiles.all()
    assert store.profiles.by_name("Ana\u200d") == old == store.profiles.by_name("ANA")
    with pytest.raises(ProfileNameError, match="already exists"):
        store.profiles.create("Ana")
