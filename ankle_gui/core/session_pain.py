"""Pain and effort after sessions, as the Progress page and the report show them.

A session that has ended (finished or stopped, or closed or interrupted but rated) is listed
with its ratings; one without a rating reads "not rated", never 0: 0 means "no pain".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from ankle_gui.core.clock import local_display
from ankle_gui.core.progress_series import SessionDone

NOT_RATED = "not rated"
ENDED = ("completed", "stopped")


@dataclass(frozen=True)
class RatedSession:
    t: float
    pain: int | None
    effort: int | None

    @property
    def day(self) -> str:
        return local_display(datetime.fromtimestamp(self.t, UTC), with_time=False)


def rating_text(value: int | None) -> str:
    return NOT_RATED if value is None else f"{value}/10"


def ended_sessions(sessions: list[SessionDone]) -> list[RatedSession]:
    """The sessions a rating belongs to, oldest first: those that ended, and any rated."""
    return [RatedSession(s.t, s.pain, s.effort) for s in sessions
            if s.status in ENDED or s.pain is not None or s.effort is not None]


def pain_words(sessions: list[RatedSession]) -> str:
    """One or two sentences for the Progress page's summary and the report."""
    if not sessions:
        return "Pain after sessions: no session in this range."
    rated = [s for s in sessions if s.pain is not None]
    count = (f"{len(rated)} of {len(sessions)} session{'s' if len(sessions) != 1 else ''} "
             "rated")
    if not rated:
        return f"Pain after sessions: not rated yet ({count})."
    latest = rated[-1]
    worst = max(rated, key=lambda s: (s.pain, s.t))
    text = f"Pain after sessions: latest {latest.pain}/10 ({latest.day})"
    if worst is not latest:
        text += f", highest {worst.pain}/10 ({worst.day})"
    return f"{text}; {count}."
