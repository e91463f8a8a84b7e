"""Test results in and out as CSV, for the Progress page and the command line alike.

An import checks the whole file first (``check_file``) and says which lines are wrong; it
names the people with no profile here yet (``new_profiles``), so the caller can ask (the
window) or look at a flag (the command line) before any is created; then it adds every row
or none, in one transaction (``import_file``). Importing the same file twice adds nothing
the second time. An export gives one person's results, or everyone's for whoever may export
everything.

In clinic mode both check the session's access and go into the audit log. A refusal is a
ServiceError (ImportRefused for a file not imported) with nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable

from ankle_gui.core.clock import Clock, utc_now
from ankle_gui.core.csv_format import MAX_ERRORS_SHOWN, ParsedCsv, parse_csv
from ankle_gui.services.errors import NotAllowed, ServiceError
from ankle_gui.services.patient_access import Access, PatientAccess, require
from ankle_gui.store import Store
from ankle_gui.store.exchange import ImportSummary, export_csv, import_csv, unknown_profiles


class ImportRefused(ServiceError):
    """The file was not imported; the message says why and names the lines."""


def check_file(data: bytes, name: str = "") -> ParsedCsv:
    """Read the whole file; ImportRefused naming each bad line (the first 50) if any is.
    ``name``: the file's name, to put before each line in the message."""
    parsed = parse_csv(data)
    if not parsed.ok:
        raise ImportRefused(_problem_words(parsed, name))
    return parsed


def _problem_words(parsed: ParsedCsv, name: str = "") -> str:
    shown = parsed.problems[:MAX_ERRORS_SHOWN]
    more = len(parsed.problems) - len(shown)
    count = len(parsed.problems)
    lines = "\n".join(f"  {name + ', ' if name else ''}{p}" for p in shown)
    return (f"Nothing was imported: the file ({parsed.delimiter_name}-separated) has {count} "
            f"problem{'s' if count != 1 else ''}. Fix the file and import it again.\n{lines}"
            + (f"\n  \u2026 and {more} more" if more > 0 else ""))


def new_profiles(store: Store, parsed: ParsedCsv) -> list[str]:
    """The people in the file with no profile here yet (names compared without case)."""
    return unknown_profiles(store, parsed)


def import_file(store: Store, access: Access, parsed: ParsedCsv, *, create_profiles: bool,
                clock: Clock = utc_now) -> ImportSummary:
    """Add every result of a checked file, creating the new profiles if allowed, or nothing.
    A full disk or a locked database is the store's error, with nothing imported."""
    require(access, access.permissions.can_import, "import results")
    if not parsed.ok:  # all or nothing: a file with a bad line adds none of its good ones
        raise ImportRefused(_problem_words(parsed))
    new = new_profiles(store, parsed)
    if new:
        require(access, access.permissions.can_manage_profiles, "create patients")
        if not create_profiles:
            raise ImportRefused("Nothing was imported: the file names people with no profile "
                                f"here yet: {', '.join(new)}.")
    summary = import_csv(store, parsed, create_profiles=True)
    PatientAccess(store, clock).record(
        access, "import", None, f"{summary.added} result{'s' if summary.added != 1 else ''}")
    return summary


def summary_words(summary: ImportSummary, delimiter_name: str) -> str:
    """What an import did, in one sentence for the screen and the command line."""
    parts = [f"Imported {summary.added} result{'s' if summary.added != 1 else ''} from a "
             f"{delimiter_name}-separated file"]
    if summary.already_there:
        parts.append(f"{summary.already_there} already there (left as they are)")
    if summary.created_profiles:
        parts.append(f"new profiles: {', '.join(summary.created_profiles)}")
    return "; ".join(parts) + "."


def export_results(store: Store, access: Access, profile_id: int | None,
                   write: Callable[[bytes], object], detail: str = "",
                   clock: Clock = utc_now) -> bytes:
    """One person's test results (everyone's when ``profile_id`` is None) as CSV, handed to
    ``write`` (a file, standard output), then logged with ``detail``. Returns the bytes."""
    if profile_id is None:
        require(access, access.permissions.can_export_all, "export everyone's results")
    elif not (access.permissions.can_export_own and access.may_see(profile_id)):
        raise NotAllowed("Only your own results can be exported here.")
    try:
        data = export_csv(store, profile_id)
    except KeyError:
        raise ServiceError("That profile no longer exists.") from None
    write(data)
    PatientAccess(store, clock).record(access, "export", profile_id, detail)
    return data

