"""What a placement reports: per page the articles placed, the share of the grid its slots
fill, the underset and overset the composer found, and the time it took; per article
what to cut or add when it does not fit."""

from __future__ import annotations

from layout.place.plan import Placement


def page_rows(placement: Placement) -> list[dict]:
    """One row per page (plain data, for the table and for ``place --json``)."""
    rows = []
    for plan in placement.pages:
        reports = plan.reports
        stats = plan.solution.stats if plan.solution else {}
        rows.append({
            "page": plan.number,
            "file": str(plan.page.file),
            "new": plan.new,
            "articles": list(plan.place),
            "slots": [s.name for s in plan.slots],
            "area_used": round(plan.area_used(), 4),
            "holes": stats.get("holes", 0),
            "underset_lines": max((r.underset_lines for r in reports), default=0),
            "overset_lines": sum(r.overset_lines for r in reports),
            "overset_chars": sum(r.overset_chars for r in reports),
            "jumps": [s.name for s in plan.slots if s.continues is not None],
            "seconds": plan.seconds,
            "measure_seconds": plan.measure_seconds,
            "composed": plan.measured,
            "solver": plan.solution.status if plan.solution else "",
            "solver_time": stats.get("deterministic_time", 0.0),
        })
    return rows


def copyfit(placement: Placement) -> list[dict]:
    """Every slot whose text does not fit, with what to do: characters to cut, or lines
    to add."""
    out = []
    for plan in placement.pages:
        for r in plan.reports:
            if r.overset_lines:
                out.append({"page": plan.number, "slot": r.slot, "article": r.article,
                            "overset_lines": r.overset_lines,
                            "overset_chars": r.overset_chars})
    return out


def table(placement: Placement) -> str:
    """The table ``epaper place`` prints."""
    head = ("page", "articles", "area", "holes", "under", "over", "jumps", "time")
    rows = [head]
    for row in page_rows(placement):
        rows.append((f"{row['page']}" + (" (new)" if row["new"] else ""),
                     str(len(row["articles"])), f"{row['area_used'] * 100:.1f}%",
                     str(row["holes"] or "-"), str(row["underset_lines"] or "-"),
                     f"{row['overset_lines']}/{row['overset_chars']}"
                     if row["overset_lines"] else "-",
                     ", ".join(row["jumps"]) or "-", f"{row['seconds']:.1f} s"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
                     for r in rows)
