"""Build-speed benchmark (not a test): ``python3 -m tests.benchmark [EDITION ...]``.

For each edition: a cold build (empty font cache, fresh process) and warm builds (cache
filled), each in a fresh process so nothing is shared in memory; prints the wall times,
the font-cache hits and misses, and the phase timings from report.json."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT / "seeds" / "laodong-2024-02-26", ROOT / "seeds" / "imported"]
WARM_RUNS = 3


def run(edition: Path, out: Path, cache: Path) -> tuple[float, dict]:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "layout", "build", str(edition), "--out", str(out),
                    "--quiet", "--cache", str(cache)], check=True, capture_output=True)
    wall = time.perf_counter() - started
    return wall, json.loads((out / "report.json").read_text(encoding="utf-8"))["timing"]


def main(argv: list[str]) -> int:
    editions = [Path(a) for a in argv] or DEFAULT
    print(f"{'edition':28} {'build':6} {'wall s':>7} {'hits':>5} {'misses':>6}  phases")
    for edition in editions:
        with tempfile.TemporaryDirectory() as tmp:
            cache, out = Path(tmp) / "cache", Path(tmp) / "out"
            runs = [("cold", *run(edition, out, cache))]
            runs += [("warm", *run(edition, out, cache)) for _ in range(WARM_RUNS)]
        for kind, wall, timing in runs:
            fc = timing.get("font_cache", {})
            phases = {k: v for k, v in timing.items() if k.endswith("_s")}
            print(f"{edition.name:28} {kind:6} {wall:7.2f} {fc.get('cache_hits', 0):5} "
                  f"{fc.get('cache_misses', 0):6}  {phases}")
        warm = statistics.median(w for k, w, _ in runs if k == "warm")
        print(f"{edition.name:28} cold {runs[0][1]:.2f} s, warm median {warm:.2f} s "
              f"({runs[0][1] / warm:.1f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
