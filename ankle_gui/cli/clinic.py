"""``ankle-gui clinic …``: clinic mode for IT roll-out, and the PIN the other commands ask.

A PIN is read from the terminal without echo (twice when it is new), or as one line from
standard input when that is not a terminal (a script, a pipe). It is never taken from the
command line, where other users and the shell history could see it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ankle_gui.cli.common import CliError, clinician_access, open_store, profile_named, read_pin
from ankle_gui.core.clinic import ClinicRuleError, code_words, idle_minutes_from_seconds
from ankle_gui.services.clinic_pin import ClinicPin, PinRefused
from ankle_gui.services.clinic_settings import ClinicSettingsService
from ankle_gui.services.errors import ServiceError
from ankle_gui.services.file_places import PatientFiles
from ankle_gui.services.patient_access import PatientAccess
from ankle_gui.store import DB_FILENAME, Store


def run_clinic(args: argparse.Namespace, data_dir: Path) -> int:
    job = args.clinic_command
    store = open_store(data_dir, create=job == "enable")
    try:
        if job == "status":
            return _status(store, data_dir)
        if job == "enable":
            first, again = read_pin("New clinician PIN (at least 6 digits): ", twice=True)
            recovery = ClinicPin(store, actor="cli").enable(first, again, args.name)
            print(f"Clinic mode is on for {data_dir}. The app now starts on its welcome "
                  "screen, and export, report, handout, import and the clinic settings ask "
                  "for this PIN.")
            _show_recovery(recovery)
        elif job == "disable":
            pin, _ = read_pin("Clinician PIN: ")
            ClinicPin(store, actor="cli").disable(pin)
            print("Clinic mode is off: home mode again, with no PIN.")
        elif job == "change-pin":
            _change_pin(store)
        elif job == "reset-pin":
            first, again = read_pin("New clinician PIN (at least 6 digits): ", twice=True)
            backup, recovery = ClinicPin(store, actor="cli").reset_forgotten_pin(first, again)
            print(f"The PIN was reset. The database was backed up first to {backup.path}.")
            _show_recovery(recovery)
        elif job == "idle":
            try:
                minutes = idle_minutes_from_seconds(args.seconds)
            except ClinicRuleError as exc:
                raise CliError(str(exc)) from None
            access = clinician_access(store, "clinic idle")
            ClinicSettingsService(store).set_idle_minutes(access, minutes)
            print(f"Idle time set to {minutes} minute{'s' if minutes != 1 else ''}.")
        elif job == "code":
            _code(store, args)
        elif job == "audit":
            return _audit(store, args, data_dir)
        elif job == "recovery-code":
            pin, _ = read_pin("Clinician PIN: ")
            _show_recovery(ClinicPin(store, actor="cli").new_recovery_code(pin))
        elif job == "export-folder":
            access = clinician_access(store, "clinic export-folder")
            folder = PatientFiles(store).set_folder(access, None if args.clear else args.path)
            print(f"Patients' saved reports and handouts now go to {folder}." if folder else
                  "No folder for patients' files: patients can print, not save.")
        return 0
    except PinRefused as exc:
        raise CliError(str(exc)) from None
    except ServiceError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()


def _change_pin(store: Store) -> None:
    # From a script: two lines, the old PIN then the new one.
    old, _ = read_pin("Current clinician PIN: ")
    new, again = read_pin("New clinician PIN (at least 6 digits): ", twice=True)
    ClinicPin(store, actor="cli").change(old, new, again)
    print("The clinician's PIN was changed.")


def _code(store: Store, args: argparse.Namespace) -> None:
    access = clinician_access(store, "clinic code")  # before a name is looked up
    profile = profile_named(store, args.profile)
    service = PatientAccess(store)
    if args.new or args.new_code:
        code = service.set_code(access, profile.id,
                                service.suggest_code() if args.new else args.new_code)
        print(f"{profile.name}'s code is now {code_words(code)}.")
        return
    code = service.code_of(access, profile.id)
    print(f"{profile.name}'s code is {code_words(code)}." if code else
          f"{profile.name} has no code yet; set one with --set CODE or --new.")


def _show_recovery(code: str) -> None:
    print(f"Recovery code: {code}\nWrite it down and keep it apart from the PC. It replaces "
          "a forgotten PIN on the PIN screen (Forgot the PIN?), once; it is not shown again.")


def _audit(store: Store, args: argparse.Namespace, data_dir: Path) -> int:
    """Exit 0 when the chain holds, 1 naming the first entry that does not."""
    from ankle_gui.cli.common import output_path
    from ankle_gui.services.audit import AuditLog, check_words

    out = output_path(Path(args.csv), data_dir) if args.csv else None
    access = clinician_access(store, "clinic audit")
    log = AuditLog(store)
    check = log.check(access)
    print(check_words(check))
    if out is not None:
        log.export_csv(access, out)
        print(f"Saved the audit log to {out}.")
    log.note_checked(access, check)
    return 0 if check.ok else 1


def _status(store: Store, data_dir: Path) -> int:
    settings = store.clinic.settings()
    if settings.mode != "clinic":
        print(f"Home mode (no PIN) in {data_dir / DB_FILENAME}.")
        return 0
    print(f"Clinic mode in {data_dir / DB_FILENAME}"
          + (f", {settings.clinic_name}" if settings.clinic_name else "") + ".")
    print(f"Idle time {settings.idle_minutes} minute{'s' if settings.idle_minutes != 1 else ''}"
          f"; kiosk {'on' if settings.kiosk else 'off'}.")
    print(f"{len(store.clinic.codes_in_use())} of {store.profiles.count()} profiles have a "
          "code.")
    folder = settings.export_folder
    print(f"Patients' saved files go to {folder}." if folder else
          "No folder for patients' files: patients can print, not save.")
    if not settings.has_recovery_code:
        print("No recovery code: make one with 'ankle-gui clinic recovery-code'.")
    return 0
