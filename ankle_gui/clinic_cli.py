"""The clinic commands: report, handout, export and import, with no window.

In clinic mode each asks for the clinician's PIN first (clinic_mode_cli.py), except a
report or handout of one patient opened with their own code (``report --code``,
``handout --code``).

Each returns an exit code and prints one clear line on error. They do not take the
single-instance lock that the app holds on its data folder: they are short, and SQLite
(WAL journal, 5 s busy timeout) keeps them consistent with a running app. A CSV import
is one transaction; the app shows the new results the next time its page is opened.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

from ankle_gui.store.errors import StoreError
from ankle_gui.store.files import read_bounded
from ankle_gui.store.store import DB_FILENAME, Store

PAPER_CHOICES = ("a4", "letter")


class CliError(Exception):
    """A problem the user can fix; the message says how."""


def _with_data_dir(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    # Also accepted after the command name; SUPPRESS keeps the one given before it.
    parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="folder holding the database")
    return parser


def add_commands(subparsers) -> None:
    report = subparsers.add_parser(
        "report", help="save a one-page progress report as PDF",
        description="Save a one-page progress report of one profile as PDF, with no window.")
    _with_data_dir(report)
    who = report.add_mutually_exclusive_group(required=True)
    who.add_argument("--profile", metavar="NAME", help="profile name (case does not matter)")
    who.add_argument("--code", metavar="CODE",
                     help="in clinic mode: the patient's own code, instead of the PIN")
    report.add_argument("--pdf", required=True, metavar="OUT.pdf", help="file to write")
    report.add_argument("--from", dest="date_from", metavar="DATE",
                        help="first day of the period, YYYY-MM-DD (default: first result)")
    report.add_argument("--to", dest="date_to", metavar="DATE",
                        help="last day of the period, YYYY-MM-DD (default: today)")
    report.add_argument("--paper", choices=PAPER_CHOICES,
                        help="paper size (default: Letter in the US locale, A4 elsewhere)")
    handout = subparsers.add_parser(
        "handout", help="save the printed home-programme handout as PDF",
        description="Save one profile's current plan as a one- or two-page home-programme "
                    "handout (PDF), with no window.")
    _with_data_dir(handout)
    whose = handout.add_mutually_exclusive_group(required=True)
    whose.add_argument("--profile", metavar="NAME", help="profile name (case does not matter)")
    whose.add_argument("--code", metavar="CODE",
                       help="in clinic mode: the patient's own code, instead of the PIN")
    handout.add_argument("--pdf", required=True, metavar="OUT.pdf", help="file to write")
    handout.add_argument("--paper", choices=PAPER_CHOICES,
                         help="paper size (default: Letter in the US locale, A4 elsewhere)")
    export = subparsers.add_parser(
        "export", help="save test results as CSV",
        description="Save the test results of one profile, or of all profiles, as CSV.")
    _with_data_dir(export)
    export.add_argument("--csv", required=True, metavar="OUT.csv", help="file to write")
    export.add_argument("--profile", metavar="NAME", help="only this profile (default: all)")
    imp = subparsers.add_parser(
        "import", help="add test results from CSV (all rows or none)",
        description="Add test results from a CSV file. Every row is checked first; a file "
                    "with any bad row imports nothing. Rows already stored are skipped.")
    _with_data_dir(imp)
    imp.add_argument("--csv", required=True, metavar="IN.csv", help="file to read")
    imp.add_argument("--create-profiles", action="store_true",
                     help="create profiles named in the file that do not exist yet")
    add_clinic_command(subparsers)


# Declared here with the other commands; its jobs (clinic_mode_cli.py, with the PIN and the
# clinic services) load only when a clinic command runs, not with every start of the app.
def add_clinic_command(subparsers) -> None:
    clinic = subparsers.add_parser(
        "clinic", help="turn clinic mode on or off, set its idle time, PIN and patient codes",
        description="Clinic mode: a shared PC where each patient opens only their own work "
                    "with a personal code, and the clinician's side needs a PIN. PINs are "
                    "read from the terminal, or from standard input when it is not one.")
    _with_data_dir(clinic)
    jobs = clinic.add_subparsers(dest="clinic_command", metavar="JOB", required=True)
    enable = _with_data_dir(jobs.add_parser(
        "enable", help="turn clinic mode on with a new PIN (at least 6 digits)"))
    enable.add_argument("--name", default="", metavar="CLINIC",
                        help="the clinic's name, for handouts")
    _with_data_dir(jobs.add_parser("disable", help="back to home mode (asks for the PIN)"))
    idle = _with_data_dir(jobs.add_parser(
        "idle", help="seconds without input before a patient's session locks",
        description="Whole minutes from 60 to 1800 seconds (1 to 30 minutes). In clinic mode "
                    "this asks for the PIN."))
    idle.add_argument("seconds", metavar="SECONDS")
    _with_data_dir(jobs.add_parser("change-pin", help="a new PIN, after the old one"))
    _with_data_dir(jobs.add_parser(
        "reset-pin", help="a new PIN without the old one: backs up the database first",
        description="For a forgotten PIN. Anyone who can run this can also read the data "
                    "folder, so it asks no PIN; the database is backed up first."))
    code = _with_data_dir(jobs.add_parser(
        "code", help="show or set a patient's personal code (asks for the PIN in clinic "
                     "mode)"))
    code.add_argument("--profile", required=True, metavar="NAME")
    new = code.add_mutually_exclusive_group()
    new.add_argument("--set", dest="new_code", metavar="CODE", help="4 to 6 digits")
    new.add_argument("--new", action="store_true", help="pick a free random code")
    _with_data_dir(jobs.add_parser("status", help="the mode and settings (no PIN needed)"))


def run_command(args: argparse.Namespace, data_dir: Path) -> int:
    commands = {"report": _report, "export": _export, "import": _import}
    try:
        if args.command == "clinic":
            from ankle_gui.clinic_mode_cli import run_clinic

            return run_clinic(args, Path(data_dir))
        if args.command == "handout":
            from ankle_gui.handout_cli import run_handout

            return run_handout(args, Path(data_dir))
        return commands[args.command](args, Path(data_dir))
    except CliError as exc:
        print(f"ankle-gui {args.command}: {exc}", file=sys.stderr)
        return 1
    except StoreError as exc:
        # Damage that only shows when a page is read (the checks passed the rest).
        print(f"ankle-gui {args.command}: the database could not be read: {_reason(exc)} "
              f"{_ask_the_app(Path(data_dir))}", file=sys.stderr)
        return 1


# --- shared ---------------------------------------------------------------------------------

def _open(data_dir: Path, *, create: bool) -> Store:
    db_path = data_dir / DB_FILENAME
    if not create and not db_path.exists():
        raise CliError(f"there is no ankle_gui database in {data_dir} (looked for "
                       f"{DB_FILENAME}); check --data-dir")
    from ankle_gui.store.backups import Backups

    try:
        if create:
            data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        check_before_opening(db_path)
        return Store.open(data_dir, before_migrate=Backups(db_path).before_migration)
    except (StoreError, OSError) as exc:
        raise CliError(f"the database could not be opened: {_reason(exc)} Nothing was "
                       f"changed. {_ask_the_app(data_dir)}") from None


def _ask_the_app(data_dir: Path) -> str:
    return ("Start the app on this folder to see what it found and recover your data: "
            f"ankle-gui --data-dir {data_dir}")


def _reason(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return text if text.endswith(".") else text + "."


def check_before_opening(db_path: Path) -> None:
    """The app's start-up checks, read-only, before the CLI writes or migrates anything.

    On any problem the CLI explains and stops: it never sets a file aside, recovers a
    journal or starts afresh. Those need the user's choice, which the app asks for.
    """
    from ankle_gui.store.filecheck import journal_is_hot
    from ankle_gui.store.files import sidecars
    from ankle_gui.store.recovery import diagnose

    data_dir = db_path.parent
    journal = sidecars(db_path)[2]
    # Another command migrating the same file has a live journal: wait for it, as SQLite would.
    if journal.is_file() and journal.stat().st_size > 0 and journal_is_hot(db_path):
        raise CliError(f"a change to the database was cut off ({journal.name} is still there), "
                       f"and nothing was changed. {_ask_the_app(data_dir)}")
    # Stricter than start-up, which must be quick: a clinic command can afford the full
    # integrity check, which also finds damage in indexes that quick_check passes.
    problem = diagnose(db_path, recover=False, thorough=True)
    if problem is not None:
        detail = f" ({problem.detail})" if problem.detail else ""
        # The app's words; where the app would offer to move the file, the CLI only points.
        then = f" Nothing was changed. {_ask_the_app(data_dir)}" if problem.sets_aside else ""
        raise CliError(f"{problem.title}{detail}. {problem.explanation}{then}")


def _profile(store: Store, name: str):
    found = store.profiles.by_name(name)
    if found is None:
        names = store.profiles.names()
        known = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10
                                         else "")
        raise CliError(f"no profile named {name!r}"
                       + (f"; profiles here: {known}" if names else "; there are no profiles"))
    return found


def _write(path: Path, data: bytes) -> None:
    from ankle_gui.store.files import write_file_atomically

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


# --- the commands ---------------------------------------------------------------------------

def _report(args: argparse.Namespace, data_dir: Path) -> int:
    since, until = period(args.date_from, args.date_to)
    out = Path(args.pdf)
    if not out.parent.exists():
        raise CliError(f"the folder {out.parent} does not exist")
    store = _open(data_dir, create=False)
    try:
        from ankle_gui.clinic_mode_cli import record

        access, profile = _whose(store, args, "report")
        _app, catalogue = _offscreen_with_catalogue()
        from ankle_gui.ui.progress.report import ReportError, report_content, write_pdf

        content = report_content(store, profile, catalogue, range_key="all", since=since,
                                 until=until)
        try:
            write_pdf(content, out, args.paper)
        except (ReportError, OSError) as exc:
            raise CliError(str(exc)) from None
        record(store, access, "report", profile.id)
    finally:
        store.close()
    view = content.view
    print(f"Saved the report for {profile.name} ({view.measure_count} knee-to-wall results) "
          f"to {out}")
    return 0


def _whose(store: Store, args: argparse.Namespace, command: str):
    """(access, profile) for --code (clinic mode, no PIN, that patient only) or --profile
    (the clinician's PIN first in clinic mode, before any name is looked up)."""
    from ankle_gui.clinic_mode_cli import clinician_access, patient_access_by_code

    if args.code is not None:
        if store.clinic.settings().mode != "clinic":
            raise CliError("patient codes are used in clinic mode only; give the profile "
                           "with --profile")
        access = patient_access_by_code(store, args.code)
        return access, access.profile
    access = clinician_access(store, command)
    return access, _profile(store, args.profile)


def _offscreen_with_catalogue():
    """(the QApplication, the drill catalogue): Qt for drawing, never a window (off screen
    even where a display is available); the catalogue is None if it cannot be read (drill
    ids stand in for names). Keep the application while drawing."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from ankle_gui.core.catalogue import CatalogueError, load_catalogue

    app = QApplication.instance() or QApplication(["ankle-gui"])
    try:
        return app, load_catalogue()
    except CatalogueError:
        return app, None


def _export(args: argparse.Namespace, data_dir: Path) -> int:
    from ankle_gui.clinic_mode_cli import clinician_access, record
    from ankle_gui.store.exchange import export_csv

    store = _open(data_dir, create=False)
    try:
        # The PIN first: an unknown name's message lists the profiles there are.
        access = clinician_access(store, "export")
        profile_id = _profile(store, args.profile).id if args.profile else None
        data = export_csv(store, profile_id)
        out = Path(args.csv)
        _write(out, data)
        record(store, access, "export", profile_id,
               "all profiles" if profile_id is None else "one profile")
    finally:
        store.close()
    rows = data.count(b"\r\n") - 1 if data else 0
    print(f"Saved {rows} test result{'s' if rows != 1 else ''} to {out}")
    return 0


def _import(args: argparse.Namespace, data_dir: Path) -> int:
    from ankle_gui.core.csv_format import MAX_ERRORS_SHOWN, parse_csv
    from ankle_gui.store.exchange import import_csv, unknown_profiles

    source = Path(args.csv)
    try:
        data = read_bounded(source)
    except OSError as exc:
        raise CliError(f"could not read {source}: {exc.strerror or exc}") from None
    parsed = parse_csv(data)
    if not parsed.ok:
        shown = parsed.problems[:MAX_ERRORS_SHOWN]
        more = len(parsed.problems) - len(shown)
        lines = "\n".join(f"  {source.name}, {p}" for p in shown)
        raise CliError(f"nothing was imported; the file ({parsed.delimiter_name}-separated) "
                       f"has {len(parsed.problems)} "
                       f"problem{'s' if len(parsed.problems) != 1 else ''}:\n{lines}"
                       + (f"\n  \u2026 and {more} more" if more > 0 else ""))
    if not (data_dir / DB_FILENAME).exists() and parsed.records and not args.create_profiles:
        # A new data folder has no profiles at all: refuse before creating anything.
        raise CliError(f"nothing was imported; {data_dir} holds no database yet, so every "
                       f"profile in the file is new ({', '.join(parsed.profile_names())}). "
                       "Add --create-profiles to create them.")
    from ankle_gui.clinic_mode_cli import clinician_access, record

    store = _open(data_dir, create=True)
    try:
        access = clinician_access(store, "import")
        new = unknown_profiles(store, parsed)
        if new and not args.create_profiles:
            raise CliError("nothing was imported; the file names profiles that do not exist "
                           f"here: {', '.join(new)}. Check the names, or add "
                           "--create-profiles to create them.")
        try:
            summary = import_csv(store, parsed, create_profiles=True)
        except StoreError as exc:
            raise CliError(f"nothing was imported: {exc}") from None
        record(store, access, "import", None, f"{summary.added} results")
    finally:
        store.close()
    parts = [f"Imported {summary.added} result{'s' if summary.added != 1 else ''} from a "
             f"{parsed.delimiter_name}-separated file"]
    if summary.already_there:
        parts.append(f"{summary.already_there} already there (left as they are)")
    if summary.created_profiles:
        parts.append(f"new profiles: {', '.join(summary.created_profiles)}")
    print("; ".join(parts) + ".")
    return 0
