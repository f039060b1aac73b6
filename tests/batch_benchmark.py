"""Batch throughput on 1 and 2 local worker processes (a benchmark, not a test).

``python3 -m tests.batch_benchmark`` makes 20 editions — copies of the seed editions, each
with its own issue number and date, so every one is laid out and rendered afresh — and
runs ``epaper batch`` over them (with ``--force``, nothing skipped) on a local Dask
cluster of 1, then 2 worker processes, after one unmeasured warm-up run that fills the
operating system's file cache.  It prints editions per minute for each, the speed-up,
and the batch's own summary table of the 2-worker run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import tempfile
import time
from pathlib import Path

import yaml

from layout.archive.batch import run_batch, table
from tests.benchmark import without_layout

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ["laodong-2024-02-26", "imported", "stress", "stress-hant", "laodong-jump"]


def make_editions(folder: Path, count: int) -> list[Path]:
    """``count`` editions: the seeds in turn, each copy with its own date and issue."""
    out = []
    for k in range(count):
        seed = SEEDS[k % len(SEEDS)]
        target = folder / f"{seed}-{k + 1:02d}"
        shutil.copytree(ROOT / "seeds" / seed, target)
        spec_file = target / "edition.yaml"
        spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
        spec["date"] = (dt.date(2024, 3, 1) + dt.timedelta(days=k)).isoformat()
        spec["issue"] = f"第{8000 + k}期"
        # the style sheet and font set stay named: epaper's own, wherever the copy is
        spec_file.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False),
                             encoding="utf-8")
        out.append(target)
    return out


def run(editions: list[Path], out: Path, workers: int):
    started = time.perf_counter()
    result = run_batch(editions, out, workers=workers, force=True)
    wall = time.perf_counter() - started
    failed = [o.name for o in result.outcomes if not o.ok]
    if failed:
        raise SystemExit(f"editions failed: {failed}")
    return result, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--editions", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="epaper-bench-") as tmp:
        editions = make_editions(Path(tmp) / "editions", args.editions)
        # the workers' cache: fonts and the segmenter's index filled by a warm-up, no
        # layout kept, so that every edition is laid out and rendered afresh
        warm = Path(tmp) / "cache"
        os.environ["EPAPER_CACHE"] = str(warm)
        run(editions[:4], Path(tmp) / "warm", 2)
        figures = {}
        for workers in (1, 2):
            os.environ["EPAPER_CACHE"] = str(without_layout(warm, Path(tmp) /
                                                           f"cache-{workers}"))
            result, wall = run(editions, Path(tmp) / f"out-{workers}", workers)
            busy = sum(o.seconds for o in result.outcomes)
            n = len(result.outcomes)
            figures[workers] = (n / wall * 60, n / result.span * 60)
            print(f"{workers} worker{'s' if workers > 1 else ''}: {n} editions in {wall:.1f} s "
                  f"with the cluster's start = {figures[workers][0]:.1f} editions/min; "
                  f"jobs sent to results {result.span:.1f} s = {figures[workers][1]:.1f} "
                  f"editions/min (the jobs' own time {busy:.1f} s)", flush=True)
        print(f"speed-up with 2 workers: {figures[2][0] / figures[1][0]:.2f}x "
              f"(cluster start included), {figures[2][1] / figures[1][1]:.2f}x (jobs only)")
        print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print()
        print(table(result))


if __name__ == "__main__":
    main()
