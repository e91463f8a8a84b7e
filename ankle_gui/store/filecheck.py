"""Is this file one of our databases, whole, and not from a newer version? Read-only checks."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import tempfile
from pathlib import Path
from typing import NamedTuple

from ankle_gui.store.database import SQLITE_HEADER, is_disk_trouble
from ankle_gui.store.files import read_only_uri
from ankle_gui.store.migrations import (
    KNOWN_MIGRATIONS,
    MIGRATION_SET,
    MIGRATIONS_TABLE,
    SCHEMA_VERSION,
)

# Tables whose presence makes a file "ours" rather than some other program's SQLite file.
OUR_TABLES = ("profiles", "test_results", "training_sessions", "completed_sets")


class Verdict:
    OK = "ok"
    MISSING = "missing"
    EMPTY = "empty"
    NOT_SQLITE = "not_sqlite"
    DAMAGED = "damaged"
    NOT_OURS = "not_ours"
    TOO_NEW = "too_new"
    NOT_A_FILE = "not_a_file"  # a folder (or device) has the file's name
    UNREADABLE = "unreadable"  # the disk or the system failed, not the file: nothing is known


class FileCheck(NamedTuple):
    """What a read-only look at a database file found."""

    path: Path
    verdict: str
    detail: str = ""  # what SQLite or the check said, for the "details" part of a message
    schema_version: int | None = None
    profile_count: int | None = None

    @property
    def ok(self) -> bool:
        return self.verdict == Verdict.OK


def _page_size_from_header(header: bytes) -> int:
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def check_database_file(path: Path, *, live: bool = False, thorough: bool = False,
                        untouched: bool = False) -> FileCheck:
    """Check ``path`` without writing to it.

    ``live`` is for the app's own database, which may have a -wal file left by a crash
    that SQLite must read through; ``live`` also accepts a database created but not filled.
    ``thorough`` runs the full integrity check (for imports) instead of quick_check.
    ``untouched`` leaves not even a new -shm behind: a -wal no program has open is read
    through in a private copy (the clinic commands promise to change nothing on a problem).
    """
    if untouched and live:
        wal, shm = (path.with_name(path.name + s) for s in ("-wal", "-shm"))
        if wal.is_file() and wal.stat().st_size > 0 and not shm.exists() and path.is_file():
            return _check_a_copy(path, wal, thorough)
    try:
        st = path.stat()
    except FileNotFoundError:
        return FileCheck(path, Verdict.MISSING)
    if not stat.S_ISREG(st.st_mode):
        what = "a folder" if stat.S_ISDIR(st.st_mode) else "not an ordinary file"
        return FileCheck(path, Verdict.NOT_A_FILE, f"{path} is {what}")
    size = st.st_size
    if size == 0:
        return FileCheck(path, Verdict.EMPTY, "the file is 0 bytes long")
    with path.open("rb") as fh:
        header = fh.read(100)
    if header[:len(SQLITE_HEADER)] != SQLITE_HEADER:
        return FileCheck(path, Verdict.NOT_SQLITE, "the file does not start like an SQLite file")
    page_size = _page_size_from_header(header) if len(header) == 100 else 0
    if page_size < 512 or size % page_size:
        return FileCheck(path, Verdict.DAMAGED,
                         f"the file is {size} bytes, not a whole number of pages: it was cut off")
    # Only a live database with a log to replay needs SQLite's shared memory (-shm);
    # otherwise open immutable, so checking leaves no new file behind.
    wal = path.with_name(path.name + "-wal")
    replay = live and wal.exists() and wal.stat().st_size > 0
    uri = f"{path.resolve().as_uri()}?mode=ro" if replay else read_only_uri(path)
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=5)
    except sqlite3.Error as exc:
        return _failed(path, exc, "SQLite cannot open it")
    try:
        return _check_open(conn, path, live, thorough)
    except sqlite3.Error as exc:
        return _failed(path, exc, "SQLite reports")
    finally:
        conn.close()


def journal_is_hot(path: Path, wait_s: float = 5.0) -> bool:
    """Whether the database's rollback journal was left by a writer that died.

    A journal also exists while another program is in the middle of a change (a migration
    in rollback mode, say); that one is live and goes away by itself. SQLite tells the two
    apart by its locks: a read-only reader meets a hot journal as SQLITE_READONLY_ROLLBACK,
    and reads past a live one. Nothing is written either way.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=wait_s)
    except sqlite3.Error:
        return False  # the file checks that follow say what is wrong with it
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        return getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK"
    finally:
        conn.close()
    return False


def _check_a_copy(path: Path, wal: Path, thorough: bool) -> FileCheck:
    with tempfile.TemporaryDirectory(prefix="ankle_gui-check-") as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        found = check_database_file(copy, live=True, thorough=thorough)
    return found._replace(path=path)


def _failed(path: Path, exc: sqlite3.Error, what: str) -> FileCheck:
    # Only SQLite's own "corrupt" and "not a database" judge the file. A full disk (no room
    # for the -shm) or an I/O error says nothing about it, so nothing may be done to it.
    verdict = Verdict.UNREADABLE if is_disk_trouble(exc) else Verdict.DAMAGED
    return FileCheck(path, verdict, f"{what}: {exc}")


def _check_open(conn: sqlite3.Connection, path: Path, live: bool, thorough: bool) -> FileCheck:
    pragma = "integrity_check" if thorough else "quick_check"
    rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}(5)").fetchall()]
    if rows != ["ok"]:
        return FileCheck(path, Verdict.DAMAGED, "; ".join(rows))
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    applied: list[str] = []
    if MIGRATIONS_TABLE in tables:
        applied = [r[0] for r in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?",
            [MIGRATION_SET])]
    if live and not applied and tables <= {MIGRATIONS_TABLE}:
        # Created but never filled (stopped before the first migration): open_database fills it.
        return FileCheck(path, Verdict.OK, schema_version=version, profile_count=0)
    if not applied or not set(OUR_TABLES) <= tables:
        return FileCheck(path, Verdict.NOT_OURS, "it is an SQLite file, but not an ankle_gui one",
                         schema_version=version)
    unknown = [name for name in applied if name not in KNOWN_MIGRATIONS]
    if version > SCHEMA_VERSION or unknown:
        return FileCheck(path, Verdict.TOO_NEW,
                         f"schema {version}; this version of ankle_gui knows up to "
                         f"{SCHEMA_VERSION}", schema_version=version)
    if thorough and conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
        return FileCheck(path, Verdict.DAMAGED, "some records point at rows that do not exist",
                         schema_version=version)
    count = conn.execute("SELECT count(*) FROM profiles").fetchone()[0]
    return FileCheck(path, Verdict.OK, schema_version=version, profile_count=count)
