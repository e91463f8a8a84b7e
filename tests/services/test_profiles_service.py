"""services/profiles.py and the whole-database copies in clinic mode: permissions, audit,
and a restore that rolls patients back but never clinic mode, the PIN or the log."""

from __future__ import annotations

import pytest
from helpers import PIN, FakeClock, clinic_with_patients

from ankle_gui.services.clinic_pin import ClinicPin
from ankle_gui.services.copies import DataCopies
from ankle_gui.services.errors import NotAllowed, ServiceError
from ankle_gui.services.profiles import Profiles


def test_create_a_patient_with_a_code(store):
    clock = FakeClock()
    access, clinician, _ = clinic_with_patients(store, clock)
    service = Profiles(store, clock)
    cy = service.create(clinician, "Cy", "48217730")
    assert access.open_patient("48217730").profile == cy
    auto = service.create(clinician, "Di")
    assert len(access.code_of(clinician, auto.id)) == 8


@pytest.mark.parametrize(("name", "code", "message"), [("Cy", "10014821", "Another patient"),
                                                       ("Cy", "12", "8 digits"),
                                                       ("   ", "48217730", "name")])
def test_a_bad_name_or_code_creates_nobody(store, name, code, message):
    clock = FakeClock()
    _, clinician, _ = clinic_with_patients(store, clock)
    count = store.profiles.count()
    with pytest.raises(ServiceError, match=message):
        Profiles(store, clock).create(clinician, name, code)
    assert store.profiles.count() == count


def test_patients_cannot_manage_anyone(store, tmp_path):
    clock = FakeClock()
    access, _, (ana, ben) = clinic_with_patients(store, clock)
    patient = access.open_patient("10014821")
    service = Profiles(store, clock)
    for attempt in (lambda: service.create(patient, "Cy", "48217730"),
                    lambda: service.delete(patient, ben.id),
                    lambda: DataCopies(store, patient).export_to(tmp_path / "all.sqlite3"),
                    lambda: DataCopies(store, patient).import_from(tmp_path / "x.sqlite3")):
        with pytest.raises(NotAllowed):
            attempt()
    assert store.profiles.count() == 2 and not (tmp_path / "all.sqlite3").exists()


def test_delete_is_logged(store):
    clock = FakeClock()
    _, clinician, (ana, _) = clinic_with_patients(store, clock)
    Profiles(store, clock).delete(clinician, ana.id)
    entry = store.clinic.audit_entries()[0]
    assert (entry.action, entry.profile_id) == ("delete", ana.id)
    assert store.clinic.profile_with_code("10014821") is None


def test_a_restore_rolls_back_patients_but_not_clinic_mode_or_the_log(store, tmp_path):
    # A backup taken in home mode, before the clinic existed.
    store.profiles.create("Old Friend")
    home_backup = DataCopies(store).make_backup()
    clock = FakeClock()
    access, clinician, _ = clinic_with_patients(store, clock)
    before = DataCopies(store, clinician, clock).restore(home_backup)
    assert before.path.exists()
    assert sorted(p.name for p in store.profiles.all()) == ["Old Friend"]
    settings = store.clinic.settings()
    assert settings.mode == "clinic" and settings.clinic_name == "Riverside Physio"
    assert ClinicPin(store, clock).check(PIN).ok
    assert [e.action for e in store.clinic.audit_entries()][:3] == [
        "restore", "code_changed", "code_changed"]
    assert access.start().role == "welcome"


def test_export_and_import_of_the_whole_database_are_logged(store, tmp_path):
    clock = FakeClock()
    _, clinician, _ = clinic_with_patients(store, clock)
    copies = DataCopies(store, clinician, clock)
    target = tmp_path / "everything.sqlite3"
    copies.export_to(target)
    assert target.exists()
    copies.import_from(target)
    assert [e.action for e in store.clinic.audit_entries()][:2] == ["import", "export"]
    with pytest.raises(ServiceError, match="was not used"):
        copies.import_from(tmp_path / "missing.sqlite3")


# --- a patient is created with their code, or not at all (issue 28, 7) ---------------------

def test_a_failure_after_the_profile_leaves_no_patient_without_a_code(store, monkeypatch):
    from ankle_gui.store import StoreError
    from ankle_gui.store.errors import StoreOperationalError

    clock = FakeClock()
    _, clinician, _ = clinic_with_patients(store, clock)
    count = store.profiles.count()

    def disk_full(*args, **kwargs):
        raise StoreOperationalError("database or disk is full")

    monkeypatch.setattr(store.clinic, "set_code", disk_full)
    with pytest.raises(StoreError):
        Profiles(store, clock).create(clinician, "Cy", "48217730")
    assert store.profiles.count() == count


CREATE = """
import sys
from pathlib import Path
from ankle_gui.core.clinic import Role
from ankle_gui.services.patient_access import Access
from ankle_gui.services.profiles import Profiles
from ankle_gui.store import Store
store = Store.open(Path(sys.argv[1]))
Profiles(store).create(Access(Role.CLINICIAN), "Cy")
"""


@pytest.mark.slow
def test_a_kill_between_profile_and_code_leaves_no_patient_without_a_code(store, data_dir):
    import os
    import signal
    import subprocess
    import sys

    from ankle_gui.store import Store
    from ankle_gui.store.kill_points import KILL_AT_ENV

    clinic_with_patients(store, FakeClock())
    store.close()
    killed = subprocess.run([sys.executable, "-c", CREATE, str(data_dir)], timeout=90,
                            env={**os.environ, KILL_AT_ENV: "patient:profile-created"})
    assert killed.returncode == -signal.SIGKILL
    again = Store.open(data_dir)
    try:
        assert sorted(p.name for p in again.profiles.all()) == ["Ana", "Ben"]
        assert all(again.clinic.code_of(p.id) for p in again.profiles.all())
    finally:
        again.close()


# --- one path for home and clinic mode (issue 25, 5) ----------------------------------------

def test_at_home_everything_is_allowed_and_nothing_is_logged(store):
    from ankle_gui.core.units import Unit
    from ankle_gui.services.patient_access import HOME

    service = Profiles(store, FakeClock())
    sam = service.create(HOME, "  Sam ", unit=Unit.INCH)
    assert (sam.name, sam.unit) == ("Sam", Unit.INCH)
    assert store.clinic.code_of(sam.id) is None   # codes are for clinic mode
    assert service.rename(HOME, sam.id, "Samira").name == "Samira"
    assert service.toggle_unit(HOME, sam.id).unit is Unit.CM
    service.set_timings(HOME, sam.id, 5, 8, True)
    service.mark_notice_seen(HOME, sam.id)
    assert store.profiles.timings(sam.id).get_ready_s == 5 and store.profiles.notice_seen(sam.id)
    service.delete(HOME, sam.id)
    assert store.profiles.count() == 0 and store.clinic.audit_entries() == []


def test_a_bad_name_or_a_gone_profile_changes_nothing_at_home(store, profile):
    from ankle_gui.core.units import Unit
    from ankle_gui.services.patient_access import HOME

    service = Profiles(store, FakeClock())
    other = service.create(HOME, "Ola")
    for attempt, message in ((lambda: service.create(HOME, "sam"), "already"),
                             (lambda: service.rename(HOME, other.id, "SAM"), "already"),
                             (lambda: service.rename(HOME, 999, "Zed"), "no longer exists"),
                             (lambda: service.delete(HOME, 999), "no longer exists"),
                             (lambda: service.set_unit(HOME, 999, Unit.INCH),
                              "no longer exists"),
                             (lambda: service.set_timings(HOME, profile.id, -1, 8, True),
                              "get-ready time")):
        with pytest.raises(ServiceError, match=message):
            attempt()
    assert store.profiles.names() == ["Ola", "Sam"]


def test_the_clinician_goes_through_the_same_door_and_each_change_is_logged(store):
    from ankle_gui.core.units import Unit

    clock = FakeClock()
    access, clinician, (ana, _ben) = clinic_with_patients(store, clock)
    service = Profiles(store, clock)
    cy = service.create(clinician, "Cy", unit=Unit.INCH)   # as from the Profiles page
    assert len(access.code_of(clinician, cy.id)) == 8      # a patient always has a code
    service.rename(clinician, cy.id, "Cyrus")
    service.set_unit(clinician, cy.id, Unit.CM)
    service.set_unit(clinician, cy.id, Unit.CM)            # no change: nothing logged
    service.delete(clinician, ana.id)
    logged = [(e.actor, e.action, e.profile_id, e.detail)
              for e in reversed(store.clinic.audit_entries())][-5:]
    assert logged == [("clinician", "code_changed", cy.id, ""),
                      ("clinician", "patient_created", cy.id, ""),
                      ("clinician", "patient_renamed", cy.id, ""),
                      ("clinician", "settings_changed", cy.id, "measuring unit cm"),
                      ("clinician", "delete", ana.id, "")]


def test_a_patient_may_not_rename_or_delete_anyone_not_even_themselves(store):
    from ankle_gui.core.clinic import Role
    from ankle_gui.core.units import Unit
    from ankle_gui.services.patient_access import Access

    clock = FakeClock()
    access, _, (ana, ben) = clinic_with_patients(store, clock)
    patient = access.open_patient("10014821")   # Ana
    before = len(store.clinic.audit_entries())
    service = Profiles(store, clock)
    for who in (patient, Access(Role.WELCOME)):
        for action, args in ((service.rename, (ana.id, "Anna")),
                             (service.rename, (ben.id, "Benny")),
                             (service.delete, (ana.id,)),
                             (service.delete, (ben.id,)),
                             (service.set_unit, (ana.id, Unit.INCH)),
                             (service.create, ("Cy",))):
            with pytest.raises(NotAllowed, match="Only the clinician"):
                action(who, *args)
    assert [(p.name, p.unit) for p in store.profiles.all()] == [("Ana", Unit.CM),
                                                                ("Ben", Unit.CM)]
    assert len(store.clinic.audit_entries()) == before


def test_a_patient_changes_only_their_own_timings_and_notice(store):
    clock = FakeClock()
    access, _, (ana, ben) = clinic_with_patients(store, clock)
    patient = access.open_patient("10014821")   # Ana
    service = Profiles(store, clock)
    assert service.set_timings(patient, ana.id, 3, 9, False).switch_side_s == 9
    service.mark_notice_seen(patient, ana.id)
    with pytest.raises(NotAllowed):
        service.set_timings(patient, ben.id, 3, 9, False)
    with pytest.raises(NotAllowed):
        service.mark_notice_seen(patient, ben.id)
    assert store.profiles.timings(ben.id) != store.profiles.timings(ana.id)
    assert not store.profiles.notice_seen(ben.id) and store.profiles.notice_seen(ana.id)
