"""The clinic commands: report, handout, export and import, with no window.

In clinic mode each asks for the clinician's PIN first (cli/clinic.py), except a
report or handout of one patient opened with their own code (``report --code``,
``handout --code``).

Each returns an exit code and prints one clear line on error. They do not take the
single-instance lock that the app holds on its data folder: they are short, and SQLite
(WAL journal, 5 s busy timeout) keeps them consistent with a running app. A CSV import
is one transaction; the app shows the new results the next time its page is opened.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ankle_gui.app.error_log import keep_out
from ankle_gui.cli.common import (
    PAPER_CHOICES,
    CliError,
    ask_the_app,
    clinician_access,
    open_store,
    output_path,
    profile_named,
    reason,
    store_trouble,
    with_data_dir,
    write_output,
)
from ankle_gui.core.clock import Clock, utc_now
from ankle_gui.core.csv_format import parse_csv
from ankle_gui.services.errors import ServiceError
from ankle_gui.services.exchange import (
    check_file,
    export_results,
    import_file,
    new_profiles,
    summary_words,
)
from ankle_gui.store import DB_FILENAME
from ankle_gui.store.errors import StoreError
from ankle_gui.store.files import read_bounded, read_bounded_stream


def add_commands(subparsers) -> None:
    report = subparsers.add_parser(
        "report", help="save a one-page progress report as PDF",
        description="Save a one-page progress report of one profile as PDF, with no window.")
    with_data_dir(report)
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
    with_data_dir(handout)
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
    with_data_dir(export)
    export.add_argument("--csv", required=True, metavar="OUT.csv",
                        help="file to write; - for standard output")
    export.add_argument("--profile", metavar="NAME", help="only this profile (default: all)")
    imp = subparsers.add_parser(
        "import", help="add test results from CSV (all rows or none)",
        description="Add test results from a CSV file. Every row is checked first; a file "
                    "with any bad row imports nothing. Rows already stored are skipped.")
    with_data_dir(imp)
    imp.add_argument("--csv", required=True, metavar="IN.csv",
                     help="file to read; - for standard input")
    imp.add_argument("--create-profiles", action="store_true",
                     help="create profiles named in the file that do not exist yet")
    add_clinic_command(subparsers)


# Declared here with the other commands; its jobs (cli/clinic.py, with the PIN and the
# clinic services) load only when a clinic command runs, not with every start of the app.
def add_clinic_command(subparsers) -> None:
    clinic = subparsers.add_parser(
        "clinic", help="turn clinic mode on or off, set its idle time, PIN and patient codes",
        description="Clinic mode: a shared PC where each patient opens only their own work "
                    "with a personal code, and the clinician's side needs a PIN. PINs are "
                    "read from the terminal, or from standard input when it is not one.")
    with_data_dir(clinic)
    jobs = clinic.add_subparsers(dest="clinic_command", metavar="JOB", required=True)
    enable = with_data_dir(jobs.add_parser(
        "enable", help="turn clinic mode on with a new PIN (at least 6 digits)"))
    enable.add_argument("--name", default="", metavar="CLINIC",
                        help="the clinic's name, for handouts")
    with_data_dir(jobs.add_parser("disable", help="back to home mode (asks for the PIN)"))
    idle = with_data_dir(jobs.add_parser(
        "idle", help="seconds without input before a patient's session locks",
        description="Whole minutes from 60 to 1800 seconds (1 to 30 minutes). In clinic mode "
                    "this asks for the PIN."))
    idle.add_argument("seconds", metavar="SECONDS")
    with_data_dir(jobs.add_parser("change-pin", help="a new PIN, after the old one"))
    with_data_dir(jobs.add_parser(
        "reset-pin", help="a new PIN without the old one: backs up the database first",
        description="For a forgotten PIN. Anyone who can run this can also read the data "
                    "folder, so it asks no PIN; the database is backed up first."))
    code = with_data_dir(jobs.add_parser(
        "code", help="show or set a patient's personal code (asks for the PIN in clinic "
                     "mode)"))
    code.add_argument("--profile", required=True, metavar="NAME")
    new = code.add_mutually_exclusive_group()
    new.add_argument("--set", dest="new_code", metavar="CODE", help="8 digits")
    new.add_argument("--new", action="store_true", help="pick a free random code")
    with_data_dir(jobs.add_parser("status", help="the mode and settings (no PIN needed)"))
    audit = with_data_dir(jobs.add_parser(
        "audit", help="check the audit log's chain, or save it as CSV (asks for the PIN)",
        description="Check that no entry of the audit log was changed or deleted since it "
                    "was written: exit 0 when the chain holds, 1 naming the first entry that "
                    "does not. With --csv, also save the whole log with its hashes."))
    audit.add_argument("--verify", action="store_true",
                       help="check the whole chain (the default when --csv is not given)")
    audit.add_argument("--csv", metavar="OUT.csv", help="save the log as CSV")
    with_data_dir(jobs.add_parser(
        "recovery-code", help="a new one-time recovery code for a forgotten PIN (asks for "
                              "the PIN; the old code stops working)"))
    folder = with_data_dir(jobs.add_parser(
        "export-folder", help="the folder where patients' saved reports and handouts go "
                              "(asks for the PIN)",
        description="A patient at the clinic's PC never picks where a file goes: their "
                    "report, handout or CSV is saved in this folder under a name the app "
                    "chooses. Without a folder, patients can print but not save."))
    where = folder.add_mutually_exclusive_group(required=True)
    where.add_argument("path", nargs="?", metavar="FOLDER")
    where.add_argument("--clear", action="store_true", help="no folder: patients only print")


def run_command(args: argparse.Namespace, data_dir: Path, clock: Clock = utc_now) -> int:
    commands = {"export": _export, "import": _import}
    try:
        if args.command == "clinic":
            from ankle_gui.cli.clinic import run_clinic

            return run_clinic(args, Path(data_dir))
        if args.command == "handout":
            from ankle_gui.cli.handout import run_handout

            return run_handout(args, Path(data_dir), clock)
        if args.command == "report":
            from ankle_gui.cli.report import run_report

            return run_report(args, Path(data_dir), clock)
        return commands[args.command](args, Path(data_dir))
    except CliError as exc:
        print(f"ankle-gui {args.command}: {exc}", file=sys.stderr)
        return 1
    except StoreError as exc:
        # A full disk or a lock on a write, or damage that only shows when a page is read
        # (the checks passed the rest).
        said = store_trouble(exc, Path(data_dir)) or (
            f"the database could not be read: {reason(exc)} {ask_the_app(Path(data_dir))}")
        print(f"ankle-gui {args.command}: {said}", file=sys.stderr)
        return 1


# --- the commands ---------------------------------------------------------------------------

def _export(args: argparse.Namespace, data_dir: Path) -> int:
    to_stdout = args.csv == "-"
    out = Path(args.csv) if to_stdout else output_path(Path(args.csv), data_dir)
    store = open_store(data_dir, create=False)
    try:
        # The PIN first: an unknown name's message lists the profiles there are.
        access = clinician_access(store, "export")
        profile_id = profile_named(store, args.profile).id if args.profile else None
        try:
            data = export_results(store, access, profile_id,
                                  _to_stdout if to_stdout else lambda data: write_output(out, data),
                                  "all profiles" if profile_id is None else "one profile")
        except ServiceError as exc:
            raise CliError(str(exc)) from None
    finally:
        store.close()
    rows = data.count(b"\r\n") - 1 if data else 0
    print(f"Saved {rows} test result{'s' if rows != 1 else ''} to "
          f"{'standard output' if to_stdout else out}", file=sys.stderr if to_stdout else None)
    return 0


def _to_stdout(data: bytes) -> None:
    """For a pipe: the CSV alone on standard output, the summary on standard error."""
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _import(args: argparse.Namespace, data_dir: Path) -> int:
    source = Path("standard input" if args.csv == "-" else args.csv)
    try:
        data = read_bounded_stream(sys.stdin.buffer) if args.csv == "-" else read_bounded(source)
    except OSError as exc:
        raise CliError(f"could not read {source}: {exc.strerror or exc}") from None
    try:
        parsed = check_file(data, source.name)
    except ServiceError as exc:
        raise CliError(_lower_first(str(exc))) from None
    finally:
        keep_out(parse_csv(data).profile_names())  # out of the log, whatever comes next
    db_path = data_dir / DB_FILENAME
    if not (db_path.exists() or db_path.is_symlink()) and not args.create_profiles:
        # A new data folder has no profiles at all: refuse before creating anything, even
        # for a file with no results (a folder and an empty database are no import).
        if not parsed.records:
            raise CliError(f"nothing was imported; the file holds no results, and {data_dir} "
                           "holds no database, so none was made")
        raise CliError(f"nothing was imported; {data_dir} holds no database yet, so every "
                       f"profile in the file is new ({', '.join(parsed.profile_names())}). "
                       "Add --create-profiles to create them.")

    store = open_store(data_dir, create=True)
    try:
        access = clinician_access(store, "import")
        new = new_profiles(store, parsed)
        if new and not args.create_profiles:
            raise CliError("nothing was imported; the file names profiles that do not exist "
                           f"here: {', '.join(new)}. Check the names, or add "
                           "--create-profiles to create them.")
        try:
            summary = import_file(store, access, parsed, create_profiles=True)
        except ServiceError as exc:
            raise CliError(_lower_first(str(exc))) from None
        except StoreError as exc:
            raise CliError(f"nothing was imported: {store_trouble(exc, data_dir) or exc}") \
                from None
    finally:
        store.close()
    print(summary_words(summary, parsed.delimiter_name))
    return 0


def _lower_first(text: str) -> str:
    """A service's sentence after "ankle-gui import: "."""
    return text[:1].lower() + text[1:]
