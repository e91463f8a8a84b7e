"""Build the frozen Linux app, check its size, and try it on a real X display with a real
sound server and a real print queue.

    python packaging/build_frozen.py [--display :99] [--printer PDF] [--skip-build]

Run it with a Python where ankle_gui is installed normally (``pip install . pyinstaller``,
not ``-e``). It
1. builds ``packaging/ankle_gui.spec`` with PyInstaller into ``build/frozen/dist``, from a
   folder outside the source tree (so the installed package is analysed);
2. fails if the bundle takes more than 200 MB on disk;
3. starts the bundle on an X display (Xvfb on ``--display``, started here unless one
   answers there), with a PulseAudio server of its own (a null sink recorded with ``parec``)
   and speech-dispatcher, in the demo data, with ``--smoke-check``: a drill from the saved
   plan beeps with the voice off, then speaks with the sound off, and the report is printed
   on the CUPS queue ``--printer`` (cups-pdf);
4. checks that each phase was heard, that the print came out of the queue as a one-page
   PDF, and that ``ankle-gui-cli report`` writes a one-page PDF with no display.
Exit code 0 when all of it holds; each check prints one line.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
import wave
from array import array
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "ankle_gui.spec"
MAX_MB = 200
SINK = "smoke"
WINDOW_S = 0.05
LOUD_RMS = 200  # of 32767: the null sink gives exact zeros when nothing plays


def build(dist: Path, work: Path) -> None:
    import ankle_gui

    if Path(ankle_gui.__file__).resolve().is_relative_to(ROOT):
        raise SystemExit("ankle_gui is imported from the source tree: install it with "
                         "`pip install .` (not -e) and run this from a Python that has it")
    shutil.rmtree(dist, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath",
                    str(dist), "--workpath", str(work), str(SPEC)],
                   check=True, cwd=tempfile.gettempdir())


def size_on_disk(folder: Path) -> int:
    """What ``du -s`` counts: the blocks each file takes (hard links once)."""
    seen, total = set(), 0
    for path in [folder, *folder.rglob("*")]:
        info = path.lstat()
        if (info.st_dev, info.st_ino) not in seen:
            seen.add((info.st_dev, info.st_ino))
            total += info.st_blocks * 512
    return total


class Services:
    """Xvfb (unless a display answers), PulseAudio with a null sink, a runtime folder for
    speech-dispatcher; ``close()`` stops what was started here."""

    def __init__(self, display: str):
        self.folder = Path(tempfile.mkdtemp(prefix="ankle_frozen_"))
        self.started: list[subprocess.Popen] = []
        self.display = display
        if subprocess.run(["xdpyinfo", "-display", display], capture_output=True).returncode:
            self._start(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"])
            self._wait(lambda: subprocess.run(["xdpyinfo", "-display", display],
                                              capture_output=True).returncode == 0, "Xvfb")
            if shutil.which("openbox"):
                self._start(["openbox"], env={**os.environ, "DISPLAY": display})
        socket = self.folder / "pulse.sock"
        self.pulse = f"unix:{socket}"
        self._start(["pulseaudio", "--daemonize=no", "-n", "--exit-idle-time=-1",
                     "--use-pid-file=no", "--disallow-exit",
                     "-L", f"module-null-sink sink_name={SINK}",
                     "-L", f"module-native-protocol-unix auth-anonymous=1 socket={socket}"],
                    env={**os.environ, "HOME": str(self.folder),
                         "XDG_RUNTIME_DIR": str(self.folder)})
        self._wait(lambda: subprocess.run(["pactl", "-s", self.pulse, "info"],
                                          capture_output=True).returncode == 0, "PulseAudio")
        self.runtime = self.folder / "run"
        self.runtime.mkdir(mode=0o700)

    def _start(self, command: list[str], env: dict | None = None) -> None:
        self.started.append(subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL))

    @staticmethod
    def _wait(ready, what: str) -> None:
        deadline = time.monotonic() + 20
        while not ready():
            if time.monotonic() > deadline:
                raise SystemExit(f"{what} did not start")
            time.sleep(0.1)

    def env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items()
               if key not in ("QT_QPA_PLATFORM", "ANKLE_GUI_QUIET_CUES", "WAYLAND_DISPLAY",
                              "SPEECHD_ADDRESS")}
        return {**env, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb",
                "PULSE_SERVER": self.pulse, "XDG_RUNTIME_DIR": str(self.runtime)}

    def close(self) -> None:
        pid_file = self.runtime / "speech-dispatcher" / "pid"
        if pid_file.exists():
            with contextlib.suppress(OSError, ValueError):
                os.kill(int(pid_file.read_text().strip()), signal.SIGKILL)
        for process in reversed(self.started):
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


def recording_start(path: Path, rate: int = 44100, limit_s: float = 20) -> float:
    """The monotonic time of the recording's first sample. parec can take a second or more
    to start on a busy machine; taking the moment it was launched instead put every phase
    that much late in the file (the voice's 3 s window then held 0.05 s of its phrase)."""
    header = 44
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        size = path.stat().st_size if path.exists() else 0
        if size > header:  # the null sink's monitor streams zeros from the first moment
            return time.monotonic() - (size - header) / (2 * rate)
        time.sleep(0.01)
    raise SystemExit("parec wrote nothing: the recording of the sink did not start")


def loud_seconds(path: Path, started: float, span: list[float]) -> float:
    """Seconds with sound in the recording between the two monotonic times of ``span``."""
    with wave.open(str(path), "rb") as wav:
        rate = wav.getframerate()
        samples = array("h", wav.readframes(wav.getnframes()))
    step = int(rate * WINDOW_S)
    first, last = (int((t - started) * rate) for t in span)
    loud = 0.0
    for at in range(max(0, first), min(len(samples), last) - step + 1, step):
        window = samples[at:at + step]
        if (sum(s * s for s in window) / len(window)) ** 0.5 > LOUD_RMS:
            loud += WINDOW_S
    return loud


def cups_pdf_folder() -> Path:
    """Where cups-pdf writes this user's jobs (its Out setting, home from the password file)."""
    import pwd

    out = "/var/spool/cups-pdf/${USER}"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.exists():
        for line in conf.read_text().splitlines():
            if line.split()[:1] == ["Out"]:
                out = line.split()[1]
    user = pwd.getpwuid(os.getuid())
    return Path(out.replace("${HOME}", user.pw_dir).replace("${USER}", user.pw_name))


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return next((int(line.split()[1]) for line in info.splitlines()
                 if line.startswith("Pages:")), 0)


def smoke(bundle: Path, display: str, printer: str) -> list[str]:
    problems = []
    services = Services(display)
    data = services.folder / "data"
    token = f"ankle-frozen-{uuid.uuid4().hex[:8]}"
    try:
        out = services.folder / "smoke.json"
        recording = services.folder / "sink.wav"
        parec = subprocess.Popen(
            ["parec", "-s", services.pulse, "-d", f"{SINK}.monitor", "--file-format=wav",
             "--rate=44100", "--channels=1", "--format=s16le", str(recording)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started = recording_start(recording)
        env = {**services.env(), "ANKLE_GUI_SMOKE_PRINTER": printer,
               "ANKLE_GUI_SMOKE_TITLE": token}
        run = subprocess.run([str(bundle / "ankle-gui"), "--data-dir", str(data), "--demo",
                              "--smoke-check", str(out)], env=env, capture_output=True,
                             text=True, timeout=180)
        parec.send_signal(signal.SIGINT)
        parec.wait(10)
        if run.returncode != 0 or not out.exists():
            return [f"the frozen app failed (exit {run.returncode}): {run.stderr[-2000:]}"]
        report = json.loads(out.read_text())
        for which, least in (("sound", 0.2), ("voice", 0.5)):
            problem = report.get(f"{which}_problem")
            span = report["phases"][which]
            heard = loud_seconds(recording, started, span)
            print(f"{which}: {heard:.2f} s heard in its {span[1] - span[0]:.1f} s "
                  f"({'ok' if heard >= least and not problem else 'NOT heard'}"
                  f"{'; ' + problem if problem else ''})")
            if heard < least or problem:
                problems.append(f"no {which} from the drill ({problem or 'silence'})")
        print(f"played {report['played'][:4]}, said {report['spoken'][-1:]}")
        deadline, printed = time.monotonic() + 90, None
        while printed is None and time.monotonic() < deadline:
            printed = next(iter(cups_pdf_folder().glob(f"*{token}*.pdf")), None)
            time.sleep(0.5)
        pages = pdf_pages(printed) if printed else 0
        print(f"print on {printer}: {printed or 'nothing came out'} ({pages} page(s), "
              f"{report.get('printed_pages')} laid out)")
        if not printed or pages != 1:
            problems.append(f"the report did not come out of the queue {printer} as one page")
        if printed:
            printed.unlink()
        pdf = services.folder / "report.pdf"
        cli_env = {k: v for k, v in services.env().items() if k not in ("DISPLAY",
                                                                          "QT_QPA_PLATFORM")}
        name = "Demo \u2013 Alex"
        cli = subprocess.run([str(bundle / "ankle-gui-cli"), "--data-dir", str(data), "report",
                              "--profile", name, "--pdf", str(pdf)], env=cli_env,
                             capture_output=True, text=True, timeout=120)
        pages = pdf_pages(pdf) if pdf.exists() else 0
        print(f"ankle-gui-cli report: exit {cli.returncode}, {pages} page(s); "
              f"{cli.stdout.strip() or cli.stderr.strip()}")
        if cli.returncode != 0 or pages != 1:
            problems.append("ankle-gui-cli report did not write a one-page PDF")
    finally:
        services.close()
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--display", default=":99")
    parser.add_argument("--printer", default="PDF")
    parser.add_argument("--skip-build", action="store_true", help="check the last build")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "frozen")
    args = parser.parse_args()
    dist, work = args.out / "dist", args.out / "work"
    if not args.skip_build:
        build(dist, work)
    bundle = dist / "ankle-gui"
    mb = size_on_disk(bundle) / 1e6
    print(f"size on disk: {mb:.0f} MB ({'within' if mb <= MAX_MB else 'OVER'} {MAX_MB} MB)")
    problems = [] if mb <= MAX_MB else [f"the bundle is {mb:.0f} MB"]
    problems += smoke(bundle, args.display, args.printer)
    for problem in problems:
        print(f"FAILED: {problem}")
    print("all checks passed" if not problems else f"{len(problems)} check(s) failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
