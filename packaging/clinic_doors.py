"""The curious patient of issue 21 at the clinic morning's real window (clinic_morning.py):
every door the issue found open is tried again, as a patient at the keyboard would, and each
must stay shut. Each try adds a stop (and a screenshot with --shots), and anything it finds
is a problem in the morning's report.

- saving: no file dialog; the file lands in the clinic's folder under a neutral name, 0600;
- printing: the print dialog offers no Print to File and no "…" to browse with;
- Open / Show folder: not offered, and no program is started;
- names: none in the window's title, the print job, the saved file's name;
- the measured code scan (4 wrong, one's own, I'm done, again) over a whole morning on the
  app's wall clock: no other profile opens;
- walking away from self-paced reps: the idle lock fires, the finished sets stay;
- the kiosk: openbox's Alt+Space → Iconify brings it straight back;
- Recent Places: none kept in QtProject.conf;
- the audit log: every wrong code counted, the chain holds (`clinic audit --verify` too).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

SCAN_HOURS = 4
TYPING_S = 94.5 / 72      # one code typed and Enter pressed, as measured in the issue


class WallClock:
    """The app's wall clock (code and PIN waits), moved on by hand for the scan."""

    def __init__(self, start) -> None:
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def shown(kind) -> list:
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def soon(action, ms: int = 150) -> None:
    """Run ``action`` from the event loop of whatever modal dialog is open by then."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(ms, action)


class Doors:
    def __init__(self, morning, wall: WallClock, export_folder: Path, pin: str):
        self.m = morning
        self.w = morning.window
        self.wall = wall
        self.export_folder = export_folder
        self.pin = pin
        self.opened_urls: list[str] = []
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl = lambda url: self.opened_urls.append(url.toString()) or True

    def problem(self, text: str) -> None:
        self.m.problems.append(text)

    # --- saving, printing, other programs, names ---------------------------------------------
    def try_saving(self, patient) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        w = self.w
        w.show_page("Progress")
        page = w.built_page("Progress")
        dialogs: list[str] = []

        def watch() -> None:
            for dialog in shown(QFileDialog):
                dialogs.append(dialog.windowTitle())
                dialog.reject()
        soon(watch, 300)
        before = set(os.listdir(self.export_folder))
        page.exportPdfButton.click()
        page.saveHandoutAction.trigger()
        page.exportThisProfileAction.trigger()
        self.m.settle()
        for box in shown(QMessageBox):
            box.accept()
        if dialogs:
            self.problem(f"a file dialog opened for a patient: {dialogs}")
        new = sorted(set(os.listdir(self.export_folder)) - before)
        day = self.wall().astimezone().date().isoformat()
        wanted = [f"Ankle report {day}.pdf", f"Ankle results {day}.csv",
                  f"Home programme {day}.pdf"]
        if new != wanted:
            self.problem(f"the clinic's folder got {new}, not {wanted}")
        for name in new:
            mode = stat.S_IMODE((self.export_folder / name).stat().st_mode)
            if mode != 0o600:
                self.problem(f"{name} is {mode:o}, not 600")
            if patient.name.split()[0] in name:
                self.problem(f"a saved file is named after the patient: {name}")
        bar = page.savedBar
        if bar.openButton.isVisible() or bar.folderButton.isVisible():
            self.problem("Open / Show folder are offered to a patient")
        bar.open_file()
        bar.open_folder()
        if str(self.export_folder) in bar.message.text():
            self.problem("the saved bar shows the clinic's folder to a patient")
        self.m.shot(f"{self.m.slug(patient)}-saved-for-the-clinic")

    def try_printing(self, patient) -> None:
        from PySide6.QtGui import QAction
        from PySide6.QtPrintSupport import QPrintDialog, QPrinterInfo, QPrintPreviewDialog
        from PySide6.QtWidgets import QComboBox, QMessageBox, QToolButton

        page = self.w.built_page("Progress")
        found: dict[str, object] = {}

        def in_preview() -> None:
            [preview] = shown(QPrintPreviewDialog) or [None]
            if preview is None:
                soon(in_preview)
                return
            found["job"] = preview.printer.docName()
            soon(in_print_dialog, 300)
            preview.findChild(QAction, "previewPrintAction").trigger()

        def in_print_dialog() -> None:
            dialogs = shown(QPrintDialog)
            if dialogs:
                combo = dialogs[0].findChild(QComboBox, "printers")
                found["printers"] = [combo.itemText(i) for i in range(combo.count())]
                browse = dialogs[0].findChild(QToolButton, "fileBrowser")
                found["browse"] = bool(browse and browse.isVisible())
                self.m.shot(f"{self.m.slug(patient)}-print-dialog")
                dialogs[0].reject()
            for box in shown(QMessageBox):   # no printer here: said so instead
                found["box"] = box.text()
                box.accept()
            for preview in shown(QPrintPreviewDialog):
                preview.reject()

        soon(in_preview)
        page.printButton.click()          # returns once the preview has closed
        if "Print to File (PDF)" in found.get("printers", []) or found.get("browse"):
            self.problem("the print dialog offers a patient Print to File")
        if not found.get("printers") and "No printer" not in str(found.get("box", "")) \
                and QPrinterInfo.availablePrinterNames():
            self.problem("no print dialog came up")
        if patient.name.split()[0] in str(found.get("job", "")):
            self.problem(f"the print job is named after the patient: {found.get('job')}")
        if any(patient.name in t for t in (self.w.windowTitle(),)):
            self.problem("the window's title names the patient")

    # --- codes, idle, kiosk ------------------------------------------------------------------
    def scan_codes(self, patient) -> None:
        """The measured scan, for a whole morning: 4 wrong, one's own code, I'm done, again;
        waiting exactly as long as the screen says."""
        welcome = self.w.clinic.welcome
        end = self.wall() + timedelta(hours=SCAN_HOURS)
        own = patient.code
        guesses = (f"{n:08d}" for n in range(10 ** 8))
        checked, waits, others, wrong = 0, 0, set(), 0
        others: set[str]
        while self.wall() < end:
            code = own if wrong == 4 else next(guesses)
            if code == own and wrong != 4:
                continue
            self.wall.advance(TYPING_S)
            welcome.patientCodeEdit.setText(code)
            welcome.openPatientButton.click()
            said = welcome.codeMessage.text()
            if self.w.current.profile is not None:
                if code != own:
                    others.add(self.w.current.profile.name)
                checked += code != own
                wrong = 0
                self.w.profileBar.doneButton.click()
                continue
            if "Too many" in said:   # they try again every half minute until it takes codes
                waits += 1
                self.wall.advance(30)
                guesses = _again(code, guesses) if code != own else guesses
                continue
            checked += 1
            wrong += 1
        if others:
            self.problem(f"the scan opened other profiles: {sorted(others)}")
        if checked > 9 + 12 * SCAN_HOURS:
            self.problem(f"the scan had {checked} codes checked in {SCAN_HOURS} hours")
        self.m.scan = {"hours": SCAN_HOURS, "codes_checked": checked, "waits_met": waits,
                       "other_profiles_opened": len(others)}
        self.m.shot("scan-a-morning")
        self.wall.advance(3600)   # an hour later the count has faded: the next patient types

    def walk_away_mid_reps(self, patient) -> None:
        """Start my plan, Space, Space (one rep), walk away: the idle lock fires."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from ankle_gui.core.plan import plan_item_for
        from ankle_gui.core.records import Side

        w = self.w
        w.show_page("Train")
        train = w.trainPage
        train.start_plan([plan_item_for(w.catalogue, "banded_mob_front", Side.BOTH)],
                         quick_test=False)
        for _ in range(2):
            QTest.keyClick(train.player, Qt.Key.Key_Space)
        session = train.session_id
        self.m.shot(f"{self.m.slug(patient)}-one-rep-then-away")
        watch = w.clinic.idleWatch
        self.m.idle_clock.now += watch.minutes * 60 + 1
        watch.check()
        self.m.settle()
        if w.current.profile is not None:
            self.problem("self-paced reps waiting for Space kept the screen open")
        status = w.store.training.session(session).status.value
        if status != "interrupted":
            self.problem(f"the drill left mid-reps is {status}, not interrupted")
        self.m.shot("after-walking-away-mid-reps")

    def minimise_the_kiosk(self, pin: str) -> None:
        """The clinician turns the kiosk on and locks; at the welcome screen a patient
        presses openbox's Alt+Space, then Iconify (a click on it, as a person would); then
        the window manager's own iconify. The kiosk must come straight back."""
        from ankle_gui.services.clinic_settings import ClinicSettingsService

        w = self.w
        w.clinic.welcome.clinicianButton.click()
        w.clinic.pinDialog.pinEdit.setText(pin)
        w.clinic.pinDialog.unlockButton.click()
        ClinicSettingsService(w.store).set_kiosk(w.who.access, True)
        w.profileBar.lockButton.click()
        self.m.settle()
        if not w.isFullScreen():
            self.problem("the kiosk is not full screen at the welcome screen")
        if not shutil.which("xdotool"):
            self.problem("xdotool is not installed: .ci/run installs it for this walk")
            return
        from PySide6.QtCore import Qt

        wid = str(int(w.winId()))
        self.minimised = 0   # the window manager did iconify it (else nothing was tried)

        def noted(state) -> None:
            if state & Qt.WindowState.WindowMinimized:
                self.minimised += 1
        w.windowHandle().windowStateChanged.connect(noted)
        w.activateWindow()
        self.m.settle()
        # On a loaded machine the menu can open after the click meant for it: a try that
        # iconified nothing closes any menu left open and tries again, three times at most.
        before = self.minimised
        for attempt in range(3):
            subprocess.run(["xdotool", "key", "--window", wid, "alt+space"], check=False)
            self.m.settle()
            if attempt == 0:
                self.m.shot("kiosk-alt-space-menu")
            # The client menu opens at the window's corner; Iconify is its sixth line.
            subprocess.run(["xdotool", "mousemove", "46", "104", "click", "1"], check=False)
            if self._minimised_since(before, seconds=3):
                break
            subprocess.run(["xdotool", "key", "Escape"], check=False)
        self._back_in_full_screen("Alt+Space → Iconify", before)
        before = self.minimised
        subprocess.run(["xdotool", "windowminimize", wid], check=False)
        self._back_in_full_screen("the window manager's iconify", before)
        self.m.shot("kiosk-still-there")

    def _minimised_since(self, before: int, seconds: float) -> bool:
        """Whether the window manager iconified the window (again) within ``seconds``."""
        from PySide6.QtTest import QTest

        for _ in range(int(seconds * 20)):
            if self.minimised > before:
                return True
            QTest.qWait(50)
        return self.minimised > before

    def _back_in_full_screen(self, how: str, before: int) -> None:
        """Iconified once more than ``before``, and back in full screen and mapped."""
        from PySide6.QtTest import QTest

        for _ in range(200):   # up to 10 s: it comes back as soon as the kiosk notices
            if self.minimised > before and self.w.isFullScreen() and not self.w.isMinimized() \
                    and self._mapped():
                return
            QTest.qWait(50)
        if self.minimised == before:
            self.problem(f"{how} did not reach the window: nothing was tried")
        else:
            self.problem(f"the kiosk stayed minimised after {how}")

    def _mapped(self) -> bool:
        state = subprocess.run(["xprop", "-id", str(int(self.w.winId())), "WM_STATE"],
                               capture_output=True, text=True).stdout
        return "Iconic" not in state

    # --- what the clinician sees afterwards ----------------------------------------------------
    def no_recent_places(self) -> None:
        home = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
        conf = home / "QtProject.conf"
        text = conf.read_text(errors="replace") if conf.exists() else ""
        if "FileDialog" in text or "history" in text:
            self.problem("Qt's file dialog history is kept in QtProject.conf")

    def audit_holds(self, data_dir: Path) -> None:
        done = subprocess.run([sys.executable, "-m", "ankle_gui", "--data-dir", str(data_dir),
                               "clinic", "audit", "--verify"], input=self.pin + "\n",
                              capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            self.problem(f"clinic audit --verify: {done.stdout.strip()} {done.stderr.strip()}")
        self.m.audit = done.stdout.strip()


def _again(first, rest):
    yield first
    yield from rest
