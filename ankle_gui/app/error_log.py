"""The app's log: errors nobody foresaw and the warnings of ``logging`` (a cue helper that
failed, say), in one file a person can find and send, that never grows past a few MB.

Where it is, by each platform's rules (``log_path()``; Help → About shows it):
- Linux and other Unix: ``$XDG_STATE_HOME/ankle_gui/ankle_gui.log``, by default
  ``~/.local/state/ankle_gui/``;
- macOS: ``~/Library/Logs/ankle_gui/ankle_gui.log``;
- Windows: ``%LOCALAPPDATA%\\ankle_gui\\Logs\\ankle_gui.log``.
Never in the data folder, which may be what failed. If that folder cannot be written, the
log goes to the temporary folder instead.

No patient's name goes in: the command line is not logged, and every name the app knows
(the profiles of the open database, names given to a command, ``keep_out``) is replaced by
"[name]" in each entry, tracebacks included (``ScrubNames``).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from ankle_gui import __version__

LOG_NAME = "ankle_gui.log"
MAX_BYTES = 1_000_000   # then it rotates: ankle_gui.log.1, .2, .3; 4 MB at most in all
BACKUPS = 3
NAME_PLACEHOLDER = "[name]"
log = logging.getLogger("ankle_gui")


def log_folder(platform: str | None = None) -> Path:
    """The platform's folder for this app's logs."""
    platform = platform or sys.platform
    home = Path.home()
    if platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return base / "ankle_gui" / "Logs"
    if platform == "darwin":
        return home / "Library" / "Logs" / "ankle_gui"
    return Path(os.environ.get("XDG_STATE_HOME") or home / ".local" / "state") / "ankle_gui"


def log_path() -> Path:
    """Where the log is (or will be, once something is written to it)."""
    return _handler.path if _handler is not None else log_folder() / LOG_NAME


_kept_out: set[str] = set()


def keep_out(names: Iterable[str]) -> None:
    """Names that must not reach the log (a command's --profile, a CSV file's profiles)."""
    _kept_out.update(n for n in names if n and n.strip())


class ScrubNames(logging.Formatter):
    """Formats an entry, then replaces every known name in it with "[name]". ``names`` is
    asked on the thread that logs: it may read the database on the GUI thread, and must
    not on any other (``on_gui_thread_only`` wraps it so)."""

    def __init__(self, names: Callable[[], Iterable[str]] = tuple):
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self.names = names

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        try:
            asked = set(self.names())
        except Exception:  # noqa: BLE001 - the log must never fail for want of the names
            asked = set()
        known = sorted({n for n in asked | _kept_out if n and n.strip()}, key=len,
                       reverse=True)
        for name in known:
            text = re.sub(re.escape(name), NAME_PLACEHOLDER, text, flags=re.IGNORECASE)
        return text


def on_gui_thread_only(read: Callable[[], Iterable[str]]) -> Callable[[], Iterable[str]]:
    """``read()`` on the main thread, kept for entries logged from any other."""
    last: list[str] = []

    def names() -> Iterable[str]:
        if threading.current_thread() is threading.main_thread():
            last[:] = list(read())
        return list(last)

    return names


class _OwnerOnlyRotatingFile(logging.handlers.RotatingFileHandler):
    """A rotating file whose every file is readable by its owner only (0600)."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8",
                         delay=True)

    def _open(self):  # logging's override: the file is made owner-only
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return os.fdopen(fd, "a", encoding="utf-8")


_handler: _OwnerOnlyRotatingFile | None = None
_formatter = ScrubNames()


def start_logging(names: Callable[[], Iterable[str]] | None = None) -> Path | None:
    """Send ankle_gui's warnings and errors, and Python's warnings, to the log file;
    ``names``: the names to keep out of it. Returns the file, or None if no folder could
    be written (then they go to stderr only, as before). Calling it again only changes
    ``names``."""
    global _handler
    if names is not None:
        _formatter.names = names
    if _handler is not None:
        return _handler.path
    for folder in (log_folder(), Path(tempfile.gettempdir()) / f"ankle_gui-{_user()}"):
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            handler = _OwnerOnlyRotatingFile(folder / LOG_NAME)
            handler.stream = handler._open()  # noqa: SLF001 - fails here, not at the first entry
        except OSError:
            continue
        handler.setLevel(logging.WARNING)
        handler.setFormatter(_formatter)
        _handler = handler
        log.addHandler(handler)
        logging.captureWarnings(True)
        logging.getLogger("py.warnings").addHandler(handler)
        return handler.path
    return None


def _user() -> str:
    return str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")


def stop_logging() -> None:
    """Close the file (tests, and the end of a run)."""
    global _handler
    if _handler is None:
        return
    log.removeHandler(_handler)
    logging.getLogger("py.warnings").removeHandler(_handler)
    logging.captureWarnings(False)
    _handler.close()
    _handler = None
    _formatter.names = tuple
    _kept_out.clear()


def log_unexpected(exc: BaseException, command: str | None = None) -> Path | None:
    """Log an error nobody foresaw, with its traceback; where it went, or None."""
    where = start_logging()
    what = f"ankle-gui {command}" if command else "the app"
    log.error("Unexpected error in %s (ankle_gui %s, Python %s)", what, __version__,
              sys.version.split()[0], exc_info=(type(exc), exc, exc.__traceback__))
    return where
