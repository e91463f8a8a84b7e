"""A clinic morning in a real X window at 1366×768 (packaging/clinic_morning.py): five
patients come and go by code, one leaves the screen idle, the physio unlocks the dashboard.
Along the way no other patient's name may be readable, and each step must do what it says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from x_screen import XVFB, x_screen

MORNING = Path(__file__).resolve().parents[3] / "packaging" / "clinic_morning.py"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(XVFB is None, reason="needs Xvfb (.ci/run installs it)")]

EVERY_STOP = [
    "welcome", "welcome-wrong-code", "maria-in", "maria-train", "maria-progress",
    "after-maria-done", "lea-in", "lea-test", "aisha-in", "aisha-train", "aisha-player",
    "ratings-dialog", "aisha-progress-pain", "tom-in", "tom-progress",
    "after-tom-walked-away", "clinician-pin", "clinician-dashboard", "clinician-jan-picked",
    "after-lock",
]


def test_five_patients_and_the_physio_share_the_pc(tmp_path):
    with x_screen(1366, 768, tmp_path) as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        walked = subprocess.run([sys.executable, str(MORNING), "--keep", str(tmp_path / "data")],
                                env=env, capture_output=True, text=True, timeout=240)
    assert walked.returncode == 0, walked.stdout[-3000:] + walked.stderr[-3000:]
    report = json.loads(walked.stdout[walked.stdout.index("{"):])
    assert report["problems"] == []
    assert report["stops"] == EVERY_STOP
