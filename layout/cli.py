"""The ``epaper`` command line: build (and build --watch), new, import, fonts, check, pack,
verify, batch, keys."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Sequence

from fontTools.ttLib import TTLibError

from layout.diagnostics import ERROR, EpaperError


class Progress:
    """One updating status line on a terminal, plain lines otherwise."""

    def __init__(self, stream=sys.stderr, quiet: bool = False):
        self.stream = stream
        self.tty = stream.isatty()
        self.quiet = quiet
        self.width = 0

    def __call__(self, message: str) -> None:
        if self.quiet:
            return
        if self.tty:
            self.stream.write("\r" + message.ljust(self.width))
            self.width = len(message)
        else:
            self.stream.write(message + "\n")
        self.stream.flush()

    def done(self) -> None:
        if self.tty and self.width and not self.quiet:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()


def _library(args):
    from layout.fonts import FontLibrary
    if getattr(args, "cache", None):      # every cache follows (fonts, segmenter index)
        import os
        os.environ["EPAPER_CACHE"] = str(Path(args.cache).absolute())
    return FontLibrary(Path(args.cache) if getattr(args, "cache", None) else None)


def _print_diagnostics(diagnostics, verbose: bool) -> None:
    for d in diagnostics:
        if d.severity != "info" or verbose:
            print(d.one_line(), file=sys.stderr)


def copyfit_table(slots: Sequence[dict]) -> str:
    """The short table printed after a build: each slot's fill, overset and underset, and
    the height (grid lines) that would hold its text when that is another."""
    rows = [("page", "slot", "article", "lines", "over", "chars", "under", "height")]
    for s in slots:
        fit = s.get("fit_height")
        rows.append((str(s["page"]), s["slot"], s["article"],
                     f"{s['lines_set']}/{s['capacity']}", str(s["overset_lines"] or "-"),
                     str(s["overset_chars"] or "-"), str(s["underset_lines"] or "-"),
                     f"{s['height']}→{fit}" if fit is not None else "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


def cmd_build(args) -> int:
    if args.draft and (args.pdfx or args.pdfa):
        print("epaper build: --draft cannot be combined with --pdfx or --pdfa: files for "
              "the press or the archive pass the press gate", file=sys.stderr)
        return 2
    if args.watch:
        return _watch(args)
    return _build_once(args)


def _build_once(args) -> int:
    """One build as the command line asks; the exit status."""
    from layout.build import BuildOptions, PressGateError, build
    progress = Progress(quiet=args.quiet)
    options = BuildOptions(strict=args.strict, marks=True if args.marks else None,
                           pdfx=True if args.pdfx else None, pdfa=args.pdfa,
                           proof=args.proof, draft=args.draft, epaper=args.epaper, alto=args.alto,
                           jobs=args.jobs)
    try:
        report = build(Path(args.edition), Path(args.out), _library(args), options,
                       progress=progress)
    except PressGateError as exc:
        progress.done()
        _print_kept_table(args)
        for d in exc.diagnostics:
            print(d.one_line(), file=sys.stderr)
        print(f"epaper: the press gate stopped the build ({len(exc.diagnostics)} problem"
              f"{'s' if len(exc.diagnostics) > 1 else ''}); {args.out} keeps its earlier "
              f"PDFs, report.json says why; build --draft for proofs", file=sys.stderr)
        return 3
    finally:
        progress.done()
    if report.get("unchanged"):
        if not args.quiet:
            print(copyfit_table(report["slots"]))
        print(f"{args.out} is up to date: nothing the edition is built from has changed",
              file=sys.stderr)
        return 0
    from layout.diagnostics import Diagnostic
    diagnostics = [Diagnostic(**{k: v for k, v in d.items()}) for d in report["diagnostics"]]
    if not args.quiet:
        print(copyfit_table(report["slots"]))
    _print_diagnostics(diagnostics, args.verbose)
    if args.verbose:
        print(f"timing {report['timing']}", file=sys.stderr)
    outputs = ", ".join(name for name in report["outputs"] if "/" not in name)
    site = sum(1 for name in report["outputs"] if name.startswith("epaper/"))
    if site:
        outputs += f", the e-paper site ({site} files in epaper/)"
    state = "" if report["ok"] else " (draft: not for the press)"
    print(f"wrote {outputs} and report.json to {args.out}{state}", file=sys.stderr)
    return 0


def _print_kept_table(args) -> None:
    """The copyfit table of a build the press gate stopped (its report.json has it)."""
    import json
    if args.quiet:
        return
    try:
        report = json.loads((Path(args.out) / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if report.get("slots"):
        print(copyfit_table(report["slots"]))


def _watch(args) -> int:
    """Build, then build again whenever a file of the edition changes; Ctrl-C stops."""
    from layout.spec.load import edition_file, load_edition
    from layout.watch import watch
    folder = edition_file(Path(args.edition)).parent

    def once():
        started = time.strftime("%H:%M:%S")
        print(f"-- build at {started}", file=sys.stderr, flush=True)
        try:
            _build_once(args)
        except EpaperError as exc:
            print(exc.diagnostic.one_line(), file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
        try:                      # the files it reads from outside its folder
            inputs = load_edition(Path(args.edition)).inputs
        except EpaperError:
            return []
        return [f.path for f in inputs if f.origin not in ("edition", "system")]
    try:
        watch(folder, once, skip=[Path(args.out)],
              notice=lambda message: print(message, file=sys.stderr, flush=True))
    except KeyboardInterrupt:
        print("stopped watching", file=sys.stderr)
    return 0


def cmd_import(args) -> int:
    """Import page text into an edition; with --explain, print how each line was read (and
    without --out, only that)."""
    from layout.importer.build_edition import ImportOptions, import_text
    from layout.importer.explain import explain
    if args.out is None and not args.explain:
        print("epaper import: give --out DIR (the edition to write), or --explain to see how "
              "the text is read", file=sys.stderr)
        return 2
    if args.out is None:
        from layout.diagnostics import Sink
        from layout.importer.parse import parse_page, read_page_text
        sink = Sink()
        page = parse_page(read_page_text(Path(args.text)), file=args.text, sink=sink)
        sys.stdout.write(explain(page, args.text))
        _print_diagnostics(list(sink), args.verbose)
        return 0
    options = ImportOptions(name=args.name, date=args.date, issue=args.issue,
                            section=args.section, page=args.page, size=args.size,
                            place=not args.no_place,
                            **({"pages": args.pages} if args.pages is not None else {}))
    if options.pages < 1:
        print("epaper import: --pages must be 1 or more", file=sys.stderr)
        return 2
    result = import_text(Path(args.text), Path(args.out), options, library=_library(args))
    if args.explain:
        sys.stdout.write(explain(result.page, args.text))
    _print_diagnostics(result.diagnostics, args.verbose)
    print(f"imported {result.articles} items onto {result.pages} page(s) in {args.out}",
          file=sys.stderr)
    return 0


def cmd_place(args) -> int:
    """Choose the slots of the articles the page specs list under place: and write them
    into the page specs; exit status 1 when some text does not fit."""
    import json
    from layout.build import resolve_chains
    from layout.place.plan import place_edition
    from layout.place.report import copyfit, page_rows, table
    from layout.place.write import save
    from layout.spec.load import load_edition
    edition = load_edition(Path(args.edition))
    chains = resolve_chains(edition, _library(args))
    placement = place_edition(edition, chains, extra_pages=args.add_pages)
    if not any(p.place or p.slots for p in placement.pages):
        print(f"epaper place: no page of {args.edition} lists articles under place:; list "
              f"the articles each page should hold, the lead first", file=sys.stderr)
        return 2
    written = [] if args.dry_run else save(placement)
    if args.json:
        print(json.dumps({"pages": page_rows(placement), "copyfit": copyfit(placement),
                          "unplaced": placement.unplaced,
                          "written": [str(p) for p in written]},
                         ensure_ascii=False, indent=2))
    else:
        print(table(placement))
        if args.verbose:
            for plan in placement.pages:
                for slot in plan.slots:
                    from layout.place.write import slot_text
                    print(f"  page {plan.number}: {slot_text(slot)}")
    _print_diagnostics(placement.diagnostics, args.verbose)
    if written:
        print(f"wrote {', '.join(str(p) for p in written)}", file=sys.stderr)
    return 1 if placement.overset or placement.unplaced else 0


def cmd_fonts(args) -> int:
    """List the font roles, the files they resolve to, their fingerprints and the
    characters each supplies or misses; with --lock, record them in fonts.lock."""
    import json
    from layout.build import font_usage, resolve_chains
    from layout.fonts.lock import LOCK_NAME, fingerprints, lock_bytes
    from layout.output import write_atomic
    from layout.spec.load import load_edition
    edition = load_edition(Path(args.edition))
    chains = resolve_chains(edition, _library(args))
    usage = font_usage(edition, chains)
    rows = []
    for role, chain in chains.items():
        entry = {"role": role, "faces": [], "missing": {
            f"U+{ord(ch):04X}": where for ch, where in usage[role]["missing"].items()}}
        for face in chain.faces:
            chars = usage[role]["faces"][face]
            entry["faces"].append({**face.describe(), "chars": len(chars),
                                   "sample": "".join(chars[:12])})
        rows.append(entry)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for entry in rows:
            print(f"{entry['role']}:")
            for k, f in enumerate(entry["faces"], 1):
                print(f"  {k}. {f['face']}  {f['file']}#{f['index']}  {f['outlines']}  "
                      f"{f['version']}")
                more = "…" if f["chars"] > len(f["sample"]) else ""
                print(f"     sha256 {f['sha256']}  supplies {f['chars']} characters"
                      + (f": {f['sample']}{more}" if f["chars"] else ""))
            for code, where in entry["missing"].items():
                print(f"  missing {code} {chr(int(code[2:], 16))} (in no font of the role; "
                      f"first in {where})")
    if args.lock:
        path = edition.root / LOCK_NAME
        write_atomic(path, lock_bytes(fingerprints(chains)))
        print(f"wrote {path}", file=sys.stderr)
    missing = sum(len(e["missing"]) for e in rows)
    return 1 if missing and args.strict else 0


def cmd_check(args) -> int:
    """Preflight: exit 1 when there is an error (or any warning with --strict)."""
    import json
    from layout.diagnostics import WARNING
    from layout.preflight import check_edition, check_pdf, table
    diagnostics = []
    limits: dict = {}
    if args.edition:
        diagnostics += check_edition(Path(args.edition), _library(args),
                                     marks=True if args.marks else None,
                                     pdfx=True if args.pdfx else None)
        try:                               # the edition's press limits for its PDFs
            from layout.spec.load import load_edition
            settings = load_edition(Path(args.edition)).spec.print
            limits = {"min_text_pt": settings.min_text_pt, "bleed_mm": settings.bleed_mm,
                      "ink_limit": settings.ink_limit}
        except EpaperError:
            pass                           # already among the diagnostics
    for pdf in args.pdf or []:
        diagnostics += check_pdf(Path(pdf), pdfx=True if args.pdfx else None, **limits)
    if not args.edition and not args.pdf:
        print("epaper check: give an EDITION, or --pdf FILE", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([d.to_json() for d in diagnostics], ensure_ascii=False, indent=2))
    else:
        print(table(diagnostics))
    failing = [d for d in diagnostics
               if d.severity == ERROR or (args.strict and d.severity == WARNING)]
    return 1 if failing else 0


def cmd_pack(args) -> int:
    """Build an edition and write one self-contained archive of it."""
    from layout.archive.pack import pack_edition
    progress = Progress(quiet=args.quiet)
    options = {k: True for k in ("marks", "pdfx", *_LATER_OPTIONS) if getattr(args, k, False)}
    try:
        packed = pack_edition(Path(args.edition), Path(args.out),
                              cache_dir=Path(args.cache) if args.cache else None,
                              options=options,
                              progress=progress)
    finally:
        progress.done()
    for path in packed.outside:
        print(f"packed {path} (named by the edition, outside its folder)", file=sys.stderr)
    size = packed.size / 1e6
    print(f"wrote {packed.path}: {packed.files} files, {size:.1f} MB, {len(packed.fonts)} "
          f"font subsets, outputs {', '.join(packed.outputs)}", file=sys.stderr)
    return 0


def cmd_verify(args) -> int:
    """Rebuild a pack's edition from the pack alone and compare with its outputs."""
    from layout.archive.verify import summary, verify_pack
    progress = Progress(quiet=args.quiet)
    try:
        verdict = verify_pack(Path(args.pack), progress=progress,
                              keep=Path(args.keep) if args.keep else None)
    finally:
        progress.done()
    for note in verdict.notes:
        print(f"note: {note}", file=sys.stderr)
    for line in summary(verdict):
        print(line)
    if verdict.identical and not args.quiet:
        print(f"{len(verdict.compared)} files rebuilt from {args.pack} alone: "
              f"{', '.join(verdict.compared)}", file=sys.stderr)
    return 0 if verdict.identical else 1


class Bar:
    """The batch's progress: an updating bar on a terminal, a line per edition otherwise."""

    def __init__(self, stream=None, quiet: bool = False):
        stream = stream or sys.stderr
        self.stream, self.quiet, self.tty = stream, quiet, stream.isatty()
        self.failed = 0
        self.started = time.perf_counter()

    def __call__(self, done: int, total: int, outcome) -> None:
        if self.quiet:
            return
        self.failed += not outcome.ok
        if self.tty:
            width = 24
            filled = round(width * done / max(total, 1))
            seconds = time.perf_counter() - self.started
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}  "
                              f"failed {self.failed}  {seconds:.0f} s  {outcome.name[:30]:30}")
            if done == total:
                self.stream.write("\n")
        else:
            self.stream.write(f"[{done}/{total}] {outcome.name}: {outcome.status}\n")
        self.stream.flush()


#: build options that pack and batch offer when this epaper's build has them
_LATER_OPTIONS = ("pdfa", "epaper")


def _later_options(sub) -> None:
    import inspect

    from layout.build import build
    accepted = inspect.signature(build).parameters
    for name in _LATER_OPTIONS:
        if name in accepted:
            sub.add_argument(f"--{name}", action="store_true", help=f"as build --{name}")


def cmd_batch(args) -> int:
    """Build editions (or verify packs) on local worker processes or a Dask cluster."""
    from layout.archive.batch import run_batch, table
    options = {k: True for k in ("alto", "marks", "pdfx", "strict", *_LATER_OPTIONS)
               if getattr(args, k, False)}
    result = run_batch([Path(s) for s in args.sources], Path(args.out),
                       workers=args.workers, scheduler=args.scheduler, options=options,
                       force=args.force, progress=Bar(quiet=args.quiet),
                       notice=lambda message: print(f"note: {message}", file=sys.stderr))
    print(table(result))
    return 1 if result.failed else 0


def cmd_keys(args) -> int:
    """The reference of every key (``--schema``: the JSON Schema of a file kind)."""
    import json

    from layout.spec import model, schema
    classes = model.FILE_KINDS
    unknown = [k for k in args.kinds if k not in classes]
    if unknown:
        print(f"epaper keys: no file kind {unknown[0]!r}; use {', '.join(classes)}",
              file=sys.stderr)
        return 2
    if args.schema:
        kinds = args.kinds or list(classes)
        if args.out:
            from layout.output import write_atomic
            out = Path(args.out)
            out.mkdir(parents=True, exist_ok=True)
            for kind in kinds:
                write_atomic(out / f"{kind}.schema.json", (json.dumps(
                    model.json_schema(kind), ensure_ascii=False, indent=1) + "\n").encode())
            print(f"wrote {', '.join(f'{k}.schema.json' for k in kinds)} to {out}",
                  file=sys.stderr)
            return 0
        if len(kinds) != 1:
            print("epaper keys --schema: give one KIND to print its schema, or --out DIR to "
                  "write them all (DIR/KIND.schema.json)", file=sys.stderr)
            return 2
        print(json.dumps(model.json_schema(kinds[0]), ensure_ascii=False, indent=1))
        return 0
    for name in args.kinds or list(classes):
        print(f"\n## {name}\n")
        if name == "page":
            print(grid_table() + "\n")
        print("| key | type | default | meaning |\n|---|---|---|---|")
        for row in schema.describe(classes[name]):
            print("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
    return 0


def grid_table() -> str:
    """The grid of each page size, for ``epaper keys page`` and the README."""
    from layout.spec.grid import HEADER_LINES, size_table
    rows = ["Grid of each page size (default margins; 9 pt body on 13.5 pt lines; slot "
            "`top` counts grid lines from 0, `column` from 1):", "",
            "| size | trim | columns × 字/栏 | grid lines under the page header | "
            "grid lines under a masthead |", "|---|---|---|---|---|"]
    for size, trim, columns, lines, front, masthead in size_table():
        rows.append(f"| {size} | {trim} | {columns} | {lines} (0-{lines - 1}) | "
                    f"{front} (0-{front - 1}), the masthead taking {masthead} |")
    rows.append(f"| custom | width_mm × height_mm | grid.columns × grid.column_chars "
                f"(default 6 × 12) | (height − margins) ÷ leading − {HEADER_LINES} | "
                f"the same less masthead_lines − {HEADER_LINES} |")
    return "\n".join(rows)


def cmd_new(args) -> int:
    """Scaffold an edition that builds at once."""
    import datetime as _dt

    from layout.scaffold import new_edition
    try:
        date = _dt.date.fromisoformat(args.date) if args.date and args.date != "today" \
            else None
    except ValueError:
        print(f"epaper new: --date {args.date!r} is not a date YYYY-MM-DD", file=sys.stderr)
        return 2
    progress = Progress()
    try:
        made = new_edition(Path(args.folder), size=args.size, pages=args.pages,
                           name=args.name, date=date, library=_library(args),
                           progress=progress)
    finally:
        progress.done()
    print(f"created {made.folder}: {made.pages} {made.size} page"
          f"{'s' if made.pages > 1 else ''} of {made.columns} columns ({made.front_lines} "
          f"grid lines under the masthead, {made.lines} under a page header), "
          f"{made.articles} articles, the style sheet and font set copied in, JSON Schemas "
          f"in schemas/", file=sys.stderr)
    print(f"next: epaper build {made.folder} --out output/{made.folder.name} --watch",
          file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    from layout import __version__
    p = argparse.ArgumentParser(prog="epaper", description="Lay out Chinese newspaper pages "
                                "and write print-ready PDF, the e-paper and archive files.",
                                epilog="exit status: 0 ok, 1 error, 2 usage, 3 the press "
                                       "gate stopped the build")
    p.add_argument("--version", action="version", version=f"epaper {__version__}")
    sub = p.add_subparsers(dest="command")
    b = sub.add_parser("build", help="build an edition's PDFs and report.json")
    b.add_argument("edition", help="edition directory or its edition.yaml")
    b.add_argument("--out", required=True, help="output directory")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("--verbose", "-v", action="store_true", help="also print notes and timing")
    b.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    b.add_argument("--cache", help="font cache directory (default ~/.cache/epaper)")
    b.add_argument("--marks", action="store_true",
                   help="crop and registration marks outside the bleed")
    b.add_argument("--proof", action="store_true",
                   help="draw the column and baseline grid, slot frames with their names "
                        "and red markers on overset slots (proofs, not for the press)")
    b.add_argument("--pdfx", action="store_true",
                   help="PDF/X-1a:2003 with the edition's print.output_intent profile")
    b.add_argument("--pdfa", action="store_true",
                   help="PDF/A-2b for the archive: XMP metadata, the press or a default "
                        "CMYK profile as output intent, and a logical structure")
    b.add_argument("--draft", action="store_true",
                   help="write the PDFs even when the press gate finds overset text, "
                        "missing pictures or characters in no font (report.json says "
                        "ok: false); not with --pdfx or --pdfa")
    b.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="processes that compose and render pages (default: every core); "
                        "the files are the same whatever N")
    b.add_argument("--epaper", action="store_true",
                   help="also write the e-paper site (page views, article pages, search, "
                        "epaper.json) into DIR/epaper/")
    b.add_argument("--alto", action="store_true",
                   help="also write ALTO text coordinates per page (alto/page-NN.xml) and "
                        "the issue's METS (mets.xml)")
    b.add_argument("--watch", action="store_true",
                   help="build again whenever a file of the edition changes, printing the "
                        "copyfit table each time; Ctrl-C stops")
    b.set_defaults(run=cmd_build)
    n = sub.add_parser("new", help="scaffold an edition that builds at once (pages, "
                       "placeholder stories, masthead, style sheet and font set)")
    n.add_argument("folder", help="the new edition's folder (must not exist, or be empty)")
    n.add_argument("--size", choices=["broadsheet", "tabloid"], default="broadsheet",
                   help="page size (default broadsheet)")
    n.add_argument("--pages", type=int, default=4, metavar="N",
                   help="number of pages (default 4); the last of several has an advert")
    n.add_argument("--name", default="示例日报", help="newspaper name (default 示例日报)")
    n.add_argument("--date", help="issue date YYYY-MM-DD (default today)")
    n.add_argument("--cache", help="font cache directory")
    n.set_defaults(run=cmd_new)
    i = sub.add_parser(
        "import", help="turn page-shaped plain text into an edition",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Read the plain text of a newspaper page (UTF-8; blocks separated by "
                    "blank lines, articles one after another) and write an edition that builds "
                    "as it is.",
        epilog="What the page header prints is taken from the options and never guessed:\n"
               "  --date and --page are required (an error names them when missing; the\n"
               "  text's own date or page label, if it has one, is quoted as a hint and a\n"
               "  mismatch is a warning);\n"
               "  --name, --issue and --section are left empty when not given (the header then\n"
               "  shows none; a warning says so for the name, and for the section when the\n"
               "  text names one);\n"
               "  --size left out keeps the page spec's default, broadsheet.\n"
               "Traditional-script text gives language: zh-Hant (CNS punctuation) and the\n"
               "fonts-hant font set.  Furniture lines (责任编辑, 版式设计, 美编, 校对, 制图)\n"
               "go to the page header, 资料来源 and the like to the page footer.\n"
               "--explain prints every line with the role it was given and the rule that\n"
               "decided; without --out it only explains and writes nothing.")
    i.add_argument("text", help="plain text file (UTF-8)")
    i.add_argument("--out", help="edition directory to write (must not hold an edition)")
    i.add_argument("--date", help="issue date YYYY-MM-DD, or 'today' (required with --out)")
    i.add_argument("--page", type=int, metavar="N",
                   help="page number 版次 of the (first) page (required with --out)")
    i.add_argument("--name", help="newspaper name (default: none)")
    i.add_argument("--issue", help="issue number, e.g. 第8123期 (default: none)")
    i.add_argument("--section", help="section name 版名, e.g. 要闻 (default: none)")
    i.add_argument("--size", choices=["broadsheet", "tabloid"],
                   help="page size (default: the page spec's, broadsheet)")
    i.add_argument("--pages", type=int, metavar="N", default=None,
                   help="most pages the text may fill (default 10): what does not fit on "
                        "them is overset and reported")
    i.add_argument("--no-place", action="store_true",
                   help="list the items under place: in the page spec but choose no slots "
                        "(reorder the list, then run epaper place)")
    i.add_argument("--explain", action="store_true",
                   help="print each line of the text with its role and why")
    i.add_argument("--cache", help="font cache directory")
    i.add_argument("--verbose", "-v", action="store_true", help="also print notes (furniture)")
    i.set_defaults(run=cmd_import)
    pl = sub.add_parser(
        "place", help="choose the slots of the articles the page specs list under place:",
        description="Choose the slot of every article a page spec lists under place: (the "
                    "lead first): its span, height, body columns and picture area, packed "
                    "on the page grid around the slots the spec fixes, and write the slots "
                    "into the page spec files (comments and fixed slots kept).  What does "
                    "not fit goes on to the next page, whole or continued (转版); on the "
                    "last page it is reported as the characters to cut.",
        epilog="exit status: 0 everything placed, 1 text overset or an article unplaced "
               "(the slots are written all the same), 2 nothing to place")
    pl.add_argument("edition", help="edition directory or its edition.yaml")
    pl.add_argument("--add-pages", type=int, default=0, metavar="N",
                    help="pages that may be added after the last when the articles do not "
                         "fit (default 0)")
    pl.add_argument("--dry-run", action="store_true", help="report, write nothing")
    pl.add_argument("--json", action="store_true", help="the report as JSON")
    pl.add_argument("--verbose", "-v", action="store_true", help="also print every slot")
    pl.add_argument("--cache", help="font cache directory")
    pl.set_defaults(run=cmd_place)
    f = sub.add_parser("fonts", help="list font roles, files, fingerprints and coverage")
    f.add_argument("edition", help="edition directory or its edition.yaml")
    f.add_argument("--lock", action="store_true",
                   help="record the fonts in the edition's fonts.lock")
    f.add_argument("--json", action="store_true", help="machine-readable output")
    f.add_argument("--strict", action="store_true",
                   help="exit 1 when a character is in no font of its role")
    f.add_argument("--cache", help="font cache directory")
    f.set_defaults(run=cmd_fonts)
    c = sub.add_parser("check", help="preflight an edition (no PDFs written) or PDFs")
    c.add_argument("edition", nargs="?", help="edition directory or its edition.yaml")
    c.add_argument("--pdf", action="append", metavar="FILE", help="check an existing PDF "
                   "(fonts embedded, RGB, small text, boxes); may be repeated")
    c.add_argument("--json", action="store_true", help="JSON instead of the table")
    c.add_argument("--strict", action="store_true", help="warnings fail too")
    c.add_argument("--marks", action="store_true", help="as build --marks")
    c.add_argument("--pdfx", action="store_true", help="as build --pdfx")
    c.add_argument("--cache", help="font cache directory")
    c.set_defaults(run=cmd_check)
    pk = sub.add_parser("pack", help="build an edition and write one self-contained archive "
                        "(BagIt) of its files, fonts and outputs")
    pk.add_argument("edition", help="edition directory or its edition.yaml")
    pk.add_argument("--out", required=True, help="the pack: FILE.zip, FILE.tar or FILE.tar.gz")
    pk.add_argument("--marks", action="store_true", help="as build --marks")
    pk.add_argument("--pdfx", action="store_true", help="as build --pdfx")
    _later_options(pk)
    pk.add_argument("--cache", help="font cache directory")
    pk.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    pk.set_defaults(run=cmd_pack)
    v = sub.add_parser("verify", help="rebuild a pack's edition from the pack alone and "
                       "compare every output")
    v.add_argument("pack", help="a file written by `epaper pack`")
    v.add_argument("--keep", metavar="DIR", help="also copy the rebuilt outputs to DIR")
    v.add_argument("--quiet", "-q", action="store_true", help="print only the verdict")
    v.set_defaults(run=cmd_verify)
    bt = sub.add_parser("batch", help="build many editions (or verify packs) on worker "
                        "processes or a Dask cluster, with a summary table")
    bt.add_argument("sources", nargs="+", metavar="EDITION_OR_PACK",
                    help="edition directories (or edition.yaml files) and packs")
    bt.add_argument("--out", required=True, help="output directory: one folder per edition "
                    "and batch.json")
    bt.add_argument("--workers", type=int, default=max(1, min(4, os.cpu_count() or 1)),
                    help="local worker processes (default: the cores, at most 4)")
    bt.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                    help="run on this Dask cluster instead of local processes")
    bt.add_argument("--force", action="store_true",
                    help="build everything again, even editions whose outputs verify")
    bt.add_argument("--alto", action="store_true", help="as build --alto")
    bt.add_argument("--marks", action="store_true", help="as build --marks")
    bt.add_argument("--pdfx", action="store_true", help="as build --pdfx")
    bt.add_argument("--strict", action="store_true", help="as build --strict")
    _later_options(bt)
    bt.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    bt.set_defaults(run=cmd_batch)
    k = sub.add_parser("keys", help="print the reference of every spec key, or the JSON "
                       "Schemas for editors")
    k.add_argument("kinds", nargs="*", metavar="KIND",
                   help="edition, page, article, style or fonts (default: all)")
    k.add_argument("--schema", action="store_true",
                   help="the JSON Schema (draft 2020-12) of KIND instead, for YAML editors")
    k.add_argument("--out", metavar="DIR",
                   help="with --schema: write DIR/KIND.schema.json for each kind given "
                        "(default: all)")
    k.set_defaults(run=cmd_keys)
    return p


def _terminate(signum, frame):
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if args.command is None:            # `epaper` alone: the help
        p.print_help()
        return 0
    import signal
    import threading
    if threading.current_thread() is threading.main_thread():
        # a terminated build cleans up its temporary files like an interrupted one
        signal.signal(signal.SIGTERM, _terminate)
    try:
        return args.run(args)
    except EpaperError as exc:
        print(exc.diagnostic.one_line(), file=sys.stderr)
        return 1
    except BrokenPipeError:          # output piped into head, less …: not an error
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        print(f"epaper: error: {where}{exc.strerror or exc}; earlier outputs are untouched "
              f"(check free space and permissions)", file=sys.stderr)
        return 1
    except TTLibError as exc:              # a damaged font, found when it is read
        print(f"epaper: error: a font file is damaged: {exc}; run `epaper fonts EDITION` "
              f"to see which file each role uses, and replace it", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("epaper: interrupted; earlier outputs are untouched", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
