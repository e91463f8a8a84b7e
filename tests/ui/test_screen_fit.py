"""Every page and every kind of player step fits the two smallest common laptop screens.

A real X server (Xvfb) at 1280×720 and at 1366×768, with the openbox window manager when it
is installed (.ci/run installs both), runs tests/screen_walk.py in a process of its own: it
opens the app as a first-time user would, walks every page, every step of the test wizard,
and every kind of player step, and reports each visible button not wholly on the screen. The
landing pages' main action buttons must be in view as the page opens, without scrolling.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from x_screen import XVFB, x_screen

WALK = Path(__file__).resolve().parents[1] / "screen_walk.py"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(XVFB is None, reason="needs Xvfb (.ci/run installs it)")]

EVERY_STOP = [
    "landing-train", "landing-train-plan", "landing-drills", "landing-drills-notice",
    "landing-train-notice", "landing-train-notice-two",
    "profiles", "test-1-safety-legs", "test-2-safety-health", "test-3-knee-to-wall",
    "test-4-fist-width", "test-5-fist-screen", "test-6-felt-limit", "test-7-squat",
    "test-results", "train", "progress", "drills",
    "player-setup", "player-get-ready", "player-paced-reps", "player-self-paced-reps",
    "player-paused", "player-full-screen", "player-after-full-screen", "player-rest",
    "player-side-switch", "player-oscillation", "player-hold", "summary",
]


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1366, 768)])
def test_every_page_and_player_step_fits_the_screen(tmp_path, width, height):
    with x_screen(width, height, tmp_path) as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        walked = subprocess.run([sys.executable, str(WALK)], env=env, capture_output=True,
                                text=True, timeout=240)
    assert walked.returncode == 0, walked.stderr[-3000:]
    report = json.loads(walked.stdout.strip().splitlines()[-1])
    assert report["screen"] == [width, height]
    assert report["stops"] == EVERY_STOP
    assert report["problems"] == []
    assert report["out_of_view"] == [], "a main action needs scrolling to be seen"
    assert report["maximised_after_f11"], "leaving full screen (F11) lost the maximised state"
    assert report["maximised_at_end"], "the session's end left full screen but not maximised"
    # The plan on the test's results: a plan of five drills (four at 1280×720) shows whole,
    # without scrolling its list.
    whole = 5 if height >= 768 else 4
    shown = {int(n): rows for n, rows in report["plan_rows"].items()}
    assert all(shown[n] == n for n in range(1, whole + 1)), shown
    assert shown[max(shown)] >= whole, shown     # the test's own plan, one row per drill
