"""The one-time safety notice, per profile: not medical advice; stop on sharp pain."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from ankle_gui.core.profile import Profile
from ankle_gui.services.patient_access import HOME, Access
from ankle_gui.services.profiles import Profiles
from ankle_gui.store import Store
from ankle_gui.ui.common.current_profile import CurrentProfile
from ankle_gui.ui.common.widgets import label

NOTICE_TEXT = (
    "<b>Before you start:</b> this app is not medical advice and does not replace a "
    "physiotherapist or doctor. Stop any test or drill straight away if you feel sharp pain, "
    "and have it looked at. If you are recovering from an injury or operation, ask your "
    "clinician first.")


class SafetyNotice(QFrame):
    """Shown above every page until this profile has read it once."""

    def __init__(self, store: Store, current: CurrentProfile, parent: QWidget | None = None,
                 access: Callable[[], Access] = lambda: HOME):
        super().__init__(parent)
        self.setObjectName("safetyNotice")
        self._store = store
        self._access = access  # who is at the screen: they answer for themselves only
        self._current = current
        # The text and button are made the first time the notice is due: most starts are
        # by people who have read it, and the first rich-text label is slow to make.
        self.text = None
        self.acceptButton = None
        self._aside = False  # out of the way while the clinician's dashboard is shown
        current.changed.connect(self.show_for)
        self.show_for(current.profile)

    def _build(self) -> None:
        self.text = label(NOTICE_TEXT)
        self.text.setObjectName("safetyNoticeText")
        self.acceptButton = QPushButton("I understand")
        self.acceptButton.setObjectName("noticeAcceptButton")
        self.acceptButton.setProperty("role", "primary")
        self.acceptButton.setMinimumHeight(44)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.acceptButton)
        self.acceptButton.clicked.connect(self.accept)

    def show_for(self, profile: Profile | None) -> None:
        due = profile is not None and not self._store.profiles.notice_seen(profile.id)
        if due and self.text is None:
            self._build()
        self.setVisible(due and not self._aside)

    def step_aside(self, aside: bool) -> None:
        """Not over the clinician's dashboard: it is for the person about to train, and
        showing it there would push every button of the dashboard down."""
        self._aside = aside
        self.show_for(self._current.profile)

    def accept(self) -> None:
        if self._current.id is not None:
            Profiles(self._store).mark_notice_seen(self._access(), self._current.id)
        self.hide()
