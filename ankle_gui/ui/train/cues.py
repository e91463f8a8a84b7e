"""Sounds and voice for the drill player: what to play and say, and who does it.

The window never waits on audio. The real voice and sound run in helper processes
(``ui/train/cue_process.py``), started in the background the first time a drill needs them and
only if they are switched on. If one is missing, slow, stuck or dies, the player carries
on with every cue on screen and shows a note saying what is unavailable.

The services are passed in (``CueServices``): the app gives the real ones
(``system_cues``), tests give the ``mock`` speech engine and a silent sound sink
(``quiet_cues``), and only the tests about real audio ask for the real ones.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal

from ankle_gui.services.preferences import SOUND_MUTED_KEY, VOICE_MUTED_KEY, Preferences
from ankle_gui.store import Store
from ankle_gui.ui.train.cue_process import ProcessSound, ProcessVoice

log = logging.getLogger(__name__)

SOUND_NAMES = ("beep", "phase", "tick", "done")
SPOKEN_LOG_LENGTH = 200


class CueServices(NamedTuple):
    """How to make the voice and the sound output; each is made on first use."""

    voice: Callable[[QObject], QObject]
    sound: Callable[[QObject], QObject]


def system_cues() -> CueServices:
    """The platform's speech engine and audio output, each in its own helper process."""
    return CueServices(voice=lambda parent: ProcessVoice(parent=parent),
                       sound=lambda parent: ProcessSound(parent=parent))


def quiet_cues() -> CueServices:
    """For tests and scripted runs: Qt's ``mock`` speech engine and a sink that plays nothing."""
    return CueServices(voice=MockVoice, sound=SilentSound)


class MockVoice(QObject):
    """Qt's ``mock`` speech engine, in this process: it never blocks and makes no sound."""

    failed = Signal(str)
    ready = Signal()
    engine = "mock"

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.problem = ""
        self.is_ready = False
        self.speech = None

    def start(self) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        self.speech = QTextToSpeech("mock", self)
        self.is_ready = True
        self.ready.emit()

    def say(self, text: str, interrupt: bool = True) -> None:
        if interrupt:
            self.speech.say(text)
        else:
            self.speech.enqueue(text)

    def stop(self) -> None:
        self.speech.stop()

    def close(self) -> None:
        if self.speech is not None:
            self.speech.stop()


class SilentSound(QObject):
    """A sound output that accepts every cue and plays none of them."""

    failed = Signal(str)
    ready = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.problem = ""
        self.is_ready = False

    def start(self) -> None:
        self.is_ready = True
        self.ready.emit()

    def play(self, name: str) -> None:
        pass

    def stop(self) -> None:
        pass

    def close(self) -> None:
        pass


class CueOutput(QObject):
    """Plays the cue sounds and speaks short phrases; both can be muted separately."""

    changed = Signal()  # mute switches or availability changed

    def __init__(self, store: Store, services: CueServices, parent: QObject | None = None):
        super().__init__(parent)
        self._preferences = Preferences(store)
        self._services = services
        self.voice = None             # made the first time it is needed, switched on
        self.sound = None
        self._drills = 0              # drills started, for "try again at the next drill"
        self._starting_for = 0
        self.spoken: list[str] = []   # what was handed to the voice, newest last
        self.played: list[str] = []   # which sounds were handed to the output, newest last

    # ----- switches -------------------------------------------------------------------------
    @property
    def sound_muted(self) -> bool:
        return self._preferences.get_bool(SOUND_MUTED_KEY, False)

    @property
    def voice_muted(self) -> bool:
        return self._preferences.get_bool(VOICE_MUTED_KEY, False)

    def set_sound_muted(self, muted: bool) -> None:
        self._preferences.set(SOUND_MUTED_KEY, bool(muted))
        if muted and self.sound is not None:
            self.sound.stop()
        elif not muted:
            self._ensure_sound()   # the first unmute starts it, in the background
        self.changed.emit()

    def set_voice_muted(self, muted: bool) -> None:
        self._preferences.set(VOICE_MUTED_KEY, bool(muted))
        if muted and self.voice is not None:
            self.voice.stop()
        elif not muted:
            self._ensure_voice()
        self.changed.emit()

    @property
    def sound_problem(self) -> str:
        return self.sound.problem if self.sound is not None else ""

    @property
    def voice_problem(self) -> str:
        return self.voice.problem if self.voice is not None else ""

    def note(self) -> str:
        """A short line for the screen when sound or voice cannot work here."""
        problems = []
        if self.sound_problem and not self.sound_muted:
            problems.append(f"Sound unavailable ({self.sound_problem})")
        if self.voice_problem and not self.voice_muted:
            problems.append(f"voice unavailable ({self.voice_problem})")
        if not problems:
            return ""
        text = "; ".join(problems)
        return text[0].upper() + text[1:] + ". Every cue is still shown on screen."

    # ----- starting the services ----------------------------------------------------------------
    def warm_up(self) -> None:
        """The player is on its way: start what is switched on, so the first phrase is not
        late. A service that fails now counts as this coming drill's try."""
        self._starting_for = self._drills + 1
        if not self.sound_muted:
            self._ensure_sound()
        if not self.voice_muted:
            self._ensure_voice()

    def prepare(self) -> None:
        """A drill is starting: start what is switched on; try again what failed before."""
        self._drills += 1
        self._starting_for = self._drills
        if not self.sound_muted:
            self._ensure_sound(retry=True)
        if not self.voice_muted:
            self._ensure_voice(retry=True)

    def _worth_retrying(self, service) -> bool:
        # Once per drill: a service that failed during this drill's warm-up is not retried.
        return bool(service.problem) and service.cue_drill < self._drills

    def _ensure_voice(self, retry: bool = False) -> None:
        if self.voice is None or (retry and self._worth_retrying(self.voice)):
            self.voice = self._replace(self.voice, self._services.voice)

    def _ensure_sound(self, retry: bool = False) -> None:
        if self.sound is None or (retry and self._worth_retrying(self.sound)):
            self.sound = self._replace(self.sound, self._services.sound)

    def _replace(self, old, make):
        """A new service in place of ``old`` (closed), started at once; it never blocks."""
        if old is not None:
            old.close()
            old.deleteLater()
        service = make(self)
        service.cue_drill = self._starting_for
        service.failed.connect(lambda _reason: self.changed.emit())
        try:
            service.start()
        except Exception as exc:  # noqa: BLE001 - a service that cannot start is only noted
            log.warning("cue service did not start: %s", exc)
            service.problem = "it did not start"
        return service

    # ----- output ---------------------------------------------------------------------------
    def play(self, name: str) -> None:
        if self.sound_muted:
            return
        self._ensure_sound()
        if self.sound.problem:
            return
        self.played.append(name)
        del self.played[:-SPOKEN_LOG_LENGTH]
        self.sound.play(name)

    def say(self, text: str, interrupt: bool = True) -> None:
        """Speak ``text``; a new step's line cuts off a stale one, others queue behind."""
        if not text or self.voice_muted:
            return
        self._ensure_voice()
        if self.voice.problem:
            return
        self.spoken.append(text)
        del self.spoken[:-SPOKEN_LOG_LENGTH]
        self.voice.say(text, interrupt)

    def silence(self) -> None:
        for service in (self.voice, self.sound):
            if service is not None and not service.problem:
                with contextlib.suppress(RuntimeError):
                    service.stop()

    def shutdown(self) -> None:
        """The window is closing: stop the helpers now, without waiting on them."""
        for service in (self.voice, self.sound):
            if service is not None:
                service.close()
