"""The pain rules at home, on the Train page: the next day's question, then what to do.

The day after a session (by an injected wall clock), one question: has the ankle settled
back to how it was before? The answer is stored with the session. When a pain rule is
broken (core/pain_rules.py) the banner says what to do: ease the dose, or see the physio.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ankle_gui.core.clock import local_display
from ankle_gui.core.pain_rules import NEXT_DAY_QUESTION, PAIN_OK_MAX, Advice
from ankle_gui.services.errors import ServiceError
from ankle_gui.services.session_ratings import answer_next_day, next_day_question, pain_advice
from ankle_gui.store import Store, StoreError
from ankle_gui.ui.common.widgets import label, set_role


class PainCheck(QFrame):
    """Hidden unless there is a question to ask or advice to give."""

    answered = Signal(int)   # the session id whose next-day answer was stored

    def __init__(self, store: Store, clock: Callable[[], datetime],
                 access: Callable[[], object] = lambda: None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("painCheck")
        self.setStyleSheet("QFrame#painCheck { background: #fff4e5; border: 1px solid "
                           "#b54708; border-radius: 6px; }")
        self._store = store
        self._clock = clock
        self._access = access
        self._profile_id: int | None = None
        self.session_id: int | None = None   # the session the question is about
        self.question = label("")
        self.question.setObjectName("nextDayQuestion")
        self.detail = label("", "hint")   # only when an answer could not be saved
        self.advice = label("")
        self.advice.setObjectName("painAdvice")
        self.settledButton = QPushButton("Yes, settled")
        self.settledButton.setObjectName("settledYesButton")
        self.notSettledButton = QPushButton("No, still sorer")
        self.notSettledButton.setObjectName("settledNoButton")
        self.skipButton = QPushButton("Skip")
        self.skipButton.setObjectName("settledSkipButton")
        self.skipButton.setToolTip("Do not ask about this session again")
        for b in (self.settledButton, self.notSettledButton, self.skipButton):
            b.setMinimumHeight(36)
        # One row: the question and its answers. The Train page's own buttons must stay in
        # view at 1280×720 with it showing.
        row = QHBoxLayout()
        row.addWidget(self.question, 1)
        row.addWidget(self.settledButton)
        row.addWidget(self.notSettledButton)
        row.addWidget(self.skipButton)
        self._buttons = (self.settledButton, self.notSettledButton, self.skipButton)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.detail)
        layout.addWidget(self.advice)
        self.settledButton.clicked.connect(lambda: self.answer(True))
        self.notSettledButton.clicked.connect(lambda: self.answer(False))
        self.skipButton.clicked.connect(lambda: self.answer(None))
        self.hide()

    def refresh(self, profile_id: int | None) -> None:
        """Ask about the last session, or say what to do, or stay out of the way."""
        self._profile_id = profile_id
        self.session_id = None
        if profile_id is None:
            self.hide()
            return
        now = self._clock()
        due = next_day_question(self._store, profile_id, now)
        verdict = pain_advice(self._store, profile_id, now)
        if due is not None:
            self.session_id = due.id
            day = local_display(due.started_at, with_time=False)
            self.question.setText(f"<b>{NEXT_DAY_QUESTION}</b> (the session of {day})")
            self.question.setToolTip("A little stiffness is fine if it has eased off; pain "
                                     f"during a drill should stay at or under {PAIN_OK_MAX}/10.")
        self.question.setVisible(due is not None)
        self.detail.setText("")
        self.detail.hide()
        for b in self._buttons:
            b.setVisible(due is not None)
        if verdict is not None:
            self.advice.setText(verdict.words())
            set_role(self.advice, "error" if verdict.advice is Advice.SEE_PHYSIO else "")
        self.advice.setVisible(verdict is not None)
        self.setVisible(due is not None or verdict is not None)

    def answer(self, settled: bool | None) -> bool:
        if self.session_id is None:
            return False
        session_id = self.session_id
        try:
            answer_next_day(self._store, session_id, settled, self._clock(),
                            access=self._access())
        except (ServiceError, StoreError) as exc:
            self.detail.setText(f"Not saved: {exc}")
            self.detail.show()
            return False
        self.refresh(self._profile_id)
        self.answered.emit(session_id)
        return True
