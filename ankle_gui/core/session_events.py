"""What the session engine reports back: events for the screen, the speakers and the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ankle_gui.core.records import CompletedSet
from ankle_gui.core.timing import Countdown

# Only long timers announce "Ten seconds."; on a 15 s side switch it would just be noise.
TEN_SECONDS_FROM_S = 20.0
BEEP_SECONDS = (3, 2, 1)


class EventKind(StrEnum):
    STEP = "step"            # a new step is showing: phase-change tone, then ``text`` spoken
    SAY = "say"              # a spoken line only
    BEEP = "beep"            # one of the last three seconds
    TICK = "tick"            # a paced rep starts
    REP = "rep"              # the rep count changed
    SEGMENT = "segment"      # a paced rep moved to its next part
    SET_DONE = "set_done"    # store ``done``, then call set_saved()
    PAUSED = "paused"
    RESUMED = "resumed"
    SLEPT = "slept"          # the computer slept mid-timer: paused instead of jumping
    FINISHED = "finished"    # every step done
    STOPPED = "stopped"      # ended early; ``reason`` is user, pain or quit


class EndReason(StrEnum):
    """Why a session ended; the store keeps it as the session's status and stop reason."""

    DONE = "done"   # every step finished
    USER = "user"   # Stop or Esc
    PAIN = "pain"   # Sharp pain – stop
    QUIT = "quit"   # the window closed mid-session: the session is interrupted


@dataclass(frozen=True)
class Event:
    kind: EventKind
    text: str = ""
    done: CompletedSet | None = None
    replaces: bool = False   # the set redoes one already stored (after Back)
    reason: str = ""         # STOPPED: an EndReason


class EngineError(RuntimeError):
    """A command the engine cannot take in its current state (a programming error)."""


@dataclass
class CountdownAnnouncer:
    """"Ten seconds." once, and one beep for each of the last three seconds.

    When a poll comes late and skips several seconds, only the latest is announced:
    a burst of stale beeps would be worse than none.
    """

    announced: set[int] = field(default_factory=set)

    def check(self, timer: Countdown, now: float) -> list[Event]:
        shown = timer.shown_seconds(now)
        events: list[Event] = []
        if (3 < shown <= 10 and 10 not in self.announced
                and timer.length >= TEN_SECONDS_FROM_S):
            self.announced.add(10)
            events.append(Event(EventKind.SAY, "Ten seconds."))
        if shown in BEEP_SECONDS and shown not in self.announced:
            self.announced.update(s for s in BEEP_SECONDS if s >= shown)
            events.append(Event(EventKind.BEEP))
        if shown > 10:
            self.announced.discard(10)  # +10 s took it back above ten: say it again later
        if shown > 3:
            self.announced.difference_update(BEEP_SECONDS)
        return events
