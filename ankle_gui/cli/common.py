"""What every command shares: the data folder and its checks, the profile, the PIN or
a patient's code, the audit record, dates and files."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

from ankle_gui.app.error_log import keep_out
from ankle_gui.core.catalogue import CatalogueError, load_catalogue
from ankle_gui.core.clinic import Role
from ankle_gui.services.clinic_pin import ClinicPin, PinRefused
from ankle_gui.services.errors import ServiceError
from ankle_gui.services.patient_access import Access, PatientAccess
from ankle_gui.store import DB_FILENAME, Store
from ankle_gui.store.backups import Backups
from ankle_gui.store.errors import StoreError
from ankle_gui.store.filecheck import journal_is_hot
from ankle_gui.store.files import sidecars, write_file_atomically
from ankle_gui.store.leftovers import sweep
from ankle_gui.store.recovery import Problem, classify, diagnose

PAPER_CHOICES = ("a4", "letter")


class CliError(Exception):
    """A problem the user can fix; the message says how."""


def with_data_dir(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    # Also accepted after the command name; SUPPRESS keeps the one given before it.
    parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="folder holding the database")
    return parser


def open_store(data_dir: Path, *, create: bool) -> Store:
    db_path = data_dir / DB_FILENAME
    if not create and not db_path.exists() and not db_path.is_symlink():
        raise CliError(f"there is no ankle_gui database in {data_dir} (looked for "
                       f"{DB_FILENAME}); check --data-dir")
    try:
        if create:
            data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        check_before_opening(db_path)
        store = Store.open(data_dir, before_migrate=Backups(db_path).before_migration)
        keep_out(store.profiles.names())  # out of the log, whatever goes wrong next
    except (StoreError, OSError) as exc:
        raise CliError(cannot_open(exc, db_path)) from None
    sweep(data_dir)  # what a killed command or app left, as the app's start-up does
    return store


def cannot_open(exc: BaseException, db_path: Path) -> str:
    """Why opening failed, in the app's words where the app would name it (a full disk)."""
    problem = classify(exc, db_path)
    if problem.problem is Problem.UNKNOWN:
        return (f"the database could not be opened: {reason(exc)} Nothing was changed. "
                f"{ask_the_app(db_path.parent)}")
    return explain(problem)


def store_trouble(exc: StoreError, data_dir: Path) -> str | None:
    """The app's words for a failed read or write that the disk or the system caused (a
    full disk, a lock held too long, a read-only file), or None for anything else."""
    problem = classify(exc, data_dir / DB_FILENAME)
    if problem.problem in (Problem.UNKNOWN, Problem.DAMAGED) or problem.sets_aside:
        return None
    return explain(problem)


def explain(problem) -> str:
    """A start-up problem (recovery.Diagnosis) as one message; where the app would offer to
    move the file, the CLI only points to the app."""
    detail = f" ({problem.detail})" if problem.detail else ""
    then = (f" Nothing was changed. {ask_the_app(problem.db_path.parent)}"
            if problem.sets_aside else "")
    return f"{problem.title}{detail}. {problem.explanation}{then}"


def ask_the_app(data_dir: Path) -> str:
    return ("Start the app on this folder to see what it found and recover your data: "
            f"ankle-gui --data-dir {data_dir}")


def reason(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return text if text.endswith(".") else text + "."


def check_before_opening(db_path: Path) -> None:
    """The app's start-up checks, read-only, before the CLI writes or migrates anything.

    On any problem the CLI explains and stops: it never sets a file aside, recovers a
    journal or starts afresh. Those need the user's choice, which the app asks for.
    """
    data_dir = db_path.parent
    journal = sidecars(db_path)[2]
    # Another command migrating the same file has a live journal: wait for it, as SQLite would.
    if journal.is_file() and journal.stat().st_size > 0 and journal_is_hot(db_path):
        raise CliError(f"a change to the database was cut off ({journal.name} is still there), "
                       f"and nothing was changed. {ask_the_app(data_dir)}")
    # Stricter than start-up, which must be quick: a clinic command can afford the full
    # integrity check, which also finds damage in indexes that quick_check passes.
    problem = diagnose(db_path, recover=False, thorough=True)
    if problem is not None:
        raise CliError(explain(problem))


def profile_named(store: Store, name: str):
    found = store.profiles.by_name(name)
    if found is None:
        names = store.profiles.names()
        known = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10
                                         else "")
        raise CliError(f"no profile named {name!r}"
                       + (f"; profiles here: {known}" if names else "; there are no profiles"))
    return found


def output_path(path: Path, data_dir: Path) -> Path:
    """Where a command may write its file: never into the data folder (the database, its
    companions, the backups), never a name with a wildcard; its folder must exist."""
    from ankle_gui.store.files import ProtectedPathError, check_save_target

    try:
        check_save_target(path, data_dir)
    except ProtectedPathError as exc:
        raise CliError(f"{exc} Nothing was written.") from None
    if not path.parent.exists():
        raise CliError(f"the folder {path.parent} does not exist")
    return path


def write_output(path: Path, data: bytes) -> None:
    try:
        write_file_atomically(path, data)
    except OSError as exc:
        raise CliError(f"could not write {path}: {exc.strerror or exc}") from None


def parse_day(text: str, what: str) -> datetime:
    """A local calendar day given as YYYY-MM-DD (a full ISO date-time is accepted too)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CliError(f"{what} {text!r} is not a date; write it as YYYY-MM-DD") from None
    return moment if moment.tzinfo else moment.astimezone()


def period(date_from: str | None, date_to: str | None) -> tuple[float | None, float | None]:
    """POSIX (since, until) for --from/--to; a bare date covers its whole local day."""
    try:
        return _period(date_from, date_to)
    except (ValueError, OverflowError, OSError):
        # e.g. 0001-01-01 or 9999-12-31: real dates, but no clock can turn them into a moment
        raise CliError(f"the period {date_from or 'from the first result'} to "
                       f"{date_to or 'today'} reaches beyond the dates ankle_gui can work "
                       "with; leave --from or --to out to cover every result") from None


def _period(date_from: str | None, date_to: str | None) -> tuple[float | None, float | None]:
    since = until = None
    if date_from:
        start = parse_day(date_from, "--from")
        if len(date_from.strip()) <= 10:
            start = datetime.combine(start.date(), time.min).astimezone()
        since = start.timestamp()
    if date_to:
        end = parse_day(date_to, "--to")
        if len(date_to.strip()) <= 10:
            end = (datetime.combine(end.date(), time.min) + timedelta(days=1)).astimezone()
            end -= timedelta(microseconds=1)
        until = end.timestamp()
    if since is not None and until is not None and since > until:
        raise CliError(f"--from {date_from} is after --to {date_to}")
    return since, until


def whose(store: Store, args: argparse.Namespace, command: str):
    """(access, profile) for --code (clinic mode, no PIN, that patient only) or --profile
    (the clinician's PIN first in clinic mode, before any name is looked up)."""
    if args.code is not None:
        if store.clinic.settings().mode != "clinic":
            raise CliError("patient codes are used in clinic mode only; give the profile "
                           "with --profile")
        access = patient_access_by_code(store, args.code)
        return access, access.profile
    access = clinician_access(store, command)
    return access, profile_named(store, args.profile)


def offscreen_with_catalogue():
    """(the Qt application, the drill catalogue): Qt for drawing on paper, never a window
    (off screen even where a display is available: QGuiApplication, no widgets); the
    catalogue is None if it cannot be read (drill ids stand in for names). Keep the
    application while drawing."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["ankle-gui"])
    try:
        return app, load_catalogue()
    except CatalogueError:
        return app, None


def read_pin(prompt: str, twice: bool = False) -> tuple[str, str | None]:
    """(the PIN, its repetition or None). Twice only at a terminal: a script types once."""
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass(prompt)
        again = getpass.getpass("Type it again: ") if twice else None
        return first, again
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line.strip():
        raise CliError("no PIN was given: type it at the terminal, or send it as one line "
                       "on standard input")
    return line.rstrip("\r\n"), None


def clinician_access(store: Store, command: str) -> Access:
    """In clinic mode, the clinician's access for the right PIN; in home mode, home access.
    A wrong PIN, or one tried during the wait, is a CliError; the wait grows as in the app."""
    if store.clinic.settings().mode != "clinic":
        return Access(Role.HOME, via_cli=True)
    pin, _ = read_pin(f"Clinic mode is on: the clinician's PIN for '{command}': ")
    try:
        ClinicPin(store, actor="cli").require(pin)
    except PinRefused as exc:
        raise CliError(str(exc)) from None
    return Access(Role.CLINICIAN, via_cli=True)


def patient_access_by_code(store: Store, code: str) -> Access:
    try:
        return PatientAccess(store).open_patient(code, via_cli=True)
    except ServiceError as exc:
        raise CliError(str(exc)) from None


def record(store: Store, access: Access, action: str, profile_id: int | None = None,
           detail: str = "") -> None:
    PatientAccess(store).record(access, action, profile_id, detail)


