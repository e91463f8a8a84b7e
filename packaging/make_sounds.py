"""Generate the player's cue sounds into resources/sounds/ (stdlib only: wave + math).

Run from the repository root: ``python packaging/make_sounds.py``. The WAVs are
committed, so this only needs running again when a sound is changed here.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 44_100
OUT = Path(__file__).resolve().parent.parent / "resources" / "sounds"


def tone(parts: list[tuple[float, float]], volume: float = 0.5, fade_s: float = 0.008,
         harmonics: tuple[float, ...] = (1.0, 0.25)) -> list[float]:
    """Concatenated sine tones (frequency Hz, length s) with soft edges so nothing clicks."""
    samples: list[float] = []
    for freq, seconds in parts:
        n = int(RATE * seconds)
        fade = max(1, int(RATE * fade_s))
        for i in range(n):
            t = i / RATE
            env = min(1.0, i / fade, (n - 1 - i) / fade)
            value = sum(a * math.sin(2 * math.pi * freq * (k + 1) * t)
                        for k, a in enumerate(harmonics))
            samples.append(volume * env * value / sum(harmonics))
    return samples


def click(freq: float = 1800.0, seconds: float = 0.035, volume: float = 0.6) -> list[float]:
    """A short woodblock-like tick: a fast-decaying sine."""
    n = int(RATE * seconds)
    return [volume * math.exp(-i / (RATE * 0.006)) * math.sin(2 * math.pi * freq * i / RATE)
            * min(1.0, i / 20) for i in range(n)]


def write(name: str, samples: list[float]) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(b"".join(
            struct.pack("<h", int(max(-1.0, min(1.0, s)) * 32767)) for s in samples))
    return path


SOUNDS = {
    # The last three seconds of a timer: short, high, unmistakable.
    "beep.wav": lambda: tone([(880.0, 0.12)]),
    # A new step or phase: a rising two-note chime, clearly different from the beep.
    "phase.wav": lambda: tone([(523.25, 0.16), (783.99, 0.26)], volume=0.45),
    # Each paced rep.
    "tick.wav": lambda: click(),
    # The session is finished: a rising three-note chord.
    "done.wav": lambda: tone([(523.25, 0.14), (659.25, 0.14), (783.99, 0.14),
                              (1046.5, 0.4)], volume=0.45),
}


def main() -> None:
    for name, make in SOUNDS.items():
        print("wrote", write(name, make()))


if __name__ == "__main__":
    main()
