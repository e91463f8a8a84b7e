"""The clinician's rename, and the Backups window's copies in clinic mode: checked against
the session's permissions and written to the audit log."""

from __future__ import annotations

import pytest
from helpers import FakeClock, clinic_with_patients

from ankle_gui.services.copies import DataCopies
from ankle_gui.services.errors import NotAllowed, ServiceError
from ankle_gui.services.profiles import Profiles


def test_rename_checks_the_name_and_the_session(store):
    clock = FakeClock()
    access, clinician, (ana, ben) = clinic_with_patients(store, clock)
    service = Profiles(store, clock)
    assert service.rename(clinician, ana.id, "  Ana Lee ").name == "Ana Lee"
    for bad in ("Ben", "   "):
        with pytest.raises(ServiceError):
            service.rename(clinician, ana.id, bad)
    with pytest.raises(ServiceError, match="no longer exists"):
        service.rename(clinician, 999, "Zed")
    with pytest.raises(ServiceError, match="Only the clinician"):
        service.rename(access.open_patient("10025307"), ben.id, "Benny")
    assert [p.name for p in store.profiles.all()] == ["Ana Lee", "Ben"]


def test_checked_copies_log_and_refuse_a_patient(store, tmp_path):
    clock = FakeClock()
    access, clinician, _ = clinic_with_patients(store, clock)
    copies = DataCopies(store, clinician, clock)
    backup = copies.make_backup()
    assert copies.export_to(tmp_path / "all.sqlite3").profile_count == 2
    copies.import_from(tmp_path / "all.sqlite3")
    copies.restore(backup)
    actions = [e.action for e in access.audit_entries(clinician)]
    assert actions[:3] == ["restore", "import", "export"]
    patient = DataCopies(store, access.open_patient("10014821"), clock)
    for act in (patient.make_backup, lambda: patient.restore(backup),
                lambda: patient.export_to(tmp_path / "x.sqlite3"),
                lambda: patient.import_from(tmp_path / "all.sqlite3")):
        with pytest.raises(NotAllowed, match="Only the clinician"):
            act()
    assert not (tmp_path / "x.sqlite3").exists()
