"""Issue 21 §2: the scan a curious patient measured, scripted on an injected clock.

Measured at the PC: 4 wrong codes, then one's own code, then *I'm done*, and again: 72
wrong guesses in 94.5 s with no wait, because a right code cleared the count, and codes were
4 digits. Here the same patient keeps at it for a whole morning (4 hours, 08:00–12:00), as
fast as the screen lets them, trying every code of their own code's length in turn. No other
profile may open, and the screen must have checked no more than its stated rate allows.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from helpers import PIN, FakeClock

from ankle_gui.services.clinic_pin import ClinicPin
from ankle_gui.services.patient_access import CodeRefused, PatientAccess
from ankle_gui.services.profiles import Profiles

MORNING = timedelta(hours=4)
TYPING_S = 94.5 / 72        # one code typed and Enter pressed, as measured
DONE_S = 1.5                # I'm done, and back at the welcome screen
OWN_EVERY = 4               # wrong codes between two uses of one's own


def clinic_of_six(store, clock):
    ClinicPin(store, clock).enable(PIN, PIN)
    access = PatientAccess(store, clock)
    clinician = access.unlock(PIN)
    service = Profiles(store, clock)
    patients = [service.create(clinician, name) for name in
                ("Maria", "Tom", "Aisha", "Jan", "Lea", "Sam")]
    codes = {p.id: access.code_of(clinician, p.id) for p in patients}
    return access, patients, codes


def scan_a_morning(access: PatientAccess, clock: FakeClock, own: str):
    """The measured scan, for a morning. Returns (profiles opened by a guess, codes the
    screen checked, tries refused unchecked during a wait)."""
    end = clock.now + MORNING
    opened, checked, refused = set(), 0, 0
    guesses = (f"{n:0{len(own)}d}" for n in range(10 ** len(own)))
    wrong_in_a_row = 0
    while clock.now < end:
        if wrong_in_a_row == OWN_EVERY:
            clock.advance(seconds=TYPING_S)
            try:
                access.open_patient(own)
                clock.advance(seconds=DONE_S)
                access.lock()
                wrong_in_a_row = 0
            except CodeRefused as err:   # one's own code waits too: wait, then go on
                clock.advance(seconds=max(err.wait_s, 1))
            continue
        guess = next(guesses)
        if guess == own:
            continue
        clock.advance(seconds=TYPING_S)
        try:
            found = access.open_patient(guess)
        except CodeRefused as err:
            if "Too many" in str(err):
                refused += 1
                clock.advance(seconds=err.wait_s)   # they wait exactly as long as told
                guesses = _again(guess, guesses)
                continue
            checked += 1
            wrong_in_a_row += 1
            continue
        checked += 1
        opened.add(found.profile.id)
        access.lock()
    return opened, checked, refused


def _again(first, rest):
    yield first
    yield from rest


def test_a_morning_of_scanning_opens_no_other_profile(store):
    clock = FakeClock(datetime(2026, 12, 7, 8, 0, tzinfo=UTC))
    access, patients, codes = clinic_of_six(store, clock)
    tom = patients[1]
    opened, checked, refused = scan_a_morning(access, clock, codes[tom.id])
    assert opened <= {tom.id}, "another patient's profile opened"
    # 5 free, 4 more as the wait doubles to 5 minutes, then one every 5 minutes: at most
    # 9 + 12 an hour (README, the arithmetic); 55 in this morning when it was written.
    assert checked <= 9 + 12 * 4, checked
    assert refused > 0
    # Every wrong code is in the audit log, with its count.
    wrong = [e for e in store.clinic.audit_entries(10_000) if e.action == "code_wrong"]
    assert len([e for e in wrong if e.detail.startswith("wrong code;")]) == checked
    assert "wrong code(s) counted" in wrong[0].detail
