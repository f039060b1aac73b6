"""Build-speed benchmark (a script, not a test): ``python3 -m tests.benchmark``.

Generates 1-, 4-, 16- and 64-page broadsheet editions from the seed editions' text
(tests/benchgen.py) and builds each in fresh processes, each build into a fresh output
folder unless the mode says otherwise:

- relayout: everything laid out and rendered again, the caches that outlive a build
  (fonts, the word segmenter's index) filled — the cost of a full re-layout;
- serial: the same with ``--jobs 1`` (relayout / serial is what the second core gives);
- cached: the slot and page caches filled by an earlier build of the same edition;
- edit: one paragraph of one article changed since the last build into the same folder;
- unchanged: nothing changed since the last build into the same folder;
- new day: the caches filled by yesterday's edition, today's text using characters
  yesterday's did not;
- cold: empty caches;

measuring wall time, CPU time (user + system of the child and its children) and peak
memory (the child's ru_maxrss).  Runs are repeated and paired (one repetition runs every
mode once, then the next), and medians are printed.  When the ``typst`` package is
importable, the same content is compiled by Typst in a fresh process and the ratios are
printed beside epaper's figures.

    python3 -m tests.benchmark                   # default run (1, 4, 16 pages; 64 relayout)
    python3 -m tests.benchmark --quick           # 1 and 4 pages, one repetition
    python3 -m tests.benchmark --sizes 16 --modes relayout,edit --reps 5 --json
    python3 -m tests.benchmark --profile 16      # cProfile of one 16-page relayout
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from tests.benchgen import TYPST_FONT_DIRS, make_edition, typst_source

MODES = ("relayout", "serial", "cached", "edit", "unchanged", "newday", "cold")
#: Functions whose cumulative time the profile summary shows, by phase.
PHASES = [
    ("load and validate", "layout/spec/load.py", "load_edition"),
    ("font chains", "layout/build.py", "resolve_chains"),
    ("compose pages", "layout/compose/page.py", "compose_page"),
    ("  prepare atoms", "layout/text/prepare.py", "prepare"),
    ("  break lines", "layout/text/linebreak.py", "break_paragraph|break_lines"),
    ("  set paragraphs", "layout/text/justify.py", "set_paragraph"),
    ("  headlines", "layout/compose/headline.py", "set_headline"),
    ("  captions", "layout/compose/slot.py", "caption_lines"),
    ("render PDFs", "layout/build.py", "render"),
    ("  PDF pages", "layout/writers/pdf.py", "render_pdf"),
    ("  finish (pikepdf)", "layout/writers/finish.py", "finish"),
]


@dataclass(frozen=True)
class Run:
    """One measured process."""

    tool: str       # epaper or typst
    mode: str       # one of MODES (typst: relayout)
    pages: int
    wall: float     # s
    cpu: float      # s, user + system of the child and the children it waited for
    rss: float      # MiB, peak resident set of the child (or its largest child)


def machine() -> dict:
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info = {"cpu": model, "cores": os.cpu_count(), "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}"}
    try:
        from importlib.metadata import version

        import typst  # noqa: F401  (only its presence and version matter here)
        info["typst"] = version("typst")
    except ImportError:
        info["typst"] = None
    return info


#: The children run as an installed epaper does: with its modules' bytecode kept (pip
#: compiles it at install; PYTHONDONTWRITEBYTECODE would have every run compile them
#: again, about 0.1 s a process).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, float]:
    """Run ``cmd`` in a fresh process: (wall s, CPU s, peak RSS MiB)."""
    # what the child writes to stderr goes to a file: a pipe nobody reads while waiting
    # for the child would stop it once full (a 64-page draft warns a lot)
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=log,
                                env=CHILD_ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        err = log.read().decode("utf-8", "replace")
    if proc.returncode not in (0,):
        raise SystemExit(f"benchmark: {' '.join(cmd[:4])} … failed "
                         f"({proc.returncode}):\n{err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def epaper_cmd(edition: Path, out: Path, cache: Path, *extra: str) -> list[str]:
    # --draft: the generated pages have placeholder pictures and some overset, which the
    # press gate stops; the work measured is the same
    return [sys.executable, "-m", "layout", "build", str(edition), "--out", str(out),
            "--quiet", "--draft", "--cache", str(cache), *extra]


def without_layout(cache: Path, into: Path) -> Path:
    """A copy of ``cache`` without the laid-out slots and pages (build-v*): what a
    machine that has built other editions keeps."""
    shutil.rmtree(into, ignore_errors=True)
    shutil.copytree(cache, into, ignore=lambda folder, names:
                    [n for n in names if n.startswith("build-v")])
    return into


TYPST_RUN = ("import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], "
             "font_paths=sys.argv[3:], ignore_system_fonts=True)")


def typst_cmd(source: Path, out: Path) -> list[str]:
    return [sys.executable, "-c", TYPST_RUN, str(source), str(out), *TYPST_FONT_DIRS]


class Bench:
    """The editions of one size and the caches each mode starts from."""

    def __init__(self, work: Path, pages: int, typst: bool) -> None:
        self.work = work / f"{pages}p"
        self.pages = pages
        self.day0 = make_edition(self.work / "day0", pages, 0)
        self.day1 = make_edition(self.work / "day1", pages, 1)
        self.out = self.work / "out"                      # the last build of day 0
        self.warm_cache = self.work / "cache-warm"       # filled by day 0
        measure(epaper_cmd(self.day0, self.out, self.warm_cache))
        # the fonts.lock the first build wrote (the same faces serve both days)
        shutil.copy(self.day0 / "fonts.lock", self.day1 / "fonts.lock")
        self.edits = 0
        self.typst_source = None
        if typst:
            self.typst_source = self.work / "edition.typ"
            self.typst_source.write_text(typst_source(self.day0), encoding="utf-8")

    def fresh_out(self) -> Path:
        out = self.work / "out-fresh"
        shutil.rmtree(out, ignore_errors=True)
        return out

    def run(self, mode: str) -> Run:
        cache = self.work / f"cache-{mode}"
        if mode in ("relayout", "serial"):
            extra = ("--jobs", "1") if mode == "serial" else ()
            cmd = epaper_cmd(self.day0, self.fresh_out(),
                             without_layout(self.warm_cache, cache), *extra)
        elif mode == "cached":
            cmd = epaper_cmd(self.day0, self.fresh_out(), self.warm_cache)
        elif mode == "unchanged":
            cmd = epaper_cmd(self.day0, self.out, self.warm_cache)
        elif mode == "edit":
            self._edit()
            cmd = epaper_cmd(self.day0, self.out, self.warm_cache)
        elif mode == "newday":
            without_layout(self.warm_cache, cache)
            cmd = epaper_cmd(self.day1, self.fresh_out(), cache)
        else:                                             # cold
            shutil.rmtree(cache, ignore_errors=True)
            cmd = epaper_cmd(self.day0, self.fresh_out(), cache)
        return Run("epaper", mode, self.pages, *measure(cmd))

    def _edit(self) -> None:
        """Change one paragraph of the first article file (a new wording each time, so
        the slot is never found in the cache)."""
        self.edits += 1
        article = sorted((self.day0 / "articles").glob("*.yaml"))[0]
        data = yaml.safe_load(article.read_text(encoding="utf-8"))
        paragraphs = data["paragraphs"]
        n = next(i for i, p in enumerate(paragraphs) if isinstance(p, str))
        paragraphs[n] = paragraphs[n].rstrip("。") + f"，第{self.edits}次修改。"
        article.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    def run_typst(self) -> Run:
        return Run("typst", "relayout", self.pages,
                   *measure(typst_cmd(self.typst_source, self.work / "typst.pdf")))


def median_runs(runs: list[Run]) -> dict:
    return {"wall": statistics.median(r.wall for r in runs),
            "cpu": statistics.median(r.cpu for r in runs),
            "rss": statistics.median(r.rss for r in runs), "n": len(runs)}


def summarise(runs: list[Run]) -> list[dict]:
    rows = []
    keys = sorted({(r.pages, r.tool, r.mode) for r in runs},
                  key=lambda k: (k[0], k[1] != "epaper", MODES.index(k[2])))
    for pages, tool, mode in keys:
        chosen = [r for r in runs if (r.pages, r.tool, r.mode) == (pages, tool, mode)]
        rows.append({"pages": pages, "tool": tool, "mode": mode, **median_runs(chosen)})
    typst = {r["pages"]: r for r in rows if r["tool"] == "typst"}
    for row in rows:
        t = typst.get(row["pages"])
        if t and row["tool"] == "epaper":
            row["wall_ratio"] = row["wall"] / t["wall"]
            row["cpu_ratio"] = row["cpu"] / t["cpu"]
    return rows


def print_table(rows: list[dict], info: dict) -> None:
    print(f"machine: {info['cpu']}, {info['cores']} cores, Python {info['python']}, "
          f"{info['system']}; typst {info['typst'] or 'not installed'}; load average "
          f"{info['load_before']:.1f} before, {info['load_after']:.1f} after (other work on "
          f"the machine slows wall times more than CPU times)")
    print(f"{'pages':>5}  {'tool':6} {'mode':9} {'wall s':>7} {'CPU s':>7} {'peak MiB':>8} "
          f"{'runs':>4}  {'wall/Typst':>10} {'CPU/Typst':>9}")
    for r in rows:
        ratio = (f"{r['wall_ratio']:9.1f}x {r['cpu_ratio']:8.1f}x" if "wall_ratio" in r
                 else f"{'':>10} {'':>9}")
        print(f"{r['pages']:>5}  {r['tool']:6} {r['mode']:9} {r['wall']:7.2f} "
              f"{r['cpu']:7.2f} {r['rss']:8.0f} {r['n']:>4}  {ratio}")
    by_pages = {r["pages"]: r for r in rows
                if r["tool"] == "epaper" and r["mode"] == "relayout"}
    if len(by_pages) >= 2:
        small, large = min(by_pages), max(by_pages)
        per_page = (by_pages[large]["cpu"] - by_pages[small]["cpu"]) / (large - small)
        fixed = by_pages[small]["cpu"] - per_page * small
        print(f"relayout CPU ≈ {fixed:.2f} s fixed + {per_page:.2f} s per page")
    for pages in sorted(by_pages):
        serial = next((r for r in rows if r["tool"] == "epaper" and r["mode"] == "serial"
                       and r["pages"] == pages), None)
        if serial:
            print(f"{pages} pages: --jobs 1 / default jobs = "
                  f"{serial['wall'] / by_pages[pages]['wall']:.2f}x wall")


def benchmark(args: argparse.Namespace) -> int:
    info = machine()
    info["load_before"] = os.getloadavg()[0]
    typst = info["typst"] is not None and not args.no_typst
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="epaper-bench-") as tmp:
        for pages in args.sizes:
            started = time.perf_counter()
            bench = Bench(Path(tmp), pages, typst)
            modes = args.modes if pages <= args.full_up_to else ["relayout"]
            reps = args.reps if pages <= args.full_up_to else 1
            for _ in range(reps):
                for mode in modes:
                    runs.append(bench.run(mode))
                if typst:
                    runs.append(bench.run_typst())
            if not args.json:
                print(f"{pages} pages measured in {time.perf_counter() - started:.0f} s",
                      file=sys.stderr)
            shutil.rmtree(bench.work, ignore_errors=True)
    rows = summarise(runs)
    info["load_after"] = os.getloadavg()[0]
    if args.json:
        print(json.dumps({"machine": info, "results": rows,
                          "runs": [asdict(r) for r in runs]}, indent=1))
    else:
        print_table(rows, info)
    return 0


def profile(pages: int, top: int) -> int:
    """Profile one full re-layout of a ``pages``-page edition (font caches filled,
    nothing laid out yet); print the phases and the top functions by cumulative time."""
    with tempfile.TemporaryDirectory(prefix="epaper-prof-") as tmp:
        work = Path(tmp)
        edition = make_edition(work / "edition", pages, 0)
        cache, out, stats = work / "cache", work / "out", work / "build.prof"
        measure(epaper_cmd(edition, out, cache))           # fill the cache
        fonts_only = without_layout(cache, work / "cache-fonts")
        wall, cpu, rss = measure([sys.executable, "-m", "cProfile", "-o", str(stats),
                                  *epaper_cmd(edition, work / "out-2", fonts_only,
                                              "--jobs", "1")[1:]])
        print(f"{pages}-page re-layout (one process) under cProfile: wall {wall:.2f} s, CPU {cpu:.2f} s, "
              f"peak {rss:.0f} MiB")
        st = pstats.Stats(str(stats))
        print_phases(st)
        st.sort_stats("cumulative").print_stats(top)
    return 0


def print_phases(st: pstats.Stats) -> None:
    total = max(ct for (_, _, _, ct, _) in st.stats.values())
    print(f"{'phase':24} {'cumulative s':>12} {'calls':>8}")
    for label, path, name in PHASES:
        found = [(v[3], v[1]) for (file, _, fn), v in st.stats.items()
                 if fn in name.split("|") and file.endswith(path)]
        if found:
            ct, calls = max(found)
            print(f"{label:24} {ct:12.2f} {calls:8}")
    print(f"{'whole process':24} {total:12.2f}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python3 -m tests.benchmark", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=lambda s: [int(v) for v in s.split(",")],
                    default=[1, 4, 16, 64], help="page counts, comma-separated "
                    "(default 1,4,16,64)")
    ap.add_argument("--modes", type=lambda s: s.split(","), default=list(MODES),
                    help=f"{','.join(MODES)} (default all)")
    ap.add_argument("--reps", type=int, default=3, help="repetitions of each run "
                    "(default 3; medians are reported)")
    ap.add_argument("--full-up-to", type=int, default=16, metavar="PAGES",
                    help="larger editions are only re-laid out, once (default 16)")
    ap.add_argument("--quick", action="store_true", help="1 and 4 pages, one repetition")
    ap.add_argument("--no-typst", action="store_true", help="skip Typst even if installed")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("--profile", type=int, metavar="PAGES",
                    help="profile one re-layout of PAGES pages with cProfile instead")
    ap.add_argument("--top", type=int, default=40, help="functions the profile lists")
    args = ap.parse_args(argv)
    bad = [m for m in args.modes if m not in MODES]
    if bad:
        ap.error(f"unknown mode {bad[0]!r}; choose from {', '.join(MODES)}")
    if args.profile:
        return profile(args.profile, args.top)
    if args.quick:
        args.sizes, args.reps = [1, 4], 1
    return benchmark(args)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
