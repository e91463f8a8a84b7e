"""Which person is using the app right now; every page listens to this one object."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from ankle_gui.core.profile import Profile
from ankle_gui.services.preferences import LAST_PROFILE_KEY, Preferences
from ankle_gui.store import Store

# settle_unsaved(then, cancelled) -> True: nothing unsaved, go on now; False: the person is
# asked, and ``then`` (or ``cancelled``) runs once they answer.
Settle = Callable[[Callable[[], object], Callable[[], object] | None], bool]


def _nothing_unsaved(_then: Callable[[], object],
                     _cancelled: Callable[[], object] | None = None) -> bool:
    return True


class CurrentProfile(QObject):
    changed = Signal(object)  # Profile | None

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._profile: Profile | None = None
        # Off in clinic mode: a shared PC never reopens on, or notes, the last person.
        self.remember = True
        # Set by the window: this person's unsaved changes (their plan), asked about before
        # another profile opens or anything else would lose them.
        self.settle_unsaved: Settle = _nothing_unsaved
        # Set by the window too: a guided test half done. Not part of settle_unsaved, which
        # the Train page also asks before it uses the saved plan (that loses no answers).
        self.settle_unfinished: Settle = _nothing_unsaved

    @property
    def profile(self) -> Profile | None:
        return self._profile

    @property
    def id(self) -> int | None:
        return self._profile.id if self._profile else None

    def restore(self) -> None:
        """Pick the profile used last, or the only one there is (in clinic mode: only
        re-read the one open now, if it still exists)."""
        if not self.remember:
            self.reload()
            return
        profiles = self._store.profiles.all()
        wanted = Preferences(self._store).get(LAST_PROFILE_KEY)
        chosen = next((p for p in profiles if str(p.id) == wanted), None)
        if chosen is None and len(profiles) == 1:
            chosen = profiles[0]
        self.set(chosen)

    def set(self, profile: Profile | None) -> None:
        self._profile = profile
        if profile is not None and self.remember:
            Preferences(self._store).set(LAST_PROFILE_KEY, profile.id)
        self.changed.emit(profile)

    def settle_before_leaving(self, then: Callable[[], object],
                              cancelled: Callable[[], object] | None = None) -> bool:
        """Everything this person would lose, asked in turn: the plan, then the test. True
        when nothing needs asking; otherwise ``then`` runs once both are answered."""
        def after_plan() -> None:
            if self.settle_unfinished(then, cancelled):
                then()

        return (self.settle_unsaved(after_plan, cancelled)
                and self.settle_unfinished(then, cancelled))

    def switch_to(self, profile: Profile | None, then: Callable[[], object] | None = None,
                  cancelled: Callable[[], object] | None = None) -> None:
        """Open ``profile`` because the person chose it: unsaved changes of the one open now
        are asked about first. ``then`` runs once it is open; ``cancelled`` if they cancel."""
        def open_it() -> None:
            self.set(profile)
            if then is not None:
                then()

        same = profile is not None and profile.id == self.id
        if same or self.settle_before_leaving(open_it, cancelled):
            open_it()

    def reload(self) -> None:
        """Re-read the current profile after it was renamed or edited."""
        if self._profile is None:
            return
        try:
            self.set(self._store.profiles.get(self._profile.id))
        except KeyError:
            self.set(None)
