"""Each finished set on disk before the player's next screen, and before the session ends.

A set that cannot be saved is held, with the reason, and nothing moves on until a retry
saves it: the person is told, and no finished work is lost by carrying on.
"""

from __future__ import annotations

from collections.abc import Callable

from ankle_gui.core.records import CompletedSet
from ankle_gui.core.session_events import Event

# Puts one set on disk, or raises: (the set, whether it redoes the one stored last).
SaveSet = Callable[[CompletedSet, bool], None]


class SetSaver:
    """Saves each finished set of one run through ``save`` (``TrainingRun.save_set``);
    ``saved(set)`` is told once a set is on disk."""

    def __init__(self, save: SaveSet, saved: Callable[[CompletedSet], object]):
        self._save = save
        self._saved = saved
        self.held: Event | None = None   # the finished set whose save failed
        self.error = ""                  # why, in words for the person

    @property
    def holding(self) -> bool:
        """A finished set is not on disk yet: nothing may move on."""
        return self.held is not None

    def save(self, event: Event) -> bool:
        """Put ``event``'s set on disk (a SET_DONE event); False, and the set is held, if
        that failed."""
        assert event.done is not None
        try:
            self._save(event.done, event.replaces)
        except Exception as exc:  # noqa: BLE001 - any failure must stop the run, not lose work
            self.held = event
            self.error = (f"Could not save the last set ({exc}). Nothing moves on until it is "
                          "saved: press Space to try again.")
            return False
        self.held = None
        self.error = ""
        self._saved(event.done)
        return True

    def retry(self) -> bool:
        """Try the held set again; True once it is on disk."""
        return self.held is not None and self.save(self.held)
