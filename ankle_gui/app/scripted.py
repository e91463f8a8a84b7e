"""A scripted training run in the real window, for the crash harness (hidden CLI option).

It plays sessions back to back as fast as the player allows: starts each step, counts
reps to the target, cuts timers short (stored as skipped). Each set is logged only
after the player reports it on disk, so a harness that kills the process knows which
sets must survive. An interrupted session is resumed first, as a user would.

Log lines: ``start <sid>``, ``resume <sid>``, ``set <sid> <step>``,
``end <sid> <reason>``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from ankle_gui.core.plan import PlanItem, default_dose
from ankle_gui.core.records import SessionStatus, Side

PROFILE_NAME = "Crash test"
TICK_MS = 10
DRILLS_PER_SESSION = 3


class ScriptedSession(QObject):
    def __init__(self, window, log_path: Path):
        super().__init__(window)
        self._window = window
        self._log_path = Path(log_path)
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._connected_player = None

    def start(self) -> None:
        store = self._window.store
        profile = store.profiles.by_name(PROFILE_NAME) or store.profiles.create(PROFILE_NAME)
        self._window.current.set(profile)
        self._window.show_page("Train")
        self._window.trainPage.sessionEnded.connect(self._ended)
        QCoreApplication.instance().aboutToQuit.connect(self.stop)
        self._timer.start()

    def _ended(self, session_id: int, reason: str) -> None:
        self._write(f"end {session_id} {reason}")
        if reason == "quit":
            self.stop()  # the window is closing: do not start another session

    def _write(self, line: str) -> None:
        # Closed at once: the line is with the OS (which survives a SIGKILL) before going on.
        with self._log_path.open("a", encoding="utf-8") as log:
            log.write(line + "\n")

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()

    def _items(self) -> list[PlanItem]:
        runnable = [d for d in self._window.catalogue if d.runnable]
        return [PlanItem(d.id, Side.BOTH, default_dose(d), "scripted")
                for d in runnable[:DRILLS_PER_SESSION]]

    def _begin(self) -> None:
        page = self._window.trainPage
        store = self._window.store
        profile_id = self._window.current.id
        waiting = store.training.sessions(profile_id, SessionStatus.INTERRUPTED)
        if waiting:
            sid = waiting[-1].id
            # Logged first: a session killed after its last set ends as soon as it resumes.
            self._write(f"resume {sid}")
            page.resume_session(sid)
        else:
            page.start_plan(self._items(), quick_test=False)
            self._write(f"start {page.session_id}")
        player = page.player
        if player is not None and player is not self._connected_player:
            player.setSaved.connect(
                lambda done: self._write(f"set {page.session_id} {done.step_index}"))
            self._connected_player = player

    def _tick(self) -> None:
        page = self._window.trainPage
        if self._stopped:
            return
        if not page.running:
            self._begin()
            return
        player = page.player
        engine = player.engine
        if engine.pending is not None:
            return  # a set is being saved
        if engine.waiting:
            player.primary()
        elif engine.step.kind.counts_reps:
            player.repCounter.tapped.emit()
        else:
            player.nextButton.click()
