"""The window's side of a cue helper process (``cue_worker.py``): start, talk, watch.

Nothing here ever waits. Commands are written to the helper's stdin and its answers
arrive as Qt signals. A watchdog gives up on a helper that does not say it is ready in
time, or leaves a command unanswered too long: the helper is killed (a process can always
be killed, even one stuck inside a speech library) and the service reports itself
unavailable, with a reason the player shows.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections import deque

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

log = logging.getLogger(__name__)

# Until the helper says it is alive and its speech daemon answered (or none runs yet). A
# stuck daemon is found by the helper's own probe, well inside this.
READY_WITHIN_S = 2.8
# Then the engine itself: speechd takes 1.3-1.5 s to start here, longer on a busy machine
# or when the daemon has to be started first.
STARTING_WITHIN_S = 12.0
ANSWER_WITHIN_S = 1.5    # the engine only queues a phrase: it answers in milliseconds
WATCH_EVERY_MS = 100
HELPER_LOG_LINES = 20    # a helper's own messages are logged up to this many, then hidden


class CueProcess(QObject):
    """One helper process; subclasses give it its commands."""

    failed = Signal(str)    # the reason, for the player's note
    ready = Signal()

    role = ""
    not_answering = "it stopped answering"

    def __init__(self, parent: QObject | None = None, *, args: list[str] | None = None,
                 clock=time.monotonic):
        super().__init__(parent)
        self._clock = clock
        self._args = list(args or [])
        self.problem = ""
        self.is_ready = False
        self._closing = False
        self._next_id = 0
        self._waiting: deque[tuple[int, float]] = deque()   # (command id, when sent)
        self._started_at = 0.0
        self._ready_within = READY_WITHIN_S
        self._out = b""
        self._log_lines = 0
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(WATCH_EVERY_MS)
        self._watchdog.timeout.connect(self._watch)
        self._process = QProcess(self)
        self._process.readyReadStandardOutput.connect(self._read_answers)
        self._process.readyReadStandardError.connect(self._read_messages)
        self._process.finished.connect(self._ended)
        self._process.errorOccurred.connect(self._process_error)

    @property
    def pid(self) -> int:
        return int(self._process.processId())

    def start(self) -> None:
        self._started_at = self._clock()
        # A frozen build has no Python to run "-m" with: its own program runs the helper.
        frozen = getattr(sys, "frozen", False)
        helper = ["--cue-worker"] if frozen else ["-m", "ankle_gui.ui.train.cue_worker"]
        self._process.start(sys.executable, [*helper, self.role, *self._args])
        self._watchdog.start()

    def close(self) -> None:
        """Stop the helper at once; used when the window closes or the service is dropped."""
        self._closing = True
        self._watchdog.stop()
        self._kill()
        # Reaping a killed child takes microseconds; the bound only guards the impossible.
        self._process.waitForFinished(200)

    # ----- commands ----------------------------------------------------------------------------
    def send(self, command: dict) -> None:
        if self.problem or self._closing:
            return
        self._next_id += 1
        command = {**command, "id": self._next_id}
        self._waiting.append((self._next_id, self._clock()))
        # Before the helper is ready this only fills the pipe; it reads it once it is.
        self._process.write((json.dumps(command) + "\n").encode())

    # ----- answers -----------------------------------------------------------------------------
    def _read_answers(self) -> None:
        self._out += bytes(self._process.readAllStandardOutput())
        *lines, self._out = self._out.split(b"\n")
        for line in lines:
            try:
                answer = json.loads(line)
            except ValueError:
                continue
            if "ready" in answer:
                self.is_ready = True
                now = self._clock()   # the clock for queued commands starts now
                self._waiting = deque((n, now) for n, _t in self._waiting)
                self.ready.emit()
            elif "starting" in answer:   # alive, and the daemon answered: worth the wait
                self._ready_within = STARTING_WITHIN_S
            elif "ack" in answer:
                while self._waiting and self._waiting[0][0] <= answer["ack"]:
                    self._waiting.popleft()
            elif "failed" in answer:
                self._fail(str(answer["failed"]))

    def _read_messages(self) -> None:
        text = bytes(self._process.readAllStandardError()).decode(errors="replace")
        for line in text.splitlines():
            if not line.strip():
                continue
            self._log_lines += 1
            if self._log_lines <= HELPER_LOG_LINES:
                log.info("%s helper: %s", self.role, line)
            elif self._log_lines == HELPER_LOG_LINES + 1:
                log.info("%s helper: further messages hidden", self.role)

    def _watch(self) -> None:
        now = self._clock()
        if not self.is_ready:
            if now - self._started_at > self._ready_within:
                self._fail(self.not_answering)
        elif self._waiting and now - self._waiting[0][1] > ANSWER_WITHIN_S:
            self._fail(self.not_answering)

    def _ended(self, *_args) -> None:
        if not self._closing and not self.problem:
            self._fail("it stopped")

    def _process_error(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._fail("its helper program did not start")

    def _fail(self, reason: str) -> None:
        if self.problem or self._closing:
            return
        log.warning("%s unavailable: %s", self.role, reason)
        self.problem = reason
        self._watchdog.stop()
        self._kill()
        self.failed.emit(reason)

    def _kill(self) -> None:
        if self._process.state() != QProcess.ProcessState.NotRunning:
            self._process.kill()   # SIGKILL: works even on a helper stuck in a system call


class ProcessVoice(CueProcess):
    """Speaks through the platform's speech engine, in a helper process."""

    role = "voice"
    not_answering = "the speech service did not answer"

    def __init__(self, engine: str = "", parent: QObject | None = None):
        super().__init__(parent, args=[engine] if engine else [])
        self.engine = engine or "default"

    def say(self, text: str, interrupt: bool = True) -> None:
        self.send({"say": text, "interrupt": interrupt})

    def stop(self) -> None:
        self.send({"stop": True})


class ProcessSound(CueProcess):
    """Plays the cue sounds through one long-lived audio output, in a helper process."""

    role = "sound"
    not_answering = "the audio output did not answer"

    def play(self, name: str) -> None:
        self.send({"play": name})

    def stop(self) -> None:
        self.send({"stop": True})
