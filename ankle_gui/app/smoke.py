"""A smoke check of a built app in its real window (hidden CLI option ``--smoke-check OUT``,
used by ``packaging/build_frozen.py`` on the frozen build): the parts a trimmed bundle
could lose, each done the way a person would use it.

1. A drill from the saved plan starts in the player, sound on and voice off: its get-ready
   countdown beeps (QtMultimedia, through the platform's sound server).
2. Sound off and voice on, the player moves to the next step: its line is spoken (QtTextToSpeech
   and its speech plugin).
3. The progress report is printed, with no dialog, on the printer named by
   ``ANKLE_GUI_SMOKE_PRINTER`` (QtPrintSupport and the print plugin).
Then the window closes. ``OUT`` gets JSON: each phase's start and end on the monotonic clock
(the same clock for every process, so a recording made outside can be cut to them), what was
played and said, each service's problem if any, and the print job's title and pages.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from ankle_gui.services.preferences import SOUND_MUTED_KEY, VOICE_MUTED_KEY, Preferences

PRINTER_ENV = "ANKLE_GUI_SMOKE_PRINTER"
TITLE_ENV = "ANKLE_GUI_SMOKE_TITLE"
PHASE_S = 3.0
READY_WITHIN_S = 20.0
POLL_MS = 50


class SmokeCheck(QObject):
    def __init__(self, window, out: Path):
        super().__init__(window)
        self._window = window
        self._out = Path(out)
        self._report: dict = {"phases": {}}
        self._steps = iter((self._start_drill, self._wait_for("sound"), self._get_ready,
                            self._hold("sound"), self._voice_next, self._wait_for("voice"),
                            self._speak_next, self._hold("voice"), self._print, self._finish))
        self._step = next(self._steps)
        self._since = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._timer.start()

    def _tick(self) -> None:
        if self._step is not None and self._step():  # a step says True once it is done
            self._step = next(self._steps, None)
            self._since = time.monotonic()

    @property
    def _cues(self):
        return self._window.trainPage.cues

    def _start_drill(self) -> bool:
        window, store = self._window, self._window.store
        profile = next(p for p in store.profiles.all() if store.plans.current(p.id))
        window.current.set(profile)
        Preferences(store).set(SOUND_MUTED_KEY, False)
        Preferences(store).set(VOICE_MUTED_KEY, True)
        window.show_page("Train")
        window.trainPage.start_plan(store.plans.current(profile.id)[0], quick_test=False)
        return True

    def _wait_for(self, which: str):
        def ready() -> bool:
            service = getattr(self._cues, which)
            if service is not None and (service.is_ready or service.problem):
                self._report[f"{which}_problem"] = service.problem
                return True
            if time.monotonic() - self._since > READY_WITHIN_S:
                self._report[f"{which}_problem"] = f"not ready within {READY_WITHIN_S:g} s"
                return True
            return False
        return ready

    def _get_ready(self) -> bool:
        self._report["phases"]["sound"] = [time.monotonic(), None]
        self._window.trainPage.player.primary()  # Space: the set's get-ready countdown beeps
        return True

    def _hold(self, which: str):
        def hold() -> bool:
            phases = self._report["phases"]
            phases.setdefault(which, [time.monotonic(), None])
            if time.monotonic() - phases[which][0] < PHASE_S:
                return False
            phases[which][1] = time.monotonic()
            return True
        return hold

    def _voice_next(self) -> bool:
        self._cues.set_sound_muted(True)
        self._cues.set_voice_muted(False)  # the voice starts now, in the background
        return True

    def _speak_next(self) -> bool:
        self._report["phases"]["voice"] = [time.monotonic(), None]
        self._window.trainPage.player.nextButton.click()  # the next step says its line
        return True

    def _print(self) -> bool:
        from PySide6.QtPrintSupport import QPrinter

        from ankle_gui.ui.progress.progress_page import ProgressPage

        page = self._window.page("Progress")
        assert isinstance(page, ProgressPage)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPrinterName(os.environ.get(PRINTER_ENV, ""))
        title = os.environ.get(TITLE_ENV, "ankle_gui smoke check")
        printer.setDocName(title)
        self._report["printer"] = printer.printerName()
        self._report["print_title"] = title
        self._report["printed_pages"] = (
            page.actions.print_preview().renderer.paint(printer) if printer.isValid() else 0)
        return True

    def _finish(self) -> bool:
        self._timer.stop()
        self._report["played"] = list(self._cues.played)
        self._report["spoken"] = list(self._cues.spoken)
        self._out.write_text(json.dumps(self._report), encoding="utf-8")
        # Quit, as a scripted run does: the drill still running is kept and marked
        # interrupted on the way out, with no question to answer.
        QTimer.singleShot(0, QCoreApplication.quit)
        return True
