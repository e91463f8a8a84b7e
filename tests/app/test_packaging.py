"""The wheel carries every resource, so a plain `pip install .` works."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_contains_every_resource(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path),
         str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    # Every folder of data is declared (resources/icons and resources/sounds were not).
    assert "would be ignored" not in built.stdout + built.stderr
    wheel = next(tmp_path.glob("ankle_gui-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    resources = [p for p in (ROOT / "resources").rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts]
    assert resources, "resources/ is empty"
    missing = [str(p.relative_to(ROOT)) for p in resources
               if f"ankle_gui/resources/{p.relative_to(ROOT / 'resources').as_posix()}"
               not in names]
    assert missing == []
    # Every module of the source tree is in the wheel (the package list is explicit).
    sources = [p.relative_to(ROOT).as_posix() for p in (ROOT / "ankle_gui").rglob("*.py")
               if "__pycache__" not in p.parts]
    assert [s for s in sources if s not in names] == []
    assert not any(n.startswith(("tests/", "bench/")) for n in names)
