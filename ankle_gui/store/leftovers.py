"""What a kill can leave in the data folder, and the one sweep that tidies it at start-up.

Temporary files are ours alone: an unfinished backup (``backups/*.partial``), the copy a
restore or an import reads in (``.incoming*.sqlite3``), the copy a start-up restore puts in
place (``.restoring-*``), each with the -journal, -wal or -shm SQLite gave it. None is ever
the only copy of anything.

Work that makes such a file holds a shared lock on the data folder until the file is gone
(``temporary_files``). The sweep takes that lock exclusively and without waiting, so it
never removes a file that another process is still writing: the app and the clinic
commands run side by side. A process killed mid-way loses its lock with it, so what it
left is swept by the next start of the app or of any command (``sweep``).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from ankle_gui.store.files import BACKUP_DIRNAME, SIDECAR_SUFFIXES

PARTIAL_SUFFIX = ".partial"
INCOMING_NAME = ".incoming.sqlite3"  # a restore's staging copy (unique_path may add -2, -3…)
RESTORING_PREFIX = ".restoring-"  # start-up's copy of a backup, before it gets its name


def _lock(folder: Path, exclusive: bool, wait: bool) -> int | None:
    """An open descriptor of ``folder`` holding the lock, or None if it is held elsewhere
    (only when not waiting). Where folders cannot be locked (Windows), a descriptor of
    nothing: an open file there cannot be deleted anyway."""
    try:
        import fcntl
    except ImportError:
        return -1
    fd = os.open(folder, os.O_RDONLY)
    mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | (0 if wait else fcntl.LOCK_NB)
    try:
        fcntl.flock(fd, mode)
    except BlockingIOError:
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return fd


@contextlib.contextmanager
def temporary_files(data_dir: Path) -> Iterator[None]:
    """Hold off the sweep while this block makes and removes its temporary files."""
    fd = _lock(Path(data_dir), exclusive=False, wait=True)
    try:
        yield
    finally:
        if fd is not None and fd >= 0:
            os.close(fd)  # closing lets go of the lock


def leftovers(data_dir: Path) -> list[Path]:
    """Every temporary file of ours in ``data_dir`` and its backups folder."""
    data_dir = Path(data_dir)
    found: list[Path] = []
    backups = data_dir / BACKUP_DIRNAME
    if backups.is_dir():
        partial = tuple(PARTIAL_SUFFIX + suffix for suffix in ("", *SIDECAR_SUFFIXES))
        found += [p for p in backups.iterdir() if p.name.endswith(partial)]
    if data_dir.is_dir():
        found += [p for p in data_dir.iterdir()
                  if p.name.startswith((INCOMING_NAME.removesuffix(".sqlite3"),
                                        RESTORING_PREFIX))]
    return sorted(p for p in found if p.is_file() and not p.is_symlink())


def sweep(data_dir: Path) -> list[Path]:
    """Remove what killed work left behind (see the module's note); what was removed.
    Nothing, if another process is making temporary files in this folder right now."""
    data_dir = Path(data_dir)
    try:
        fd = _lock(data_dir, exclusive=True, wait=False)
    except OSError:
        return []  # no folder (yet), or one that cannot be opened: nothing of ours in it
    if fd is None:
        return []
    removed = []
    try:
        for path in leftovers(data_dir):
            with contextlib.suppress(FileNotFoundError, PermissionError):
                path.unlink()
                removed.append(path)
    finally:
        if fd >= 0:
            os.close(fd)
    return removed
