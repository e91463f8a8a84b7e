"""Walk every page and every kind of player step in a real X window, as a person would see
them, and list each visible button that is not wholly on the screen.

Run by tests/ui/test_screen_fit.py under Xvfb (+ openbox when installed), in a process of its
own. Also a tool for looking at the app: with ``--shots DIR`` it saves a screenshot of the
whole screen (``import -window root``) at every stop.

    DISPLAY=:140 QT_QPA_PLATFORM=xcb python tests/screen_walk.py --shots /tmp/shots

It also opens the landing pages without scrolling, as a person arriving there sees them, and
lists each main action button that is not wholly in view ("out_of_view").

Prints one JSON object: {"stops": [...], "problems": [...], "out_of_view": [...],
"screen": [w, h]}.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from helpers import SteadyClock
from PySide6.QtCore import QPoint, QRect
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QScrollArea, QWidget

from ankle_gui.core.catalogue import load_catalogue
from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import Side
from ankle_gui.core.steps import StepKind
from ankle_gui.store import Store
from ankle_gui.store.demo import add_demo_profile
from ankle_gui.ui.common.style import APP_STYLESHEET
from ankle_gui.ui.train.player import Command

WINDOW_MANAGER_WAIT_MS = 5000


def wait_for(condition, timeout_ms: int) -> bool:
    """Run the event loop until ``condition()`` holds (the window manager answers late)."""
    waited = 0
    while not condition() and waited < timeout_ms:
        QTest.qWait(20)
        waited += 20
    return bool(condition())


class FakeClock:
    """The player's monotonic clock, moved on by hand: each state is reached at once."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Walk:
    def __init__(self, window, shots: Path | None):
        self.window = window
        self.shots = shots
        self.stops: list[str] = []
        self.problems: list[dict] = []
        self.out_of_view: list[dict] = []
        self.maximised_after_f11 = False
        self.plan_rows: dict[int, int] = {}

    def settle(self) -> None:
        # Layouts, the window manager's moves and repaints all arrive through the event loop.
        for _ in range(3):
            QApplication.processEvents()
            QTest.qWait(60)

    def check(self, stop: str) -> None:
        """Every visible button of the window must lie wholly on the screen, uncovered."""
        self.settle()
        screen = self.window.screen().geometry()
        # A maximised window is sized by the window manager; after leaving full screen Qt
        # sometimes keeps a stale frame (-1, -1, 1282×726 at 1280×720) while the window
        # itself fills the screen. Its contents are what must fit, and every button is
        # checked below. A window the app placed itself must fit frame and all.
        def placed():
            return self.window.geometry() if self.window.isMaximized() \
                else self.window.frameGeometry()

        wait_for(lambda: screen.contains(placed()), WINDOW_MANAGER_WAIT_MS)
        frame = placed()
        if not screen.contains(frame):
            self.problems.append({"stop": stop, "what": "window",
                                  "rect": frame.getRect(), "screen": screen.getRect()})
        for button in self.window.findChildren(QAbstractButton):
            if not button.isVisible() or button.window() is not self.window:
                continue
            area = _scroll_area_of(button)
            if area is not None:   # content that does not fit scrolls: scroll to it first
                area.ensureWidgetVisible(button, 0, 0)
                QApplication.processEvents()
            on_screen = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
            uncovered = button.visibleRegion().boundingRect() == button.rect()
            if not screen.contains(on_screen) or not uncovered:
                self.problems.append({
                    "stop": stop, "what": button.objectName() or button.text(),
                    "rect": on_screen.getRect(), "screen": screen.getRect(),
                    "clipped": not uncovered})
        self.stops.append(stop)
        if self.shots is not None:
            self.shots.mkdir(parents=True, exist_ok=True)
            name = f"{len(self.stops):02d}-{stop}.png"
            subprocess.run(["import", "-window", "root", str(self.shots / name)], check=True)

    def check_in_view(self, stop: str, names: tuple[str, ...]) -> None:
        """Each named button, on the page as it opens (scrolled to the top), must be wholly
        inside its scroll area's viewport: the page's main action needs no scrolling."""
        self.settle()
        for name in names:
            button = self.window.findChild(QAbstractButton, name)
            if button is None or not button.isVisible():
                self.out_of_view.append({"stop": stop, "what": name, "shown": False})
                continue
            area = _scroll_area_of(button)
            area.verticalScrollBar().setValue(0)
            QApplication.processEvents()
            viewport = area.viewport()
            top_left = button.mapTo(viewport, QPoint(0, 0))
            if not viewport.rect().contains(QRect(top_left, button.size())):
                self.out_of_view.append({
                    "stop": stop, "what": name, "rect": [top_left.y(), button.height()],
                    "viewport_height": viewport.height()})
        self.check(stop)


def plan_rows_shown(editor) -> dict[int, int]:
    """For a plan of n drills (the test's, then one fewer each time): how many of its rows
    the plan list shows whole, without scrolling it. The plan is put back afterwards."""
    plan_list = editor.planList
    shown = {}
    while plan_list.count():
        plan_list.scrollToTop()
        QApplication.processEvents()
        view = plan_list.viewport().rect()
        shown[plan_list.count()] = sum(
            view.contains(plan_list.visualItemRect(plan_list.item(row)))
            for row in range(plan_list.count()))
        plan_list.setCurrentRow(plan_list.count() - 1)
        editor.editor.remove()
    editor.discard_changes()
    return shown


def _scroll_area_of(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _type(edit: QLineEdit, text: str) -> None:
    edit.clear()
    QTest.keyClicks(edit, text)


TRAIN_ACTIONS = ("addDrillButton", "startSessionButton")


def walk_landing(walk: Walk) -> None:
    """The pages people land on, as they open, first for the returning demo profile (its
    plan banner shown), then for a new profile whose safety notice still shows."""
    window = walk.window
    window.show_page("Train")
    walk.check_in_view("landing-train", (*TRAIN_ACTIONS, "startSavedPlanButton"))
    window.trainPage.builder.load_saved_plan()
    walk.check_in_view("landing-train-plan", (*TRAIN_ACTIONS, "startSavedPlanButton"))
    window.show_page("Drills")
    walk.check_in_view("landing-drills", ("trainThisDrillButton",))
    returning = window.current.profile
    window.current.set(window.store.profiles.create("New"))
    window.show_page("Drills")
    drills = window.page("Drills")
    drills.list.setCurrentRow([d.id for d in drills.visible_drills()].index("biphasic_stretch"))
    walk.check_in_view("landing-drills-notice", ("trainThisDrillButton",))
    window.findChild(QAbstractButton, "trainThisDrillButton").click()
    walk.check_in_view("landing-train-notice", TRAIN_ACTIONS)
    window.trainPage.builder.add_drill("banded_mob_front")
    walk.check_in_view("landing-train-notice-two", TRAIN_ACTIONS)
    window.current.set(returning)


def walk_pages(walk: Walk) -> None:
    window = walk.window
    window.show_page("Profiles")
    walk.check("profiles")

    window.show_page("Test")
    page = window.page("Test")
    page.new_test()
    wizard = page.wizard
    # The safety questions at their tallest: a yes brings up its follow-up question.
    for row in wizard.safetyLegs.rows.values():
        row.button(False).click()
    page.findChild(QAbstractButton, "safetyFractureLeft_True").click()
    page.findChild(QAbstractButton, "safetyWeightClearedLeft_True").click()
    walk.check("test-1-safety-legs")
    wizard.next()
    for row in wizard.safetyHealth.rows.values():
        row.button(False).click()
    walk.check("test-2-safety-health")
    wizard.next()
    walk.check("test-3-knee-to-wall")
    _type(page.findChild(QLineEdit, "kneeToWallLeft"), "8.5")
    _type(page.findChild(QLineEdit, "kneeToWallRight"), "13")
    page.findChild(QAbstractButton, "measureResolution_0.1").click()
    wizard.next()
    walk.check("test-4-fist-width")
    wizard.fistWidth.directRadio.click()      # the longer path: the fist screen step too
    wizard.next()
    walk.check("test-5-fist-screen")
    page.findChild(QAbstractButton, "fistScreenLeft_True").click()
    page.findChild(QAbstractButton, "fistScreenRight_True").click()
    wizard.next()
    walk.check("test-6-felt-limit")
    for name in ("feltStraightLeft", "feltBentLeft", "feltStraightRight", "feltBentRight"):
        page.findChild(QAbstractButton, f"{name}_front").click()
    wizard.next()
    walk.check("test-7-squat")
    page.findChild(QAbstractButton, "squatHeelsDown_False").click()
    wizard.save()
    walk.check("test-results")
    walk.plan_rows = plan_rows_shown(page.planEditor)

    window.show_page("Train")
    walk.check("train")
    window.show_page("Progress")
    walk.check("progress")
    window.show_page("Drills")
    walk.check("drills")


def walk_player(walk: Walk, clock: FakeClock) -> None:
    window = walk.window
    catalogue = window.catalogue
    window.store.settings.set("player.paced", True)
    window.show_page("Train")
    train = window.trainPage
    items = [plan_item_for(catalogue, "banded_mob_front", Side.BOTH,
                           {"reps": 10, "rounds": 2, "rest_s": 30}),
             plan_item_for(catalogue, "biphasic_stretch", Side.LEFT)]
    train.start_plan(items, quick_test=False)
    player = train.player

    def advance(seconds: float) -> None:
        end = clock.now + seconds
        while clock.now < end:
            clock.now = min(end, clock.now + 0.25)
            player.poll()

    def until(kind: StepKind) -> None:
        for _ in range(40):
            if player.view.kind is kind:
                return
            player._command(Command.NEXT)
        raise AssertionError(f"never reached a {kind} step")

    walk.check("player-setup")
    player.primary()
    walk.check("player-get-ready")
    advance(5.5)
    walk.check("player-paced-reps")
    player.pacedButton.click()           # self-paced: Count rep joins the row of buttons
    walk.check("player-self-paced-reps")
    player.pacedButton.click()
    player.toggle_pause()
    walk.check("player-paused")
    player.toggle_pause()
    player.fullScreenToggled.emit()
    wait_for(window.isFullScreen, WINDOW_MANAGER_WAIT_MS)
    walk.check("player-full-screen")
    player.fullScreenToggled.emit()
    wait_for(lambda: not window.isFullScreen(), WINDOW_MANAGER_WAIT_MS)
    walk.maximised_after_f11 = wait_for(window.isMaximized, WINDOW_MANAGER_WAIT_MS)
    walk.check("player-after-full-screen")
    until(StepKind.REST)
    walk.check("player-rest")
    until(StepKind.SWITCH_SIDE)
    walk.check("player-side-switch")
    until(StepKind.SETUP)
    player.primary()
    advance(5.5)
    walk.check("player-oscillation")
    until(StepKind.HOLD)
    advance(5.5)
    walk.check("player-hold")
    # The session ends in full screen: the summary must come back in the maximised window.
    player.fullScreenToggled.emit()
    wait_for(window.isFullScreen, WINDOW_MANAGER_WAIT_MS)
    until(StepKind.DONE)
    wait_for(lambda: not window.isFullScreen(), WINDOW_MANAGER_WAIT_MS)
    wait_for(window.isMaximized, WINDOW_MANAGER_WAIT_MS)
    walk.check("summary")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shots", type=Path, default=None)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    app.setStyleSheet(APP_STYLESHEET)
    catalogue = load_catalogue()
    with tempfile.TemporaryDirectory() as folder:
        wall = SteadyClock()  # the suite's TODAY: the same screens on any date
        store = Store.open(folder, clock=wall)
        add_demo_profile(store, catalogue, today=wall())
        from ankle_gui.ui.main_window import MainWindow
        from ankle_gui.ui.train.cues import quiet_cues

        window = MainWindow(store, catalogue, cue_services=quiet_cues(), clock=wall)
        clock = FakeClock()
        window.trainPage.clock = clock          # before the player is built
        window.show()
        QTest.qWaitForWindowExposed(window, WINDOW_MANAGER_WAIT_MS)
        wait_for(window.isMaximized, WINDOW_MANAGER_WAIT_MS)
        walk = Walk(window, args.shots)
        walk_landing(walk)
        walk_pages(walk)
        walk_player(walk, clock)
        screen = window.screen().geometry()
        print(json.dumps({"stops": walk.stops, "problems": walk.problems,
                          "out_of_view": walk.out_of_view,
                          "maximised_after_f11": walk.maximised_after_f11,
                          "maximised_at_end": window.isMaximized(),
                          "plan_rows": walk.plan_rows,
                          "screen": [screen.width(), screen.height()]}))
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
