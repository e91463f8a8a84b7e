"""A real audio stack for the tests marked ``real_audio``: a PulseAudio server with a null
sink, speech-dispatcher autospawned into it, and ``parec`` recording what reaches the sink.

If a server is already reachable (``PULSE_SERVER``, as ``.ci/run`` sets it) and has the sink
named by ``ANKLE_GUI_TEST_SINK`` (default ``nullout``), it is used; otherwise a private one
is started in a temporary folder and stopped afterwards. Either way speech-dispatcher
runs from a fresh runtime folder, so a stuck daemon left over elsewhere cannot answer.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
import wave
from array import array
from pathlib import Path

SINK = os.environ.get("ANKLE_GUI_TEST_SINK", "nullout")
WINDOW_S = 0.05
LOUD_RMS = 200          # of 32767: the null sink gives exact zeros when nothing plays


def missing_programs() -> list[str]:
    needed = ["pactl", "parec", "speech-dispatcher"]
    if not _server_answers(os.environ.get("PULSE_SERVER")):
        needed.append("pulseaudio")
    return [name for name in needed if shutil.which(name) is None]


def _server_answers(server: str | None) -> bool:
    if not server or shutil.which("pactl") is None:
        return False
    try:
        done = subprocess.run(["pactl", "-s", server, "list", "short", "sinks"],
                              capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and any(
        line.split("\t")[1:2] == [SINK] for line in done.stdout.splitlines())


class AudioStack:
    """Environment for a real-audio test; ``close()`` undoes all of it."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="ankle_audio_"))
        self._saved = {k: os.environ.get(k) for k in ("PULSE_SERVER", "XDG_RUNTIME_DIR",
                                                       "SPEECHD_ADDRESS")}
        self._pulse: subprocess.Popen | None = None
        server = os.environ.get("PULSE_SERVER")
        if not _server_answers(server):
            server = self._start_pulse()
        self.server = server
        os.environ["PULSE_SERVER"] = server
        # speech-dispatcher autospawns its socket under here: a fresh daemon for these tests.
        runtime = self.folder / "run"
        runtime.mkdir(mode=0o700)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime)
        os.environ.pop("SPEECHD_ADDRESS", None)

    def _start_pulse(self) -> str:
        socket_path = self.folder / "pulse.sock"
        env = {**os.environ, "HOME": str(self.folder), "XDG_RUNTIME_DIR": str(self.folder)}
        self._pulse = subprocess.Popen(
            ["pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n", "--use-pid-file=no",
             "--disallow-exit", "-L", f"module-null-sink sink_name={SINK}",
             "-L", f"module-native-protocol-unix auth-anonymous=1 socket={socket_path}"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        server = f"unix:{socket_path}"
        deadline = time.monotonic() + 15
        while not _server_answers(server):
            if self._pulse.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the test PulseAudio server did not start")
            time.sleep(0.05)   # not a test: waiting for a server we just launched
        return server

    def close(self) -> None:
        pid_file = Path(os.environ["XDG_RUNTIME_DIR"]) / "speech-dispatcher" / "pid"
        with contextlib.suppress(OSError, ValueError):
            os.kill(int(pid_file.read_text().strip()), signal.SIGKILL)
        if self._pulse is not None:
            self._pulse.terminate()
            try:
                self._pulse.wait(5)
            except subprocess.TimeoutExpired:
                self._pulse.kill()
        for key, value in self._saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(self.folder, ignore_errors=True)

    def record(self, path: Path) -> Recording:
        return Recording(path, self.server)


class Recording:
    """``parec`` on the null sink's monitor, into a WAV file."""

    def __init__(self, path: Path, server: str):
        self.path = Path(path)
        self._process = subprocess.Popen(
            ["parec", "-s", server, "-d", f"{SINK}.monitor", "--file-format=wav",
             "--rate=44100", "--channels=1", "--format=s16le", str(self.path)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def seconds(self) -> float:
        """How much has been recorded so far (from the file's size)."""
        try:
            size = self.path.stat().st_size
        except OSError:
            return 0.0
        return max(0, size - 44) / (44100 * 2)

    def stop(self) -> list[float]:
        """Stop recording; the RMS of each 50 ms window, 0..32767."""
        self._process.send_signal(signal.SIGINT)   # parec closes the file properly
        try:
            self._process.wait(5)
        except subprocess.TimeoutExpired:
            self._process.kill()
        return window_rms(self.path)


def window_rms(path: Path) -> list[float]:
    with wave.open(str(path), "rb") as wav:
        rate, channels = wav.getframerate(), wav.getnchannels()
        samples = array("h", wav.readframes(wav.getnframes()))
    step = int(rate * WINDOW_S) * channels
    out = []
    for start in range(0, len(samples) - step + 1, step):
        window = samples[start:start + step]
        out.append((sum(s * s for s in window) / len(window)) ** 0.5)
    return out


def loud_seconds(rms: list[float]) -> float:
    return sum(WINDOW_S for value in rms if value > LOUD_RMS)


def speechd_missing() -> str:
    """Why Qt's speechd engine cannot work here, or "" if it can. Qt lists the engine from
    its plugin's metadata even when the speech library the plugin needs is missing."""
    import ctypes

    from PySide6.QtTextToSpeech import QTextToSpeech

    if "speechd" not in QTextToSpeech.availableEngines():
        return "Qt's speechd plugin is not installed"
    try:
        ctypes.CDLL("libspeechd.so.2")
    except OSError:
        return "libspeechd2 (speech-dispatcher's client library) is not installed"
    return ""
