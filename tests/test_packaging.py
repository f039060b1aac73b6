"""The installed package is complete: every subpackage and the default style sheets and
font sets are in the distribution."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile

from tests.conftest import ROOT


def _declared() -> list[str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return data["tool"]["setuptools"]["packages"]


def test_every_subpackage_is_declared():
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "layout").rglob("__init__.py")}
    assert found <= set(_declared())


def test_the_wheel_carries_the_default_style_and_fonts(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-cache-dir",
                    str(ROOT), "-w", str(tmp_path)], check=True, capture_output=True,
                   cwd=tmp_path)
    wheel = next(tmp_path.glob("epaper-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for style in (ROOT / "styles").glob("*.yaml"):
        assert f"layout/defaults/styles/{style.name}" in names
    assert "layout/defaults/fonts/fonts.yaml" in names
    assert "layout/cli.py" in names and "layout/fonts/subset.py" in names
