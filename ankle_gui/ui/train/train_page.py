"""The Train page: build a session, optional quick test, the drill player, the summary.

Public entry points for other pages:
- ``start_plan(items)`` starts a list of PlanItem (the Test page's prescription);
- ``train_drill(drill_id)`` puts one drill up with its dose picker (the Drills page);
- ``resume_session(session_id)`` carries on an interrupted session after its last stored set;
- ``shutdown()`` is called when the window closes: a run in progress becomes interrupted,
  and the voice and sound helpers are stopped.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.clock import Clock, utc_now
from ankle_gui.core.plan import DoseError, PlanItem
from ankle_gui.core.records import Phase, Side
from ankle_gui.core.session import SessionEngine
from ankle_gui.core.session_events import EndReason
from ankle_gui.core.session_summary import planned_work, retest_lines
from ankle_gui.core.steps import build_steps
from ankle_gui.core.units import Unit
from ankle_gui.services.patient_access import HOME, Access
from ankle_gui.services.training import TrainingRun
from ankle_gui.store import Store
from ankle_gui.ui.common.current_profile import CurrentProfile
from ankle_gui.ui.common.widgets import CurrentPageStack
from ankle_gui.ui.drills.drill_figure import figure_bounds
from ankle_gui.ui.train.cues import CueOutput, CueServices
from ankle_gui.ui.train.pain_check import PainCheck
from ankle_gui.ui.train.player import Player
from ankle_gui.ui.train.quick_test import QuickTestForm
from ankle_gui.ui.train.ratings_dialog import RatingsDialog
from ankle_gui.ui.train.session_builder import SessionBuilder
from ankle_gui.ui.train.session_summary_view import SessionSummaryView
from ankle_gui.ui.train.timings_dialog import TimingsDialog

# Once the page has been on screen and idle this long, the player is built and styled, and
# the voice and sound helpers started, so that pressing Start only has to fill the player
# in (bench/drill_start.py) and its first phrase is not late.
PREPARE_PLAYER_AFTER_MS = 600


class TrainPage(QWidget):
    fullScreenWanted = Signal(bool)
    progressRequested = Signal()
    sessionEnded = Signal(int, str)       # session id, an EndReason
    runningChanged = Signal(bool)         # a drill run started (True) or ended (False)
    ratingsStored = Signal(int)           # session id: its pain and effort were saved

    def __init__(self, store: Store, catalogue: Catalogue, current: CurrentProfile,
                 parent: QWidget | None = None, *, cue_services: CueServices,
                 clock: Callable[[], float] = time.monotonic, wall: Clock = utc_now,
                 access: Callable[[], Access | None] = lambda: None):
        super().__init__(parent)
        self.setObjectName("pageTrain")
        self.store = store
        self.catalogue = catalogue
        self.current = current
        self.cue_services = cue_services     # real voice and sound, or quiet ones in tests
        self.clock = clock                   # monotonic seconds; tests inject a fake one
        self.wall = wall                     # the date and time each set is stamped with
        self.access = access                 # who is at the screen, for the ratings' check
        self.player = None                   # built once the page has been idle a moment
        self.cues = None
        self._run_on_disk: TrainingRun | None = None   # the session the store keeps
        self._end_reason = EndReason.DONE
        self._items: list[PlanItem] = []
        self._quick_test = False
        self._pre: dict[Side, float] = {}
        self._full_screen = False
        self.ratingsDialog = None            # the pain and effort questions, while open

        self.stack = CurrentPageStack(self)
        # The pain rules at home: the next day's question, then what to do (wall time, so a
        # test can move it by days).
        self.painCheck = PainCheck(store, wall, access, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.painCheck)
        layout.addWidget(self.stack)
        self.builder = SessionBuilder(store, catalogue, current, self.stack,
                                      access=lambda: self.access() or HOME)
        self.stack.addWidget(self.builder)
        # The quick test, the summary and the player are built when first needed: this page
        # is where a returning user lands, so its start-up cost is the app's.
        self._quick_test_form = None
        self._summary_view = None

        self.builder.startRequested.connect(self.start_plan)
        self.ratingsStored.connect(lambda _id: self.refresh_pain_check())
        current.changed.connect(lambda _p: self._profile_changed())
        self._prepare_timer = None

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        # Through the layout, Qt would ask the stack's QStackedLayout, which answers for its
        # tallest page (the player, once prepared) even while hidden: the page scrolled.
        check = 0
        if self.painCheck.isVisible():
            check = self.painCheck.heightForWidth(width)
            if check < 0:
                check = self.painCheck.sizeHint().height()
        return self.stack.heightForWidth(width) + check

    def refresh_pain_check(self) -> None:
        """The next day's question or the pain advice, never over a running drill."""
        if self.running:
            self.painCheck.hide()
            return
        self.painCheck.refresh(self.current.id)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.refresh_pain_check()
        if self.player is None:
            if self._prepare_timer is None:
                self._prepare_timer = QTimer(self)
                self._prepare_timer.setSingleShot(True)
                self._prepare_timer.timeout.connect(self._prepare_player)
            self._prepare_timer.start(PREPARE_PLAYER_AFTER_MS)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        # Only for a page someone is looking at (and never after the window has closed).
        if self._prepare_timer is not None:
            self._prepare_timer.stop()
        super().hideEvent(event)

    def _prepare_player(self) -> None:
        """Build the player and work out its styles while nobody is waiting for it, and start
        the voice and sound helpers (those switched on), so the first phrase is on time."""
        if self.running or not self.isVisible():
            return
        player = self._ensure_player()
        self.cues.warm_up()
        for widget in (player, *player.findChildren(QWidget)):
            widget.ensurePolished()

    # ----- parts built on first use --------------------------------------------------------
    @property
    def quickTest(self):  # noqa: N802 (Qt-style name, like the objectNames)
        if self._quick_test_form is None:
            form = QuickTestForm(self.stack)
            self.stack.addWidget(form)
            form.submitted.connect(self._quick_test_saved)
            form.skipped.connect(self._quick_test_skipped)
            self._quick_test_form = form
        return self._quick_test_form

    @property
    def summary(self):
        if self._summary_view is None:
            view = SessionSummaryView(self.catalogue, self.stack)
            self.stack.addWidget(view)
            view.trainAgain.connect(self.show_builder)
            view.progressRequested.connect(self.progressRequested)
            self._summary_view = view
        return self._summary_view

    # ----- public ---------------------------------------------------------------------------
    @property
    def session_id(self) -> int | None:
        """The session last started or resumed here (None before the first)."""
        return self._run_on_disk.session_id if self._run_on_disk is not None else None

    @property
    def end_reason(self) -> EndReason:
        """Why the last run ended (DONE before the first)."""
        return self._end_reason

    @property
    def running(self) -> bool:
        return self.player is not None and self.player.running

    def start_plan(self, items: list[PlanItem], quick_test: bool | None = None) -> bool:
        """Start ``items`` in the player (after the quick test if asked). False if refused."""
        if self.running or self.current.id is None:
            return False
        try:
            build_steps(list(items), self.catalogue)
        except (DoseError, ValueError, KeyError) as exc:
            self.show_builder()
            self.builder.show_error(str(exc))
            return False
        if quick_test is None:
            quick_test = self.builder.quickTestCheck.isChecked()
        self._items = list(items)
        self._quick_test = quick_test
        self._pre = {}
        if quick_test:
            self.quickTest.ask(Phase.PRE, self._unit())
            self.stack.setCurrentWidget(self.quickTest)
        else:
            self._begin_session()
        return True

    def train_drill(self, drill_id: str) -> None:
        """Show ``drill_id`` alone in the session builder, at this person's usual dose."""
        if self.running:
            return
        self.builder.set_items([self.builder.remembered_item(drill_id)])
        self.show_builder()

    def resume_session(self, session_id: int) -> bool:
        """Carry on an interrupted session at the step after its last stored set."""
        if self.running:
            return False
        profile_id = self.store.training.session(session_id).profile_id
        stored = self.store.training.sets(session_id)
        timings = self._timing_options(profile_id)   # read before the session reopens
        run, items, pre = TrainingRun.resume(self.store, session_id)
        engine = SessionEngine.resumed(items, self.catalogue, self.clock, stored,
                                       wall=self.wall, **timings)
        self._items, self._pre, self._quick_test = items, pre, bool(pre)
        self._run_on_disk = run
        self._run(engine)
        return True

    def edit_timings(self):
        """The timings dialog for whoever is training (or the current profile)."""
        profile_id = self._run_on_disk.profile_id if self.running else self.current.id
        if profile_id is None:
            return None
        if self.running:   # no timer runs on while the person reads the dialog
            self.player.pause()
        dialog = TimingsDialog(self.store, profile_id, self, access=self.access() or HOME)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.timingsSaved.connect(self._timings_saved)
        dialog.open()
        return dialog

    def _timings_saved(self, timings) -> None:
        if self.running:   # the session under way follows the new choice from now on
            self.player.engine.change_timings(timings.get_ready_s, timings.switch_side_s,
                                              timings.wait_for_space)

    def shutdown(self) -> None:
        """The window is closing: keep every finished set, mark the session interrupted."""
        if self.running:
            self.player.stop_for_quit()
        if self.cues is not None:
            self.cues.shutdown()

    def show_builder(self) -> None:
        self.builder.refresh()
        self.stack.setCurrentWidget(self.builder)
        self.refresh_pain_check()

    # ----- flow -----------------------------------------------------------------------------
    def _unit(self) -> Unit:
        profile = self.current.profile
        return profile.unit if profile is not None else Unit.CM

    def _quick_test_saved(self, values: dict) -> None:
        if self.quickTest.phase is Phase.PRE:
            self._pre = dict(values)
            self._begin_session()
        else:
            self._run_on_disk.store_quick_test(Phase.POST, values)
            self._show_summary(post=values)

    def _quick_test_skipped(self) -> None:
        if self.quickTest.phase is Phase.PRE:
            self._begin_session()
        else:
            self._show_summary()

    def _begin_session(self) -> None:
        profile_id = self.current.id
        engine = SessionEngine.for_plan(self._items, self.catalogue, self.clock, wall=self.wall,
                                        **self._timing_options(profile_id))
        self._run_on_disk = TrainingRun.start(self.store, profile_id, self._items, self._pre)
        self._run(engine)

    def _timing_options(self, profile_id: int) -> dict:
        """The person's own get-ready, side-switch and wait-for-Space choices."""
        timings = self.store.profiles.timings(profile_id)
        return dict(get_ready_s=timings.get_ready_s, switch_side_s=timings.switch_side_s,
                    wait_for_space=timings.wait_for_space)

    def _ensure_player(self):
        if self.player is None:
            self.cues = CueOutput(self.store, self.cue_services, parent=self)
            # Read through the page, so a clock set after the player was prepared still counts.
            self.player = Player(self.store, self.cues, clock=lambda: self.clock())
            self.stack.addWidget(self.player)
            self.player.ended.connect(self._player_ended)
            self.player.settingsRequested.connect(self.edit_timings)
            self.player.fullScreenToggled.connect(self._toggle_full_screen)
        return self.player

    def _run(self, engine) -> None:
        self._close_ratings()
        self.painCheck.hide()
        player = self._ensure_player()
        self.stack.setCurrentWidget(player)
        player.run(engine, self._run_on_disk.save_set, self._figures(engine))
        self.runningChanged.emit(True)

    def _figures(self, engine) -> dict:
        """The session's drill figures by id, each one's bounds worked out now, at the
        start, rather than in the middle of a set."""
        poses = {}
        for step in engine.steps:
            if step.drill_id and step.drill_id not in poses:
                poses[step.drill_id] = self.catalogue.get(step.drill_id).poses
                figure_bounds(poses[step.drill_id])
        return poses

    def _player_ended(self, reason: str) -> None:
        self._end_reason = reason = EndReason(reason)
        self._run_on_disk.finish(reason)
        self.runningChanged.emit(False)
        self.sessionEnded.emit(self.session_id, reason)
        if self._full_screen:
            self.set_full_screen(False)
        if reason is EndReason.QUIT:
            return
        if self._quick_test and reason in (EndReason.DONE, EndReason.USER):
            self.quickTest.ask(Phase.POST, self._unit(), has_before=bool(self._pre))
            self.stack.setCurrentWidget(self.quickTest)
            return
        self._show_summary()

    def _show_summary(self, post: dict | None = None) -> None:
        sets = self.store.training.sets(self.session_id)
        lines = retest_lines(self._pre, post or {})
        # No before to compare with: the numbers just typed are still shown.
        after_only = dict(post) if post and not self._pre else {}
        planned = planned_work(self.player.engine.steps)
        self.summary.show_session(self._end_reason, sets, lines, self._unit(), after_only,
                                  planned)
        self.stack.setCurrentWidget(self.summary)
        self.ask_ratings(self.session_id)

    def ask_ratings(self, session_id: int):
        """Pain and effort for a session that has ended (finished, stopped, or resumed and
        then finished), asked over the summary without blocking anything. Asked even for a
        stop before the first set was done: a stop can be because it hurt."""
        self._close_ratings()
        dialog = RatingsDialog(self.store, session_id, self, access=self.access())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.stored.connect(self.ratingsStored)
        dialog.finished.connect(lambda _r, d=dialog: self._ratings_closed(d))
        # Deleted without being closed (a lock that tears every dialog down): forget it too.
        dialog.destroyed.connect(lambda _o=None, d=dialog: self._ratings_closed(d))
        self.ratingsDialog = dialog
        dialog.open()
        return dialog

    def _ratings_closed(self, dialog) -> None:
        if self.ratingsDialog is dialog:
            self.ratingsDialog = None

    def _close_ratings(self) -> None:
        """Put away an open ratings dialog unanswered (another person, or a new session)."""
        if self.ratingsDialog is not None:
            self.ratingsDialog.reject()

    def set_full_screen(self, on: bool) -> None:
        """The player fills the screen, or leaves it; the window follows (fullScreenWanted)."""
        self._full_screen = on
        if self.player is not None:
            self.player.show_full_screen(on)
        self.fullScreenWanted.emit(on)

    def _toggle_full_screen(self) -> None:
        self.set_full_screen(not self._full_screen)

    def _profile_changed(self) -> None:
        self._close_ratings()   # the next person must not rate the last one's session
        if not self.running:
            self.builder.set_items([])
            self.show_builder()
