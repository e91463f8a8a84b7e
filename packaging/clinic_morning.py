"""A clinic morning on the waiting-room PC, in a real X window, with screenshots.

Six patients with different stories (one doing well, one who stopped, one in pain, one
with no change after weeks of work, one brand new, one with a long name and every flag) are
seeded into a fresh data folder in clinic mode. Then patients come one after another: each
opens their own profile with their code, looks at their work, and leaves with *I'm done*;
one walks away and the idle lock takes over. A curious patient tries every door issue 21
found open (clinic_doors.py): saving, printing, other programs, the code scan, walking away
mid-reps, minimising the kiosk. At the end the physio unlocks the dashboard, finds a patient,
prints a code slip and reads the audit log, whose chain must hold.

    xvfb-run -a -s "-screen 0 1366x768x24" python packaging/clinic_morning.py --shots /tmp/m

Prints one JSON object with the stops and anything that went wrong.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

CLINIC_PIN = "246810"
CLINIC_NAME = "Riverside Physio"


class Patient:
    def __init__(self, name: str, code: str, story: str, seed: int, weeks_ago: int,
                 stopped_days_ago: int = 0, pain: int | None = 2, gain: bool = True):
        self.name, self.code, self.story, self.seed = name, code, story, seed
        self.weeks_ago, self.stopped_days_ago, self.pain, self.gain = (
            weeks_ago, stopped_days_ago, pain, gain)


PATIENTS = [
    Patient("Maria Lopez", "48217730", "doing well", 3, 10),
    Patient("Tom Becker", "53071946", "stopped training ten days ago", 5, 6, stopped_days_ago=10),
    Patient("Aisha Khan", "61948205", "reports pain 6/10", 8, 5, pain=6),
    Patient("Jan Novak", "72503318", "five weeks, no change", 11, 5, gain=False),
    Patient("Lea Moreau", "80364471", "first visit today", 0, 0),
    Patient("Maximilian Oberhauser-Schmidt", "90172635", "in pain, no change, stopped", 13, 6,
            stopped_days_ago=9, pain=7, gain=False),
]


def seed_clinic(store, catalogue, now: datetime, export_folder: Path | None = None) -> None:
    """Clinic mode on, six patients with codes, programmes and histories; patients' saved
    files go to ``export_folder`` when one is given."""
    from ankle_gui.core.clinic import Role
    from ankle_gui.core.clock import to_utc_iso
    from ankle_gui.core.demo import DEMO_PLAN, SESSIONS_PER_WEEK, demo_history
    from ankle_gui.core.records import SessionStatus
    from ankle_gui.services.clinic_pin import ClinicPin
    from ankle_gui.services.clinic_settings import ClinicSettingsService
    from ankle_gui.services.patient_access import Access
    from ankle_gui.services.profiles import Profiles

    ClinicPin(store).enable(CLINIC_PIN, CLINIC_PIN, CLINIC_NAME)
    clinician = Access(Role.CLINICIAN)
    if export_folder is not None:
        from ankle_gui.services.file_places import PatientFiles

        export_folder.mkdir(parents=True, exist_ok=True)
        PatientFiles(store).set_folder(clinician, export_folder)
    patients = Profiles(store)
    settings = ClinicSettingsService(store)
    for patient in PATIENTS:
        profile = patients.create(clinician, patient.name, patient.code)
        if patient.weeks_ago == 0:
            continue
        ended = now - timedelta(days=patient.stopped_days_ago)
        history = demo_history(ended, seed=patient.seed)
        start_cut = now - timedelta(weeks=patient.weeks_ago)
        first_visit = to_utc_iso(start_cut - timedelta(days=1))
        baseline = [r._replace(taken_at=first_visit) for r in history.baseline]
        store.results.add(profile.id, baseline)
        for number, session in enumerate(history.sessions):
            if session.started_at < to_utc_iso(start_cut):
                continue
            sid = store.training.start_session(profile.id, [i.to_dict() for i in DEMO_PLAN],
                                               started_at=session.started_at)
            for done in session.sets:
                store.training.record_set(sid, done)
            if patient.gain:
                store.results.add(profile.id, [r._replace(session_id=sid)
                                               for r in session.results])
            store.training.finish_session(sid, SessionStatus.COMPLETED,
                                          ended_at=session.ended_at)
            pain = patient.pain if patient.pain is None or number % 3 else max(
                0, patient.pain - 1)
            store.training.set_ratings(sid, pain, 5)
        if patient.gain:
            store.results.add(profile.id, history.retests)
        else:  # retested this week: within a few millimetres of where they started
            again = to_utc_iso(now - timedelta(days=2))
            store.results.add(profile.id, [
                r._replace(taken_at=again, value_cm=r.value_cm + 0.4, note="")
                if r.value_cm is not None else r._replace(taken_at=again, note="")
                for r in baseline])
        store.plans.save(profile.id, DEMO_PLAN, SESSIONS_PER_WEEK)
        settings.set_programme(clinician, profile.id, SESSIONS_PER_WEEK, 4)
        store.profiles.mark_notice_seen(profile.id)


class Morning:
    """The real window, driven through the object names outside tools use."""

    def __init__(self, window, shots: Path | None, idle_clock):
        self.window = window
        self.shots = shots
        self.idle_clock = idle_clock
        self.stops: list[str] = []
        self.problems: list[str] = []
        self.doors = None   # clinic_doors.Doors, set by main()
        self.scan: dict = {}
        self.audit = ""

    @staticmethod
    def slug(patient: Patient) -> str:
        return patient.name.split()[0].lower()

    def settle(self) -> None:
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        for _ in range(4):
            QApplication.processEvents()
            QTest.qWait(80)

    def shot(self, stop: str) -> None:
        self.settle()
        self.stops.append(stop)
        if self.shots is not None:
            self.shots.mkdir(parents=True, exist_ok=True)
            name = f"{len(self.stops):02d}-{stop}.png"
            subprocess.run(["import", "-window", "root", str(self.shots / name)], check=True)

    def visible_text(self) -> str:
        """Every word a passer-by could read on the window and its open dialogs."""
        from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel

        words = []
        for top in QApplication.topLevelWidgets():
            if not top.isVisible():
                continue
            words.append(top.windowTitle())
            for label in top.findChildren(QLabel):
                if label.isVisible():
                    words.append(label.text())
            for button in top.findChildren(QAbstractButton):
                if button.isVisible():
                    words.append(button.text())
            for combo in top.findChildren(QComboBox):
                if combo.isVisible():
                    words += [combo.itemText(i) for i in range(combo.count())]
        return "\n".join(words)

    def expect_no_names(self, stop: str, except_name: str | None = None) -> None:
        text = self.visible_text()
        for patient in PATIENTS:
            if patient.name != except_name and patient.name in text:
                self.problems.append(f"{stop}: {patient.name} visible")

    def child(self, kind, name: str):
        from PySide6.QtWidgets import QApplication

        for top in QApplication.topLevelWidgets():
            if top.isVisible():
                found = top if top.objectName() == name else top.findChild(kind, name)
                if found is not None and found.isVisible():
                    return found
        self.problems.append(f"{name} not found")
        raise LookupError(name)

    def type_code(self, code: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QLineEdit

        edit = self.child(QLineEdit, "patientCodeEdit")
        edit.clear()
        QTest.keyClicks(edit, code)
        QTest.keyClick(edit, Qt.Key.Key_Return)
        self.settle()

    def press(self, name: str) -> None:
        from PySide6.QtWidgets import QAbstractButton

        self.child(QAbstractButton, name).click()
        self.settle()

    def patient_visit(self, patient: Patient, pages: tuple[str, ...]) -> None:
        self.type_code(patient.code)
        if self.window.current.profile is None \
                or self.window.current.profile.name != patient.name:
            self.problems.append(f"code {patient.code} did not open {patient.name}")
            return
        slug = patient.name.split()[0].lower()
        if patient.name not in self.visible_text():  # the scan that finds leaks sees the bar
            self.problems.append(f"{slug}-in: the bar does not greet {patient.name}")
        self.shot(f"{slug}-in")
        for page in pages:
            self.window.show_page(page)
            self.expect_no_names(f"{slug}-{page}", except_name=patient.name)
            if patient.name.split()[0] in self.window.windowTitle():
                self.problems.append(f"{slug}-{page}: the title names the patient")
            self.shot(f"{slug}-{page.lower()}")

    def walk(self) -> None:
        from PySide6.QtWidgets import QLineEdit

        w = self.window
        doors = self.doors
        self.expect_no_names("welcome")
        self.shot("welcome")
        self.type_code("11112222")
        self.shot("welcome-wrong-code")
        if w.current.profile is not None:
            self.problems.append("a wrong code opened a profile")

        maria, tom, aisha, jan, lea, maximilian = PATIENTS
        self.patient_visit(maria, ("Train", "Progress"))
        doors.try_saving(maria)          # issue 21 §1, §4, §5: her doors stay shut
        doors.try_printing(maria)
        self.press("doneButton")
        self.expect_no_names("after-done")
        self.shot("after-maria-done")

        self.patient_visit(lea, ("Test",))
        self.press("doneButton")

        self.patient_visit(aisha, ("Train",))
        self.ratings_after_a_short_session(aisha)
        self.press("doneButton")

        doors.scan_codes(jan)            # §2: a morning of trying codes opens nobody else

        # Tom starts, then walks away: the idle time passes, the screen locks itself.
        self.patient_visit(tom, ("Progress",))
        watch = w.clinic.idleWatch
        self.idle_clock.now += watch.minutes * 60 + 1
        watch.check()
        self.settle()
        if w.current.profile is not None:
            self.problems.append("the idle time did not lock the screen")
        self.expect_no_names("after-idle")
        self.shot("after-tom-walked-away")

        self.type_code(maximilian.code)  # §3: one rep, then away: the lock still comes
        doors.walk_away_mid_reps(maximilian)

        self.press("clinicianButton")
        pin = self.child(QLineEdit, "pinEdit")
        pin.setText(CLINIC_PIN)
        self.shot("clinician-pin")
        self.press("unlockButton")
        self.shot("clinician-dashboard")
        self.physio(jan, lea)
        self.press("lockButton")
        self.expect_no_names("after-lock")
        self.shot("after-lock")
        doors.minimise_the_kiosk(CLINIC_PIN)
        doors.no_recent_places()

    def physio(self, jan: Patient, lea: Patient) -> None:
        """The physio's morning: what happened at the screen, the flags in view, a patient
        found by name, a code slip, the audit log."""
        from PySide6.QtWidgets import QAbstractItemView

        w = self.window
        board = w.built_page("Patients")
        if "wrong patient code" not in board.message.text():
            self.problems.append("the dashboard did not say how many wrong codes came")
        table = self.child(QAbstractItemView, "patientTable")
        header = table.horizontalHeader()
        last = header.count() - 1
        if header.sectionViewportPosition(last) + header.sectionSize(last) \
                > table.viewport().width() or table.horizontalScrollBar().isVisible():
            self.problems.append("the Flags column is cut off at this screen's width")
        model = table.model()
        for row in range(model.rowCount()):
            if model.index(row, 0).data() == jan.name:
                table.selectRow(row)
        self.shot("clinician-jan-picked")
        board.searchEdit.setText("lea")
        self.shot("clinician-search")
        if board.selected_row() is None or board.selected_row().name != lea.name:
            self.problems.append("the search did not find Lea")
        board.searchEdit.clear()
        if self.shots is not None:     # the slip, printed to a file and looked at
            slip = self.shots / "code-slip.pdf"

            def to_file(printer) -> bool:
                from PySide6.QtPrintSupport import QPrinter

                printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
                printer.setOutputFileName(str(slip))
                return True
            board.actions.ask_printer = to_file
            board.actions.code_slip()
        log = board.actions.audit_log()
        if log is None or not log.check.ok:
            self.problems.append("the audit log's chain does not hold")
        self.shot("clinician-audit-log")
        if log is not None:
            log.reject()
        self.doors.audit_holds(Path(w.store.path).parent)

    def ratings_after_a_short_session(self, patient: Patient) -> None:
        """One drill, run to its end on a fast clock, then the pain and effort question."""
        from PySide6.QtWidgets import QApplication

        from ankle_gui.core.plan import plan_item_for
        from ankle_gui.core.records import Side
        from ankle_gui.ui.train.player import Command

        w = self.window
        w.show_page("Train")
        train = w.trainPage
        item = plan_item_for(w.catalogue, "banded_mob_front", Side.LEFT,
                             {"reps": 10, "rounds": 1, "rest_s": 30})
        train.start_plan([item], quick_test=False)
        player = train.player
        self.shot(f"{patient.name.split()[0].lower()}-player")
        for _ in range(200):
            if not train.running:
                break
            player._command(Command.NEXT)  # noqa: SLF001 - the N key's own handler, without the window's shortcut
            QApplication.processEvents()
        self.settle()
        dialog = next((d for d in QApplication.topLevelWidgets()
                       if d.isVisible() and d.objectName() == "ratingsDialog"), None)
        if dialog is None:
            self.problems.append("no pain and effort question after the session")
            return
        dialog.painRating.set_value(patient.pain)
        dialog.effortRating.set_value(6)
        self.shot("ratings-dialog")
        sessions = w.store.training.sessions(w.current.id)
        self.press("saveRatingsButton")
        latest = max(w.store.training.sessions(w.current.id), key=lambda s: s.id)
        if len(sessions) < 1 or latest.pain != patient.pain:
            self.problems.append(f"pain not stored: {latest.pain}")
        w.show_page("Progress")
        self.shot(f"{patient.name.split()[0].lower()}-progress-pain")


class IdleClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shots", type=Path, default=None)
    parser.add_argument("--keep", type=Path, default=None,
                        help="use this data folder (kept) instead of a temporary one")
    parser.add_argument("--seed-only", action="store_true")
    args = parser.parse_args()
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ankle_gui.core.catalogue import load_catalogue
    from ankle_gui.store import Store
    from ankle_gui.ui.common.style import APP_STYLESHEET

    catalogue = load_catalogue()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="clinic-morning-"))
    folder.mkdir(parents=True, exist_ok=True)
    export_folder = folder.with_name(folder.name + "-patient-files")
    store = Store.open(folder)
    seed_clinic(store, catalogue, datetime.now().astimezone(), export_folder)
    if args.seed_only:
        store.close()
        print(json.dumps({"data": str(folder)}))
        return 0
    app = QApplication(sys.argv[:1])
    app.setStyleSheet(APP_STYLESHEET)
    from clinic_doors import Doors, WallClock

    from ankle_gui.ui.main_window import MainWindow
    from ankle_gui.ui.train.cues import quiet_cues

    idle_clock = IdleClock()
    wall = WallClock(datetime.now().astimezone())
    window = MainWindow(store, catalogue, cue_services=quiet_cues(), clock=wall,
                        monotonic=idle_clock)
    window.show()
    QTest.qWaitForWindowExposed(window, 5000)
    morning = Morning(window, args.shots, idle_clock)
    morning.doors = Doors(morning, wall, export_folder, CLINIC_PIN)
    with contextlib.suppress(LookupError):  # a missing widget is already a problem listed
        morning.walk()
    print(json.dumps({"data": str(folder), "stops": morning.stops, "scan": morning.scan,
                      "audit": morning.audit, "problems": morning.problems}, indent=1))
    window.clinic.may_leave = lambda what, then: True  # the walk is over: no PIN to quit
    window.close()
    store.close()
    return 1 if morning.problems else 0


if __name__ == "__main__":
    sys.exit(main())
