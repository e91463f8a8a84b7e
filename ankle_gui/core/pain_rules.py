"""Pain rules at home: how much a drill may hurt, and whether it settled by the next morning.

The pain-monitoring model (Silbernagel et al. 2007, after Thomeé 1997) lets exercise go on
while pain during it stays within an acceptable zone (up to 5/10 there), settles by the next
morning, and does not build from week to week. For mobilisations done alone at home the app
keeps a stricter limit of 3/10, its own cautious choice: a stretch or mild discomfort is
expected, more is not. The seeds ask for end range that is "comfortable" (Rusin) and the app's
player stops at sharp pain.

What the app does with it:
- after a session, the 0–10 rating of pain during the drills (services/session_ratings.py);
- the next day (by the local calendar, from an injected clock), one question: has the ankle
  settled back to how it was before the session?
- when a rule is broken it says what to do: above 3/10, or not settled, ease the dose; 5/10
  or more, or not settled after two sessions in a row, pause and see the physio. The
  clinician's dashboard flags it (core/dashboard.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from ankle_gui.core.clock import from_utc_iso, to_local
from ankle_gui.core.records import SessionStatus, TrainingSession

PAIN_OK_MAX = 3          # of 10, during a drill, at home (the app's limit)
PAIN_SEE_PHYSIO_AT = 5   # of 10: beyond the acceptable zone of the pain-monitoring model
# The next-day question is asked on the days after a session, up to this many.
ASK_WITHIN_DAYS = 2
PAIN_RULE_SOURCE = ("Silbernagel et al. 2007, pain-monitoring model (after Thomeé 1997); "
                    "3/10 at home is the app's own stricter limit")
NEXT_DAY_QUESTION = "Has the ankle settled back to how it was before the session?"
ENDED = (SessionStatus.COMPLETED, SessionStatus.STOPPED)


class Advice(StrEnum):
    CARRY_ON = "carry_on"
    EASE = "ease"
    SEE_PHYSIO = "see_physio"


@dataclass(frozen=True)
class PainVerdict:
    """What the pain rules say about one session, and why."""

    advice: Advice
    session: TrainingSession
    pain: int | None = None          # during the drills, when above the home limit
    not_settled: bool = False        # not back to normal by the next morning
    twice: bool = False              # ...after the session before it too

    @property
    def broken(self) -> bool:
        return self.advice is not Advice.CARRY_ON

    @property
    def reasons(self) -> tuple[str, ...]:
        """Which rules were broken, in the patient's words."""
        day = _day_words(self.session)
        out = []
        if self.pain is not None:
            out.append(f"On {day} you rated the pain during the drills {self.pain}/10, more "
                       f"than the {PAIN_OK_MAX}/10 they may cause at home.")
        if self.twice:
            out.append("The ankle had not settled by the next morning, for the second "
                       "session in a row.")
        elif self.not_settled:
            out.append(f"The ankle had not settled by the morning after the session on {day}.")
        return tuple(out)

    def words(self) -> str:
        """The patient's words: what happened, and what to do."""
        reasons = " ".join(self.reasons)
        if self.advice is Advice.SEE_PHYSIO:
            return (f"{reasons} Pause the drills that hurt and see your physio before the next "
                    "session.")
        if self.advice is Advice.EASE:
            return (f"{reasons} Ease the dose next time: fewer reps or rounds, stop short of "
                    "the end of the range, and skip any drill that hurt. If it still does not "
                    "settle, see your physio.")
        return f"The session on {_day_words(self.session)} stayed within the pain limits."

    def clinician_words(self) -> str:
        """The clinician's words (the dashboard's flag)."""
        day = _day_words(self.session)
        facts = []
        if self.pain is not None:
            facts.append(f"pain {self.pain}/10 during the session on {day} (home limit "
                         f"{PAIN_OK_MAX}/10)")
        if self.twice:
            facts.append("not settled by the next morning, two sessions running")
        elif self.not_settled:
            facts.append(f"not settled by the morning after the session on {day}")
        told = {Advice.EASE: "told to ease the dose",
                Advice.SEE_PHYSIO: "told to pause the drills that hurt and see you",
                Advice.CARRY_ON: "told to carry on"}[self.advice]
        text = "; ".join(facts)
        return f"{text[:1].upper()}{text[1:]}: {told}."


def _day_words(session: TrainingSession) -> str:
    return to_local(from_utc_iso(session.started_at)).strftime("%Y-%m-%d")


def local_day(moment: datetime) -> date:
    return to_local(moment).date()


def session_day(session: TrainingSession) -> date:
    return local_day(from_utc_iso(session.started_at))


def next_day_due(sessions: Sequence[TrainingSession], trained_ids: set[int],
                 now: datetime) -> TrainingSession | None:
    """The session to ask "has it settled?" about now, if any: the latest session that
    trained, ended on an earlier local day (up to ASK_WITHIN_DAYS before), and has no answer
    or skip yet. Only the latest is asked about: an older one is past remembering."""
    today = local_day(now)
    done = [s for s in sessions if s.id in trained_ids and s.status in ENDED]
    if not done:
        return None
    latest = max(done, key=lambda s: s.started_at)
    days = (today - session_day(latest)).days
    if latest.settled_asked_at is not None or not 1 <= days <= ASK_WITHIN_DAYS:
        return None
    return latest


def verdict(session: TrainingSession, earlier: Sequence[TrainingSession] = ()) -> PainVerdict:
    """What the pain rules say about one session; ``earlier``: the sessions before it
    (newest last), for "not settled two sessions in a row"."""
    advice = Advice.CARRY_ON
    pain = session.pain
    over = pain if pain is not None and pain > PAIN_OK_MAX else None
    if over is not None:
        advice = Advice.SEE_PHYSIO if over >= PAIN_SEE_PHYSIO_AT else Advice.EASE
    not_settled = session.settled_next_day is False
    twice = False
    if not_settled:
        before = [s for s in earlier if s.settled_asked_at is not None]
        twice = bool(before) and before[-1].settled_next_day is False
        if twice:
            advice = Advice.SEE_PHYSIO
        elif advice is Advice.CARRY_ON:
            advice = Advice.EASE
    return PainVerdict(advice, session, over, not_settled, twice)


def latest_verdict(sessions: Sequence[TrainingSession], now: datetime,
                   within_days: int = 7) -> PainVerdict | None:
    """The verdict of the latest rated or answered session of the last ``within_days``,
    if it broke a rule (None: nothing to say)."""
    judged = sorted((s for s in sessions
                     if s.pain is not None or s.settled_next_day is not None),
                    key=lambda s: s.started_at)
    if not judged:
        return None
    latest = judged[-1]
    if (local_day(now) - session_day(latest)).days > within_days:
        return None
    found = verdict(latest, judged[:-1])
    return found if found.broken else None
