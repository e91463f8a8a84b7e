"""Where a patient's saved file goes: the clinic's export folder, set by the clinician, under
a name with no patient's name in it, never over another file; owner-only."""

from __future__ import annotations

import stat
from datetime import date

import pytest
from helpers import FakeClock, clinic_with_patients

from ankle_gui.services.errors import NotAllowed
from ankle_gui.services.file_places import PatientFiles, SaveRefused, check_save_path


@pytest.fixture
def clinic(store):
    clock = FakeClock()
    access, clinician, (ana, ben) = clinic_with_patients(store, clock)
    return store, clock, access, clinician


def test_no_folder_set_means_a_patient_cannot_save(clinic):
    store, clock, _, _ = clinic
    with pytest.raises(SaveRefused, match="has not set a folder"):
        PatientFiles(store, clock).new_file("Ankle report", ".pdf")


def test_the_clinician_sets_the_folder_and_files_get_neutral_names(clinic, tmp_path):
    store, clock, access, clinician = clinic
    folder = tmp_path / "Patient files"
    folder.mkdir()
    files = PatientFiles(store, clock)
    with pytest.raises(NotAllowed):
        files.set_folder(access.open_patient("10014821"), folder)
    assert files.set_folder(clinician, folder) == folder.resolve()
    first = files.new_file("Ankle report", ".pdf", date(2026, 12, 7))
    second = files.new_file("Ankle report", ".pdf", date(2026, 12, 7))
    assert [first.name, second.name] == ["Ankle report 2026-12-07.pdf",
                                         "Ankle report 2026-12-07-2.pdf"]
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert "settings_changed" in [e.action for e in store.clinic.audit_entries()]


@pytest.mark.parametrize("where", ["data", "data/backups", "relative", "missing"])
def test_a_bad_folder_is_refused_with_a_reason(clinic, data_dir, tmp_path, where):
    store, clock, _, clinician = clinic
    folder = {"data": data_dir, "data/backups": data_dir / "backups",
              "relative": "Patient files", "missing": tmp_path / "nowhere"}[where]
    with pytest.raises(SaveRefused) as err:
        PatientFiles(store, clock).set_folder(clinician, folder)
    assert str(err.value)
    assert store.clinic.settings().export_folder is None


def test_check_save_path_names_the_data_folder(clinic, data_dir):
    store, *_ = clinic
    with pytest.raises(SaveRefused, match="own data folder"):
        check_save_path(store, data_dir / "ankle_gui.sqlite3")
