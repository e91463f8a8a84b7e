"""The session engine: walks through the steps, driven by an injected monotonic clock.

Pure Python. The Qt layer polls it and turns the events it returns into screen updates,
sounds and speech. A finished work step becomes a CompletedSet that the caller must
store and then confirm with ``set_saved()``; until then the engine does not move on, so
a set is always on disk before the next step begins.
"""

# Long file: one state machine (steps, timers, reps, pauses, ends); its transitions
# read best side by side.

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.clock import to_utc_iso, utc_now
from ankle_gui.core.plan import PlanItem
from ankle_gui.core.records import CompletedSet, SetOutcome
from ankle_gui.core.session_events import (
    CountdownAnnouncer,
    EndReason,
    EngineError,
    Event,
    EventKind,
)
from ankle_gui.core.steps import (
    LEAD_IN_S,
    SWITCH_SIDE_S,
    RepSegment,
    Step,
    StepKind,
    build_steps,
    rep_period,
    rep_segments,
    resume_index,
)
from ankle_gui.core.timing import Countdown, Stopwatch

# A gap this long between two polls of a running timer means the computer slept.
SLEEP_GAP_S = 5.0
# Adjacent steps share a boundary when the set was saved promptly, so chained timers
# (pulses, then hold) do not drift by the time a save takes.
HANDOFF_GRACE_S = 1.0


class SessionEngine:
    def __init__(self, steps: list[Step], clock: Callable[[], float], *,
                 wall: Callable[[], datetime] = utc_now, paced: bool = False,
                 start_step: int = 0, recorded: set[int] | None = None,
                 get_ready_s: float = 0.0, wait_for_space: bool = False):
        if not steps or steps[-1].kind is not StepKind.DONE:
            raise ValueError("a session needs steps ending with a DONE step")
        self.steps = steps
        self._clock = clock
        self._wall = wall
        self.paced = paced
        # Before each set: a countdown to get into position (0 = none), and whether a set
        # that would start by itself after a rest, switch or set first waits for Space.
        self.get_ready_s = max(0.0, float(get_ready_s))
        self.wait_for_space = wait_for_space
        self._get_ready: Countdown | None = None
        self._get_ready_announcer = CountdownAnnouncer()
        self._held_for_space = False  # waiting only because of wait_for_space
        self._recorded: set[int] = set(recorded or ())
        self._index = max(0, min(start_step, len(steps) - 1))
        self._resumed = start_step > 0
        self._begun = False
        self._last_seen = clock()
        self._timer: Countdown | None = None
        self._segment_timer: Countdown | None = None
        self._segment = -1           # -1 = lead-in before the first paced rep
        self._active = Stopwatch()
        self._reps = 0
        self._running = False
        self._waiting = True         # on screen, not started yet (setup, or after resume)
        self._step_started_wall = ""
        self._pending: CompletedSet | None = None
        self._announcer = CountdownAnnouncer()
        self._handoff_at = 0.0
        self.ended: EndReason | None = None  # None while going
        self.slept = False           # the current pause came from a sleeping computer

    # ----- construction helpers -------------------------------------------------------------
    @classmethod
    def for_plan(cls, items: list[PlanItem], catalogue: Catalogue, clock: Callable[[], float],
                 *, switch_side_s: float = SWITCH_SIDE_S, **kwargs: Any) -> SessionEngine:
        return cls(build_steps(items, catalogue, switch_side_s=switch_side_s), clock, **kwargs)

    @classmethod
    def resumed(cls, items: list[PlanItem], catalogue: Catalogue, clock: Callable[[], float],
                stored_sets: list[CompletedSet], *, switch_side_s: float = SWITCH_SIDE_S,
                **kwargs: Any) -> SessionEngine:
        """Pick an interrupted session up at the step after its last stored set."""
        steps = build_steps(items, catalogue, switch_side_s=switch_side_s)
        indexes = [s.step_index for s in stored_sets]
        return cls(steps, clock, start_step=resume_index(steps, indexes),
                   recorded=set(indexes), **kwargs)

    # ----- what the screen shows ------------------------------------------------------------
    @property
    def index(self) -> int:
        return self._index

    @property
    def step(self) -> Step:
        return self.steps[self._index]

    @property
    def running(self) -> bool:
        return self._running

    @property
    def waiting(self) -> bool:
        """Shown but not started: the big button says Start."""
        return self._waiting and self.ended is None

    @property
    def paused(self) -> bool:
        return not self._running and not self._waiting and self.ended is None

    @property
    def clock_driven(self) -> bool:
        """The clock moves this phase on by itself: a timer, the get-ready countdown, or
        paced reps. Self-paced reps wait for the person's Space, as a set waiting to start
        or a pause does (clinic mode's idle lock counts only the former as activity)."""
        if not self._running or self._blocked():
            return False
        return self._get_ready is not None or self._timer is not None or self.is_paced_reps

    @property
    def getting_ready(self) -> bool:
        """The get-ready countdown before a set is on (running or paused)."""
        return self._get_ready is not None and self.ended is None

    @property
    def waiting_for_space(self) -> bool:
        """A set that would have started by itself waits for Space (the person asked so)."""
        return self.waiting and self._held_for_space

    def get_ready_remaining(self) -> float | None:
        if not self.getting_ready or self._get_ready is None:
            return None
        return self._get_ready.remaining(self._clock())

    @property
    def pending(self) -> CompletedSet | None:
        return self._pending

    @property
    def reps(self) -> int:
        return self._reps

    @property
    def space_counts_rep(self) -> bool:
        """Space counts a rep now (self-paced reps under way, or about to start), rather
        than pausing: the player highlights its Count rep button then."""
        return (not self._blocked() and not self._waiting and self._running
                and self.step.kind.counts_reps and not self.paced)

    @property
    def is_paced_reps(self) -> bool:
        return self.paced and self.step.kind.counts_reps

    def remaining(self) -> float | None:
        """Seconds left on the step's countdown, or None for a step without one."""
        return self._timer.remaining(self._clock()) if self._timer else None

    def timer_length(self) -> float | None:
        return self._timer.length if self._timer else None

    def active_seconds(self) -> float:
        return self._active.elapsed(self._clock())

    def segment(self) -> RepSegment | None:
        """The part of a paced rep happening now (None in the lead-in or self-paced)."""
        if not self.is_paced_reps or self._segment < 0:
            return None
        return self._segments()[self._segment]

    def segment_remaining(self) -> float | None:
        return self._segment_timer.remaining(self._clock()) if self._segment_timer else None

    def rep_position(self) -> float | None:
        """Seconds into the current paced rep (None in the lead-in or self-paced): what the
        drill's figure follows to stay in step with the tick."""
        segment, left = self.segment(), self.segment_remaining()
        if segment is None or left is None:
            return None
        before = sum(s.seconds for s in self._segments()[:self._segment])
        return before + segment.seconds - left

    def rep_seconds(self) -> float:
        """How long one paced rep of this step lasts."""
        return rep_period(self.step.rep_cue, self.step.rep_hold_s)

    def work_steps_total(self) -> int:
        return sum(1 for s in self.steps if s.kind.is_work)

    def work_steps_before(self) -> int:
        return sum(1 for s in self.steps[: self._index] if s.kind.is_work)

    # ----- commands: each returns the events it caused --------------------------------------
    def begin(self) -> list[Event]:
        """Show the first step (or the step a resumed session continues at)."""
        if self._begun:
            raise EngineError("begin() was already called")
        self._begun = True
        now = self._clock()
        self._last_seen = now
        events = self._enter(self._index, now, start=False)
        if self._resumed:
            events.insert(0, Event(EventKind.SAY, "Welcome back. Press Start to carry on."))
        return events

    def poll(self) -> list[Event]:
        """Move time forward to now. Call often (every few hundred ms at most)."""
        now = self._clock()
        previous, self._last_seen = self._last_seen, now
        if self.ended or self._pending or not self._running:
            return []
        if now - previous > SLEEP_GAP_S:
            # Freeze the step where it was when we last looked, not where the clock is now.
            self._pause_at(previous)
            self.slept = True
            return [Event(EventKind.SLEPT, "The computer was asleep, so the timer is paused.")]
        return self._advance(now)

    def primary(self) -> list[Event]:
        """Space: start a waiting step, count a self-paced rep, otherwise pause or resume."""
        events = self.poll()
        if self._blocked():
            return events
        if self._waiting:
            return events + self._start_waiting()
        if self.space_counts_rep:
            return events + self.count_rep()
        return events + self.toggle_pause()

    def toggle_pause(self) -> list[Event]:
        events = self.poll()
        if self._blocked():
            return events
        if self._waiting:
            return events + self._start_waiting()
        if self._running:
            self._pause_at(self._clock())
            return events + [Event(EventKind.PAUSED, "Paused.")]
        return events + self._resume()

    def pause(self) -> list[Event]:
        events = self.poll()
        if self._running and not self._blocked():
            self._pause_at(self._clock())
            events.append(Event(EventKind.PAUSED, "Paused."))
        return events

    def count_rep(self) -> list[Event]:
        """One rep done (self-paced). Reaching the target finishes the step."""
        events = self.poll()
        if self._blocked() or not self.step.kind.counts_reps:
            return events
        if self._waiting or not self._running:
            events += self._resume() if not self._waiting else self._start_waiting()
        if self._get_ready is not None:   # a rep counted means they have started
            events += self._go(self._clock())
        return events + self._add_rep(self._clock())

    def undo_rep(self) -> list[Event]:
        events = self.poll()
        if self._blocked() or not self.step.kind.counts_reps or self._reps == 0:
            return events
        self._reps -= 1
        return events + [Event(EventKind.REP)]

    def next(self) -> list[Event]:
        """N: finish this step now. A work step cut short is stored as skipped."""
        events = self.poll()
        if self._blocked():
            return events
        now = self._clock()
        step = self.step
        if step.kind.is_work:
            done_enough = (step.kind.counts_reps and self._reps >= (step.reps or 0))
            outcome = SetOutcome.COMPLETED if done_enough else SetOutcome.SKIPPED
            return events + self._finish_work(now, outcome)
        return events + self._enter(self._index + 1, now)

    def back(self) -> list[Event]:
        """B: redo the previous step (rests and side switches are passed over)."""
        events = self.poll()
        if self._blocked():
            return events
        target = self._index - 1
        while target > 0 and self.steps[target].kind in (StepKind.REST, StepKind.SWITCH_SIDE):
            target -= 1
        if target < 0:
            return events
        return events + self._enter(target, self._clock())

    def add_time(self, seconds: float) -> list[Event]:
        """+10 s / −10 s on the countdown; taking off more than is left ends the timer."""
        events = self.poll()
        if self._blocked() or self._timer is None:
            return events
        now = self._clock()
        self._timer.add(seconds, now)
        if self._running:
            events += self._advance(now)
        return events

    def set_paced(self, paced: bool) -> list[Event]:
        events = self.poll()
        if paced == self.paced:
            return events
        self.paced = paced
        if self.step.kind.counts_reps and not self.ended:
            self._segment = -1
            self._segment_timer = None
            if paced and self._running and self._get_ready is None:
                self._segment_timer = Countdown(LEAD_IN_S, self._clock())
        return events

    def change_timings(self, get_ready_s: float, switch_side_s: float,
                       wait_for_space: bool) -> None:
        """New timings mid-session: they apply from the next set or side switch on."""
        self.get_ready_s = max(0.0, float(get_ready_s))
        self.wait_for_space = wait_for_space
        self.steps = [replace(s, seconds=float(switch_side_s))
                      if s.kind is StepKind.SWITCH_SIDE and s.index > self._index else s
                      for s in self.steps]

    def stop(self, reason: EndReason = EndReason.USER) -> list[Event]:
        """Esc or closing the window: end now. An unfinished set is not stored."""
        self.poll()
        if self.ended:
            return []
        self._halt(EndReason(reason))
        return [Event(EventKind.STOPPED, reason=EndReason(reason))]

    def stop_for_pain(self) -> list[Event]:
        """Sharp pain: store what was done of this set as 'pain', then end the session."""
        self.poll()
        if self.ended:
            return []
        events: list[Event] = []
        now = self._clock()
        if self.step.kind.is_work and not self._pending:
            events += self._finish_work(now, SetOutcome.PAIN)
        self._halt(EndReason.PAIN)
        return events + [Event(EventKind.STOPPED, "Stopped.", reason=EndReason.PAIN)]

    def set_saved(self) -> list[Event]:
        """The pending set is on disk: move on to the next step."""
        if self._pending is None:
            raise EngineError("there is no set waiting to be saved")
        self._recorded.add(self._pending.step_index)
        self._pending = None
        if self.ended:
            return []
        now = self._clock()
        self._last_seen = now
        at = self._handoff_at if now - self._handoff_at <= HANDOFF_GRACE_S else now
        events = self._enter(self._index + 1, at, by_itself=True)
        if self._running:
            events += self._advance(now)
        return events

    # ----- internals ------------------------------------------------------------------------
    def _blocked(self) -> bool:
        return bool(self.ended) or self._pending is not None or not self._begun

    def _segments(self) -> tuple[RepSegment, ...]:
        return rep_segments(self.step.rep_cue, self.step.rep_hold_s)

    def _continues_previous(self, index: int) -> bool:
        """A hold straight after its pulses: one stretch, so it flows on without get-ready."""
        step, before = self.steps[index], self.steps[index - 1] if index else None
        return (before is not None and step.kind is StepKind.HOLD
                and before.kind is StepKind.OSCILLATION and before.side is step.side
                and before.item_index == step.item_index and before.round == step.round)

    def _enter(self, index: int, at: float, start: bool = True,
               by_itself: bool = False) -> list[Event]:
        """Show step ``index``. ``by_itself``: the last step ended on its own, not by a key."""
        index = max(0, min(index, len(self.steps) - 1))
        self._index = index
        step = self.steps[index]
        self._reps = 0
        self._active = Stopwatch()
        self._timer = None
        if step.kind.is_timer:
            assert step.seconds is not None, "a timer step always has its length"
            self._timer = Countdown(step.seconds, at)
        self._segment = -1
        self._segment_timer = None
        self._get_ready = None
        self._step_started_wall = to_utc_iso(self._wall())
        self._announcer = CountdownAnnouncer()
        self.slept = False
        events = [Event(EventKind.STEP, step.say)]
        if step.kind is StepKind.DONE:
            self._running = False
            self._waiting = False
            self.ended = EndReason.DONE
            return events + [Event(EventKind.FINISHED)]
        # A hold flowing on from its pulses is one stretch; redone with B it starts afresh.
        starts_set = step.kind.is_work and not (by_itself and self._continues_previous(index))
        self._held_for_space = start and starts_set and by_itself and self.wait_for_space
        if step.kind is StepKind.SETUP or not start or self._held_for_space:
            self._waiting = True
            self._running = False
            if self._timer:
                self._timer.pause(at)
            return events
        self._waiting = False
        self._running = True
        if starts_set and self.get_ready_s > 0:
            return events + self._begin_get_ready(at)
        self._active.start(at)
        if self.is_paced_reps:
            self._segment_timer = Countdown(LEAD_IN_S, at)
        return events

    def _start_waiting(self) -> list[Event]:
        now = self._clock()
        if self.step.kind is StepKind.SETUP:
            return self._enter(self._index + 1, now)
        self._waiting = False
        if self.step.kind.is_work and self.get_ready_s > 0:
            self._running = True
            return [Event(EventKind.RESUMED)] + self._begin_get_ready(now)
        return self._resume()

    def _begin_get_ready(self, at: float) -> list[Event]:
        """The set's own timer waits while a short countdown lets the person get in place."""
        if self._timer:
            self._timer.pause(at)
        self._get_ready = Countdown(self.get_ready_s, at)
        self._get_ready_announcer = CountdownAnnouncer()
        return [Event(EventKind.SAY, "Get ready.")]

    def _go(self, at: float) -> list[Event]:
        """Get-ready is over: the set itself starts now."""
        self._get_ready = None
        self._active.start(at)
        if self._timer:
            self._timer.resume(at)
        if self.is_paced_reps:   # the get-ready was the lead-in: the first beat comes at once
            self._segment_timer = Countdown(0, at)
        return [Event(EventKind.SAY, "Go.")]

    def _pause_at(self, at: float) -> None:
        self._running = False
        self._active.stop(at)
        for timer in (self._timer, self._segment_timer, self._get_ready):
            if timer:
                timer.pause(at)

    def _resume(self) -> list[Event]:
        now = self._clock()
        self._running = True
        self._waiting = False
        self.slept = False
        if self._get_ready is not None:   # paused during get-ready: carry on counting down
            self._get_ready.resume(now)
            return [Event(EventKind.RESUMED, "Go.")]
        self._active.start(now)
        if self.is_paced_reps and self._segment_timer is None:
            self._segment_timer = Countdown(LEAD_IN_S, now)
        for timer in (self._timer, self._segment_timer):
            if timer:
                timer.resume(now)
        return [Event(EventKind.RESUMED, "Go.")]

    def _halt(self, reason: EndReason) -> None:
        now = self._clock()
        self._pause_at(now)
        self._waiting = False
        self.ended = reason

    def _add_rep(self, at: float) -> list[Event]:
        self._reps += 1
        events = [Event(EventKind.REP)]
        target = self.step.reps or 0
        if self._reps >= target:
            events += self._finish_work(at, SetOutcome.COMPLETED)
        return events

    def _advance(self, now: float) -> list[Event]:
        """Everything due up to ``now``, at the moment it was due (never late-shifted)."""
        events: list[Event] = []
        while True:
            if not self._running or self._pending or self.ended:
                break
            if self._get_ready is not None:
                events += self._get_ready_announcer.check(self._get_ready, now)
                due = self._get_ready.deadline
                if due is None or due > now:
                    break
                events += self._go(due)
                continue
            if self.is_paced_reps and self._segment_timer is not None:
                due = self._segment_timer.deadline
                if due is None or due > now:
                    break
                events += self._next_segment(due)
                continue
            if self._timer is not None:
                events += self._announcer.check(self._timer, now)
                due = self._timer.deadline
                if due is None or due > now:
                    break
                if self.step.kind.is_work:
                    events += self._finish_work(due, SetOutcome.COMPLETED)
                else:
                    events += self._enter(self._index + 1, due, by_itself=True)
                continue
            break
        return events

    def _next_segment(self, at: float) -> list[Event]:
        segments = self._segments()
        events: list[Event] = []
        if self._segment == len(segments) - 1:
            events += self._add_rep(at)
            if self._pending:
                return events
            self._segment = -1
        self._segment += 1
        seg = segments[self._segment]
        self._segment_timer = Countdown(seg.seconds, at)
        if self._segment == 0:
            events.append(Event(EventKind.TICK))
        events.append(Event(EventKind.SEGMENT, seg.text))
        return events

    def _finish_work(self, at: float, outcome: SetOutcome) -> list[Event]:
        step = self.step
        self._pause_at(at)
        seconds = round(self._active.elapsed(at), 3)
        ended_wall = max(self._step_started_wall, to_utc_iso(self._wall()))
        done = CompletedSet(
            step_index=step.index, drill_id=step.drill_id, side=step.side, round=step.round,
            started_at=self._step_started_wall, ended_at=ended_wall, outcome=outcome,
            part=step.part,
            reps_done=self._reps if step.kind.counts_reps else None,
            reps_target=step.reps if step.kind.counts_reps else None,
            seconds_done=None if step.kind.counts_reps else seconds,
            seconds_target=step.seconds,
        )
        self._pending = done
        self._handoff_at = at
        return [Event(EventKind.SET_DONE, done=done, replaces=step.index in self._recorded)]

    # ----- for the Qt timer adapter ---------------------------------------------------------
    def next_due(self) -> float | None:
        """When the screen next changes by itself (a shown second, a paced part), or None."""
        if not self._running or self._pending or self.ended:
            return None
        now = self._clock()
        due: list[float] = []
        if self._get_ready is not None and self._get_ready.deadline is not None:
            shown = self._get_ready.shown_seconds(now)
            return self._get_ready.deadline - max(0, shown - 1)
        if self._timer is not None and self._timer.deadline is not None:
            shown = self._timer.shown_seconds(now)
            due.append(self._timer.deadline - max(0, shown - 1))
        if (self.is_paced_reps and self._segment_timer is not None
                and self._segment_timer.deadline is not None):
            due.append(self._segment_timer.deadline)
        return min(due) if due else None
