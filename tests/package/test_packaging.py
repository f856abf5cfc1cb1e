"""The installed package: the console script finds its own knowledge base from any
directory, and the wheel holds one import package, `parcel_doctor`, with the knowledge
folders inside it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from child_processes import HANG_AFTER

ROOT = Path(__file__).resolve().parents[2]


def test_console_script_runs_from_another_directory(tmp_path):
    exe = Path(sys.executable).parent / "parcel-doctor"
    done = subprocess.run(
        [str(exe), "facts", "check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=HANG_AFTER,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok:")


def test_wheel_carries_the_knowledge_base(tmp_path):
    """`pip install .` must ship facts/ and rules/ inside the package."""
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    wheel = next(tmp_path.glob("parcel_doctor-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "parcel_doctor/_kb/facts/countries.toml" in names
    assert "parcel_doctor/_kb/rules/40-progress.toml" in names
    assert "parcel_doctor/_kb/cases/customs-ems-gb.toml" in names
    # Only one import package at the top of site-packages: no generic `engine` that
    # another distribution could overwrite.
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top == {"parcel_doctor"}
