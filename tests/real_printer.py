"""A real CUPS queue for the tests marked ``real_printer``: a queue whose device is cups-pdf
(``printer-driver-cups-pdf``), which turns each job into a PDF in the job owner's folder.

The queue is named by ``ANKLE_GUI_TEST_PRINTER`` (default ``PDF``, as ``.ci/run`` creates it).
Only a queue whose device is ``cups-pdf:`` is used: a test never prints on real paper.
Each job carries a token of its own in its title, which cups-pdf puts in the file name, so
the job's file is found even when others print on the same queue at the same moment.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

QUEUE = os.environ.get("ANKLE_GUI_TEST_PRINTER", "PDF")
CONF = Path("/etc/cups/cups-pdf.conf")
ANONYMOUS = Path("/var/spool/cups-pdf/ANONYMOUS")
PROGRAMS = ("lpstat", "pdfinfo", "pdftoppm")
JOB_DEADLINE_S = 100.0
COMMAND_TIMEOUT_S = 20
RENDER_DPI = 60
INK_BELOW = 160          # a gray level darker than this is ink
NO_QUEUE = "no CUPS queue: .ci/run sets one up"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S)


def missing() -> str:
    """Why there is no queue to print on here, or '' when there is one."""
    unusable = os.environ.get("ANKLE_GUI_NO_TEST_PRINTER")   # .ci/run tried and says why
    if unusable:
        return f"{NO_QUEUE} (it could not here: {unusable})"
    absent = [name for name in PROGRAMS if shutil.which(name) is None]
    if absent:
        return f"{NO_QUEUE} ({', '.join(absent)} not installed)"
    try:
        device = _run("lpstat", "-v", QUEUE)
    except subprocess.TimeoutExpired:
        return f"{NO_QUEUE} (lpstat -v {QUEUE} did not answer)"
    if device.returncode != 0:
        return f"{NO_QUEUE} (lpstat -v {QUEUE}: {(device.stderr or device.stdout).strip()})"
    if "cups-pdf:" not in device.stdout:
        return f"{NO_QUEUE} (the queue {QUEUE} is not a cups-pdf queue: {device.stdout.strip()})"
    from PySide6.QtPrintSupport import QPrinterInfo

    accepting = _run("lpstat", "-a", QUEUE).stdout
    enabled = _run("lpstat", "-p", QUEUE).stdout
    if "accepting requests" not in accepting or "disabled" in enabled:
        return f"{NO_QUEUE} (the queue {QUEUE} does not take jobs: {accepting}{enabled})"
    if QPrinterInfo.printerInfo(QUEUE).isNull():
        return f"{NO_QUEUE} (Qt does not list the queue {QUEUE})"
    return ""


def output_folders() -> list[Path]:
    """Where cups-pdf may write this user's jobs: ``ANKLE_GUI_TEST_PRINTER_OUT`` (set by
    ``.ci/run``), its configured ``Out`` (default ``/var/spool/cups-pdf/${USER}``) for this
    user, and the folder for anonymous jobs. cups-pdf uses the home in the password file,
    not ``$HOME`` (which the tests point elsewhere)."""
    user = pwd.getpwuid(os.getuid())
    out = "/var/spool/cups-pdf/${USER}"
    anonymous = str(ANONYMOUS)
    try:
        for line in CONF.read_text(errors="replace").splitlines():
            words = line.split(None, 1)
            if len(words) == 2 and words[0] == "Out":
                out = words[1].strip()
            elif len(words) == 2 and words[0] == "AnonDirName":
                anonymous = words[1].strip()
    except OSError:
        pass
    out = out.replace("${HOME}", user.pw_dir).replace("${USER}", user.pw_name)
    folders = [Path(p) for p in (os.environ.get("ANKLE_GUI_TEST_PRINTER_OUT"), out, anonymous)
               if p]
    return list(dict.fromkeys(folders))


@dataclass
class PrintJob:
    """One job sent to the queue, found by the token in its title."""

    token: str = field(default_factory=lambda: "anklejob" + uuid.uuid4().hex[:12])
    files: list[Path] = field(default_factory=list)

    def title(self, what: str) -> str:
        # cups-pdf keeps letters and digits of the title in the file name and may cut it:
        # the token goes first.
        return f"{self.token} {what}"

    def _find(self) -> list[Path]:
        found = []
        for folder in output_folders():
            try:
                found += [p for p in folder.iterdir()
                          if self.token in p.name and p.suffix == ".pdf"]
            except OSError:
                continue
        return found

    def wait(self, deadline_s: float = JOB_DEADLINE_S) -> Path:
        """The finished PDF: its file is there and CUPS counts the job as completed."""
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            self.files = self._find()
            if self.files and _whole(self.files[0]):
                # cups-pdf names the file after the job too, unless told not to.
                job = re.search(r"job_(\d+)\.pdf$", self.files[0].name)
                if job is None or _completed(f"{QUEUE}-{job.group(1)}"):
                    return self.files[0]
            time.sleep(0.2)
        raise AssertionError(
            f"no finished PDF for the job {self.token} on {QUEUE} within {deadline_s:.0f} s "
            f"in {', '.join(map(str, output_folders()))}; files: {self.files}\n"
            + _run("lpstat", "-l", "-W", "all", "-o", QUEUE).stdout[-2000:])

    def remove(self) -> None:
        for path in self._find():
            path.unlink(missing_ok=True)


def _whole(pdf: Path) -> bool:
    """Ghostscript has written the file to its end (a PDF ends with %%EOF)."""
    try:
        with pdf.open("rb") as fh:
            fh.seek(max(0, pdf.stat().st_size - 1024))
            return b"%%EOF" in fh.read()
    except OSError:
        return False


def _completed(job_id: str) -> bool:
    # `lpstat -o` names each job "<queue>-<id>" at the start of its line.
    waiting = _run("lpstat", "-W", "not-completed", "-o", QUEUE).stdout.split()
    done = _run("lpstat", "-W", "completed", "-o", QUEUE).stdout.split()
    return job_id not in waiting and job_id in done


def pages(pdf: Path) -> int:
    info = _run("pdfinfo", str(pdf))
    assert info.returncode == 0, info.stderr
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))


def ink(pdf: Path, folder: Path) -> list[float]:
    """Each page's share of ink (gray darker than INK_BELOW), rendered at RENDER_DPI.
    Text in cups-pdf's output is Type 3 glyphs that pdftotext cannot read: the pages are
    looked at, not read."""
    from PySide6.QtGui import QImage

    prefix = folder / f"{pdf.stem[:40]}-page"
    done = subprocess.run(["pdftoppm", "-gray", "-png", "-r", str(RENDER_DPI), str(pdf),
                           str(prefix)], capture_output=True, text=True,
                          timeout=COMMAND_TIMEOUT_S * 3)
    assert done.returncode == 0, done.stderr
    shares = []
    for png in sorted(folder.glob(f"{prefix.name}-*.png")):
        image = QImage(str(png)).convertToFormat(QImage.Format.Format_Grayscale8)
        width, height = image.width(), image.height()
        rows = np.frombuffer(image.constBits(), dtype=np.uint8,
                             count=image.bytesPerLine() * height)
        gray = rows.reshape(height, image.bytesPerLine())[:, :width]
        shares.append(float((gray < INK_BELOW).mean()))
    return shares
