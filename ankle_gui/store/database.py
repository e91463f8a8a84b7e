"""Opening the database safely: checks first, pragmas always, migrations last."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.resources.abc import Traversable
from pathlib import Path

from ankle_gui import resource_files
from ankle_gui.store.connection import Database, StoreConnection
from ankle_gui.store.errors import StoreError, as_store_error
from ankle_gui.store.files import (
    fsync_dir,
    fsync_file,
    is_posix,
    make_owner_only,
    real_path,
    sidecars,
)
from ankle_gui.store.migrations import (
    KNOWN_MIGRATIONS,
    MIGRATION_SET,
    MIGRATIONS_TABLE,
    SCHEMA_VERSION,
    apply_steps,
)

BUSY_TIMEOUT_MS = 5000
CREATING_PREFIX = ".creating-"  # a new database being built, before it gets its real name
ABANDONED_AFTER_S = 3600  # where process ids cannot be checked, a creation this old is dead
SQLITE_HEADER = b"SQLite format 3\x00"
# In resources/: an empty database made by the schema's Migrations, rebuilt by
# packaging/make_schema_template.py (tests/store/test_schema_template.py holds it to them).
TEMPLATE_NAME = "empty_database.sqlite3"
# SQLite's primary result codes that blame the disk, the system or another process:
# PERM, BUSY, LOCKED, NOMEM, READONLY, IOERR, FULL, CANTOPEN, PROTOCOL. Such an error says
# nothing about the file's bytes, so it must never get a file called damaged or moved.
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_FULL = 13
DISK_TROUBLE_CODES = frozenset({3, 5, 6, 7, 8, 10, 13, 14, 15})


def primary_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_disk_trouble(exc: BaseException) -> bool:
    """True if SQLite blamed the disk, the system or another process, not the file."""
    return primary_code(exc) in DISK_TROUBLE_CODES


class NotADatabaseError(StoreError):
    pass


class DatabaseTooNewError(StoreError):
    pass


class WriteRefusedError(StoreError):
    """The database refused a write (a constraint, a lock, the disk); none of it was kept."""


def configure(conn: sqlite3.Connection) -> None:
    """The pragmas every connection runs with, whatever opened it."""
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StoreError(f"The database could not switch to WAL mode (got {mode!r}).")
    conn.execute("PRAGMA synchronous = FULL")


def applied_steps(conn: sqlite3.Connection) -> list[str]:
    has_log = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,),
    ).fetchone()
    if not has_log:
        return []
    return [row[0] for row in conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY id",
        (MIGRATION_SET,))]


def inspect_version(path: Path) -> tuple[int, list[str]]:
    """(user_version, applied migration names) read without changing a byte of the file."""
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotADatabaseError(f"{path} is not an ankle_gui database (not an SQLite file).")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            names = applied_steps(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if not is_disk_trouble(exc):
            raise NotADatabaseError(f"{path} cannot be read as a database: {exc}.") from None
        # A full disk or an I/O error: the file is not blamed, and the caller names it from
        # the error code the store's error keeps.
        raise as_store_error(exc) from exc
    return version, names


def check_not_newer(version: int, applied: list[str], path: Path) -> None:
    unknown = [name for name in applied if name not in KNOWN_MIGRATIONS]
    if version > SCHEMA_VERSION or unknown:
        raise DatabaseTooNewError(
            f"{path} was written by a newer version of ankle_gui (schema {version}, "
            f"this version knows up to {SCHEMA_VERSION}). Update the app to open it; "
            "the file has been left untouched."
        )


def connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are explicit (db.atomic()), never implicit.
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           factory=StoreConnection)
    try:
        configure(conn)
    except Exception:
        conn.close()
        raise
    return conn


def _prepare(conn: sqlite3.Connection) -> Database:
    db = Database(conn)
    apply_steps(conn)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return db


def build_with_migrations(path: Path) -> None:
    """A new database at ``path``, every schema step applied by sqlite-utils' Migrations."""
    conn = connect(path)
    try:
        _prepare(conn)
    finally:
        conn.close()  # the last connection folds the -wal in and removes it and the -shm


def schema_template() -> Traversable:
    """The shipped empty database (an importlib.resources file)."""
    return resource_files() / TEMPLATE_NAME


def _copy_template(temp: Path) -> bool:
    """Fill the new file ``temp`` from the shipped template; False if there is none that is
    whole and current, and ``temp`` is then left for Migrations to build from scratch.

    The template is what the Migrations build, made beforehand: a first start copies it
    instead of loading sqlite-utils, with click, dateutil and pluggy behind it (their cost:
    README, Performance). Its steps' times become this database's.
    """
    try:
        data = schema_template().read_bytes()
    except OSError:
        return False
    temp.write_bytes(data)
    try:
        conn = connect(temp)
        try:
            current = (conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
                       and applied_steps(conn) == list(KNOWN_MIGRATIONS)
                       and conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION)
            if current:  # in the form sqlite-utils writes them
                conn.execute(f"UPDATE {MIGRATIONS_TABLE} SET applied_at = ?",
                             (str(datetime.now(UTC)),))
        finally:
            conn.close()  # the -wal folded in and removed, as after Migrations
    except sqlite3.DatabaseError as exc:
        if is_disk_trouble(exc):
            raise
        current = False  # not an SQLite file, or a damaged one
    if not current:
        for leftover in (temp, *sidecars(temp)):
            leftover.unlink(missing_ok=True)
    return current


def _creation_is_abandoned(temp: Path) -> bool:
    pid_text = temp.name[len(CREATING_PREFIX):].split("-", 1)[0]
    if is_posix() and pid_text.isdigit():
        try:
            os.kill(int(pid_text), 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            return True
        except OSError:
            return False  # exists, but is someone else's
        return False  # still running: still building it
    return time.time() - temp.stat().st_mtime > ABANDONED_AFTER_S


def remove_abandoned_creations(path: Path) -> list[Path]:
    """Half-built databases left by a kill during first-run creation (never a user's data:
    a database gets its real name only once it is whole)."""
    removed = []
    for temp in path.parent.glob(f"{CREATING_PREFIX}*-{path.name}"):
        if temp.is_file() and _creation_is_abandoned(temp):
            for leftover in (temp, *sidecars(temp)):
                if leftover.exists():
                    leftover.unlink()
                    removed.append(leftover)
    return removed


def create_whole(path: Path) -> None:
    """Create a new database at ``path`` complete with its schema, or nothing at all.

    It is built under a temporary name and only then linked to its real name, so a kill
    or power cut during creation never leaves an empty or half-made file (and its
    -journal) where the app would take it for a damaged one.
    """
    path = real_path(path)  # through a link: made where it leads, the link kept
    remove_abandoned_creations(path)
    temp = path.with_name(f"{CREATING_PREFIX}{os.getpid()}-{path.name}")
    try:
        if not _copy_template(temp):
            build_with_migrations(temp)
        make_owner_only(temp)
        fsync_file(temp)
        try:
            os.link(temp, path)  # unlike rename, never replaces a database made meanwhile
        except FileExistsError:
            pass  # another process (a CLI import) made it first: use that one
        except OSError:
            if not path.exists():  # a file system without hard links
                os.rename(temp, path)
        fsync_dir(path.parent)
    finally:
        for leftover in (temp, *sidecars(temp)):
            leftover.unlink(missing_ok=True)


def open_database(
    path: Path | str,
    *,
    before_migrate: Callable[[Path], None] | None = None,
) -> Database:
    """Open (or create) the database at ``path``, refusing files it must not touch.

    ``before_migrate`` is called with the path when an existing database is about
    to be changed by a migration, so the caller can take a backup first.
    """
    path = Path(path)
    # A kill just after a new database got its name leaves its temporary name behind too.
    remove_abandoned_creations(real_path(path))
    if not path.exists():
        create_whole(path)
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        version, applied = inspect_version(path)
        check_not_newer(version, applied, path)
    try:
        conn = connect(path)
    except sqlite3.DatabaseError as exc:
        if not is_disk_trouble(exc):
            raise NotADatabaseError(f"{path} cannot be opened as a database: {exc}.") from None
        raise as_store_error(exc) from exc
    db = Database(conn)
    try:
        if applied_steps(conn) != list(KNOWN_MIGRATIONS):
            # Backup and steps happen under the write lock, in one transaction: a second
            # process opening the same file (two clinic commands after an update) waits
            # here, then finds nothing left to do and takes no backup of its own. The
            # backup reads through its own connection, which WAL allows meanwhile.
            with db.atomic():
                if applied_steps(conn) != list(KNOWN_MIGRATIONS):
                    if existed and before_migrate is not None:
                        before_migrate(path)
                    apply_steps(conn)
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except sqlite3.DatabaseError as exc:
        conn.close()
        if not is_disk_trouble(exc):
            raise StoreError(f"{path} could not be prepared: {exc}.") from None
        raise as_store_error(exc) from exc
    except BaseException:
        conn.close()  # e.g. the backup before a migration failed: retrying must not leak
        raise
    return db
