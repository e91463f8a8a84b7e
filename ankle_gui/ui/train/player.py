"""The drill player: big countdown and rep counter, side in colour and words, hands-free keys.

It owns no rules. The session engine decides; this widget draws what the engine reports,
plays and speaks its cues, and hands each finished set to its ``SetSaver`` (set_saver.py)
before the engine may move on.
"""

# Long file: one screen with its widgets, its keys and what it shows at each step; the
# rules are in core/session.py and the saving of sets in set_saver.py.

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.figure import Motion
from ankle_gui.core.poses import Poses
from ankle_gui.core.session import EventKind, SessionEngine
from ankle_gui.core.session_events import EndReason
from ankle_gui.core.step_view import PlayerView, describe
from ankle_gui.core.steps import Step, StepKind
from ankle_gui.services.preferences import FIGURE_KEY, PACED_KEY, Preferences
from ankle_gui.store import Store
from ankle_gui.ui.common.style import WARN_COLOUR, side_colour
from ankle_gui.ui.drills.drill_figure import DrillFigureView
from ankle_gui.ui.train.big_number import BigNumber
from ankle_gui.ui.train.cues import CueOutput
from ankle_gui.ui.train.engine_ticker import EngineTicker
from ankle_gui.ui.train.fitting_lines import FittingLines
from ankle_gui.ui.train.player_style import KEYS_TEXT, PLAYER_STYLE, state_colour
from ankle_gui.ui.train.set_saver import SaveSet, SetSaver
from ankle_gui.ui.train.wake_lock import ScreenAwake

PULSE_S = 1.0                  # one gentle pulse a second in an oscillation
TIMED_REP_S = 3.0              # the figure's pace in timed work (rolling, a slow stretch)
FIGURE_SHARE = 0.2             # the player's width the figure takes: what the number leaves


class Command(StrEnum):
    """What a button or key asks of the session engine; each value names the engine's method."""

    BACK = "back"
    NEXT = "next"
    ADD_TIME = "add_time"          # with the seconds to add (negative: take away)
    UNDO_REP = "undo_rep"
    COUNT_REP = "count_rep"
    PRIMARY = "primary"            # Space: whatever the step's main action is
    TOGGLE_PAUSE = "toggle_pause"
    PAUSE = "pause"
    SET_PACED = "set_paced"        # with True (paced at the drill's tempo) or False


class Player(QWidget):
    ended = Signal(str)             # an EndReason
    fullScreenToggled = Signal()
    setSaved = Signal(object)       # CompletedSet, once it is on disk
    settingsRequested = Signal()    # the person wants to change their timings

    def __init__(self, store: Store, cues: CueOutput, parent: QWidget | None = None,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self.setObjectName("player")
        self.setStyleSheet(PLAYER_STYLE)
        self._preferences = Preferences(store)
        self.cues = cues
        self.engine: SessionEngine | None = None
        self._saver: SetSaver | None = None
        self._ended_reason: EndReason | None = None
        self.awake = ScreenAwake(self)
        self.ticker = EngineTicker(self.poll, self._next_due, clock=clock, parent=self)
        self.view: PlayerView | None = None
        self._poses: Mapping[str, Poses] = {}
        self._figure_shown: tuple | None = None   # what the figure was last set to show
        self._colour = ""
        self._state = ""
        self._colour_for_side = ""
        self._clock = clock
        self._build()
        self._connect()
        cues.changed.connect(self._refresh_switches)

    # ----- layout ---------------------------------------------------------------------------
    def _label(self, name: str, wrap: bool = True) -> QLabel:
        widget = QLabel()
        widget.setObjectName(name)
        widget.setWordWrap(wrap)
        return widget

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space must never click a button
        return button

    def _build(self) -> None:
        self.titleLabel = self._label("playerTitle")
        self.stepLabel = self._label("stepLabel", wrap=False)
        self.sideLabel = self._label("sideLabel", wrap=False)
        self.cueText = self._label("cueText")
        self.cueText.setTextFormat(Qt.TextFormat.RichText)
        self.repCounter = BigNumber("repCounter")
        self.repCounter.setToolTip("Tap or click to count a rep")
        self.repCounter.setCursor(Qt.CursorShape.PointingHandCursor)
        self.timeRemaining = BigNumber("timeRemaining")
        # Before each set: a large countdown in its own colour, then the set's own number.
        self.getReadyCountdown = BigNumber("getReadyCountdown")
        self.getReadyCountdown.set_sample("00")
        self.getReadyCountdown.set_colour(WARN_COLOUR)   # amber, dark enough on white
        self.getReadyCountdown.hide()
        # The drill's figure beside the big number, moving at the drill's tempo.
        self.figure = DrillFigureView(clock=self._clock)
        self.figure.setToolTip("The drill's movement (G: figure on or off)")
        self.figure.hide()
        # The state in one or two big words on a coloured bar: paused, rest, work, the
        # current part of a paced rep… each can be told apart from across the room.
        self.stateBanner = self._label("stateBanner", wrap=False)
        self.stateBanner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.statusLine = self._label("statusLine")
        self.statusLine.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar()
        self.progress.setObjectName("stepProgress")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.hintLabel = self._label("playerHint")
        # Never let a long setup list push the window taller than a 720-pixel screen, and
        # never show a line cut in half: the lines that fit are shown whole.
        self.detailsLabel = FittingLines("playerDetails")
        self.noteLabel = self._label("playerNote")
        self.saveError = self._label("saveError")
        self.keysHint = self._label("keysHint")
        self.keysHint.setText(KEYS_TEXT)

        self.backButton = self._button("◀ Back", "backButton", "Redo the previous step (B)")
        self.startPauseButton = self._button("Start", "startPauseButton",
                                             "Start, pause or resume (Space)")
        # Self-paced reps only: what Space does there, so it is the highlighted button.
        self.countRepButton = self._button("Count rep (Space)", "countRepButton",
                                           "One rep done (Space, or tap the number)")
        self.countRepButton.hide()
        self.nextButton = self._button("Next ▶", "nextButton", "Go to the next step now (N)")
        self.minusButton = self._button("−10 s", "minusTenButton", "Take 10 s off the timer")
        self.plusButton = self._button("+10 s", "plusTenButton", "Add 10 s to the timer")
        self.undoButton = self._button("Undo rep", "undoButton", "Take back the last rep (U)")
        self.pacedButton = self._button("Pace for me", "pacedButton",
                                        "On: the app counts at the drill's tempo. "
                                        "Off: you count with Space or a tap.")
        self.pacedButton.setCheckable(True)
        # Toggles that show the state (pressed in and "on"); the tooltip says what a click does.
        self.muteButton = self._button("Sound: on", "muteButton", "Turn the sound off (M)")
        self.muteButton.setCheckable(True)
        self.voiceButton = self._button("Voice: on", "voiceButton", "Turn the voice off (V)")
        self.voiceButton.setCheckable(True)
        self.settingsButton = self._button("Timings…", "settingsButton",
                                           "Get-ready time, time to switch sides, and "
                                           "whether each set waits for Space")
        self.fullScreenButton = self._button("Full screen", "fullScreenButton",
                                             "Full screen on or off (F11)")
        self.stopButton = self._button("Stop", "stopButton", "End the session early (Esc)")
        self.painButton = self._button("Sharp pain – stop (P)", "sharpPainButton",
                                       "Stop now and record that it hurt (P)")

        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(self.stepLabel)
        heading.addWidget(self.titleLabel)
        top.addLayout(heading, 1)
        top.addWidget(self.sideLabel, 0, Qt.AlignmentFlag.AlignTop)

        controls = QGridLayout()
        # Count rep shares Start/Pause's cell: hidden, it leaves no gap in the row.
        main_pair = QHBoxLayout()
        main_pair.addWidget(self.countRepButton)
        main_pair.addWidget(self.startPauseButton)
        row1 = (self.backButton, main_pair, self.nextButton, self.minusButton,
                self.plusButton, self.undoButton, self.pacedButton)
        row2 = (self.muteButton, self.voiceButton, self.settingsButton, self.fullScreenButton,
                self.stopButton, self.painButton)
        for col, item in enumerate(row1):
            if isinstance(item, QHBoxLayout):
                controls.addLayout(item, 0, col)
            else:
                controls.addWidget(item, 0, col)
        for col, button in enumerate(row2[:-1]):
            controls.addWidget(button, 1, col)
        controls.addWidget(self.painButton, 1, len(row2) - 1, 1, 2)  # wide: easy to hit

        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 10)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.stateBanner)
        layout.addWidget(self.cueText)
        numbers = QVBoxLayout()
        numbers.setSpacing(0)
        for number in (self.getReadyCountdown, self.repCounter, self.timeRemaining):
            numbers.addWidget(number)
        big_row = QHBoxLayout()
        big_row.addLayout(numbers, 1)
        big_row.addWidget(self.figure)
        layout.addLayout(big_row, 8)
        layout.addWidget(self.statusLine)
        layout.addWidget(self.progress)
        layout.addWidget(self.hintLabel)
        layout.addWidget(self.detailsLabel, 2)
        layout.addWidget(self.saveError)
        layout.addWidget(self.noteLabel)
        layout.addLayout(controls)
        layout.addWidget(self.keysHint)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        # A fixed share, never more: the big number keeps the rest, and its font with it.
        self.figure.setFixedWidth(max(120, int(self.width() * FIGURE_SHARE)))

    def _connect(self) -> None:
        self.startPauseButton.clicked.connect(self.toggle_pause)
        self.countRepButton.clicked.connect(lambda: self._command(Command.COUNT_REP))
        self.backButton.clicked.connect(lambda: self._command(Command.BACK))
        self.nextButton.clicked.connect(lambda: self._command(Command.NEXT))
        self.minusButton.clicked.connect(lambda: self._command(Command.ADD_TIME, -10))
        self.plusButton.clicked.connect(lambda: self._command(Command.ADD_TIME, 10))
        self.undoButton.clicked.connect(lambda: self._command(Command.UNDO_REP))
        self.repCounter.tapped.connect(lambda: self._command(Command.COUNT_REP))
        self.pacedButton.toggled.connect(self._paced_toggled)
        self.muteButton.clicked.connect(self.toggle_sound)
        self.voiceButton.clicked.connect(self.toggle_voice)
        self.settingsButton.clicked.connect(self.settingsRequested)
        self.fullScreenButton.clicked.connect(self.fullScreenToggled)
        self.stopButton.clicked.connect(self.request_stop)
        self.painButton.clicked.connect(self.sharp_pain)
        keys = {
            Qt.Key.Key_Space: self.primary, Qt.Key.Key_N: lambda: self._command(Command.NEXT),
            Qt.Key.Key_B: lambda: self._command(Command.BACK),
            Qt.Key.Key_U: lambda: self._command(Command.UNDO_REP), Qt.Key.Key_M: self.toggle_sound,
            Qt.Key.Key_V: self.toggle_voice, Qt.Key.Key_G: self.toggle_figure,
            Qt.Key.Key_F11: self.fullScreenToggled.emit,
            Qt.Key.Key_Escape: self.request_stop, Qt.Key.Key_P: self.sharp_pain,
        }
        self._shortcuts = []
        for key, action in keys.items():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(action)
            self._shortcuts.append(shortcut)

    # ----- running --------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.engine is not None and self._ended_reason is None

    @property
    def _holding(self) -> bool:
        """A finished set failed to save: nothing moves on until it is saved."""
        return self._saver is not None and self._saver.holding

    def run(self, engine: SessionEngine, save: SaveSet,
            poses: Mapping[str, Poses] | None = None) -> None:
        """Show ``engine``'s session; ``save(set, replaces)`` must put each set on disk.
        ``poses`` are the figures of its drills by id, their bounds already worked out."""
        self.engine = engine
        self._poses = dict(poses or {})
        self._figure_shown = None
        self._saver = SetSaver(save, self.setSaved.emit)
        self._ended_reason = None
        self.saveError.clear()
        paced = self._preferences.get_bool(PACED_KEY, False)
        engine.set_paced(paced)
        self.pacedButton.blockSignals(True)
        self.pacedButton.setChecked(paced)
        self.pacedButton.blockSignals(False)
        self.awake.hold()
        self.cues.prepare()   # voice and sound start in the background; nothing here waits
        self._refresh_switches()
        self._handle(engine.begin())
        self.ticker.start()
        self.setFocus()

    def stop_for_quit(self) -> None:
        """The window is closing: end now, keeping every finished set."""
        if self.running:
            self._handle(self.engine.stop(EndReason.QUIT))

    def primary(self) -> None:
        if self._holding:
            self._retry_save()
            return
        self._command(Command.PRIMARY)

    def toggle_pause(self) -> None:
        if self._holding:
            self._retry_save()
            return
        self._command(Command.TOGGLE_PAUSE)

    def pause(self) -> None:
        """Hold the clock (a dialog is about to take the keyboard); Space carries on."""
        self._command(Command.PAUSE)

    def sharp_pain(self) -> None:
        if self.running:
            self._handle(self.engine.stop_for_pain())

    def request_stop(self) -> None:
        if not self.running:
            return
        was_running = self.engine.running
        if was_running:
            self._handle(self.engine.pause())
        answer = QMessageBox.question(
            self, "Stop the session?",
            "Stop now? Every finished set is already saved; the one in progress is not.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self._handle(self.engine.stop(EndReason.USER))
        elif was_running:
            self._command(Command.TOGGLE_PAUSE)

    def show_full_screen(self, on: bool) -> None:
        self.fullScreenButton.setText("Leave full screen" if on else "Full screen")

    def toggle_sound(self) -> None:
        self.cues.set_sound_muted(not self.cues.sound_muted)

    def toggle_voice(self) -> None:
        self.cues.set_voice_muted(not self.cues.voice_muted)

    @property
    def figure_on(self) -> bool:
        return self._preferences.get_bool(FIGURE_KEY, True)

    def toggle_figure(self) -> None:
        """Off hides the figure, and the big number takes its room back."""
        self._preferences.set(FIGURE_KEY, not self.figure_on)
        self._figure_shown = None
        self._refresh()

    def _paced_toggled(self, paced: bool) -> None:
        self._preferences.set(PACED_KEY, paced)
        self._command(Command.SET_PACED, paced)

    def _command(self, command: Command, *args) -> None:
        if not self.running or self._holding:
            return
        self._handle(getattr(self.engine, Command(command).value)(*args))
        self.ticker.schedule()

    def poll(self) -> None:
        """Bring the screen up to the engine's clock (the ticker calls this; so may tests)."""
        if self.running and not self._holding:
            self._handle(self.engine.poll())
        self._refresh()

    def _next_due(self) -> float | None:
        return self.engine.next_due() if self.running else None

    # ----- events to screen, sound, voice and disk -------------------------------------------
    def _handle(self, events) -> None:
        spoke = False
        for event in events:
            kind = event.kind
            if kind is EventKind.SET_DONE:
                if not self._store_set(event):
                    break
                self._handle(self.engine.set_saved())
                continue
            if kind is EventKind.STEP:
                is_done = self.engine.step.kind is StepKind.DONE
                self.cues.play("done" if is_done else "phase")
            elif kind is EventKind.BEEP:
                self.cues.play("beep")
            elif kind is EventKind.TICK:
                self.cues.play("tick")
                self._figure_shown = None   # each paced rep starts the figure's rep afresh
            if kind in (EventKind.STEP, EventKind.SAY, EventKind.SLEPT) and event.text:
                self.cues.say(event.text, interrupt=not spoke)
                spoke = True
        self._refresh()
        if self.engine is not None and self.engine.ended and self._ended_reason is None:
            self._finish(self.engine.ended)

    def _store_set(self, event) -> bool:
        saved = self._saver.save(event)
        self.saveError.setText(self._saver.error)
        if not saved:
            self._refresh()
        return saved

    def _retry_save(self) -> None:
        saved = self._saver.retry()
        self.saveError.setText(self._saver.error)
        if saved:
            self._handle(self.engine.set_saved())
            self.ticker.schedule()
        else:
            self._refresh()

    def _finish(self, reason: EndReason) -> None:
        self._ended_reason = reason
        self.ticker.stop()
        self.awake.release()
        if reason is not EndReason.DONE:
            self.cues.silence()
        self.ended.emit(reason)

    # ----- drawing --------------------------------------------------------------------------
    def _refresh(self) -> None:
        if self.engine is None:
            return
        view = describe(self.engine)
        self.view = view
        self.titleLabel.setText(view.title)
        self.stepLabel.setText(view.step_label)
        colour = side_colour(view.side)
        self.sideLabel.setText(view.side_text)
        if colour != self._colour:   # style sheets are costly: only when the side changes
            self._colour = colour
            self.sideLabel.setStyleSheet(f"background: {colour};")
        self._show_state(view, colour)
        self.sideLabel.setVisible(view.kind is not StepKind.DONE)
        self.saveError.setVisible(bool(self.saveError.text()))   # no empty gap when saved
        self.cueText.setText(view.cue)
        counting = view.kind.counts_reps
        getting_ready = bool(view.get_ready)
        self.getReadyCountdown.setVisible(getting_ready)
        self.getReadyCountdown.setText(view.get_ready)
        self.repCounter.setVisible(counting and not getting_ready)
        self.repCounter.setText(view.counter)
        self.timeRemaining.setVisible(bool(view.time) and not getting_ready)
        self.timeRemaining.setText(view.time)
        self._show_figure(self.engine.step, getting_ready)
        self.statusLine.setText(view.status)
        self.progress.setValue(int(view.progress * 1000))
        self.hintLabel.setText(view.hint)
        details = view.details if view.kind in (StepKind.SETUP, StepKind.SWITCH_SIDE) \
            else view.details[:2]
        big = view.kind in (StepKind.SETUP, StepKind.SWITCH_SIDE)  # no number to show
        if self.detailsLabel.property("big") != big:
            # Set-up reminders matter more than the switch countdown: give them the room.
            self._layout.setStretchFactor(self.detailsLabel, 6 if big else 2)
            self.detailsLabel.setProperty("big", big)
            self.detailsLabel.style().unpolish(self.detailsLabel)
            self.detailsLabel.style().polish(self.detailsLabel)
        if counting:   # sized for the widest count this step reaches, so it never jumps
            target = self.engine.step.reps or 0
            self.repCounter.set_sample(f"{target} / {target}")
        if view.kind is StepKind.SETUP:
            self.detailsLabel.set_lines([f"{n}. {d}" for n, d in enumerate(details, 1)])
        else:
            self.detailsLabel.set_lines([f"• {d}" for d in details])
        self.startPauseButton.setText(view.primary)
        self._show_primary(view, counting)
        engine = self.engine
        going = self.running and not self._holding
        timer = engine.remaining() is not None
        self.minusButton.setEnabled(going and timer)
        self.plusButton.setEnabled(going and timer)
        self.undoButton.setEnabled(going and counting and engine.reps > 0)
        self.pacedButton.setEnabled(going)
        for button in (self.startPauseButton, self.nextButton, self.backButton,
                       self.stopButton, self.painButton):
            button.setEnabled(self.running)

    def _show_primary(self, view, counting: bool) -> None:
        """Highlight the button that does what Space does now; Count rep stays in view
        through a self-paced set, so the row does not jump as it is paused and resumed."""
        self.countRepButton.setVisible(counting and not self.engine.paced and self.running)
        for button, primary in ((self.countRepButton, view.space_counts_rep),
                                (self.startPauseButton, not view.space_counts_rep)):
            if button.property("primary") != primary:
                button.setProperty("primary", primary)
                button.style().unpolish(button)
                button.style().polish(button)

    def _show_figure(self, step: Step, getting_ready: bool) -> None:
        """The drill's figure beside the big number: reps at the rep's pace (in step with
        each paced tick), pulses at the pulse rate, still at the end pose in a hold, still
        and faded at the start pose in a rest, a side switch or a get-ready; paused, it
        stops where it is."""
        engine = self.engine
        poses = self._poses.get(step.drill_id)
        number = step.kind.counts_reps or step.kind.is_timer
        if poses is None or not number or not self.figure_on:
            self._figure_shown = None
            self.figure.hide()
            return
        if getting_ready or step.kind in (StepKind.REST, StepKind.SWITCH_SIDE):
            motion, tempo = Motion.REST, PULSE_S
        elif step.kind is StepKind.OSCILLATION:
            motion, tempo = Motion.PULSE, PULSE_S
        elif step.kind is StepKind.HOLD:
            motion, tempo = Motion.HOLD, PULSE_S
        else:
            motion = Motion.REPS
            tempo = engine.rep_seconds() if step.kind.counts_reps else TIMED_REP_S
        variant = next((v for v in poses.variants()
                        if step.part == v or step.part.startswith(f"{v} ·")), None)
        moving = engine.running
        shown = (step.index, motion, variant, moving)
        if shown != self._figure_shown:
            same_motion = self._figure_shown is not None and self._figure_shown[:3] == shown[:3]
            phase = self.figure.current()[1] if same_motion else 0.0
            self._figure_shown = shown
            self.figure.set_motion(motion)
            self.figure.set_tempo(tempo)
            self.figure.set_poses(poses, step.side, variant)
            if not moving:
                self.figure.set_phase(phase)          # paused: stands where it was
            else:
                paced = engine.rep_position()
                self.figure.restart(paced if paced is not None else phase * tempo)
        self.figure.show()

    def _show_state(self, view: PlayerView, side: str) -> None:
        """The banner's word and colour, and the big number's colour, for this state."""
        self.stateBanner.setText(view.state_word)
        if view.state == self._state and side == self._colour_for_side:
            return    # style sheets are costly: only when the state or side changes
        self._state, self._colour_for_side = view.state, side
        # Work is drawn in the side's colour; every other state has its own.
        colour = side if view.state == "work" else state_colour(view.state)
        text = "#101828" if view.state in ("get_ready", "setup", "waiting") else "white"
        self.stateBanner.setStyleSheet(f"background: {colour}; color: {text};")
        number = state_colour("paused") if view.state == "paused" else (
            side if view.state in ("work", "hold_still") else colour)
        self.repCounter.set_colour(number)
        self.timeRemaining.set_colour(number)
        self.progress.setStyleSheet(
            f"QProgressBar::chunk {{ background: {number}; border-radius: 8px; }}")

    def _refresh_switches(self) -> None:
        sound_on, voice_on = not self.cues.sound_muted, not self.cues.voice_muted
        self.muteButton.setChecked(sound_on)
        self.muteButton.setText("Sound: on" if sound_on else "Sound: off")
        self.muteButton.setToolTip(f"Turn the sound {'off' if sound_on else 'on'} (M)")
        self.voiceButton.setChecked(voice_on)
        self.voiceButton.setText("Voice: on" if voice_on else "Voice: off")
        self.voiceButton.setToolTip(f"Turn the voice {'off' if voice_on else 'on'} (V)")
        notes = [n for n in (self.cues.note(), self._awake_note()) if n]
        self.noteLabel.setText("  ".join(notes))
        self.noteLabel.setVisible(bool(notes))

    def _awake_note(self) -> str:
        if not self.awake.note or not self.running:
            return ""
        return f"Screen: {self.awake.note}."
