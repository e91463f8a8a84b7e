"""The database on disk as files: its companions, owner-only permissions, durable copies."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

OWNER_ONLY_DIR = 0o700
OWNER_ONLY_FILE = 0o600
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")
BACKUP_DIRNAME = "backups"  # in the data folder
WRITING_SUFFIX = ".writing"  # a user's file being written, not yet renamed into place
# A temporary twin this old was left by a kill or a power cut: no writer is still at it.
STALE_WRITING_S = 3600


def sidecars(db_path: Path) -> list[Path]:
    """The files SQLite keeps next to a database; they belong to it and move with it."""
    return [db_path.with_name(db_path.name + suffix) for suffix in SIDECAR_SUFFIXES]


def real_path(db_path: Path) -> Path:
    """The file a database path leads to: a symbolic link's target (followed to the end,
    whether or not anything is there), else the path itself. SQLite follows the link too,
    so the database's -wal and -shm sit next to the target."""
    return Path(os.path.realpath(db_path)) if db_path.is_symlink() else db_path


def is_posix() -> bool:
    return os.name == "posix"


def make_owner_only_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed, owner-only on POSIX whatever the umask.

    A folder that already exists keeps the permissions its owner gave it.
    """
    if path.is_dir():
        return path
    path.mkdir(parents=True, exist_ok=True, mode=OWNER_ONLY_DIR)
    if is_posix():
        os.chmod(path, OWNER_ONLY_DIR)
    return path


def make_owner_only(path: Path) -> None:
    """Health records: readable by their owner only (POSIX); a missing file is fine."""
    if not is_posix():
        return
    with contextlib.suppress(FileNotFoundError):
        os.chmod(path, OWNER_ONLY_FILE)


def make_database_owner_only(db_path: Path) -> None:
    for path in (db_path, *sidecars(db_path)):
        make_owner_only(path)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Make a rename inside ``path`` durable (a no-op where folders cannot be opened)."""
    if not is_posix():
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def unique_path(path: Path) -> Path:
    """``path`` if free, else the same name with -2, -3… so nothing is ever overwritten."""
    if not path.exists():
        return path
    for n in range(2, 10_000):
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
    raise FileExistsError(f"no free name next to {path}")


def reserve_empty_file(path: Path) -> None:
    """Create an empty owner-only file; fails if anything already has that name."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY_FILE)
    os.close(fd)
    make_owner_only(path)


def vacuum_into(conn: sqlite3.Connection, target: Path) -> None:
    """A compact, consistent copy of the open database, written to ``target`` (new file).

    The empty target is created first with owner-only permissions, so the copy is
    never readable by others, not even for a moment.
    """
    reserve_empty_file(target)
    try:
        conn.execute("VACUUM INTO ?", [str(target)])
        fsync_file(target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def read_only_uri(path: Path) -> str:
    """Open a standalone file without changing it: no locks, no -wal/-shm created."""
    return f"{path.resolve().as_uri()}?mode=ro&immutable=1"


@contextlib.contextmanager
def replacing(path: Path | str) -> Iterator[Path]:
    """A new temporary file next to ``path`` for the caller to write; once the block ends
    without an error it is flushed to disk and renamed over ``path`` in one step.

    So a kill, a full disk or a failed write leaves the previous file exactly as it was,
    never a 0-byte or half-written one. The temporary name is hidden (``.name.xxxx.writing``)
    and owner-only, like everything the app writes.
    """
    path = Path(path)
    _remove_stale_twins(path)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=WRITING_SUFFIX,
                                     dir=path.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        yield temp
        fsync_file(temp)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def _remove_stale_twins(path: Path) -> None:
    pattern = f".{glob.escape(path.name)}.*{WRITING_SUFFIX}"
    for leftover in path.parent.glob(pattern):
        with contextlib.suppress(OSError):
            if time.time() - leftover.stat().st_mtime > STALE_WRITING_S:
                leftover.unlink()


class ProtectedPathError(ValueError):
    """A file the app was asked to write that must not be written; the message says why."""


# What a shell or a file dialog reads as a pattern, never as a name.
WILDCARDS = frozenset("*?[]")


def check_save_target(target: Path | str, data_dir: Path) -> Path:
    """``target`` as it will be written, or ProtectedPathError.

    Nothing the app saves for a person (a report, a handout, a CSV file, a printed file, an
    export of everything) may land in the data folder: not on the database, its -wal, -shm
    or -journal file, the lock file, the backups folder or anything else of the app's own,
    however it is reached (a link, a second name for the same file). A name with a wildcard
    is refused too: it was meant as a pattern, not as a name."""
    path = Path(target)
    name = path.name
    if not name or name in (".", "..") or not name.strip(" ."):
        raise ProtectedPathError("Type a name for the file.")
    bad = sorted(set(name) & WILDCARDS)
    if bad or any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        shown = " ".join(bad) if bad else "a control character"
        raise ProtectedPathError(f"A file name cannot hold {shown}. Type a plain name, for "
                                 "example \u201cAnkle report.pdf\u201d.")
    own = Path(data_dir).resolve()
    where = path.resolve()   # links followed: where the bytes would really go
    if where == own or own in where.parents or _same_file_as_one_of_ours(where, own):
        raise ProtectedPathError(
            f"{path} is in ankle_gui's own data folder ({own}), which holds the database and "
            "its backups. Nothing is saved there; choose another folder, such as Documents.")
    return path


def _same_file_as_one_of_ours(where: Path, own: Path) -> bool:
    """Whether ``where`` is a second name (a hard link) of a file in the data folder."""
    try:
        target = where.stat()
    except OSError:
        return False  # nothing there yet: a new file is no file of ours
    for folder in (own, own / BACKUP_DIRNAME):
        try:
            children = list(folder.iterdir())
        except OSError:
            continue
        for child in children:
            with contextlib.suppress(OSError):
                mine = child.stat()
                if (mine.st_dev, mine.st_ino) == (target.st_dev, target.st_ino):
                    return True
    return False


def write_file_atomically(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (see ``replacing``)."""
    with replacing(path) as temp:
        temp.write_bytes(data)
# Ten years of daily tests on both sides export to under 1 MB; 16 MB is room for a clinic's
# whole history, and keeps a wrong choice (a disk image, /dev/zero) from filling the memory.
MAX_IMPORT_BYTES = 16 * 1024 * 1024


class FileTooBigError(OSError):
    """A file chosen for import is larger than any file ankle_gui would write."""


def read_bounded(path: Path | str, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The bytes of a file chosen for import, read no further than ``limit``."""
    with open(path, "rb") as fh:
        return read_bounded_stream(fh, limit)


def read_bounded_stream(fh: BinaryIO, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """``read_bounded`` for an open stream (standard input)."""
    data = fh.read(limit + 1)  # a device such as /dev/zero never ends: stop after limit
    if len(data) > limit:
        raise FileTooBigError(
            errno.EFBIG, f"the file is larger than {limit // (1024 * 1024)} MB, far more than "
            "any export of ankle_gui holds, so it was not read")
    return data
