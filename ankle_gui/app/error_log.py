"""The error log: where a traceback goes when something nobody foresaw happens."""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from ankle_gui import __version__

ERROR_LOG_NAME = "errors.log"


def error_log_path() -> Path:
    """Where a traceback goes: the user's state folder, never the data folder it may be about."""
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return base / "ankle_gui" / ERROR_LOG_NAME


def log_unexpected(exc: BaseException) -> Path | None:
    """Append the traceback to the error log (owner-only); where it went, or None."""
    text = (f"--- {datetime.now().astimezone().isoformat(timespec='seconds')} ankle_gui "
            f"{__version__} {sys.argv[1:]}\n"
            + "".join(traceback.format_exception(exc)))
    for path in (error_log_path(), Path(tempfile.gettempdir()) / f"ankle_gui-{ERROR_LOG_NAME}"):
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as fh:
                fh.write(text)
            return path
        except OSError:
            continue
    return None
