"""Measure automatic placement on the development pages: each ``seeds/dev/*.txt`` and the
seed text imported onto a broadsheet (as ``epaper import`` does, pages added as the text
needs), built, and judged page by page.  A script, not a test:

    python -m tests.place.measure_pages [NAME ...] [--out DIR] [--json FILE]

Per page: articles placed, share of the grid in a slot, empty cells inside the band from
the top of the grid to the lowest slot's foot, the largest underset of a slot (lines),
overset lines, multi-column texts ending flush (齐底) as ``../shared/tools/typo_metrics.py``
counts them in the page's PDF ("bottoms"), whether the lead sits top left, headlines
larger than one before them, the longest one-column headline (lines), and the time the
page took to place (measuring and solving)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from layout.build import compose_edition, resolve_chains
from layout.cli import main as epaper
from layout.display import TextLine
from layout.fonts import FontLibrary
from layout.importer.build_edition import ImportOptions, import_text
from layout.importer.place import MAX_PAGES
from layout.place.plan import place_edition
from layout.place.write import save
from layout.spec.load import load_edition
from tests.conftest import ROOT

DEV = ROOT / "seeds" / "dev"
SEED = ROOT / "seeds" / "000_d2de7f8a755e4a77.txt"
METRICS = ROOT.parent / "shared" / "tools" / "typo_metrics.py"


def texts() -> dict[str, Path]:
    out = {p.stem: p for p in sorted(DEV.glob("*.txt"))}
    out["seed"] = SEED
    return out


def place(text: Path, folder: Path, library: FontLibrary):
    """``text`` imported into ``folder`` and placed as ``import`` places it."""
    import_text(text, folder, ImportOptions(date="2025-03-06", page=1, place=False),
                library=library)
    edition = load_edition(folder)
    placement = place_edition(edition, resolve_chains(edition, library),
                              extra_pages=MAX_PAGES - 1)
    save(placement)
    return placement


def bottoms(pdf: Path, metrics: Path) -> tuple[int, int]:
    """(texts ending flush, multi-column texts) on the page, as typo_metrics counts."""
    run = subprocess.run([sys.executable, str(metrics), str(pdf), "--json"],
                         capture_output=True, text=True, check=True)
    found = json.loads(run.stdout)
    found = found[0] if isinstance(found, list) else found
    cb = found["column_bottoms"]
    return cb["flush"], cb["chains"]


def headline(out, article: str) -> tuple[float, int]:
    """(largest headline size, headline lines) of ``article`` on the page."""
    lines = [line for line in out.lines(article)
             if isinstance(line, TextLine) and line.block.kind == "headline"]
    size = max((r.size for line in lines for r in line.runs), default=0.0)
    return size, len({round(line.baseline, 1) for line in lines})


def measure(name: str, text: Path, work: Path, library: FontLibrary,
            metrics: Path = METRICS) -> list[dict]:
    folder = work / name
    placement = place(text, folder / "ed", library)
    pdfs = folder / "out"
    code = epaper(["build", str(folder / "ed"), "--out", str(pdfs), "--draft"])
    composed = compose_edition(folder / "ed", library)
    reports = {}
    for r in composed.slots:
        reports.setdefault(r.page, []).append(r)
    rows = []
    for n, (page, out) in enumerate(zip(composed.edition.pages, composed.pages)):
        g = page.grid
        cells = sum(s.span * s.height for s in page.slots)
        band = max((s.top + s.height for s in page.slots), default=0)
        order = [a for a in page.spec.place
                 if composed.edition.articles[a].kind in ("article", "photo")] or \
            [s.article for s in page.slots]
        slots = {s.article: s for s in page.slots}
        order = [a for a in order if a in slots]
        lead = slots[order[0]] if order else None
        heads = {a: headline(out, a) for a in order}
        violations = 0
        for kind in ("article", "photo"):
            sizes = [heads[a][0] for a in order
                     if composed.edition.articles[a].kind == kind]
            violations += sum(1 for a, b in zip(sizes, sizes[1:]) if b > a + 0.05)
        one_column = [heads[a][1] for a in order if slots[a].span == 1]
        pdf = pdfs / f"page-{page.number:02d}.pdf"
        if not pdf.exists():
            found = sorted(pdfs.rglob(f"*{page.number:02d}*.pdf"))
            pdf = found[0] if found else None
        flush, chains = bottoms(pdf, metrics) if pdf else (0, 0)
        plan = placement.pages[n] if n < len(placement.pages) else None
        page_reports = reports.get(page.number, [])
        rows.append({
            "name": name, "page": page.number, "last": n == len(composed.pages) - 1,
            "articles": len(page.slots),
            "area": round(cells / (g.columns * g.lines), 4),
            "holes": g.columns * band - cells,
            "under": max((r.underset_lines for r in page_reports), default=0),
            "over": sum(r.overset_lines for r in page_reports),
            "flush": flush, "chains": chains,
            "lead_top_left": bool(lead and lead.column == 1
                                  and lead.top == min(slots[a].top for a in order)),
            "hierarchy": violations,
            "one_column_head": max(one_column, default=0),
            "seconds": plan.seconds if plan else 0.0,
            "measure_seconds": plan.measure_seconds if plan else 0.0,
            "solver": {k: v for k, v in (plan.solution.stats if plan and plan.solution
                                         else {}).items()
                       if k in ("objective", "first", "stretched", "deterministic_time")},
            "build": code,
        })
    return rows


def table(rows: list[dict]) -> str:
    head = ("page", "art", "area", "holes", "under", "over", "齐底", "lead", "hier",
            "1col", "time")
    out = ["  ".join(f"{h:>6}" if i else f"{h:<20}" for i, h in enumerate(head))]
    for r in rows:
        cells = (f"{r['name']} {r['page']}{'*' if r['last'] else ''}", r["articles"],
                 f"{r['area']:.1%}", r["holes"], r["under"], r["over"],
                 f"{r['flush']}/{r['chains']}", "yes" if r["lead_top_left"] else "NO",
                 r["hierarchy"], r["one_column_head"], f"{r['seconds']:.1f}s")
        out.append("  ".join(f"{c:>6}" if i else f"{c:<20}" for i, c in enumerate(cells)))
    flush = sum(r["flush"] for r in rows)
    chains = sum(r["chains"] for r in rows)
    full = [r for r in rows if not r["last"]]
    out.append(f"齐底 {flush}/{chains} = {flush / max(chains, 1):.1%}; pages not last "
               f"under 95 %: {sum(1 for r in full if r['area'] < 0.95)} of {len(full)}; "
               f"holes {sum(r['holes'] for r in rows)}; overset {sum(r['over'] for r in rows)}"
               f"; time {sum(r['seconds'] for r in rows):.1f} s")
    out.append("(* the edition's last page)")
    return "\n".join(out)


def run(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("names", nargs="*", help="development pages (default: all and the seed)")
    p.add_argument("--out", type=Path, help="keep the editions and PDFs here")
    p.add_argument("--json", type=Path, help="write the rows as JSON here")
    p.add_argument("--metrics", type=Path, default=METRICS, help="typo_metrics.py")
    args = p.parse_args(argv)
    chosen = texts()
    if args.names:
        chosen = {n: chosen[n] for n in args.names}
    library = FontLibrary()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = args.out or Path(tmp)
        for name, text in chosen.items():
            rows.extend(measure(name, text, work, library, args.metrics))
            print(f"{name}: placed and built", file=sys.stderr)
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(run())
