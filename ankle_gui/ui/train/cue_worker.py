"""The helper process that speaks or plays the player's cues, so the window never waits on audio.

Run as ``python -m ankle_gui.ui.train.cue_worker voice [ENGINE]`` or ``... sound``. It
reads one JSON command per line on stdin and answers one JSON line per command on stdout:

- at start: ``{"ready": ...}`` once the engine or the audio output is up, or
  ``{"failed": reason}``; before that, ``{"starting": ...}`` once a speech daemon has
  answered (or none runs and the library will start one): the engine is on its way;
- ``{"say": text, "interrupt": bool, "id": n}`` / ``{"play": name, "id": n}`` /
  ``{"stop": true, "id": n}``: ``{"ack": n}`` once the engine has taken it;
- ``{"failed": reason}`` whenever the engine or the output breaks later.

Why a process and not a thread: a speech daemon that never answers leaves the speech
library blocked in a socket read for ever, and a thread stuck in C code can be neither
stopped nor left behind at exit. A process can always be killed. It also quits by itself
when its parent goes (stdin reaches end of file, and on Linux the kernel's parent-death
signal), even while it is stuck.

Why one long-lived audio output instead of ``QSoundEffect``: in Qt 6.11, replaying or
stopping a ``QSoundEffect`` that is still playing drops its last reference on the
PulseAudio thread, so a socket notifier owned by the main thread is destroyed there. Its
file descriptor is closed but stays registered, and the main event loop then spins on it,
printing "QSocketNotifier: Invalid socket … disabling" millions of times. Here the cues
are decoded once and mixed into a single stream that is opened once, on this process's
main thread.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import socket
import sys
import threading
import wave
from array import array

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTimer, Signal

from ankle_gui import resource_files

SOUND_NAMES = ("beep", "phase", "tick", "done")
VOLUME = 0.8
# A healthy daemon answers in about a millisecond, even on a busy machine; a stuck one never.
PROBE_WITHIN_S = 1.5
WRITE_EVERY_MS = 10
# Audio handed to the output ahead of time: enough to ride out a busy moment, short enough
# that a new cue still starts at once (it is mixed into what has not been handed over yet).
AHEAD_MS = 60


def _reply(**message) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _read_commands(post) -> None:
    """On a thread of its own: stdin lines go to the main thread; end of file ends us."""
    for line in sys.stdin:
        line = line.strip()
        if line:
            post(line)
    # The app has gone (or closed us): leave now, even if the main thread is stuck.
    os._exit(0)


# ----- voice -----------------------------------------------------------------------------------

def _speechd_socket() -> str | None:
    """Where the speech library will look for the daemon (its own rules), if a unix socket."""
    address = os.environ.get("SPEECHD_ADDRESS", "")
    if address.startswith("unix_socket:"):
        return address.split(":", 1)[1]
    if address:
        return None   # a network address: not probed
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    base = runtime if runtime else os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "speech-dispatcher", "speechd.sock")


def _probe_speechd() -> str:
    """Ask a running daemon a harmless question before the library commits to it.

    "absent": nothing listens, so the library will start a fresh daemon (slow, but it
    works); "answers"; or "silent": a daemon is there and does not answer, and the library
    would wait on it for ever.
    """
    path = _speechd_socket()
    if path is None:
        return "answers"
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    probe.settimeout(PROBE_WITHIN_S)
    try:
        probe.connect(path)
    except OSError:
        return "absent"
    try:
        probe.sendall(b"HELP\r\n")
        return "answers" if probe.recv(64) else "silent"
    except OSError:
        return "silent"
    finally:
        probe.close()


def _start_voice(engine: str):
    if engine in ("", "speechd"):
        state = _probe_speechd()
        if state == "silent":
            return None, "the speech service did not answer"
        # Alive: the app now gives the engine (and a daemon it may have to start) longer.
        _reply(starting="a new speech service" if state == "absent" else "the speech engine")
    from PySide6.QtTextToSpeech import QTextToSpeech

    engines = QTextToSpeech.availableEngines()
    if engine and engine not in engines:
        return None, f"the speech engine '{engine}' is not installed"
    if not engine:
        real = [e for e in engines if e != "mock"]
        if not real:
            return None, "no speech engine is installed"
        engine = real[0]
    speech = QTextToSpeech(engine)   # speechd: 1.3-1.5 s here, for ever if the daemon is stuck
    if speech.state() == QTextToSpeech.State.Error:
        return None, "the speech engine did not start"

    def on_error(*_args) -> None:
        _reply(failed="the speech engine stopped working")

    speech.errorOccurred.connect(on_error)
    # Every phrase is English: on a desktop set to another language (or to "C"), the
    # default voice would read it with that language's sounds.
    english_language = QLocale.Language.English
    english = [loc for loc in speech.availableLocales() if loc.language() == english_language]
    if english and speech.locale().language() != english_language:
        speech.setLocale(english[0])
    return speech, engine


def _voice_command(speech, command: dict) -> None:
    if "say" in command:
        if command.get("interrupt", True):
            speech.say(command["say"])
        else:
            speech.enqueue(command["say"])
    elif "stop" in command:
        speech.stop()


# ----- sound -----------------------------------------------------------------------------------

def _decode(path) -> tuple[array, int, int]:
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2:
            raise ValueError(f"{path.name}: only 16-bit sound files are supported")
        samples = array("h", wav.readframes(wav.getnframes()))
        if sys.byteorder == "big":
            samples.byteswap()
        return samples, wav.getframerate(), wav.getnchannels()


class Mixer:
    """One audio output for every cue: sounds are mixed, never restarted or replayed."""

    def __init__(self, folder):
        from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices

        self.cues: dict[str, array] = {}
        rate = channels = None
        for name in SOUND_NAMES:
            samples, rate, channels = _decode(folder / f"{name}.wav")
            self.cues[name] = array("h", (int(s * VOLUME) for s in samples))
        device = QMediaDevices.defaultAudioOutput()
        if device.isNull():
            raise RuntimeError("no audio output found")
        fmt = QAudioFormat()
        fmt.setSampleRate(rate)
        fmt.setChannelCount(channels)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        if not device.isFormatSupported(fmt):
            raise RuntimeError("the audio output cannot play the cue sounds")
        self.bytes_per_ms = rate * channels * 2 / 1000
        self.pending = array("h")     # mixed samples not yet handed to the output
        self.sink = QAudioSink(device, fmt)
        self.sink.setBufferSize(int(self.bytes_per_ms * AHEAD_MS * 4))
        self.output = self.sink.start()   # push mode: we write, the output never calls us
        if self.output is None or self.sink.error() != self.sink.error().NoError:
            raise RuntimeError("the audio output did not open")
        self.timer = QTimer()
        self.timer.setInterval(WRITE_EVERY_MS)
        self.timer.timeout.connect(self._feed)
        self.timer.start()

    def play(self, name: str) -> None:
        cue = self.cues.get(name)
        if cue is None:
            return
        pending = self.pending
        overlap = min(len(pending), len(cue))
        for i in range(overlap):   # mix into what is still waiting, clipped to 16 bits
            pending[i] = max(-32768, min(32767, pending[i] + cue[i]))
        pending.extend(cue[overlap:])
        self._feed()

    def stop(self) -> None:
        del self.pending[:]

    def _feed(self) -> None:
        error = self.sink.error()
        if error not in (error.NoError, error.UnderrunError):
            self.timer.stop()
            _reply(failed=f"the audio output reported an error ({error.name})")
            return
        if not self.pending:
            return
        ahead = int(self.bytes_per_ms * AHEAD_MS)
        free = min(self.sink.bytesFree(), ahead) // 2
        if free <= 0:
            return
        chunk = self.pending[:free]
        del self.pending[:free]
        data = chunk.tobytes() if sys.byteorder == "little" else _swapped(chunk)
        self.output.write(data)


def _swapped(samples: array) -> bytes:
    copy = array("h", samples)
    copy.byteswap()
    return copy.tobytes()


def _sound_command(mixer: Mixer, command: dict) -> None:
    if "play" in command:
        mixer.play(command["play"])
    elif "stop" in command:
        mixer.stop()


# ----- main ------------------------------------------------------------------------------------

def _die_with_parent() -> None:
    """Linux: the kernel kills us if the app dies, even while we are stuck in a library."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):   # stdin's end of file still ends us
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class Inbox(QObject):
    """Lines from the reader thread, handled on the main thread (a queued signal)."""

    line = Signal(str)

    def __init__(self):
        super().__init__()
        self.handler = None
        self.line.connect(self.handle)

    def handle(self, text: str) -> None:
        self.handler(text)


def main(argv: list[str]) -> int:
    role = argv[0] if argv else ""
    if role not in ("voice", "sound"):
        print("usage: python -m ankle_gui.ui.train.cue_worker voice [ENGINE] | sound",
              file=sys.stderr)
        return 2
    _die_with_parent()
    app = QCoreApplication([sys.argv[0]])
    inbox = Inbox()
    # Read from the start: lines wait in the event queue until the engine is up, and if the
    # app goes while the engine is still starting (or stuck starting), we leave at once.
    threading.Thread(target=_read_commands, args=(inbox.line.emit,), daemon=True).start()
    try:
        if role == "voice":
            engine, detail = _start_voice(argv[1] if len(argv) > 1 else "")
            handle = _voice_command
        else:
            engine, detail = Mixer(resource_files() / "sounds"), "audio output"
            handle = _sound_command
    except Exception as exc:  # noqa: BLE001 - every failure is reported, none is fatal
        engine, detail = None, str(exc) or type(exc).__name__
    if engine is None:
        _reply(failed=detail)
        return 1

    def on_line(line: str) -> None:
        try:
            command = json.loads(line)
            handle(engine, command)
        except Exception as exc:  # noqa: BLE001 - a bad line or engine error is reported
            _reply(failed=f"{type(exc).__name__}: {exc}")
            return
        if "id" in command:
            _reply(ack=command["id"])

    inbox.handler = on_line
    _reply(ready=detail)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
