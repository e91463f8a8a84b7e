"""What the app remembers between runs beside the data: the mute switches, the player's pace
and figure, the quick test before training, where the window was, and who used it last.

One list, so each is named once, and a mistyped name or a value of the wrong kind is an
error here rather than a new setting no page ever reads back.
"""

from __future__ import annotations

from ankle_gui.store import Store

SOUND_MUTED_KEY = "player.sound_muted"
VOICE_MUTED_KEY = "player.voice_muted"
PACED_KEY = "player.paced"
FIGURE_KEY = "player.figure"   # the drill's moving figure beside the big number: on or off
QUICK_TEST_KEY = "train.quick_test"
GEOMETRY_KEY = "window.geometry"   # Qt's saveGeometry(): place, size and maximised state
LAST_PROFILE_KEY = "last_profile_id"

KINDS: dict[str, type] = {SOUND_MUTED_KEY: bool, VOICE_MUTED_KEY: bool, PACED_KEY: bool,
                          FIGURE_KEY: bool, QUICK_TEST_KEY: bool, GEOMETRY_KEY: str,
                          LAST_PROFILE_KEY: int}


class Preferences:
    def __init__(self, store: Store):
        self._settings = store.settings

    def get(self, key: str, default: str | None = None) -> str | None:
        return self._settings.get(key, default)

    def get_bool(self, key: str, default: bool = False) -> bool:
        return self._settings.get_bool(key, default)

    def set(self, key: str, value: str | bool | int) -> None:
        kind = KINDS.get(key)
        if kind is None:
            raise KeyError(f"no preference named {key!r}")
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise TypeError(f"the preference {key!r} is a {kind.__name__}, not {value!r}")
        self._settings.set(key, value)
