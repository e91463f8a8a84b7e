"""What is wrong with the database at start-up, and the safe things to do about it.

Decisions only, no Qt: ``diagnose`` looks (read-only), ``classify`` names an error
that opening raised, ``set_aside`` moves a bad file (with its -wal and -shm) into
``set-aside/`` under a new name, and ``restore_into_place`` puts a checked backup
where the database was. Nothing here deletes or overwrites a user's file.

A -wal file left by a crash is not a problem: SQLite replays it when the database
is opened, and the check below reads the database through it. Only if the result
then fails the check is it treated as damage, and the -wal goes aside with it.
"""

# Long file: every start-up decision about a damaged or missing file, read top to
# bottom in one place; nothing here deletes a user's file, and that is easiest to check whole.

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import tempfile
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from ankle_gui.core.clock import utc_now
from ankle_gui.store.database import (
    SQLITE_FULL,
    SQLITE_HEADER,
    SQLITE_IOERR,
    SQLITE_READONLY,
    DatabaseTooNewError,
    NotADatabaseError,
    primary_code,
)
from ankle_gui.store.filecheck import FileCheck, Verdict, check_database_file
from ankle_gui.store.files import (
    fsync_dir,
    fsync_file,
    make_owner_only,
    make_owner_only_dir,
    real_path,
    sidecars,
    unique_path,
)

SET_ASIDE_DIRNAME = "set-aside"
# Below this much free space, an I/O error on a healthy file is a full disk: SQLite needs
# room for its -shm (32 KB) and -wal before it can even read a database in WAL mode.
LOW_SPACE_BYTES = 1 << 20
# A full disk still accepts an empty file, so the probe writes what SQLite needs to open a
# database in WAL mode: its -shm (32 KB) and the first pages of its -wal. With less room,
# SQLite would fail half-way and leave those two files behind.
PROBE_BYTES = 64 * 1024


class Problem(StrEnum):
    EMPTY = "empty"
    DAMAGED = "damaged"
    NOT_SQLITE = "not-sqlite"
    NOT_OURS = "not-ours"
    TOO_NEW = "too-new"
    ORPHAN_LOG = "orphan-log"
    READ_ONLY_FOLDER = "read-only-folder"
    READ_ONLY_FILE = "read-only-file"
    DISK_FULL = "disk-full"
    LOCKED = "locked"
    IN_THE_WAY = "in-the-way"
    BROKEN_LINK = "broken-link"
    UNKNOWN = "unknown"


class Choice(StrEnum):
    USE_BACKUP = "use-backup"
    FRESH_START = "fresh-start"
    RETRY = "retry"
    QUIT = "quit"


# Problems with the file itself: it goes aside, and the user picks a backup or a fresh start.
SET_ASIDE_PROBLEMS = {Problem.EMPTY, Problem.DAMAGED, Problem.NOT_SQLITE, Problem.NOT_OURS,
                      Problem.TOO_NEW, Problem.ORPHAN_LOG}

_TEXT = {
    Problem.EMPTY: (
        "Your data file is empty",
        "The file that holds your results is there, but it contains nothing (0 bytes). "
        "This can happen when the power goes off or a disk fails while it is being saved."),
    Problem.DAMAGED: (
        "Your data file is damaged",
        "Part of the file that holds your results cannot be read. This can happen after a "
        "power cut, a failing disk or a copy that did not finish."),
    Problem.NOT_SQLITE: (
        "Your data file has been replaced",
        "The file where ankle_gui keeps your results holds something else: it is not a "
        "database at all. Another program may have written over it."),
    Problem.NOT_OURS: (
        "Your data file belongs to another program",
        "The file where ankle_gui keeps your results is a database, but not one that "
        "ankle_gui made."),
    Problem.TOO_NEW: (
        "Your data was saved by a newer ankle_gui",
        "This copy of ankle_gui is older than the one that last saved your data, so it "
        "cannot open it safely. The best fix is to install the newer version again and quit "
        "here. If you cannot, ankle_gui can put the file aside and go on from a backup it "
        "can read, or start fresh."),
    Problem.ORPHAN_LOG: (
        "A log file was left without its data file",
        "ankle_gui found the change log of a database (a -wal file) but not the database it "
        "belongs to. The data file may have been moved or deleted."),
    Problem.READ_ONLY_FOLDER: (
        "ankle_gui cannot save in its data folder",
        "The data folder does not allow changes, so nothing could be saved. Nothing has been "
        "changed. Check the folder's permissions, or start ankle_gui with --data-dir pointing "
        "at a folder you can write to, then try again."),
    Problem.READ_ONLY_FILE: (
        "Your data file is read-only",
        "The file that holds your results does not allow changes, so nothing new could be "
        "saved. Nothing has been changed. Check the file's permissions, then try again."),
    Problem.DISK_FULL: (
        "The disk is full",
        "ankle_gui could not save because the disk is full. Your data has not been changed. "
        "Free some space (for example empty the bin or remove large downloads), then try "
        "again."),
    Problem.LOCKED: (
        "Your data is in use by another program",
        "Another program is holding the data file, so ankle_gui cannot save to it. Close "
        "other programs that might use it (a backup or sync tool, a database viewer), then "
        "try again."),
    Problem.IN_THE_WAY: (
        "Something is in the way of your data",
        "ankle_gui needs a file where there is now a folder or something else (see the "
        "details below), so it cannot open your data safely. Nothing has been changed. Move "
        "or rename what is in the way, then try again."),
    Problem.BROKEN_LINK: (
        "Your data file points to a place that is empty",
        "The data file in the data folder is a link to a file somewhere else, and nothing is "
        "there now (see the details below). If your data is on a drive or a network folder, "
        "connect it, then try again. Nothing has been changed. To start afresh here instead, "
        "remove the link first."),
    Problem.UNKNOWN: (
        "ankle_gui could not open your data",
        "Something unexpected stopped ankle_gui from opening your data. Nothing has been "
        "changed. The details below may help someone who looks after this computer."),
}


class Diagnosis(NamedTuple):
    """A problem found with the database, with the words to explain it."""

    problem: Problem
    db_path: Path
    detail: str = ""  # what SQLite or the system said, shown under "Details"

    @property
    def title(self) -> str:
        return _TEXT[self.problem][0]

    @property
    def explanation(self) -> str:
        return _TEXT[self.problem][1]

    @property
    def sets_aside(self) -> bool:
        return self.problem in SET_ASIDE_PROBLEMS

    @property
    def set_aside_folder(self) -> Path:
        return real_path(self.db_path).parent / SET_ASIDE_DIRNAME

    def choices(self, has_backup: bool) -> tuple[Choice, ...]:
        """What the user may do, the safest first."""
        if not self.sets_aside:
            return (Choice.RETRY, Choice.QUIT)
        offered = (Choice.USE_BACKUP,) if has_backup else ()
        if self.problem is Problem.TOO_NEW:
            return (Choice.QUIT, *offered, Choice.FRESH_START)
        return (*offered, Choice.FRESH_START, Choice.QUIT)


def folder_is_writable(folder: Path) -> tuple[bool, str]:
    """Try it: permission bits lie (root, ACLs, read-only mounts, immutable flags)."""
    try:
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=folder)
    except OSError as exc:
        return False, exc.strerror or str(exc)
    os.close(fd)
    os.unlink(probe)
    return True, ""


def free_space(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def os_problem(exc: OSError, db_path: Path, where: Path) -> Diagnosis:
    """Name what the system said when a file could not be made or written in ``where``."""
    detail = f"{where}: {exc.strerror or exc}"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return Diagnosis(Problem.DISK_FULL, db_path, detail)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return Diagnosis(Problem.READ_ONLY_FOLDER, db_path, detail)
    if exc.errno in (errno.EISDIR, errno.ENOTDIR, errno.EEXIST):
        return Diagnosis(Problem.IN_THE_WAY, db_path, detail)
    return Diagnosis(Problem.UNKNOWN, db_path, detail)


def _write_probe(fd: int) -> None:
    # No fsync, which every start would wait for: ext4, btrfs and tmpfs reserve the space
    # at write(). A nearly full disk takes part of a write and says so only by its count:
    # the next write then fails with ENOSPC.
    left = memoryview(bytes(PROBE_BYTES))
    while left:
        try:
            left = left[os.write(fd, left):]
        except OSError as exc:
            if exc.errno == errno.EFBIG:  # a limit on one file's size (ulimit -f), not the
                return                    # disk's room: not what this probe asks about
            raise


def folder_problem(folder: Path, db_path: Path) -> Diagnosis | None:
    """Why nothing can be saved in ``folder`` (read-only, full disk), or None if it can.

    Tried for real, with a page of data: permission bits lie (root, ACLs, read-only mounts,
    immutable flags), and a full disk still accepts an empty file.
    """
    try:
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=folder)
    except OSError as exc:
        return os_problem(exc, db_path, folder)
    try:
        _write_probe(fd)
    except OSError as exc:
        return os_problem(exc, db_path, folder)
    finally:
        os.close(fd)
        os.unlink(probe)
    return None


def file_is_writable(path: Path) -> tuple[bool, str]:
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return True, ""
    except OSError as exc:
        return False, exc.strerror or str(exc)
    os.close(fd)
    return True, ""


_VERDICT_PROBLEM = {
    Verdict.EMPTY: Problem.EMPTY,
    Verdict.NOT_SQLITE: Problem.NOT_SQLITE,
    Verdict.DAMAGED: Problem.DAMAGED,
    Verdict.NOT_OURS: Problem.NOT_OURS,
    Verdict.TOO_NEW: Problem.TOO_NEW,
    Verdict.NOT_A_FILE: Problem.IN_THE_WAY,
}


def _not_the_files_fault(db_path: Path, detail: str) -> Diagnosis:
    """The problem when SQLite failed but the file itself is whole: never one that moves it."""
    free = free_space(db_path.parent)
    if free is not None and free < LOW_SPACE_BYTES:
        return Diagnosis(Problem.DISK_FULL, db_path,
                         f"{detail} (only {free // 1024} KB free on the disk)")
    return Diagnosis(Problem.UNKNOWN, db_path, detail)


def _has_sqlite_header(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def recover_hot_journal(db_path: Path, now: datetime | None = None) -> Diagnosis | None:
    """Let SQLite roll back a rollback journal (-journal) before the file is judged.

    A process killed mid-transaction in rollback-journal mode (a copy restored by hand, say)
    leaves the file half-changed and the old pages in the -journal. The read-only check cannot
    use it, and would call the file damaged; a read-write open rolls it back, as SQLite
    would on any open. A -journal that holds nothing valid is dropped by SQLite the same way,
    so a copy of it is kept in set-aside/ first. Returns a problem only if the copy cannot be
    made (a full disk, say): then nothing is done.
    """
    journal = sidecars(db_path)[2]
    if not (journal.is_file() and journal.stat().st_size > 0 and _has_sqlite_header(db_path)):
        return None
    moment = (now or utc_now()).astimezone(UTC)
    try:
        folder = make_owner_only_dir(db_path.parent / SET_ASIDE_DIRNAME)
        kept = unique_path(folder / f"ankle_gui-{moment:%Y%m%dT%H%M%S}Z-journal.sqlite3-journal")
        shutil.copyfile(journal, kept)
        make_owner_only(kept)
        fsync_file(kept)
    except OSError as exc:
        return os_problem(exc, db_path, db_path.parent)
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=rw", uri=True, timeout=5)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # whatever SQLite could not recover, the check below judges
    return None


def judge(check: FileCheck) -> Diagnosis | None:
    """The problem a file check found, in the words of the recovery dialog; None if none."""
    if check.verdict == Verdict.UNREADABLE:
        return _not_the_files_fault(check.path, check.detail)
    if check.verdict in _VERDICT_PROBLEM:
        return Diagnosis(_VERDICT_PROBLEM[check.verdict], check.path, check.detail)
    return None


def broken_link(db_path: Path) -> Diagnosis | None:
    """The database is a symbolic link to nothing (a drive not connected, a file moved)."""
    if db_path.is_symlink() and not db_path.exists():
        return Diagnosis(Problem.BROKEN_LINK, db_path,
                         f"{db_path} is a link to {os.readlink(db_path)}, which does not exist")
    return None


def diagnose(db_path: Path, *, recover: bool = True, thorough: bool = False,
             link_target_set_aside: bool = False) -> Diagnosis | None:
    """The problem with the database before it is opened for writing, or None if none.

    ``recover`` lets SQLite roll back a hot -journal first (the app). The clinic commands,
    which must change nothing when something is wrong, pass False: then the checks leave
    no file behind, not even a -shm. ``thorough`` runs the full integrity check.

    A database reached through a symbolic link is judged where the link leads; a link to
    nothing is a problem of its own, unless the file it led to was just set aside
    (``link_target_set_aside``), for a new one to be made in its place.
    """
    if not link_target_set_aside and (dangling := broken_link(db_path)) is not None:
        return dangling
    shown, db_path = db_path, real_path(db_path)
    found = _diagnose(db_path, recover, thorough)
    return found._replace(db_path=shown) if found is not None else None


def _diagnose(db_path: Path, recover: bool, thorough: bool) -> Diagnosis | None:
    trouble = folder_problem(db_path.parent, db_path)
    if trouble is None and recover:
        trouble = recover_hot_journal(db_path)
    if trouble is not None:
        return trouble
    check = check_database_file(db_path, live=True, thorough=thorough, untouched=not recover)
    if check.verdict == Verdict.MISSING:
        leftovers = [p for p in sidecars(db_path) if p.exists() and p.stat().st_size > 0]
        if leftovers:
            return Diagnosis(Problem.ORPHAN_LOG, db_path,
                             ", ".join(p.name for p in leftovers) + f" without {db_path.name}")
        return None
    if check.verdict != Verdict.OK:
        return judge(check)
    writable, why = file_is_writable(db_path)
    if not writable:
        return Diagnosis(Problem.READ_ONLY_FILE, db_path, f"{db_path}: {why}")
    return None


def classify(exc: BaseException, db_path: Path) -> Diagnosis:
    """Name the problem behind an error raised while opening or first writing."""
    text = str(exc)
    lowered = text.lower()
    code = getattr(exc, "errno", None)
    sqlite_code = primary_code(exc)
    if isinstance(exc, DatabaseTooNewError):
        problem = Problem.TOO_NEW
    elif code in (errno.ENOSPC, errno.EDQUOT) or sqlite_code == SQLITE_FULL \
            or "disk is full" in lowered or "no space left" in lowered:
        problem = Problem.DISK_FULL
    elif code in (errno.EISDIR, errno.ENOTDIR):
        problem = Problem.IN_THE_WAY
    elif code in (errno.EROFS, errno.EACCES, errno.EPERM) or sqlite_code == SQLITE_READONLY \
            or "readonly" in lowered or "read-only" in lowered:
        writable, _ = folder_is_writable(db_path.parent)
        problem = Problem.READ_ONLY_FILE if writable else Problem.READ_ONLY_FOLDER
    elif "locked" in lowered or "busy" in lowered:
        problem = Problem.LOCKED
    elif sqlite_code == SQLITE_IOERR or "disk i/o error" in lowered:
        return _not_the_files_fault(db_path, text)  # e.g. no room for the -shm on a full disk
    elif isinstance(exc, NotADatabaseError) or "malformed" in lowered \
            or "not a database" in lowered or "corrupt" in lowered:
        problem = Problem.DAMAGED
    else:
        problem = Problem.UNKNOWN
    if problem is Problem.DAMAGED and check_database_file(db_path).ok:
        # A file that passes the read-only check is whole, whatever the error said: it must
        # never be offered for moving aside (the dialog's first button would move it).
        return _not_the_files_fault(db_path, text)
    return Diagnosis(problem, db_path, text)


class SetAside(NamedTuple):
    """The files moved out of the way, each with where it went."""

    moved: tuple[tuple[Path, Path], ...]  # (from, to)

    @property
    def database(self) -> Path | None:
        return next((to for _, to in self.moved if to.suffix == ".sqlite3"), None)


def _free_base(folder: Path, stem: str) -> Path:
    for n in range(1, 10_000):
        base = folder / (f"{stem}.sqlite3" if n == 1 else f"{stem}-{n}.sqlite3")
        if not any(p.exists() for p in (base, *sidecars(base))):
            return base
    raise FileExistsError(f"no free name in {folder}")


def set_aside(db_path: Path, problem: Problem, now: datetime | None = None) -> SetAside:
    """Move the database and its companions, untouched, into ``set-aside/``.

    The -wal and -shm keep their pairing (``X.sqlite3-wal`` next to ``X.sqlite3``), so the
    set-aside copy opens exactly as it was. They move first: a log left behind could be
    replayed into a new database of the same name.
    """
    db_path = real_path(db_path)  # a link stays; the file it leads to is what is moved
    folder = make_owner_only_dir(db_path.parent / SET_ASIDE_DIRNAME)
    moment = (now or utc_now()).astimezone(UTC)
    base = _free_base(folder, f"ankle_gui-{moment:%Y%m%dT%H%M%S}Z-{problem.value}")
    moved = []
    for src, dst in [*zip(sidecars(db_path), sidecars(base), strict=True), (db_path, base)]:
        if src.exists():
            os.rename(src, dst)
            moved.append((src, dst))
    fsync_dir(folder)
    fsync_dir(db_path.parent)
    return SetAside(tuple(moved))


def restore_into_place(backup: Path, db_path: Path) -> None:
    """Copy a backup to where the database goes (where its link leads, if it is one); only
    where no database (or log) is."""
    db_path = real_path(db_path)
    if any(p.exists() for p in (db_path, *sidecars(db_path))):
        raise FileExistsError(f"{db_path} is still there; set it aside first")
    staging = db_path.with_name(f".restoring-{db_path.name}")
    staging.unlink(missing_ok=True)  # our own copy from a restore that did not finish
    shutil.copyfile(backup, staging)
    make_owner_only(staging)
    fsync_file(staging)
    os.rename(staging, db_path)
    fsync_dir(db_path.parent)

