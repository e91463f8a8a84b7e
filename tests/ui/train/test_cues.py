"""Voice and sound never hold up the player: services passed in, started in the background,
and a speech daemon that is stuck or stops answering only costs the voice, never the drill.

The fault tests run the real voice helper process with Qt's real `speechd` engine against
a fake daemon socket (tests/fake_speechd.py); they need Qt's speechd plugin and libspeechd,
and skip where those are missing."""

from __future__ import annotations

import contextlib
import tempfile
import time
from pathlib import Path

import pytest
from fake_speechd import FakeSpeechd
from PySide6.QtCore import QProcess, Qt

from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import SessionStatus, Side
from ankle_gui.core.steps import StepKind
from ankle_gui.services.preferences import SOUND_MUTED_KEY, VOICE_MUTED_KEY
from ankle_gui.ui.common.current_profile import CurrentProfile
from ankle_gui.ui.train.cue_process import ProcessSound, ProcessVoice
from ankle_gui.ui.train.cues import (
    CueOutput,
    CueServices,
    MockVoice,
    SilentSound,
    quiet_cues,
    system_cues,
)
from ankle_gui.ui.train.train_page import TrainPage

# Generous: the helper gives up on a silent daemon after a few seconds of its own clock, and a
# busy machine may take longer to get there. The tests wait for the note, not a stopwatch.
VOICE_GIVES_UP_MS = 30_000
HELPER_STARTS_MS = 60_000   # a helper process loading Qt, on a machine that may be busy


@pytest.fixture
def needs_speechd(qapp):
    # Asked once the QApplication exists: asking Qt before it upsets window activation.
    from real_audio import speechd_missing

    if speechd_missing():
        pytest.skip(speechd_missing())


def make_page(qtbot, store, catalogue, profile, services: CueServices) -> TrainPage:
    current = CurrentProfile(store)
    current.set(profile)
    page = TrainPage(store, catalogue, current, cue_services=services)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    # The player's keys are window shortcuts: they need the window to be active.
    qtbot.waitUntil(page.isActiveWindow, timeout=HELPER_STARTS_MS)
    return page


def speechd_voice_only() -> CueServices:
    return CueServices(voice=lambda parent: ProcessVoice("speechd", parent), sound=SilentSound)


@pytest.fixture
def fake_daemon(monkeypatch):
    made = []

    def start(mode: str) -> FakeSpeechd:
        # A short folder: a unix socket path may not pass 107 bytes.
        folder = Path(tempfile.mkdtemp(prefix="ankle_spd_"))
        daemon = FakeSpeechd(folder / "speechd.sock", mode)
        made.append(daemon)
        monkeypatch.setenv("SPEECHD_ADDRESS", daemon.address)
        return daemon

    yield start
    for daemon in made:
        daemon.close()


def voice_note(page) -> str:
    return page.player.noteLabel.text().lower() if page.player.noteLabel.isVisible() else ""


# ----- services are passed in -------------------------------------------------------------------

def test_the_app_builds_the_real_services_and_tests_get_quiet_ones(cue_services):
    real = system_cues()
    assert isinstance(real.voice(None), ProcessVoice)
    assert isinstance(real.sound(None), ProcessSound)
    assert cue_services.voice is MockVoice and cue_services.sound is SilentSound


def test_the_app_passes_the_real_services_to_its_window(monkeypatch, tmp_path):
    import ankle_gui.app.start as start
    from ankle_gui.app.start import QUIET_CUES_ENV, run_gui

    monkeypatch.delenv(QUIET_CUES_ENV)              # as a user starts it

    seen = []
    real_window = start.MainWindow

    def spy(*args, **kwargs):
        seen.append(kwargs["cue_services"])
        return real_window(*args, **kwargs)

    monkeypatch.setattr(start, "MainWindow", spy)
    assert run_gui(tmp_path / "data", quit_after_ms=50) == 0
    monkeypatch.setenv(QUIET_CUES_ENV, "1")         # as the tests start it
    assert run_gui(tmp_path / "data", quit_after_ms=50) == 0
    real, quiet = seen
    assert real.voice(None).__class__ is ProcessVoice   # not started: just made
    assert quiet.voice is MockVoice and quiet.sound is SilentSound


# ----- muted means no engine ----------------------------------------------------------------------

def test_muted_voice_and_sound_start_nothing_until_switched_on(qtbot, store, catalogue, profile):
    store.settings.set(VOICE_MUTED_KEY, True)
    store.settings.set(SOUND_MUTED_KEY, True)
    page = make_page(qtbot, store, catalogue, profile, quiet_cues())
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.LEFT)], quick_test=False)
    qtbot.keyClick(page.player, Qt.Key.Key_Space)
    assert page.cues.voice is None and page.cues.sound is None
    assert page.cues.spoken == [] and page.cues.played == []
    qtbot.keyClick(page.player, Qt.Key.Key_V)          # the first unmute starts the voice
    assert isinstance(page.cues.voice, MockVoice) and page.cues.voice.is_ready
    assert page.cues.sound is None
    qtbot.keyClick(page.player, Qt.Key.Key_N)
    assert page.cues.spoken and page.cues.played == []


def test_muted_real_voice_starts_no_helper_process(qtbot, store, catalogue, profile):
    store.settings.set(VOICE_MUTED_KEY, True)
    services = CueServices(voice=lambda parent: pytest.fail("voice made while muted"),
                           sound=SilentSound)
    page = make_page(qtbot, store, catalogue, profile, services)
    page.start_plan([plan_item_for(catalogue, "banded_mob_front", Side.LEFT)], quick_test=False)
    for _ in range(3):
        qtbot.keyClick(page.player, Qt.Key.Key_N)
    assert page.cues.voice is None


# ----- the helper process ------------------------------------------------------------------------

@pytest.mark.slow
def test_the_voice_helper_starts_speaks_and_stops(qtbot):
    voice = ProcessVoice("mock")
    with qtbot.waitSignal(voice.ready, timeout=HELPER_STARTS_MS):
        voice.start()
        voice.say("Hold.")                          # queued in the pipe until it is ready
    qtbot.waitUntil(lambda: not voice._waiting,
                    timeout=HELPER_STARTS_MS)
    assert voice.problem == ""
    voice.close()
    assert voice._process.state() == QProcess.ProcessState.NotRunning


@pytest.mark.slow
def test_a_helper_that_dies_leaves_a_note_and_the_next_drill_tries_again(qtbot, store):
    cues = CueOutput(store, CueServices(voice=lambda parent: ProcessVoice("mock", parent),
                                        sound=SilentSound))
    cues.prepare()
    first = cues.voice
    qtbot.waitUntil(lambda: first.is_ready, timeout=HELPER_STARTS_MS)
    with qtbot.waitSignal(cues.changed, timeout=HELPER_STARTS_MS):
        first._process.kill()
    assert first.problem == "it stopped"
    assert "voice unavailable (it stopped)" in cues.note().lower()
    assert "still shown on screen" in cues.note()
    cues.say("Hold.")                               # nothing is sent to a dead helper
    assert cues.spoken == []
    cues.prepare()                                  # a later drill: a new helper
    assert cues.voice is not first and cues.voice.problem == ""
    qtbot.waitUntil(lambda: cues.voice.is_ready, timeout=HELPER_STARTS_MS)
    cues.shutdown()


@pytest.mark.slow
def test_a_helper_program_that_will_not_load_is_only_a_note(qtbot, store, monkeypatch):
    monkeypatch.setattr("sys.executable", "/nonexistent/python")
    cues = CueOutput(store, system_cues())
    with qtbot.waitSignal(cues.changed, timeout=HELPER_STARTS_MS):
        cues.prepare()
    qtbot.waitUntil(lambda: bool(cues.sound_problem and cues.voice_problem),
                    timeout=HELPER_STARTS_MS)
    note = cues.note()
    assert note.startswith("Sound unavailable (") and "voice unavailable (" in note
    cues.shutdown()


# ----- a stuck speech daemon ---------------------------------------------------------------------

@pytest.mark.slow
def test_a_daemon_that_never_answers_cannot_hold_up_the_player(
        qtbot, store, catalogue, profile, fake_daemon, needs_speechd):
    """The voice waits in its own process: the player answers keys while the daemon hangs,
    the voice gives up with a note, and the next drill tries again. (How fast the player
    answers with each voice set-up is measured by bench/drill_start.py.)"""
    daemon = fake_daemon("never")
    page = make_page(qtbot, store, catalogue, profile, speechd_voice_only())
    item = plan_item_for(catalogue, "banded_mob_front", Side.LEFT)

    assert page.start_plan([item], quick_test=False)
    assert page.player.view.kind is StepKind.SETUP  # the first step is up
    qtbot.keyClick(page.player, Qt.Key.Key_Space)
    assert page.player.view.kind is StepKind.REPS   # and the key was answered, voice hung

    qtbot.waitUntil(lambda: "voice unavailable" in voice_note(page), timeout=VOICE_GIVES_UP_MS)
    assert "the speech service did not answer" in voice_note(page)
    assert daemon.received                          # it really was talking to the daemon
    voice = page.cues.voice
    qtbot.waitUntil(lambda: voice._process.state() == QProcess.ProcessState.NotRunning,
                    timeout=VOICE_GIVES_UP_MS)
    for _ in range(5):                              # the drill carries on, silently
        qtbot.keyClick(page.player, Qt.Key.Key_Space)
    assert page.player.repCounter.text() == "5 / 10"

    # The next drill tries again, in a new helper, and answers its keys all the same.
    page.player.stop_for_quit()
    assert page.start_plan([item], quick_test=False)
    qtbot.keyClick(page.player, Qt.Key.Key_Space)
    assert page.player.view.kind is StepKind.REPS
    assert page.cues.voice is not voice and page.cues.voice.problem == ""
    qtbot.waitUntil(lambda: "voice unavailable" in voice_note(page), timeout=VOICE_GIVES_UP_MS)


@pytest.mark.slow
def test_a_daemon_that_answers_once_then_stops_does_not_stop_the_drill(
        qtbot, store, catalogue, profile, fake_daemon, needs_speechd):
    daemon = fake_daemon("once")
    page = make_page(qtbot, store, catalogue, profile, speechd_voice_only())
    item = plan_item_for(catalogue, "banded_mob_front", Side.BOTH, {"rounds": 1})
    assert page.start_plan([item], quick_test=False)
    qtbot.waitUntil(lambda: daemon.phrases == 1, timeout=VOICE_GIVES_UP_MS)  # first phrase
    qtbot.keyClick(page.player, Qt.Key.Key_Space)                  # the next one hangs
    qtbot.waitUntil(lambda: "voice unavailable" in voice_note(page), timeout=VOICE_GIVES_UP_MS)
    presses = 0
    while page.player.running and presses < 50:
        qtbot.keyClick(page.player, Qt.Key.Key_N)
        presses += 1
    assert not page.player.running
    session = store.training.session(page.session_id)
    assert session.status is SessionStatus.COMPLETED
    assert page.summary.isVisible()


class BrokenVoice(MockVoice):
    """A voice whose engine fails as it starts."""

    made = 0

    def start(self) -> None:
        BrokenVoice.made += 1
        self.problem = "the speech engine did not start"
        self.failed.emit(self.problem)


def test_helpers_start_while_the_page_waits_and_a_failure_is_retried_next_drill(
        qtbot, store, catalogue, profile):
    BrokenVoice.made = 0
    page = make_page(qtbot, store, catalogue, profile,
                     CueServices(voice=BrokenVoice, sound=SilentSound))
    # Before any click: the player is made and the cue services are started.
    qtbot.waitUntil(lambda: page.player is not None, timeout=HELPER_STARTS_MS)
    assert page.cues.sound.is_ready and BrokenVoice.made == 1
    item = plan_item_for(catalogue, "banded_mob_front", Side.LEFT)
    page.start_plan([item], quick_test=False)       # this drill's try was the warm-up
    assert BrokenVoice.made == 1
    assert "voice unavailable (the speech engine did not start)" in voice_note(page)
    page.player.stop_for_quit()
    page.start_plan([item], quick_test=False)       # a later drill tries again
    assert BrokenVoice.made == 2


def test_muted_voice_is_not_started_while_the_page_waits(qtbot, store, catalogue, profile):
    store.settings.set(VOICE_MUTED_KEY, True)
    page = make_page(qtbot, store, catalogue, profile, quiet_cues())
    qtbot.waitUntil(lambda: page.player is not None, timeout=HELPER_STARTS_MS)
    assert page.cues.voice is None and page.cues.sound is not None


@pytest.mark.slow
def test_the_app_program_runs_a_cue_helper_too():
    """A frozen build starts its helpers as `ankle-gui --cue-worker ...`."""
    import subprocess
    import sys

    helper = subprocess.Popen([sys.executable, "-m", "ankle_gui", "--cue-worker", "voice",
                               "mock"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert helper.stdout.readline().strip() == '{"ready": "mock"}'
    helper.stdin.close()                            # the app goes: the helper leaves
    assert helper.wait(30) == 0


@pytest.mark.slow
def test_a_helper_stuck_starting_dies_with_the_app(fake_daemon, needs_speechd):
    """A daemon that answers the helper's question and then hangs the speech library in its
    greeting (holding Python's lock, so no thread of the helper can run): when the app is
    killed, the helper goes too (Linux's parent-death signal), instead of lingering."""
    import os
    import signal
    import subprocess
    import sys

    if not sys.platform.startswith("linux"):
        pytest.skip("the parent-death signal is Linux's")
    daemon = fake_daemon("probe")
    app = subprocess.Popen(   # stands in for the app: starts the helper, reports, waits
        [sys.executable, "-c",
         "import subprocess, sys, time\n"
         "h = subprocess.Popen([sys.executable, '-m', 'ankle_gui.ui.train.cue_worker', 'voice', "
         "'speechd'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)\n"
         "print(h.pid, h.stdout.readline().strip(), flush=True)\n"
         "time.sleep(600)\n"], stdout=subprocess.PIPE, text=True)
    pid, answer = app.stdout.readline().split(" ", 1)
    helper = int(pid)
    assert answer.strip() == '{"starting": "the speech engine"}'
    deadline = time.monotonic() + HELPER_STARTS_MS / 1000
    while not any("CLIENT_NAME" in line for line in daemon.received):   # now blocked
        assert time.monotonic() < deadline, daemon.received
        time.sleep(0.05)   # plain processes: no Qt loop to wait on here
    os.kill(helper, 0)                              # still there, stuck
    app.kill()
    app.wait(10)
    deadline = time.monotonic() + HELPER_STARTS_MS / 1000
    while True:
        try:
            os.kill(helper, 0)
        except ProcessLookupError:
            break                                   # gone with the app
        # a zombie until reaped by init counts as gone
        if Path(f"/proc/{helper}/stat").read_text().split()[2] == "Z":
            break
        assert time.monotonic() < deadline, "the stuck helper outlived the app"
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.kill(helper, signal.SIGKILL)

@pytest.mark.slow
def test_no_sound_server_makes_sound_unavailable_with_a_note(qtbot, store, monkeypatch):
    """The real sound helper with no audio server to talk to (as on a bare CI machine)."""
    monkeypatch.setenv("PULSE_SERVER", "unix:/nonexistent/ankle_gui/pulse.sock")
    cues = CueOutput(store, CueServices(voice=MockVoice, sound=ProcessSound))
    with qtbot.waitSignal(cues.changed, timeout=HELPER_STARTS_MS):
        cues.prepare()
    assert cues.sound_problem == "no audio output found"
    cues.play("beep")                               # nothing is sent, nothing breaks
    assert cues.played == []
    assert cues.note() == ("Sound unavailable (no audio output found). "
                           "Every cue is still shown on screen.")
    cues.shutdown()
