"""What the player shows for the engine's current state, as plain text (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass

from ankle_gui.core.records import BOTH_TOGETHER, Side
from ankle_gui.core.session import SessionEngine
from ankle_gui.core.steps import StepKind, rep_segments
from ankle_gui.core.timing import clock_seconds, clock_text


@dataclass(frozen=True)
class PlayerView:
    kind: StepKind
    title: str
    side: Side
    side_text: str            # "LEFT ankle": the side in words, beside its colour
    cue: str                  # rich text: the pacing cue with the current part in bold
    counter: str              # "7 / 12" for counting steps, "" otherwise
    time: str                 # "01:23" for timer steps, "" otherwise
    status: str               # "7 / 12 · round 1 of 2 · LEFT ankle"
    progress: float           # 0..1 through this step
    primary: str              # label of the big button
    details: tuple[str, ...]
    step_label: str           # "Step 3 of 12 · Banded ankle mob"
    hint: str                 # what to do next, in a few words
    state: str = ""           # what is happening, as one of PLAYER_STATES: sets the colours
    state_word: str = ""      # the same in one or two large words, read from across the room
    get_ready: str = ""       # "5", "4", … while the get-ready countdown runs, else ""
    space_counts_rep: bool = False  # Space counts a rep: Count rep, not Pause, is the primary


# Each state has its own colour and large word on screen, so it can be told from 2 m.
PLAYER_STATES = ("setup", "waiting", "get_ready", "work", "hold_still", "rest", "switch",
                 "paused", "done")


def side_text(side: Side) -> str:
    return BOTH_TOGETHER if side is Side.BOTH else f"{side.label} ankle"


def _cue_html(engine: SessionEngine) -> str:
    step = engine.step
    if not engine.step.kind.counts_reps or not step.rep_cue:
        return _escape(step.cue)
    head = f"{_escape(step.cue)}<br>" if step.kind is StepKind.DIRECTION else ""
    current = engine.segment()
    parts = []
    for seg in rep_segments(step.rep_cue, step.rep_hold_s):
        text = _escape(seg.text)
        if current is not None and seg.text == current.text:
            parts.append(f"<b><u>{text}</u></b>")
        else:
            parts.append(text)
    if engine.is_paced_reps and current is None and engine.running:
        return head + "Get ready…"
    return head + " – ".join(parts)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _primary(engine: SessionEngine) -> str:
    if engine.ended:
        return "Finished"
    if engine.pending is not None:
        return "Saving…"
    if engine.waiting_for_space:
        return "Start set"
    if engine.waiting:
        return "Resume" if engine.step.kind is not StepKind.SETUP and engine.index else "Start"
    if engine.running:
        return "Pause"
    return "Resume"


def _hint(engine: SessionEngine) -> str:
    kind = engine.step.kind
    if engine.ended:
        return ""
    if engine.slept:
        return "The computer was asleep, so the timer paused. Press Space to carry on."
    if engine.waiting_for_space:
        return "Press Space when you are in position for the next set."
    if engine.waiting:
        return "Press Space (or Start) when you are ready."
    if engine.paused:
        return "Paused. Press Space to carry on."
    if engine.getting_ready:
        return "Get into position: the set starts when the countdown ends."
    if kind.counts_reps and not engine.paced:
        return "Press Space or tap the number after each rep."
    if kind.counts_reps:
        return "Follow the beat: one tick per rep."
    if kind in (StepKind.REST, StepKind.SWITCH_SIDE):
        return "Press N to go on now."
    return ""


def _state(engine: SessionEngine) -> tuple[str, str]:
    """What is happening now, and the word for it (see PLAYER_STATES)."""
    kind = engine.step.kind
    if engine.ended:
        return "done", "WELL DONE" if engine.ended == "done" else "STOPPED"
    if engine.paused:
        return "paused", "PAUSED"
    if engine.waiting:
        return ("setup", "GET SET UP") if kind is StepKind.SETUP else ("waiting", "READY?")
    if engine.getting_ready:
        return "get_ready", "GET READY"
    if kind is StepKind.REST:
        return "rest", "REST"
    if kind is StepKind.SWITCH_SIDE:
        return "switch", "SWITCH SIDE"
    segment = engine.segment()
    if segment is not None:   # paced reps: the part of the rep happening now, in big letters
        return ("hold_still" if segment.is_hold else "work"), segment.text.upper()
    return ("hold_still" if kind is StepKind.HOLD else "work"), kind.label.upper()


def describe(engine: SessionEngine) -> PlayerView:
    step = engine.step
    kind = step.kind
    counter = time = ""
    progress = 0.0
    if kind.counts_reps:
        target = step.reps or 0
        counter = f"{engine.reps} / {target}"
        progress = engine.reps / target if target else 0.0
    remaining = engine.remaining()
    length = engine.timer_length()
    if remaining is not None and length:
        time = clock_text(remaining)
        progress = max(0.0, min(1.0, 1 - remaining / length))
    if kind is StepKind.DONE:
        progress = 1.0
    status_parts = []
    if kind.counts_reps:
        status_parts.append(counter)
    elif time:
        status_parts.append(time)
    if kind.is_work and step.rounds > 1:
        status_parts.append(f"round {step.round} of {step.rounds}")
    if step.part and kind is not StepKind.DIRECTION:
        status_parts.append(step.part)
    if kind is StepKind.DIRECTION:
        status_parts.append(f"direction: {step.part}")
    if kind is not StepKind.DONE:
        status_parts.append(side_text(step.side))
    work_total = engine.work_steps_total()
    step_label = ""
    if kind is not StepKind.DONE:
        done_before = engine.work_steps_before()
        step_label = (f"Part {min(done_before + 1, work_total)} of {work_total}"
                      f" · {step.drill_name}")
    state, state_word = _state(engine)
    get_ready = engine.get_ready_remaining()
    return PlayerView(
        state=state, state_word=state_word,
        get_ready="" if get_ready is None else clock_seconds(get_ready),
        kind=kind, title=step.title, side=step.side, side_text=side_text(step.side),
        cue=_cue_html(engine), counter=counter, time=time, status=" · ".join(status_parts),
        progress=progress, primary=_primary(engine), details=step.details,
        step_label=step_label, hint=_hint(engine), space_counts_rep=engine.space_counts_rep)
