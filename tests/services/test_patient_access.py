"""Who may do what on the shared PC: codes, the PIN, permissions, settings and the log."""

from __future__ import annotations

import pytest
from helpers import PIN, FakeClock, clinic_with_patients

from ankle_gui.core.clinic import Role, idle_minutes_from_seconds, permissions_for
from ankle_gui.services.clinic_settings import ClinicSettingsService
from ankle_gui.services.errors import NotAllowed, ServiceError
from ankle_gui.services.patient_access import CodeRefused, PatientAccess, PinRefused


def test_home_mode_starts_with_everything_open(store):
    access = PatientAccess(store, FakeClock()).start()
    assert access.role is Role.HOME
    assert all(access.permissions)


def test_clinic_mode_starts_on_the_welcome_screen_with_nothing_open(store):
    clock = FakeClock()
    service, _, _ = clinic_with_patients(store, clock)
    welcome = service.start()
    assert welcome.role is Role.WELCOME and welcome.profile is None
    assert not any(welcome.permissions)
    assert not welcome.may_see(1)


def test_a_code_opens_that_patient_only_and_is_logged_without_the_code(store):
    clock = FakeClock()
    service, _, (ana, ben) = clinic_with_patients(store, clock)
    opened = service.open_patient(" 1002 5307 ")  # typed as printed, in two groups
    assert opened.role is Role.PATIENT and opened.profile == ben
    assert opened.may_see(ben.id) and not opened.may_see(ana.id)
    p = opened.permissions
    assert p.can_open_own_work and p.can_export_own
    assert not (p.can_switch_profile or p.can_see_other_names or p.can_manage_profiles
                or p.can_export_all or p.can_backup or p.can_restore or p.can_import
                or p.can_settings or p.can_view_dashboard or p.can_view_audit
                or p.can_quit_freely)
    entry = store.clinic.audit_entries()[0]
    assert (entry.actor, entry.action, entry.profile_id) == ("patient", "patient_opened", ben.id)
    assert "10025307" not in repr(store.clinic.audit_entries())


def test_the_code_wait_stops_at_five_minutes_and_only_quiet_time_clears_it(store):
    """Issue 21 §2: neither a right code nor the clinician's unlock clears the count (each
    would hand a guesser five free tries); wrong codes fade, one per quiet 5 minutes."""
    clock = FakeClock()
    service, _, (ana, _) = clinic_with_patients(store, clock)
    waits = []
    for _ in range(9):
        with pytest.raises(CodeRefused) as err:
            service.open_patient("99990000")
        waits.append(err.value.wait_s)
        clock.advance(seconds=err.value.wait_s)
    assert waits == [0, 0, 0, 0, 30, 60, 120, 240, 300]
    with pytest.raises(CodeRefused):
        service.open_patient("99990000")
    clock.advance(seconds=300)
    assert service.open_patient("10014821").profile == ana   # one's own code, then a guess:
    with pytest.raises(CodeRefused) as err:
        service.open_patient("99990000")
    assert err.value.wait_s == 300                             # still the full wait
    service.unlock(PIN)
    with pytest.raises(CodeRefused, match="Too many wrong codes"):
        service.open_patient("99990000")
    clock.advance(seconds=4 * 300)   # 20 minutes without a wrong code: 4 of 9 forgotten
    with pytest.raises(CodeRefused) as err:
        service.open_patient("99990000")
    assert err.value.wait_s == 60     # 5 left, and this one: the sixth waits a minute


def test_wrong_codes_back_off_like_the_pin(store):
    clock = FakeClock()
    service, _, (ana, _) = clinic_with_patients(store, clock)
    for _ in range(4):
        with pytest.raises(CodeRefused, match="No patient has this code") as err:
            service.open_patient("99990000")
        assert err.value.wait_s == 0
    with pytest.raises(CodeRefused, match="must wait 30 seconds"):
        service.open_patient("99990000")
    with pytest.raises(CodeRefused, match="Too many wrong codes"):
        service.open_patient("10014821")  # right, but too soon
    clock.advance(seconds=30)
    assert service.open_patient("10014821").profile == ana


@pytest.mark.parametrize("typo", ["", "12", "1234567", "123456789", "1001482a", "１００１４８２１"])
def test_a_code_of_the_wrong_shape_says_so_and_costs_no_try(store, typo):
    clock = FakeClock()
    service, _, _ = clinic_with_patients(store, clock)
    for _ in range(8):
        with pytest.raises(CodeRefused, match="8 digits") as err:
            service.open_patient(typo)
        assert err.value.wait_s == 0
    assert service.open_patient("10014821").role is Role.PATIENT


@pytest.mark.parametrize("old", ["1001", "10014", "100148"])
def test_an_old_short_code_opens_nothing_and_says_codes_are_longer_now(store, old):
    """Whether or not such a code was ever given: the message is the same either way."""
    clock = FakeClock()
    service, _, _ = clinic_with_patients(store, clock)
    with pytest.raises(CodeRefused, match="8 digits now. Ask at the desk"):
        service.open_patient(old)


def test_codes_are_not_used_in_home_mode(store, profile):
    with pytest.raises(ServiceError, match="clinic mode only"):
        PatientAccess(store, FakeClock()).open_patient("10014821")


def test_unlock_needs_the_pin_and_is_logged(store):
    clock = FakeClock()
    service, _, _ = clinic_with_patients(store, clock)
    with pytest.raises(PinRefused):
        service.unlock("000001")
    clinician = service.unlock(PIN)
    assert clinician.role is Role.CLINICIAN and all(clinician.permissions)
    assert store.clinic.audit_entries()[0].action == "clinician_unlock"
    assert service.lock().role is Role.WELCOME


def test_codes_are_unique_checked_and_only_the_clinician_sees_them(store):
    clock = FakeClock()
    service, clinician, (ana, ben) = clinic_with_patients(store, clock)
    assert service.code_of(clinician, ana.id) == "10014821"
    with pytest.raises(ServiceError, match="Another patient"):
        service.set_code(clinician, ben.id, "10014821")
    for bad in ("10a1", "1001", "11111111", "12345678", "48214821"):
        with pytest.raises(ServiceError, match="8 digits|too easy"):
            service.set_code(clinician, ben.id, bad)
    assert service.code_of(clinician, ben.id) == "10025307"
    patient = service.open_patient("10025307")
    with pytest.raises(NotAllowed):
        service.code_of(patient, ben.id)
    with pytest.raises(NotAllowed):
        service.set_code(patient, ben.id, "5555")
    assert service.set_code(clinician, ben.id, "5555 6666") == "55556666"
    assert service.open_patient("55556666").profile == ben


def test_a_suggested_code_is_free(store):
    clock = FakeClock()
    service, _, _ = clinic_with_patients(store, clock)
    for _ in range(50):
        code = service.suggest_code()
        assert len(code) == 8 and code.isdigit() and code not in {"10014821", "10025307"}


def test_only_the_clinician_reads_the_log_and_home_mode_keeps_none(store, profile):
    home_service = PatientAccess(store, FakeClock())
    home = home_service.start()
    home_service.record(home, "export")
    assert store.clinic.audit_entries() == []
    clock = FakeClock()
    service, clinician, _ = clinic_with_patients(store, clock)
    service.record(clinician, "export", None, "all profiles")
    assert service.audit_entries(clinician)[0][2:] == ("clinician", "export", None,
                                                         "all profiles")
    with pytest.raises(NotAllowed):
        service.audit_entries(service.open_patient("10014821"))


def test_settings_are_the_clinicians_and_bad_values_change_nothing(store):
    clock = FakeClock()
    service, clinician, (ana, _) = clinic_with_patients(store, clock)
    settings = ClinicSettingsService(store, clock)
    patient = service.open_patient("10014821")
    with pytest.raises(NotAllowed):
        settings.set_idle_minutes(patient, 5)
    for bad in (0, 31, True, 2.5):
        with pytest.raises(ServiceError, match="1 to 30 minutes"):
            settings.set_idle_minutes(clinician, bad)
    assert settings.current().idle_minutes == 3
    assert settings.set_idle_minutes(clinician, 10) == 10
    assert service.idle_minutes() == 10
    settings.set_kiosk(clinician, True)
    assert settings.current().kiosk
    with pytest.raises(ServiceError, match="Sessions per week"):
        settings.set_programme(clinician, ana.id, 0, 4)
    with pytest.raises(ServiceError, match="retest interval"):
        settings.set_programme(clinician, ana.id, 3, 53)
    assert settings.programme(ana.id) is None
    with pytest.raises(NotAllowed):
        settings.set_programme(patient, ana.id, 3, 4)
    made = settings.set_programme(clinician, ana.id, 3, 6)
    assert made[1:4] == (3, 6, True)
    with pytest.raises(ServiceError, match="no longer exists"):
        settings.set_programme(clinician, 999, 3, 6)


@pytest.mark.parametrize(("text", "minutes"), [("60", 1), ("180", 3), (" 1800 ", 30)])
def test_idle_seconds_become_minutes(text, minutes):
    assert idle_minutes_from_seconds(text) == minutes


@pytest.mark.parametrize("text", ["0", "59", "90", "1860", "-60", "3m", "", "1e3"])
def test_idle_seconds_outside_the_range_are_refused(text):
    with pytest.raises(ValueError, match="whole number of minutes"):
        idle_minutes_from_seconds(text)


def test_permissions_by_role():
    assert all(permissions_for(Role.HOME)) and all(permissions_for(Role.CLINICIAN))
    assert not any(permissions_for(Role.WELCOME))
    assert sum(permissions_for(Role.PATIENT)) == 2
