"""services/exchange.py: CSV import and export for the Progress page and the command line
alike. The whole file is checked first, new people are named before any is created, all
rows go in or none, and in clinic mode each is checked against the session and logged."""

from __future__ import annotations

import pytest
from helpers import FakeClock, clinic_with_patients

from ankle_gui.core.csv_format import COLUMNS
from ankle_gui.services.errors import NotAllowed
from ankle_gui.services.exchange import (
    ImportRefused,
    check_file,
    export_results,
    import_file,
    new_profiles,
    summary_words,
)
from ankle_gui.services.patient_access import HOME

HEADER = ",".join(COLUMNS) + "\r\n"


def _csv(*rows: str) -> bytes:
    return (HEADER + "".join(row + "\r\n" for row in rows)).encode("utf-8")


def _row(name: str, minute: int, side: str = "left", value: str = "9") -> str:
    return f"{name},2026-10-01T09:{minute:02d}:00+00:00,knee_to_wall,{side},{value},,,,baseline,"


def test_a_bad_line_anywhere_refuses_the_whole_file_naming_it(store, profile):
    data = _csv(_row("Sam", 0), _row("Sam", 1, value="lots"), _row("Sam", 2),
                _row("Sam", 3, side="middle"))
    with pytest.raises(ImportRefused) as refused:
        check_file(data, "week.csv")
    text = str(refused.value)
    assert text.startswith("Nothing was imported: the file (comma-separated) has 2 problems")
    assert "week.csv, line 3:" in text and "week.csv, line 5:" in text
    assert "line 2" not in text and store.results.count() == 0


def test_new_people_are_named_and_created_only_when_allowed(store, profile):
    parsed = check_file(_csv(_row("Sam", 0), _row("yusuf", 1), _row("Yusuf", 2)))
    assert new_profiles(store, parsed) == ["yusuf"]
    with pytest.raises(ImportRefused, match="no profile here yet: yusuf"):
        import_file(store, HOME, parsed, create_profiles=False)
    assert store.profiles.names() == ["Sam"] and store.results.count() == 0
    summary = import_file(store, HOME, parsed, create_profiles=True)
    assert (summary.added, summary.created_profiles) == (3, ("yusuf",))
    assert store.profiles.names() == ["Sam", "yusuf"]
    again = import_file(store, HOME, parsed, create_profiles=False)   # nobody new now
    assert (again.added, again.already_there) == (0, 3)
    assert summary_words(again, parsed.delimiter_name) == (
        "Imported 0 results from a comma-separated file; 3 already there (left as they are).")
    assert store.clinic.audit_entries() == []   # home mode keeps no log


def test_a_file_parsed_with_problems_is_refused_by_the_import_too(store, profile):
    from ankle_gui.core.csv_format import parse_csv

    parsed = parse_csv(_csv(_row("Sam", 0), _row("Sam", 1, value="lots")))
    with pytest.raises(ImportRefused, match="line 3"):
        import_file(store, HOME, parsed, create_profiles=True)
    assert store.results.count() == 0


def test_in_clinic_mode_only_the_clinician_imports_and_it_is_logged(store):
    clock = FakeClock()
    access, clinician, _ = clinic_with_patients(store, clock)
    parsed = check_file(_csv(_row("Ana", 0), _row("Cy", 1)))
    patient = access.open_patient("10014821")
    with pytest.raises(NotAllowed, match="Only the clinician"):
        import_file(store, patient, parsed, create_profiles=True, clock=clock)
    assert store.results.count() == 0 and store.profiles.count() == 2
    import_file(store, clinician, parsed, create_profiles=True, clock=clock)
    entry = store.clinic.audit_entries()[0]
    assert (entry.actor, entry.action, entry.profile_id, entry.detail) == (
        "clinician", "import", None, "2 results")


def test_an_export_is_written_then_logged_and_a_patient_exports_only_their_own(store):
    clock = FakeClock()
    access, clinician, (ana, ben) = clinic_with_patients(store, clock)
    import_file(store, clinician, check_file(_csv(_row("Ana", 0), _row("Ben", 1))),
                create_profiles=False, clock=clock)
    patient = access.open_patient("10014821")   # Ana
    written: list[bytes] = []
    data = export_results(store, patient, ana.id, written.append, "CSV, mine.csv", clock)
    assert written == [data] and b"Ana" in data and b"Ben" not in data
    entry = store.clinic.audit_entries()[0]
    assert (entry.actor, entry.action, entry.profile_id, entry.detail) == (
        "patient", "export", ana.id, "CSV, mine.csv")
    for whose in (ben.id, None):
        with pytest.raises(NotAllowed):
            export_results(store, patient, whose, written.append, clock=clock)
    assert len(written) == 1
    everyone = export_results(store, clinician, None, written.append, "all", clock)
    assert b"Ana" in everyone and b"Ben" in everyone


def test_a_failed_write_is_not_logged_as_an_export(store, profile):
    clock = FakeClock()
    _, clinician, (ana, _) = clinic_with_patients(store, clock)
    before = len(store.clinic.audit_entries())

    def disk_full(_data: bytes) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        export_results(store, clinician, ana.id, disk_full, clock=clock)
    assert len(store.clinic.audit_entries()) == before
