"""Verified copies of the database: daily, before migrations, on demand; restore and export.

A backup is written with ``VACUUM INTO`` to a ``.partial`` name, checked with
``quick_check`` and only then given its real name, so the folder never holds a
backup that has not passed the check. Names carry the UTC time and the kind:
``ankle_gui-20250301T081500Z-daily.sqlite3``.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Collection
from datetime import UTC, date, datetime
from pathlib import Path
from typing import NamedTuple

from ankle_gui.core.clock import utc_now
from ankle_gui.store.connection import Database
from ankle_gui.store.database import applied_steps, open_database
from ankle_gui.store.errors import StoreError
from ankle_gui.store.filecheck import FileCheck, Verdict, check_database_file
from ankle_gui.store.files import (
    BACKUP_DIRNAME,
    fsync_dir,
    make_database_owner_only,
    make_owner_only,
    make_owner_only_dir,
    read_only_uri,
    sidecars,
    unique_path,
    vacuum_into,
)
from ankle_gui.store.kill_points import kill_point
from ankle_gui.store.leftovers import INCOMING_NAME, PARTIAL_SUFFIX, temporary_files

DAILY, MANUAL, MIGRATION, BEFORE_RESTORE, BEFORE_IMPORT = (
    "daily", "manual", "before-migration", "before-restore", "before-import")
KIND_LABELS = {
    DAILY: "Daily (automatic)",
    MANUAL: "Made by hand",
    MIGRATION: "Before an update of the app",
    BEFORE_RESTORE: "Before a restore",
    BEFORE_IMPORT: "Before an import",
}
# How many of each kind outlive rotation; daily ones follow KEEP_DAILY/KEEP_WEEKLY.
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_OTHER = {MANUAL: 10, MIGRATION: 5, BEFORE_RESTORE: 5, BEFORE_IMPORT: 5}
_NAME = re.compile(r"^ankle_gui-(\d{8}T\d{6})Z-([a-z-]+?)(?:-\d+)?\.sqlite3$")


class BackupError(StoreError):
    """A backup, restore, export or import that could not be done; the message is for the user."""


class BackupInfo(NamedTuple):
    """A backup file found in the backups folder, read from its name."""

    path: Path
    taken_at: datetime  # UTC
    kind: str
    size_bytes: int
    written_ns: int = 0  # orders backups made within the same second

    @property
    def order(self) -> tuple[datetime, int, str]:
        return (self.taken_at, self.written_ns, self.path.name)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def local_date(self) -> date:
        return self.taken_at.astimezone().date()

    def profile_count(self) -> int | None:
        """Profiles in this copy, or None if it cannot be read."""
        try:
            conn = sqlite3.connect(read_only_uri(self.path), uri=True)
        except sqlite3.Error:
            return None
        try:
            return int(conn.execute("SELECT count(*) FROM profiles").fetchone()[0])
        except sqlite3.Error:
            return None
        finally:
            conn.close()


def parse_backup_name(path: Path) -> tuple[datetime, str] | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    try:  # fromisoformat: the names are ISO dates
        taken = datetime.fromisoformat(match.group(1)).replace(tzinfo=UTC)
    except ValueError:  # digits that are no date (month 13): not one of ours
        return None
    return taken, match.group(2)


def backups_to_keep(backups: list[BackupInfo], keep_daily: int = KEEP_DAILY,
                    keep_weekly: int = KEEP_WEEKLY) -> set[Path]:
    """The rotation rule: newest daily backup of each of the last ``keep_daily`` days,
    then the newest of each of the ``keep_weekly`` weeks before that, plus the newest
    few of every other kind. Days and weeks are the user's local calendar."""
    newest_first = sorted(backups, key=lambda b: b.order, reverse=True)
    keep: set[Path] = set()
    daily = [b for b in newest_first if b.kind == DAILY]
    days: set[date] = set()
    for b in daily:
        if b.local_date() not in days and len(days) < keep_daily:
            days.add(b.local_date())
            keep.add(b.path)
    weeks: set[tuple[int, int]] = set()
    for b in daily:
        iso = b.local_date().isocalendar()
        week = (iso.year, iso.week)
        if b.path in keep or b.local_date() in days or week in weeks:
            continue
        if len(weeks) < keep_weekly:
            weeks.add(week)
            keep.add(b.path)
    for kind, count in KEEP_OTHER.items():
        keep.update(b.path for b in [b for b in newest_first if b.kind == kind][:count])
    # A kind this version does not know (from a newer app) is never ours to delete.
    keep.update(b.path for b in newest_first if b.kind not in KEEP_OTHER and b.kind != DAILY)
    return keep


class Backups:
    """The backups folder next to one database."""

    def __init__(self, db_path: Path, clock: Callable[[], datetime] = utc_now):
        self.db_path = Path(db_path)
        self.folder = self.db_path.parent / BACKUP_DIRNAME
        self._clock = clock

    def list(self) -> list[BackupInfo]:
        """Every backup in the folder, newest first."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.iterdir():
            parsed = parse_backup_name(path)
            if parsed is None or not path.is_file():
                continue
            st = path.stat()
            found.append(BackupInfo(path, parsed[0], parsed[1], st.st_size, st.st_mtime_ns))
        return sorted(found, key=lambda b: b.order, reverse=True)

    def daily_due(self) -> bool:
        today = self._clock().astimezone().date()
        return not any(b.kind == DAILY and b.local_date() == today for b in self.list())

    def make(self, conn: sqlite3.Connection, kind: str) -> BackupInfo:
        """Copy the open database to a new, checked backup; raise BackupError if that fails."""
        try:
            make_owner_only_dir(self.folder)
        except OSError as exc:  # e.g. a file named "backups" is in the way
            raise BackupError(
                f"The backups folder {self.folder} could not be made ({exc.strerror or exc}). "
                "If a file of that name is in the way, move or rename it. Your data was not "
                "changed.") from None
        taken = self._clock().astimezone(UTC).replace(microsecond=0)
        final = unique_path(self.folder / f"ankle_gui-{taken:%Y%m%dT%H%M%S}Z-{kind}.sqlite3")
        partial = final.with_name(final.name + PARTIAL_SUFFIX)
        with temporary_files(self.db_path.parent):
            partial.unlink(missing_ok=True)  # our own unfinished copy from an earlier attempt
            try:
                vacuum_into(conn, partial)
            except (sqlite3.Error, OSError) as exc:
                raise BackupError(f"The backup could not be written: {exc}.") from None
            kill_point("backup:partial-written")
            check = check_database_file(partial)
            if not check.ok:
                partial.unlink(missing_ok=True)
                raise BackupError(
                    f"The new backup failed its check ({check.detail or check.verdict}), so "
                    "it was removed. Your data was not changed.")
            os.replace(partial, final)
            fsync_dir(self.folder)
        st = final.stat()
        info = BackupInfo(final, taken, kind, st.st_size, st.st_mtime_ns)
        self.rotate(protect=final)
        return info

    def make_from_file(self, kind: str) -> BackupInfo | None:
        """Back up the database file as it is on disk (used before a migration)."""
        if not self.db_path.exists():
            return None
        conn = sqlite3.connect(f"{self.db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if not applied_steps(conn):
                return None  # created but never filled (first start cut short): nothing to keep
            return self.make(conn, kind)
        finally:
            conn.close()

    def before_migration(self, db_path: Path) -> None:
        """Hook for open_database(before_migrate=...): no migration without a fresh backup."""
        self.make_from_file(MIGRATION)

    def make_daily_if_due(self, conn: sqlite3.Connection) -> BackupInfo | None:
        if not self.daily_due():
            return None
        if conn.execute("SELECT count(*) FROM profiles").fetchone()[0] == 0:
            return None  # nothing worth keeping yet
        return self.make(conn, DAILY)

    # builtins.list: inside this class, ``list`` is the method above.
    def rotate(self, protect: Path | None = None) -> builtins.list[Path]:
        backups = self.list()
        keep = backups_to_keep(backups)
        removed = []
        for b in backups:
            if b.path not in keep and b.path != protect:
                b.path.unlink(missing_ok=True)
                removed.append(b.path)
        return removed

    def newest_good(self) -> tuple[BackupInfo, FileCheck] | None:
        """The newest backup that passes its check and that this version can open."""
        for info in self.list():
            check = check_database_file(info.path)
            if check.ok:
                return info, check
        return None


def explain_check(check: FileCheck) -> str:
    """Why a file cannot be used, in words for the user."""
    reasons = {
        Verdict.MISSING: "The file does not exist.",
        Verdict.EMPTY: "The file is empty.",
        Verdict.NOT_SQLITE: "This is not an ankle_gui data file.",
        Verdict.NOT_OURS: "This is a database, but not one made by ankle_gui.",
        Verdict.DAMAGED: "The file is damaged.",
        Verdict.TOO_NEW: "The file was made by a newer version of ankle_gui. Update the app first.",
    }
    text = reasons.get(check.verdict, "The file cannot be used.")
    return f"{text} ({check.detail})" if check.detail else text


def export_database(conn: sqlite3.Connection, target: Path) -> FileCheck:
    """Write the whole database to ``target`` (chosen by the user), checked before it counts."""
    target = Path(target)
    partial = unique_path(target.with_name(target.name + PARTIAL_SUFFIX))
    try:
        vacuum_into(conn, partial)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"The export could not be written to {target}: {exc}.") from None
    check = check_database_file(partial)
    if not check.ok:
        partial.unlink(missing_ok=True)
        raise BackupError(f"The export failed its check and was removed. {explain_check(check)}")
    os.replace(partial, target)
    make_owner_only(target)
    return check


def replace_database_contents(conn: sqlite3.Connection, source: Path, backups: Backups,
                              kind: str, *, keep: Collection[str] = (),
                              then: Callable[[], object] | None = None) -> BackupInfo:
    """Make the open database's rows an exact copy of ``source``'s (a backup or an exported
    file), except in the tables named in ``keep``, which stay as they are.

    ``source`` is checked in full first; then the current state is backed up; then the copy
    is brought up to this version's schema on the side. Its rows replace the open
    database's in one transaction, with ``then`` run inside it before the commit (the audit
    entry of a restore), so a failure or a kill at any moment leaves the data as it was or
    as ``source`` has it, never part of each. Returns the backup of the state before.
    """
    source = Path(source)
    if any(p.exists() and p.stat().st_size for p in sidecars(source)):
        raise BackupError(
            f"{source.name} is still in use by a program (it has a -wal file next to it). "
            "Use Export in ankle_gui to make a file that can be imported.")
    check = check_database_file(source, thorough=True)
    if not check.ok:
        raise BackupError(f"{source.name} was not used. {explain_check(check)}")
    data_dir = backups.db_path.parent
    with temporary_files(data_dir):
        seen = _data_version(conn)
        safety = backups.make(conn, kind)
        kill_point("restore:backed-up")
        staging = unique_path(data_dir / INCOMING_NAME)
        try:
            shutil.copyfile(source, staging)
            make_owner_only(staging)
            open_database(staging).close()  # brings an older copy up to this version's schema
            kill_point("restore:staged")
            _replace_rows(conn, staging, set(keep), then, seen)
            kill_point("restore:committed")
        except (sqlite3.Error, OSError, StoreError) as exc:
            if isinstance(exc, BackupError):
                raise
            raise BackupError(
                f"Nothing was changed: the copy could not be read in ({exc}).") from None
        finally:
            for path in (staging, *sidecars(staging)):
                path.unlink(missing_ok=True)
    make_database_owner_only(backups.db_path)
    return safety


def _data_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def _columns(conn: sqlite3.Connection, schema: str) -> dict[str, list[str]]:
    """Each ordinary table of ``schema`` (main or the attached copy) with its columns."""
    tables = [row[0] for row in conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite%' ORDER BY name")]
    return {t: sorted(row[0] for row in conn.execute(
        "SELECT name FROM pragma_table_info(?, ?)", [t, schema])) for t in tables}


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _replace_rows(conn: sqlite3.Connection, staging: Path, keep: set[str],
                  then: Callable[[], object] | None, seen: int) -> None:
    conn.execute("ATTACH DATABASE ? AS incoming", [str(staging)])
    try:
        with Database(conn).atomic():  # the write lock, from here to the commit
            if _data_version(conn) != seen:
                # Another program wrote after the safety backup: that backup would not hold it.
                raise BackupError("The data was changed by another program (a clinic "
                                  "command) while this was being prepared, so nothing was "
                                  "changed. Try again.")
            conn.execute("PRAGMA defer_foreign_keys = ON")  # checked whole, at the commit
            ours, theirs = _columns(conn, "main"), _columns(conn, "incoming")
            replaced = {t: cols for t, cols in ours.items() if t not in keep}
            if replaced != {t: cols for t, cols in theirs.items() if t not in keep}:
                raise BackupError("Nothing was changed: the copy's tables do not match this "
                                  "version's, even after bringing it up to date.")
            # Every table emptied before any is filled: a profile's delete cascades to its
            # codes and results, which must not take rows just copied with it.
            for table in replaced:
                conn.execute(f"DELETE FROM main.{_quoted(table)}")
            for table, cols in replaced.items():
                names = ", ".join(_quoted(c) for c in cols)
                conn.execute(f"INSERT INTO main.{_quoted(table)} ({names}) "
                             f"SELECT {names} FROM incoming.{_quoted(table)}")
            _replace_sequences(conn, keep)
            if then is not None:
                then()
            kill_point("restore:replaced")
    finally:
        with contextlib.suppress(sqlite3.Error):  # never hide why the block above failed
            conn.execute("DETACH DATABASE incoming")


def _replace_sequences(conn: sqlite3.Connection, keep: set[str]) -> None:
    """AUTOINCREMENT counters go with their tables' rows (where there are any)."""
    def has_sequence(schema: str) -> bool:
        return conn.execute(f"SELECT 1 FROM {schema}.sqlite_master "
                            "WHERE name = 'sqlite_sequence'").fetchone() is not None

    if not has_sequence("main"):
        return
    kept = ", ".join("?" for _ in keep) or "NULL"
    conn.execute(f"DELETE FROM main.sqlite_sequence WHERE name NOT IN ({kept})", list(keep))
    if has_sequence("incoming"):
        conn.execute(f"INSERT INTO main.sqlite_sequence (name, seq) SELECT name, seq "
                     f"FROM incoming.sqlite_sequence WHERE name NOT IN ({kept})", list(keep))
