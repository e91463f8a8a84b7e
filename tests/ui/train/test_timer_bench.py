"""The timer bench itself works: short real timers through the real player, in a child."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench" / "timer_accuracy.py"


@pytest.mark.slow
def test_short_real_timers_meet_the_targets():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(BENCH), "--lengths", "2", "3", "--no-busy",
                           "--no-real-cues"],
                          capture_output=True, text=True, timeout=120, env=env)
    out = done.stdout
    assert "2 of 2 seconds shown once each" in out and "3 of 3 seconds shown once each" in out
    assert out.count("end error") == 2 and "longest event-loop stall" in out
    # On a loaded CI machine the millisecond targets may slip; the bench says so itself.
    assert done.returncode in (0, 1), done.stderr[-2000:]
