"""The clinician's PIN: rules, hashing, back-off that survives a restart, change, reset."""

from __future__ import annotations

import pytest
from helpers import PIN, FakeClock

from ankle_gui.core.pin import (
    PinError,
    check_new_pin,
    code_wait_after,
    failures_left,
    hash_pin,
    pin_matches,
    wait_after,
    wait_words,
)
from ankle_gui.services.clinic_pin import ClinicPin, PinRefused
from ankle_gui.services.errors import ServiceError
from ankle_gui.store import Store
from ankle_gui.store.backups import Backups


@pytest.mark.parametrize("bad", ["", "   ", "12345", "4702a9", "４７０２１９", "111111",
                                 "123456", "876543", "1" * 33, "47 0219"])
def test_a_weak_or_malformed_pin_is_refused_with_a_reason(bad):
    with pytest.raises(PinError) as err:
        check_new_pin(bad)
    assert str(err.value)


def test_a_good_pin_is_kept_as_typed():
    assert check_new_pin(" 470219\n") == "470219"
    assert check_new_pin("0" * 5 + "17") == "0000017"


def test_the_hash_is_salted_and_checks_only_the_right_pin():
    one, two = hash_pin(PIN), hash_pin(PIN)
    assert one.salt != two.salt and one.digest != two.digest
    assert PIN.encode() not in one.digest + one.salt + one.params.encode()
    assert '"n": 16384' in one.params
    assert pin_matches(PIN, one) and pin_matches(PIN, two)
    assert not pin_matches("470218", one)
    assert not pin_matches("", one)


def test_the_wait_is_30_seconds_after_five_wrong_tries_then_doubles_up_to_five_minutes():
    """Issue 21 §6: a patient typing wrong PINs must not lock the physio out for long (it
    was up to a day: 11 wrong PINs gave 32 minutes, 12 gave 64)."""
    assert [wait_after(n) for n in range(10)] == [0, 0, 0, 0, 0, 30, 60, 120, 240, 300]
    assert wait_after(11) == wait_after(12) == wait_after(1000) == 5 * 60
    assert [code_wait_after(n) for n in (4, 5, 8, 9, 50)] == [0, 30, 240, 300, 300]
    assert wait_words(30) == "30 seconds"
    assert wait_words(61) == "2 minutes"
    assert wait_words(3660) == "1 hour 1 minute"


def test_enable_stores_only_a_hash(store):
    ClinicPin(store, FakeClock()).enable(PIN, PIN, clinic_name="  Riverside   Physio ")
    settings = store.clinic.settings()
    assert settings.mode == "clinic" and settings.has_pin
    assert settings.clinic_name == "Riverside Physio"
    dump = "\n".join(store.db.conn.iterdump())
    assert PIN not in dump
    assert [e.action for e in store.clinic.audit_entries()] == ["clinic_enabled"]


@pytest.mark.parametrize(("first", "second", "message"), [
    ("470219", "470218", "differ"), ("12345", "12345", "at least 6"),
    ("111111", "111111", "easy to guess")])
def test_enable_with_a_bad_pin_changes_nothing(store, first, second, message):
    with pytest.raises(ServiceError, match=message):
        ClinicPin(store, FakeClock()).enable(first, second)
    assert store.clinic.settings().mode == "home"
    assert store.clinic.audit_entries() == []


def test_five_wrong_tries_then_30_s_doubling_and_a_restart_does_not_reset_it(data_dir):
    clock = FakeClock()
    store = Store.open(data_dir)
    pin = ClinicPin(store, clock)
    pin.enable(PIN, PIN)
    for _ in range(4):
        assert pin.check("000001") == (False, 0, "That PIN is not right.")
    fifth = pin.check("000001")
    assert not fifth.ok and fifth.wait_s == 30 and "30 seconds" in fifth.message
    store.close()

    store = Store.open(data_dir)  # the app restarted: the wait is still there
    pin = ClinicPin(store, clock)
    clock.advance(seconds=29)
    early = pin.check(PIN)  # even the right PIN is not looked at while waiting
    assert not early.ok and early.wait_s == 1 and "Wait 1 second" in early.message
    clock.advance(seconds=1)
    sixth = pin.check("000001")
    assert not sixth.ok and sixth.wait_s == 60
    clock.advance(seconds=60)
    assert pin.check("000001").wait_s == 120
    clock.advance(seconds=120)
    assert pin.check(PIN).ok
    assert pin.check("000001") == (False, 0, "That PIN is not right.")  # the count restarted
    store.close()


def test_a_clock_set_back_does_not_stretch_the_wait(store):
    clock = FakeClock()
    pin = ClinicPin(store, clock)
    pin.enable(PIN, PIN)
    for _ in range(5):
        pin.check("000001")
    clock.advance(days=-300)
    assert pin.check(PIN).wait_s == 30


def test_change_needs_the_old_pin(store):
    clock = FakeClock()
    pin = ClinicPin(store, clock)
    pin.enable(PIN, PIN)
    with pytest.raises(PinRefused):
        pin.change("000001", "582913", "582913")
    assert pin.check(PIN).ok
    with pytest.raises(ServiceError, match="differ"):
        pin.change(PIN, "582913", "582914")
    pin.change(PIN, "582913", "582913")
    assert not pin.check(PIN).ok and pin.check("582913").ok
    assert [e.action for e in store.clinic.audit_entries()][:2] == ["pin_wrong",
                                                                     "pin_changed"]


def test_disable_needs_the_pin_and_removes_it(store):
    pin = ClinicPin(store, FakeClock())
    pin.enable(PIN, PIN)
    with pytest.raises(PinRefused):
        pin.disable("000001")
    assert store.clinic.settings().mode == "clinic"
    pin.disable(PIN)
    assert store.clinic.settings()[:2] == ("home", "")
    assert store.clinic.stored_pin() is None
    with pytest.raises(ServiceError, match="already off"):
        pin.disable(PIN)


def test_enable_twice_is_refused(store):
    pin = ClinicPin(store, FakeClock())
    pin.enable(PIN, PIN)
    with pytest.raises(ServiceError, match="already on"):
        pin.enable("582913", "582913")
    assert pin.check(PIN).ok


def test_reset_backs_up_first_and_clears_the_wait(store, profile):
    clock = FakeClock()
    pin = ClinicPin(store, clock)
    pin.enable(PIN, PIN)
    for _ in range(7):
        pin.check("000001")
    backup, recovery = pin.reset_forgotten_pin("582913", "582913")
    assert len(recovery) == 19 and pin.recover(recovery, "582914", "582914")
    assert backup.path.exists() and Backups(store.path).list()[0].path == backup.path
    assert pin.check("582914").ok
    assert [e.action for e in store.clinic.audit_entries()][:2] == ["recovery_used",
                                                                     "pin_reset"]


def test_reset_does_nothing_when_the_backup_fails(store, profile, monkeypatch):
    from ankle_gui.store import backups

    pin = ClinicPin(store, FakeClock())
    pin.enable(PIN, PIN)

    def fail(self, kind):
        raise backups.BackupError("The backup could not be written: disk full.")

    monkeypatch.setattr(backups.Backups, "make_from_file", fail)
    with pytest.raises(ServiceError, match="backup first failed"):
        pin.reset_forgotten_pin("582913", "582913")
    assert pin.check(PIN).ok


def test_tries_at_the_same_moment_from_two_programs_are_all_counted(data_dir):
    import threading

    clock = FakeClock()
    setup = Store.open(data_dir)
    ClinicPin(setup, clock).enable(PIN, PIN)
    setup.close()
    outcomes: list = []
    start = threading.Barrier(2)

    def guesser():
        store = Store.open(data_dir)  # its own connection, as the app and a command have
        try:
            start.wait()
            for _ in range(4):
                outcomes.append(store.clinic.attempt(
                    "pin", clock(), lambda: False, wait_after, failures_left,
                    right_clears=True))
        finally:
            store.close()

    threads = [threading.Thread(target=guesser) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    checked = [o for o in outcomes if not o.refused_early]
    assert len(checked) == 5  # five free tries in all, never five each
    assert sorted(o.failures for o in checked) == [1, 2, 3, 4, 5]
    assert all(o.failures == 5 for o in outcomes if o.refused_early)


def test_wrong_pins_are_in_the_audit_log_with_their_counts(store):
    """Issue 21 §6 and §7: each wrong PIN is logged (never the PIN typed), with how many
    count toward the wait and how many more were tried during it."""
    clock = FakeClock()
    pin = ClinicPin(store, clock)
    pin.enable(PIN, PIN)
    for _ in range(5):
        pin.check("000001")
    for _ in range(3):   # during the 30 s wait: refused unchecked, counted
        pin.check("000002")
    clock.advance(seconds=30)
    pin.check("000003")
    wrong = [e.detail for e in store.clinic.audit_entries() if e.action == "pin_wrong"]
    assert wrong[0] == ("wrong PIN; 6 wrong PIN(s) counted; 3 more tried during the wait "
                        "before; next try waits 1 minute")
    assert wrong[1] == "tried during the wait; 5 wrong PIN(s) counted"
    assert wrong[2] == "wrong PIN; 5 wrong PIN(s) counted; next try waits 30 seconds"
    assert len(wrong) == 7   # five, the first try during the wait, the sixth
    dump = "\n".join(store.db.conn.iterdump())
    for typed in ("000001", "000002", "000003", PIN):
        assert typed not in dump


def test_the_recovery_code_replaces_a_forgotten_pin_without_a_terminal(store):
    """Issue 21 §6: shown once at set-up, kept as a hash only; it works while a prankster
    keeps the PIN waiting, is used up, and a new one is given in its place."""
    clock = FakeClock()
    pin = ClinicPin(store, clock)
    shown = pin.enable(PIN, PIN)
    assert len(shown) == 19 and shown.count("-") == 3
    dump = "\n".join(store.db.conn.iterdump())
    assert shown.replace("-", "") not in dump and shown not in dump
    for _ in range(12):
        pin.check("000001")              # the PIN now waits
    with pytest.raises(ServiceError, match="not right"):
        pin.recover("0000-0000-0000-0000", "582913", "582913")
    assert not pin.check("582913").ok
    typed = shown.lower().replace("-", " ").replace("0", "o")   # as a person might type it
    second = pin.recover(typed, "582913", "582913")
    assert second != shown
    assert pin.check("582913").ok                      # the new PIN, at once: no wait left
    with pytest.raises(ServiceError, match="not right"):
        pin.recover(shown, "692014", "692014")        # used up
    third = pin.new_recovery_code("582913")
    with pytest.raises(ServiceError, match="not right"):
        pin.recover(second, "692014", "692014")       # replaced by the third
    pin.recover(third, "692014", "692014")
    actions = [e.action for e in store.clinic.audit_entries()]
    assert actions.count("recovery_wrong") == 3 and actions.count("recovery_used") == 2
    assert "recovery_made" in actions


def test_a_bad_new_pin_in_the_recovery_changes_nothing(store):
    pin = ClinicPin(store, FakeClock())
    shown = pin.enable(PIN, PIN)
    with pytest.raises(ServiceError, match="easy to guess"):
        pin.recover(shown, "111111", "111111")
    pin.recover(shown, "582913", "582913")   # the code was not used up by the refusal
