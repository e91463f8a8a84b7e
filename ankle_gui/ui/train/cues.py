"""Sounds and voice for the drill player, loaded lazily and defensively.

Qt Multimedia and Qt TextToSpeech are imported only when a run starts. With no audio
device, no speech engine, or a library that will not load, the player carries on with
full visual cues and says so in a visible note; nothing here may take the app down.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QUrl, Signal

from ankle_gui import resource_files
from ankle_gui.store import Store

log = logging.getLogger(__name__)

SOUND_MUTED_KEY = "player.sound_muted"
VOICE_MUTED_KEY = "player.voice_muted"
SOUND_NAMES = ("beep", "phase", "tick", "done")
SPOKEN_LOG_LENGTH = 200


def _has_audio_output() -> bool:
    from PySide6.QtMultimedia import QMediaDevices

    return bool(QMediaDevices.audioOutputs())


class CueOutput(QObject):
    """Plays the cue WAVs and speaks short phrases; both can be muted separately."""

    changed = Signal()  # mute switches or availability changed

    def __init__(self, store: Store, speech_engine: str | None = None,
                 has_audio_output: Callable[[], bool] = _has_audio_output,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._settings = store.settings
        self._engine_name = speech_engine
        self._has_audio_output = has_audio_output
        self._loaded = False
        self._effects: dict = {}
        self._speech = None
        self.sound_problem = ""
        self.voice_problem = ""
        self.spoken: list[str] = []   # what was handed to the speech engine, newest last
        self.played: list[str] = []   # which sounds were played, newest last

    # ----- switches -------------------------------------------------------------------------
    @property
    def sound_muted(self) -> bool:
        return self._settings.get_bool(SOUND_MUTED_KEY, False)

    @property
    def voice_muted(self) -> bool:
        return self._settings.get_bool(VOICE_MUTED_KEY, False)

    def set_sound_muted(self, muted: bool) -> None:
        self._settings.set(SOUND_MUTED_KEY, bool(muted))
        self.changed.emit()

    def set_voice_muted(self, muted: bool) -> None:
        self._settings.set(VOICE_MUTED_KEY, bool(muted))
        if muted and self._speech is not None:
            with contextlib.suppress(RuntimeError):
                self._speech.stop()
        self.changed.emit()

    @property
    def sound_available(self) -> bool:
        self.load()
        return bool(self._effects)

    @property
    def voice_available(self) -> bool:
        self.load()
        return self._speech is not None

    def note(self) -> str:
        """A short line for the screen when sound or voice cannot work here."""
        self.load()
        problems = []
        if self.sound_problem:
            problems.append(f"Sound unavailable ({self.sound_problem})")
        if self.voice_problem:
            problems.append(f"voice unavailable ({self.voice_problem})")
        if not problems:
            return ""
        text = "; ".join(problems)
        return text[0].upper() + text[1:] + ". Every cue is still shown on screen."

    # ----- loading --------------------------------------------------------------------------
    def load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        self._load_sounds()
        self._load_voice()

    def _load_sounds(self) -> None:
        try:
            if not self._has_audio_output():
                self.sound_problem = "no audio output found"
                return
            from PySide6.QtMultimedia import QSoundEffect

            folder = resource_files() / "sounds"
            for name in SOUND_NAMES:
                effect = QSoundEffect(self)
                effect.setSource(QUrl.fromLocalFile(str(folder / f"{name}.wav")))
                effect.setVolume(0.8)
                self._effects[name] = effect
        except Exception as exc:  # noqa: BLE001 - any failure here just means "no sound"
            log.warning("sound cues disabled: %s", exc)
            self._effects = {}
            self.sound_problem = "Qt Multimedia did not load"

    def _load_voice(self) -> None:
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech

            engines = QTextToSpeech.availableEngines()
            name = self._engine_name
            if name is None:
                real = [e for e in engines if e != "mock"]
                if not real:
                    self.voice_problem = "no speech engine installed"
                    return
                name = ""  # the platform's default engine
            speech = QTextToSpeech(name, self) if name else QTextToSpeech(self)
            if speech.state() == QTextToSpeech.State.Error:
                self.voice_problem = "the speech engine did not start"
                speech.deleteLater()
                return
            self._speech = speech
        except Exception as exc:  # noqa: BLE001 - any failure here just means "no voice"
            log.warning("voice cues disabled: %s", exc)
            self._speech = None
            self.voice_problem = "Qt TextToSpeech did not load"

    @property
    def speech(self):
        """The QTextToSpeech in use (tests connect to its signals), or None."""
        self.load()
        return self._speech

    # ----- output ---------------------------------------------------------------------------
    def play(self, name: str) -> None:
        if self.sound_muted:
            return
        self.load()
        effect = self._effects.get(name)
        if effect is None:
            return
        self.played.append(name)
        del self.played[:-SPOKEN_LOG_LENGTH]
        with contextlib.suppress(RuntimeError):
            effect.play()

    def say(self, text: str, interrupt: bool = True) -> None:
        """Speak ``text``; a new step's line cuts off a stale one, others queue behind."""
        if not text or self.voice_muted:
            return
        self.load()
        if self._speech is None:
            return
        self.spoken.append(text)
        del self.spoken[:-SPOKEN_LOG_LENGTH]
        with contextlib.suppress(RuntimeError):
            if interrupt:
                self._speech.say(text)
            else:
                self._speech.enqueue(text)

    def silence(self) -> None:
        if self._speech is not None:
            with contextlib.suppress(RuntimeError):
                self._speech.stop()
        for effect in self._effects.values():
            with contextlib.suppress(RuntimeError):
                effect.stop()
