"""The safety check (core/red_flags.py) and the pain rules at home (core/pain_rules.py), on
their own; the whole path from answers to a plan is in test_clinical_cases.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ankle_gui.core.catalogue import Equipment, Purpose
from ankle_gui.core.clock import to_utc_iso
from ankle_gui.core.pain_rules import (
    PAIN_OK_MAX,
    PAIN_SEE_PHYSIO_AT,
    Advice,
    latest_verdict,
    next_day_due,
    verdict,
)
from ankle_gui.core.records import ANKLES, SessionStatus, Side, TrainingSession
from ankle_gui.core.red_flags import (
    ACHILLES_DRILLS,
    PRESSURE_DRILLS,
    QUESTIONS,
    SafetyAnswers,
    answer_key,
    findings,
    held_by,
    referrals,
    untested_sides,
)


def answers(*yes: str, unable=()) -> SafetyAnswers:
    found = dict(SafetyAnswers.all_clear().answers)
    found.update({key: True for key in yes})
    return SafetyAnswers(found, frozenset(unable))


def test_all_clear_has_no_finding_and_every_question_is_asked():
    assert findings(SafetyAnswers.all_clear()) == []
    assert SafetyAnswers.all_clear().missing() == []
    # Nothing answered: every question (both legs for a leg question) is still open, but a
    # follow-up is not, until its question had a yes.
    missing = SafetyAnswers().missing()
    assert answer_key("calf", Side.LEFT) in missing and "blood_thinners" in missing
    assert not any(k.startswith(("weight_cleared", "ottawa")) for k in missing)
    assert answer_key("ottawa", Side.RIGHT) in answers("injured.right").missing()


def test_every_question_is_a_yes_or_no_in_plain_words():
    for q in QUESTIONS:
        assert q.words.endswith("?") and len(q.words) < 260
        assert "dorsiflexion" not in q.words.lower()       # a patient's words, not jargon


@pytest.mark.parametrize(("yes", "key", "urgent", "skip"), [
    (("calf.left",), "calf_clot", True, {Side.LEFT}),
    (("injured.right", "ottawa.right"), "ottawa", False, {Side.RIGHT}),
    (("injured.right",), "fresh_sprain", False, {Side.RIGHT}),
    (("fracture.left", "weight_cleared.left"), "cleared", False, set()),
    (("fracture.left",), "not_cleared", False, {Side.LEFT}),   # cleared not yet answered yes
    (("achilles.left",), "achilles", False, set()),
    (("blood_thinners",), "blood_thinners", False, set()),
    (("neuropathy",), "neuropathy", False, set()),
    (("inflammatory",), "inflammatory", False, set()),
])
def test_each_yes_gives_its_finding(yes, key, urgent, skip):
    raw = dict(answers(*yes).answers)
    if "fracture.left" in yes and "weight_cleared.left" not in yes:
        raw["weight_cleared.left"] = False
    found = findings(SafetyAnswers(raw))
    assert [f.key for f in found] == [key]
    assert found[0].urgent is urgent
    assert untested_sides(found) == skip
    assert found[0].source                                   # every rule names its source


def test_cleared_for_weight_is_a_reminder_not_a_referral():
    found = findings(answers("fracture.left", "weight_cleared.left"))
    assert found[0].caution_only and referrals(found) == []


def test_what_each_finding_holds_back(catalogue):
    def held(answer, side):
        """Side.BOTH asks about the drills done with both feet at once, a side the rest."""
        return {d.id for d in catalogue if d.runnable and d.per_side is (side is not Side.BOTH)
                and held_by(findings(answer), d, side)}

    runnable = {d.id for d in catalogue if d.runnable and d.per_side}
    both_feet = {d.id for d in catalogue if d.runnable and not d.per_side}
    # A clot: every drill, on either leg, and those done with both feet.
    assert held(answers("calf.left"), Side.RIGHT) == runnable
    assert held(answers("calf.left"), Side.BOTH) == both_feet
    # A sprain on the right: everything on the right, and what loads both feet at once.
    assert held(answers("injured.right"), Side.RIGHT) == runnable
    assert held(answers("injured.right"), Side.LEFT) == set()
    assert held(answers("injured.right"), Side.BOTH) == both_feet
    # Achilles pain: the calf work off a step, on that leg (and both-feet drills of it).
    assert held(answers("achilles.left"), Side.LEFT) == {
        d for d in ACHILLES_DRILLS if catalogue.get(d).per_side}
    assert held(answers("achilles.left"), Side.RIGHT) == set()
    assert held(answers("achilles.left"), Side.BOTH) == ACHILLES_DRILLS & both_feet
    # A blood thinner or numb feet: the pressure drills, either leg.
    for answer in (answers("blood_thinners"), answers("neuropathy")):
        assert held(answer, Side.LEFT) | held(answer, Side.BOTH) == set(PRESSURE_DRILLS)
        assert held(answer, Side.LEFT) == held(answer, Side.RIGHT)
    assert all(Equipment.ROLLER in catalogue.get(d).equipment or "release" in d
               or Equipment.STICK in catalogue.get(d).equipment or d == "trigger_point_rolling"
               for d in PRESSURE_DRILLS)
    # Inflammatory arthritis: every joint drill.
    assert held(answers("inflammatory"), Side.LEFT) | held(answers("inflammatory"),
                                                            Side.BOTH) == {
        d.id for d in catalogue if d.runnable and d.purpose is Purpose.JOINT}


def test_answers_survive_a_round_trip_as_stored():
    stored = answers("calf.left", "blood_thinners", unable=[Side.RIGHT])
    again = SafetyAnswers.from_json(stored.to_json())
    assert again == stored
    assert again.yes("calf", Side.LEFT) and again.unable == {Side.RIGHT}


# --- the pain rules -------------------------------------------------------------------------

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def session(n: int, days_ago: float, pain=None, settled=None, asked=False,
            status=SessionStatus.COMPLETED) -> TrainingSession:
    started = to_utc_iso(NOW - timedelta(days=days_ago))
    return TrainingSession(n, 1, started, status, started, pain=pain,
                           settled_next_day=settled,
                           settled_asked_at=started if asked or settled is not None else None)


@pytest.mark.parametrize(("pain", "advice"), [
    (None, Advice.CARRY_ON), (0, Advice.CARRY_ON), (PAIN_OK_MAX, Advice.CARRY_ON),
    (PAIN_OK_MAX + 1, Advice.EASE), (PAIN_SEE_PHYSIO_AT, Advice.SEE_PHYSIO),
    (9, Advice.SEE_PHYSIO),
])
def test_pain_during_the_drills(pain, advice):
    found = verdict(session(1, 1, pain=pain))
    assert found.advice is advice
    if advice is Advice.EASE:
        assert "Ease the dose next time" in found.words()
    if advice is Advice.SEE_PHYSIO:
        assert "see your physio" in found.words()


def test_not_settled_by_the_morning_eases_the_dose_then_twice_sees_the_physio():
    first = session(1, 3, pain=2, settled=False)
    assert verdict(first).advice is Advice.EASE
    assert "had not settled by the morning" in verdict(first).words()
    second = session(2, 1, pain=2, settled=False)
    twice = verdict(second, [first])
    assert twice.advice is Advice.SEE_PHYSIO and twice.twice
    assert "second session in a row" in twice.words()
    assert "two sessions running" in twice.clinician_words()
    fine = verdict(session(3, 1, pain=2, settled=True), [first])
    assert fine.advice is Advice.CARRY_ON


def test_the_next_day_question_follows_the_injected_clock(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    import time

    time.tzset()
    try:
        yesterday = session(7, 1)
        trained = {7}
        assert next_day_due([yesterday], trained, NOW) == yesterday
        # Not the same day, not after two days, not once answered or skipped, and not for a
        # session where nothing was done.
        assert next_day_due([session(7, 0.1)], trained, NOW) is None
        assert next_day_due([session(7, 3)], trained, NOW) is None
        assert next_day_due([session(7, 1, asked=True)], trained, NOW) is None
        assert next_day_due([yesterday], set(), NOW) is None
        assert next_day_due([session(7, 1, status=SessionStatus.INTERRUPTED)], trained,
                            NOW) is None
        # The latest session is the one asked about.
        assert next_day_due([session(6, 2), yesterday], {6, 7}, NOW) == yesterday
        assert next_day_due([yesterday], trained, NOW + timedelta(days=5)) is None
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_the_latest_rated_session_decides_for_a_week():
    sessions = [session(1, 5, pain=6), session(2, 2, pain=2)]
    assert latest_verdict(sessions, NOW) is None                 # the last one was fine
    sessions = [session(1, 5, pain=2), session(2, 2, pain=4)]
    assert latest_verdict(sessions, NOW).advice is Advice.EASE
    assert latest_verdict(sessions, NOW + timedelta(days=10)) is None   # old news
    assert latest_verdict([], NOW) is None


def test_every_answer_key_is_per_leg_or_whole_person():
    keys = {answer_key(q.key, side) for q in QUESTIONS
            for side in (ANKLES if q.per_side else (None,))}
    assert "calf.left" in keys and "calf.right" in keys and "neuropathy" in keys
