"""The guided test: one step at a time, both sides in each step, saved only when complete."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ankle_gui.core.profile import Profile
from ankle_gui.core.records import ANKLES, Side
from ankle_gui.core.red_flags import SafetyAnswers, findings
from ankle_gui.core.screening import Screening, SideScreening, fist_screen
from ankle_gui.core.units import Unit
from ankle_gui.services.screening import ScreeningEntry
from ankle_gui.ui.common.length_field import LengthField
from ankle_gui.ui.common.widgets import CurrentPageStack, label
from ankle_gui.ui.screening.choice_row import ChoiceRow
from ankle_gui.ui.screening.felt_limit_step import FeltLimitStep
from ankle_gui.ui.screening.fist_screen_step import FistScreenStep
from ankle_gui.ui.screening.fist_width_step import DIRECT, FistWidthStep
from ankle_gui.ui.screening.knee_to_wall_step import KneeToWallStep
from ankle_gui.ui.screening.safety_step import SafetyHealthStep, SafetyLegsStep
from ankle_gui.ui.screening.screening_step import ScreeningStep
from ankle_gui.ui.screening.squat_step import SquatStep

# The steps in their order: the safety check first, at every test. Each is built the first
# time it is reached or asked for, so a first visit, which opens on this page, builds only
# the first two (questions, no figures) before its window is up.
STEPS: tuple[type[ScreeningStep], ...] = (SafetyLegsStep, SafetyHealthStep, KneeToWallStep,
                                          FistWidthStep, FistScreenStep, FeltLimitStep,
                                          SquatStep)
# Steps about the measured sides: not needed when neither side is measured today.
NEEDS_A_MEASURED_SIDE = (FistWidthStep, FistScreenStep, FeltLimitStep)


class ScreeningWizard(QWidget):
    submitted = Signal(object)  # ScreeningEntry, only ever a valid one

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("testWizard")
        self.stack = CurrentPageStack(self)
        self._steps: list[ScreeningStep | None] = [None] * len(STEPS)
        self._profile: Profile | None = None
        for _ in STEPS:  # a placeholder for each step until it is built
            self.stack.addWidget(QWidget(self.stack))

        self.stepLabel = label("", "subtitle")
        self.stepLabel.setObjectName("testStepLabel")
        self.progressLabel = label("", "hint", wrap=False)
        self.progressLabel.setObjectName("testProgress")
        # Answering the fist screen directly adds a step: said in words, not just renumbered.
        self.stepCountNote = label("", "hint")
        self.stepCountNote.setObjectName("testStepCountNote")
        self.stepCountNote.hide()
        self.formMessage = label("", "error")
        self.formMessage.setObjectName("testFormMessage")
        self.backButton = QPushButton("◀  Back")
        self.backButton.setObjectName("testBackButton")
        self.nextButton = QPushButton("Next  ▶")
        self.nextButton.setObjectName("testNextButton")
        self.nextButton.setProperty("role", "primary")
        self.saveTestButton = QPushButton("Save test")
        self.saveTestButton.setObjectName("saveTestButton")
        self.saveTestButton.setProperty("role", "primary")
        self.cancelButton = QPushButton("Back to results")
        self.cancelButton.setObjectName("testCancelButton")
        for b in (self.backButton, self.nextButton, self.saveTestButton, self.cancelButton):
            b.setMinimumHeight(44)

        header = QHBoxLayout()
        header.addWidget(self.stepLabel, 1)
        header.addWidget(self.progressLabel)
        nav = QHBoxLayout()
        nav.addWidget(self.cancelButton)
        nav.addWidget(self.formMessage, 1)
        nav.addWidget(self.backButton)
        nav.addWidget(self.nextButton)
        nav.addWidget(self.saveTestButton)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.stepCountNote)
        layout.addWidget(self.stack, 1)
        layout.addLayout(nav)

        self.backButton.clicked.connect(self.back)
        self.nextButton.clicked.connect(self.next)
        self.saveTestButton.clicked.connect(self.save)
        self.go(0)

    # --- the steps, built on first use -------------------------------------------------
    def step(self, index: int) -> ScreeningStep:
        """Step ``index``, built and wired the first time it is needed."""
        built = self._steps[index]
        if built is None:
            kind = STEPS[index]
            built = (kind(self._fist_screen_needed, self.stack) if kind is FistScreenStep
                     else kind(self.stack))
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, built)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._steps[index] = built
            # Once the user changes an answer, the "please fix" line has done its job.
            for field in built.findChildren(LengthField):
                field.changed.connect(self._clear_form_message)
            for row in built.findChildren(ChoiceRow):
                row.changed.connect(self._clear_form_message)
            if isinstance(built, SafetyLegsStep | SafetyHealthStep):
                # A yes can leave a side untested, which changes the steps that follow.
                for row in built.rows.values():
                    row.changed.connect(lambda _v: self._refresh())
            if isinstance(built, KneeToWallStep):
                for button in built.unable.values():
                    button.toggled.connect(lambda _on: self._refresh())
            if isinstance(built, FistWidthStep):
                # Answering the fist screen directly adds a step: keep "Step n of N" true.
                built.group.idClicked.connect(lambda _i: self.go(self.stack.currentIndex()))
                built.group.idClicked.connect(self._clear_form_message)
            self._load_profile_into(built)
        return built

    @property
    def steps(self) -> list[ScreeningStep]:
        """Every step, all built."""
        return [self.step(i) for i in range(len(STEPS))]

    @property
    def safetyLegs(self) -> SafetyLegsStep:  # noqa: N802 (Qt-style names, like the objectNames)
        return self.step(0)

    @property
    def safetyHealth(self) -> SafetyHealthStep:  # noqa: N802
        return self.step(1)

    @property
    def kneeToWall(self) -> KneeToWallStep:  # noqa: N802
        return self.step(2)

    @property
    def fistWidth(self) -> FistWidthStep:  # noqa: N802
        return self.step(3)

    @property
    def fistScreen(self) -> FistScreenStep:  # noqa: N802
        return self.step(4)

    @property
    def feltLimit(self) -> FeltLimitStep:  # noqa: N802
        return self.step(5)

    @property
    def squat(self) -> SquatStep:
        return self.step(6)

    # --- what the safety check and "can't do it" leave untested ----------------------------
    def _built(self, kind: type[ScreeningStep]) -> ScreeningStep | None:
        return self._steps[STEPS.index(kind)]

    def safety_answers(self) -> SafetyAnswers:
        answers: dict[str, bool] = {}
        for kind in (SafetyLegsStep, SafetyHealthStep):
            built = self._built(kind)
            if isinstance(built, SafetyLegsStep | SafetyHealthStep):
                answers.update(built.answers())
        ktw = self._built(KneeToWallStep)
        unable = frozenset(side for side in ANKLES
                           if isinstance(ktw, KneeToWallStep) and ktw.is_unable(side))
        return SafetyAnswers(answers, unable)

    def _ruled_out(self) -> dict[Side, str]:
        """The sides the safety questions keep from the test today, with the reason."""
        found = [f for f in findings(SafetyAnswers(self.safety_answers().answers))
                 if f.skip_test]
        return {side: f.title.lower() for f in reversed(found) for side in f.sides}

    def _untested(self) -> set[Side]:
        ktw = self._built(KneeToWallStep)
        unable = {s for s in ANKLES if isinstance(ktw, KneeToWallStep) and ktw.is_unable(s)}
        return set(self._ruled_out()) | unable

    def _sync(self) -> None:
        """Pass the safety answers on to the steps after them."""
        ruled_out = self._ruled_out()
        untested = self._untested()
        for built in self._steps:
            if isinstance(built, KneeToWallStep):
                built.rule_out(ruled_out)
            elif isinstance(built, FeltLimitStep | FistScreenStep):
                built.set_untested(untested)
            elif isinstance(built, SquatStep):
                built.set_skipped(bool(ruled_out))

    # --- navigation --------------------------------------------------------------------
    def _fist_screen_needed(self) -> bool:
        return self.fistWidth.choice() == DIRECT

    def _applies(self, index: int) -> bool:
        kind = STEPS[index]
        if kind in NEEDS_A_MEASURED_SIDE and len(self._untested()) == len(ANKLES):
            return False
        if kind is FistScreenStep:
            built = self._built(FistWidthStep)
            return isinstance(built, FistWidthStep) and built.choice() == DIRECT
        return True

    def _applicable(self) -> list[int]:
        return [i for i in range(len(STEPS)) if self._applies(i)]

    def current_step(self) -> ScreeningStep:
        return self.step(self.stack.currentIndex())

    def go(self, index: int) -> None:
        self.step(index)
        self._sync()
        self.stack.setCurrentIndex(index)
        shown = self._applicable()
        position = shown.index(index) if index in shown else 0
        self.stepLabel.setText(f"Step {position + 1} of {len(shown)}: {STEPS[index].title}")
        self.progressLabel.setText("  ".join("●" if i == index else "○" for i in shown))
        added = self._applies(STEPS.index(FistScreenStep))
        self.stepCountNote.setText(
            f"You chose to hold your fist at your toes, so that check has its own step: "
            f"{len(shown)} steps in all." if added else "")
        self.stepCountNote.setVisible(added)
        last = index == shown[-1]
        self.backButton.setEnabled(position > 0)
        self.nextButton.setVisible(not last)
        self.saveTestButton.setVisible(last)
        self.formMessage.setText("")

    def _refresh(self) -> None:
        """An answer changed what follows: the step count and the later steps catch up."""
        message = self.formMessage.text()
        self.go(self.stack.currentIndex())
        self.formMessage.setText(message)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Enter goes on to the next step (on the last one it saves), as in every wizard.

        Fields that use Enter themselves never pass it up, so it only arrives here when
        nothing else wanted it.
        """
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.nextButton.isVisible():
                self.next()
            else:
                self.save()
            event.accept()
            return
        super().keyPressEvent(event)

    def _clear_form_message(self, *_args) -> None:
        self.formMessage.setText("")

    def next(self) -> None:
        here = self.stack.currentIndex()
        if not self.step(here).validate():
            self.formMessage.setText("Please fix the answer marked in red first.")
            return
        later = [i for i in self._applicable() if i > here]
        if later:
            self.go(later[0])

    def back(self) -> None:
        earlier = [i for i in self._applicable() if i < self.stack.currentIndex()]
        if earlier:
            self.go(earlier[-1])

    # --- data --------------------------------------------------------------------------
    def load_profile(self, profile: Profile | None, keep_answers: bool = False) -> None:
        """``keep_answers``: the same person renamed or given another unit; what they typed
        stays, its distances converted."""
        self._profile = profile
        for step in self._steps:
            if step is not None:  # the others get it when they are built
                self._load_profile_into(step, keep_answers)

    def _load_profile_into(self, step: ScreeningStep, keep_answers: bool = False) -> None:
        profile = self._profile
        unit = profile.unit if profile else Unit.CM
        if isinstance(step, KneeToWallStep | FistWidthStep):
            step.set_unit(unit)
        if isinstance(step, FistWidthStep) and not keep_answers:
            step.load(profile.fist_width_cm if profile else None)

    def has_answers(self) -> bool:
        """Something typed or picked that a new test would empty. The fist width alone does
        not count: it comes from the profile, and step 1 must be answered to reach it."""
        return any(step is not None and step.has_answers() for step in self._steps)

    def owned_by(self, profile: Profile | None) -> bool:
        """True when the answers belong to ``profile``. The creation time too: a restored or
        imported database may give the id to another person."""
        mine = self._profile
        return (mine is not None and profile is not None and mine.id == profile.id
                and mine.created_at == profile.created_at)

    def owner_name(self) -> str:
        return self._profile.name if self._profile is not None else ""

    def reset(self, profile: Profile | None) -> None:
        for step in self._steps:
            if step is not None:  # a step not built yet has nothing to empty
                step.reset()
        self.load_profile(profile)
        self.go(0)

    def entry(self) -> ScreeningEntry | None:
        """The whole test, or None after showing the first step that is not right yet."""
        for index in self._applicable():
            if not self.step(index).validate():
                self.go(index)
                self.formMessage.setText("Nothing was saved: please fix the answer marked in "
                                         "red.")
                return None
        self._sync()
        measured = len(self._untested()) < len(ANKLES)
        fist_cm = self.fistWidth.fist_width_cm() if measured else None
        ktw_step = self.kneeToWall
        sides = []
        for side in ANKLES:
            ktw = ktw_step.value_cm(side)
            if ktw is None:
                sides.append(SideScreening(side, None, None))
                continue
            straight, bent = self.feltLimit.felt(side)
            assert straight is not None and bent is not None  # validated above
            passed = fist_screen(ktw, fist_cm, self.fistScreen.answer(side))
            sides.append(SideScreening(side, ktw, bool(passed), straight, bent, fist_cm,
                                       ktw_step.measured_by(), ktw_step.resolution_cm()))
        screening = Screening(sides[0], sides[1], self.squat.heels_down(),
                              safety=self.safety_answers())
        return ScreeningEntry(screening, fist_cm, self.squat.note_text())

    def save(self) -> None:
        entry = self.entry()
        if entry is not None:
            self.submitted.emit(entry)
