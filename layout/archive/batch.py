"""``epaper batch``: build many editions (or verify many packs) on Dask — a local cluster of
worker processes by default, or an existing cluster given by its scheduler's address.

The client reads each edition and sends it to a worker as bytes (its files, the style
sheet and font set it names), so workers need only epaper and the fonts; before a
worker's first job it is asked whether it has the fonts the editions' fonts.lock files
name (by sha256), and an edition goes only to workers that have them.  A worker returns
the outputs as bytes and the client writes them under ``--out``; one edition failing, or
a worker dying under it, fails that edition only.  ``batch.json`` records every result,
so a batch run again skips what already verifies: an edition whose inputs, options and
epaper version are those recorded and whose outputs on disk still have their recorded
sha256, a pack already found identical by this epaper.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from functools import cache, lru_cache
from pathlib import Path

from layout.archive import provenance
from layout.diagnostics import Diagnostic, EpaperError
from layout.output import write_all, write_atomic

STATE = "batch.json"
#: worker failures tolerated per job on a local cluster (a crash is retried once)
ALLOWED_FAILURES = 1


@dataclass(frozen=True)
class Job:
    """One edition (or pack) as a worker receives it."""

    name: str                       # its folder under --out and its row in the table
    kind: str                       # "edition" | "pack"
    source: str                     # where it is on the client
    files: dict[str, bytes]         # edition: place → bytes; pack: {"pack": bytes}
    fonts: tuple[tuple[str, str, str], ...] = ()   # locked faces: (sha256, face, file)
    options: dict = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)   # place → the file's real path


@dataclass
class Outcome:
    """What became of one job."""

    name: str
    kind: str
    source: str
    status: str                     # ok | failed | skipped | identical | differs
    pages: int | None = None
    seconds: float = 0.0
    overset: int | None = None
    warnings: int | None = None
    message: str = ""
    worker: str = ""
    outputs: dict[str, bytes] = field(default_factory=dict, repr=False)
    lock: bytes | None = field(default=None, repr=False)
    fingerprint: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "skipped", "identical")

    def record(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)
                if f.name not in ("outputs", "lock")}


# ------------------------------------------------------------------- on the worker
@lru_cache(maxsize=4)
def _library(cache: str | None):
    """The worker process's font library: faces are read once per process and reused by
    every job it runs."""
    from layout.fonts import FontLibrary
    return FontLibrary(Path(cache) if cache else None)


@cache
def _font_files() -> dict[str, list[str]]:
    """File name → paths of the font files fontconfig knows on this machine."""
    import shutil
    import subprocess
    if shutil.which("fc-list") is None:
        return {}
    out = subprocess.run(["fc-list", "--format", "%{file}\n"], capture_output=True,
                         text=True, check=False).stdout
    found: dict[str, list[str]] = {}
    for line in sorted(set(out.splitlines())):
        found.setdefault(Path(line).name, []).append(line)
    return found


def lacking_fonts(fonts: Sequence[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The locked faces this machine has no file for: a face is there when the locked
    path, or a font file of the same name fontconfig lists, has the locked sha256."""
    from layout.fonts.face import file_sha256
    missing = []
    for sha256, face, file in fonts:
        candidates = [file, *_font_files().get(Path(file).name, [])]
        if not any(Path(c).is_file() and file_sha256(Path(c)) == sha256
                   for c in dict.fromkeys(candidates)):
            missing.append((sha256, face, file))
    return missing


def _worker_name() -> str:
    try:
        from distributed import get_worker
        return get_worker().address
    except (ImportError, ValueError):
        return f"pid {os.getpid()}"


def describe_missing(worker: str, missing) -> str:
    names = ", ".join(f"{face} (sha256 {sha[:12]}…, {file})" for sha, face, file in missing)
    return f"worker {worker} lacks font {names}"


def run_job(job: Job) -> Outcome:
    """Build one edition or verify one pack (on a worker); never raises for bad input."""
    started = time.perf_counter()
    worker = _worker_name()
    outcome = Outcome(job.name, job.kind, job.source, "failed", worker=worker)
    try:
        missing = lacking_fonts(job.fonts)
        if missing:
            outcome.message = describe_missing(worker, missing)
        elif job.kind == "pack":
            _verify(job, outcome)
        else:
            _build(job, outcome)
    except EpaperError as exc:
        outcome.message = exc.diagnostic.one_line()
    except Exception as exc:                    # a bug must not stop the other editions
        outcome.message = f"{type(exc).__name__}: {exc}"
    outcome.seconds = round(time.perf_counter() - started, 2)
    return outcome


def _summary(outcome: Outcome, report: dict) -> None:
    outcome.pages = len(report.get("pages", []))
    outcome.overset = sum(s.get("overset_lines", 0) for s in report.get("slots", []))
    outcome.warnings = sum(1 for d in report.get("diagnostics", [])
                           if d.get("severity") == "warning")


def _build(job: Job, outcome: Outcome) -> None:
    from layout.archive.verify import _canonical
    from layout.build import BuildOptions, build
    from layout.report import dump as _dump
    with tempfile.TemporaryDirectory(prefix="epaper-batch-") as tmp:
        root = Path(tmp) / "edition"
        for place, data in job.files.items():
            (root / place).parent.mkdir(parents=True, exist_ok=True)
            (root / place).write_bytes(data)
        out = Path(tmp) / "out"
        # the report and messages name the edition where it is on the client
        replace = [(str(root / place), real) for place, real in job.places.items()]
        replace.append((str(root), str(Path(job.source))))
        replace.sort(key=lambda pair: -len(pair[0]))
        try:
            report = build(root, out, _library(os.environ.get("EPAPER_CACHE")),
                           BuildOptions(**job.options, jobs=1))
        except EpaperError as exc:
            d = exc.diagnostic
            raise EpaperError(Diagnostic(**{**d.__dict__, **_canonical(
                {k: d.__dict__[k] for k in ("file", "message", "hint")}, replace)})) from None
        report = _canonical(report, replace)
        outcome.outputs = {name: (out / name).read_bytes() for name in report["outputs"]}
        outcome.outputs["report.json"] = _dump(report)
        if "fonts.lock" not in job.files and (root / "fonts.lock").is_file():
            outcome.lock = (root / "fonts.lock").read_bytes()
    _summary(outcome, report)
    outcome.status = "ok"


def _verify(job: Job, outcome: Outcome) -> None:
    from layout.archive.verify import verify_pack
    with tempfile.TemporaryDirectory(prefix="epaper-batch-") as tmp:
        pack = Path(tmp) / Path(job.source).name
        pack.write_bytes(job.files["pack"])
        verdict = verify_pack(pack)
    _summary(outcome, verdict.report)
    outcome.status = "identical" if verdict.identical else "differs"
    outcome.message = "; ".join(f"{n}: {w}" for n, w in verdict.differences.items())


def font_check(fonts: Sequence[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Run on every worker before its first job (``Client.run``)."""
    return lacking_fonts(fonts)


# ------------------------------------------------------------------- on the client
def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fingerprint(prov: dict) -> str:
    keep = {k: prov[k] for k in ("epaper", "style", "fonts", "inputs", "options")
            if k in prov}
    for k in ("style", "fonts"):
        if isinstance(keep.get(k), dict):
            keep[k] = keep[k].get("sha256")
    return _sha256(json.dumps(keep, sort_keys=True).encode())


def edition_job(path: Path, name: str, options: dict) -> tuple[Job, str]:
    """The job of an edition and its fingerprint (inputs, options, epaper version).  The
    edition is sent as it would be packed: its own files, and the style sheet, font set
    and profile it names put beside them; the font set's relative font paths made
    absolute, since the fonts stay on the worker."""
    from layout.archive.pack import _edition_yaml
    from layout.fonts.lock import read_lock
    from layout.spec.load import load_edition
    edition = load_edition(path)
    inputs = provenance.inputs(edition)
    files = {i.place: i.path.read_bytes() for i in inputs}
    places = {i.place: str(i.path) for i in inputs if not i.inside}
    rewritten = _edition_yaml(edition, {i.place: i for i in inputs})
    edition_place = next(i.place for i in inputs if i.role == "edition")
    if rewritten is not None:
        files[edition_place] = rewritten
    font_set = next(i for i in inputs if i.role == "fonts")
    root = edition.root.resolve()
    lines = edition.fonts_file.read_text(encoding="utf-8").split("\n")
    sent: set[str] = set()              # font files that travel with the edition
    for role, specs in edition.fonts.roles.items():
        for k, spec in enumerate(specs):
            file, _, member = spec.partition("#")
            if ("/" in file or file.lower().endswith((".ttf", ".otf", ".ttc", ".otc"))) \
                    and not os.path.isabs(os.path.expanduser(file)):
                font = (edition.fonts_file.parent / file).resolve()
                if font_set.inside and font.is_relative_to(root):
                    # the edition's own font (a licensed face kept beside its font
                    # set): sent with it, as a pack holds it, named as before (one that
                    # is not there is said so by the worker, as by a build)
                    if font.is_file():
                        files[font.relative_to(root).as_posix()] = font.read_bytes()
                        sent.add(str(font))
                    continue
                # a font file named relative to the font set: the same file, by its
                # absolute path, on the same line (so diagnostics keep their lines)
                line = edition.fonts.where.at(f"roles.{role}[{k}]")
                absolute = str(font) + (f"#{member}" if member else "")
                lines[line - 1] = lines[line - 1].replace(spec, absolute, 1)
    text = "\n".join(lines).encode("utf-8")
    if text != files[font_set.place]:
        files[font_set.place] = text
    locked = read_lock(edition.root / "fonts.lock") or {}
    fonts = tuple(sorted({(f.get("sha256", ""), f.get("face", ""), f.get("file", ""))
                          for faces in locked.values() for f in faces if f.get("sha256")
                          and str(Path(f.get("file", "")).resolve()) not in sent}))
    prov = provenance.compute(edition, options)
    job = Job(name, "edition", str(edition.root.resolve()), files, fonts, options, places)
    return job, _fingerprint(prov)


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    taken.add(candidate)
    return candidate


def _load_state(out: Path) -> dict:
    try:
        data = json.loads((out / STATE).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _outputs_verify(folder: Path, report_name: str = "report.json") -> bool:
    """Do the outputs in ``folder`` still have the sha256 their report.json lists?"""
    try:
        report = json.loads((folder / report_name).read_text(encoding="utf-8"))
        return all(_sha256((folder / name).read_bytes()) == digest
                   for name, digest in report["outputs"].items())
    except (OSError, ValueError, KeyError, TypeError):
        return False


@dataclass
class BatchResult:
    outcomes: list[Outcome]
    seconds: float                  # the whole batch, starting the cluster included
    workers: int
    notices: list[str]
    span: float = 0.0               # from the first job sent to the last result
    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]


def plan(sources: Sequence[Path], out: Path, options: dict, force: bool = False
         ) -> tuple[list[Job], list[Outcome], dict[str, str], list[str]]:
    """The jobs to run, the outcomes known without running (skipped, or failed on the
    client: an edition that does not load), each edition's fingerprint, and the names in
    the order the sources were given."""
    from layout.archive.bag import kind_of
    state = _load_state(out).get("editions", {})
    jobs, done, prints, names = [], [], {}, []
    taken: set[str] = set()
    version = provenance.version()
    for source in sources:
        source = Path(source)
        is_pack = source.is_file() and kind_of(source) is not None
        stem = source.name
        for suffix in (".tar.gz", ".tgz", ".tar", ".zip"):
            if is_pack and stem.lower().endswith(suffix):
                stem = stem[:-len(suffix)]
        if not is_pack:
            stem = source.resolve().parent.name if source.suffix in (".yaml", ".yml") \
                else source.resolve().name
        name = _unique(stem, taken)
        names.append(name)
        kind = "pack" if is_pack else "edition"
        before = state.get(name, {})
        try:
            if is_pack:
                data = source.read_bytes()
                digest = _sha256(data)
                prints[name] = digest
                if not force and before.get("fingerprint") == digest and \
                        before.get("status") == "identical" and before.get("epaper") == version:
                    done.append(_skipped(before, name, kind, str(source)))
                    continue
                jobs.append(Job(name, kind, str(source.resolve()), {"pack": data}))
                continue
            job, digest = edition_job(source, name, options)
            prints[name] = digest
            if not force and before.get("fingerprint") == digest and \
                    before.get("status") == "ok" and _outputs_verify(out / name):
                done.append(_skipped(before, name, kind, job.source))
                continue
            jobs.append(job)
        except EpaperError as exc:
            done.append(Outcome(name, kind, str(source), "failed",
                                message=exc.diagnostic.one_line()))
        except OSError as exc:
            done.append(Outcome(name, kind, str(source), "failed",
                                message=f"{source}: {exc.strerror or exc}"))
    return jobs, done, prints, names


def _skipped(before: dict, name: str, kind: str, source: str) -> Outcome:
    return Outcome(name, kind, source, "skipped", before.get("pages"), 0.0,
                   before.get("overset"), before.get("warnings"),
                   "outputs already verify", fingerprint=before.get("fingerprint", ""))


def run_batch(sources: Sequence[Path], out: Path, *, workers: int = 2,
              scheduler: str | None = None, options: dict | None = None,
              force: bool = False, runner: Callable[[Job], Outcome] = run_job,
              progress: Callable[[int, int, Outcome], None] = lambda d, t, o: None,
              notice: Callable[[str], None] = lambda message: None) -> BatchResult:
    """Run every edition and pack; write outputs and ``batch.json`` under ``out``."""
    import dask
    from distributed import Client, LocalCluster, as_completed
    from distributed.client import FutureCancelledError
    from distributed.scheduler import KilledWorker

    started = time.perf_counter()
    out = Path(out)
    options = dict(options or {})
    jobs, outcomes, prints, names = plan(sources, out, options, force)
    total = len(jobs) + len(outcomes)
    state = _load_state(out)
    state["epaper"] = provenance.version()
    state.setdefault("editions", {})
    finished = 0
    notices: list[str] = []
    settled: dict[str, Outcome] = {}

    def settle(outcome: Outcome) -> None:
        nonlocal finished
        finished += 1
        outcome.fingerprint = outcome.fingerprint or prints.get(outcome.name, "")
        if outcome.status == "ok" and outcome.outputs:
            folder = out / outcome.name
            write_all({folder / name: data for name, data in outcome.outputs.items()})
            if outcome.lock is not None:
                lock = Path(outcome.source) / "fonts.lock"
                if not lock.exists():
                    try:
                        write_atomic(lock, outcome.lock)
                    except OSError:
                        pass
        record = outcome.record()
        record["epaper"] = state["epaper"]
        if outcome.status != "skipped":
            state["editions"][outcome.name] = record
        write_atomic(out / STATE, (json.dumps(state, ensure_ascii=False, indent=2)
                                   + "\n").encode("utf-8"))
        outcome.outputs = {}
        settled[outcome.name] = outcome
        progress(finished, total, outcome)

    out.mkdir(parents=True, exist_ok=True)
    for outcome in outcomes:
        settle(outcome)
    count = workers
    span = 0.0
    if jobs:
        cluster = None
        if scheduler:
            client = Client(scheduler, timeout="20s")
        else:
            with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
                                  "distributed.worker.daemon": False}):
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                       processes=True, dashboard_address=None,
                                       scheduler_kwargs={"dashboard": False,
                                                         "dashboard_address": ":0"},
                                       silence_logs=40)
            client = Client(cluster)
        try:
            count = len(client.scheduler_info()["workers"])
            fonts = sorted({f for job in jobs for f in job.fonts})
            lacking = client.run(font_check, fonts, on_error="return") if fonts else {}
            for worker, missing in sorted(lacking.items()):
                if isinstance(missing, BaseException):    # the check itself failed there
                    message = f"worker {worker} could not check its fonts ({missing}); " \
                              f"it gets no edition"
                    notices.append(message)
                    notice(message)
                    lacking[worker] = fonts
                    continue
                if missing:
                    message = describe_missing(worker, missing) + \
                        "; editions needing it go to the other workers"
                    notices.append(message)
                    notice(message)
            futures = {}
            span = time.perf_counter()
            # the biggest first (pictures and pages take the time), so that no worker is
            # left with a long edition while the others have nothing more to do
            for job in sorted(jobs, key=lambda j: -sum(len(d) for d in j.files.values())):
                able = [w for w, missing in lacking.items()
                        if not set(missing) & set(job.fonts)]
                if lacking and not able:
                    need = [f for f in job.fonts if all(f in m for m in lacking.values())]
                    settle(Outcome(job.name, job.kind, job.source, "failed",
                                   message="no worker has font " + ", ".join(
                                       f"{face} (sha256 {sha[:12]}…)" for sha, face, _ in
                                       need)))
                    continue
                future = client.submit(runner, job, key=f"epaper-{job.name}-{time.time_ns()}",
                                       pure=False, workers=able if lacking and
                                       len(able) < len(lacking) else None,
                                       allow_other_workers=False)
                futures[future] = job
            for future in as_completed(futures):
                job = futures[future]
                try:
                    outcome = future.result()
                except KilledWorker:
                    outcome = Outcome(job.name, job.kind, job.source, "failed",
                                      message="the worker building it died (and again on "
                                              "a retry); the other editions went on")
                except FutureCancelledError:
                    outcome = Outcome(job.name, job.kind, job.source, "failed",
                                      message="cancelled")
                except Exception as exc:          # raised by the runner itself
                    outcome = Outcome(job.name, job.kind, job.source, "failed",
                                      message=f"{type(exc).__name__}: {exc}")
                settle(outcome)
            span = time.perf_counter() - span
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    results = [settled[n] for n in names if n in settled]
    return BatchResult(results, round(time.perf_counter() - started, 2), count, notices,
                       round(span, 2))


def table(result: BatchResult) -> str:
    """The summary table printed after a batch."""
    rows = [("edition", "pages", "seconds", "overset", "warnings", "result")]
    for o in result.outcomes:
        shown = o.status if o.status != "failed" else f"failed: {o.message}"
        if o.status == "differs":
            shown = f"differs: {o.message}"
        rows.append((o.name + (" (pack)" if o.kind == "pack" else ""),
                     "-" if o.pages is None else str(o.pages),
                     "-" if o.status == "skipped" else f"{o.seconds:.1f}",
                     "-" if o.overset is None else str(o.overset),
                     "-" if o.warnings is None else str(o.warnings), shown))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r[:-1], widths)) + "  " + r[-1]
             for r in rows]
    counts = {s: 0 for s in ("ok", "identical", "skipped", "differs", "failed")}
    for o in result.outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    tally = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    lines.append(f"{len(result.outcomes)} editions: {tally}; {result.seconds:.1f} s on "
                 f"{result.workers} worker{'s' if result.workers != 1 else ''}")
    return "\n".join(lines)
