"""Place an imported edition: the page spec ``import`` writes lists every item under
``place:`` in the order of the text (the lead first), and :mod:`layout.place` chooses the
slots, adding pages when one is not enough."""

from __future__ import annotations

from pathlib import Path

from layout.diagnostics import Diagnostic
from layout.place.plan import Placement, place_edition
from layout.place.write import save
from layout.spec.load import load_edition

#: Most pages an import fills unless told otherwise (import takes about five pages of
#: text at most: IMPORT_MAX_BYTES).
MAX_PAGES = 10


def place_imported(out: Path, library, pages: int = MAX_PAGES) -> tuple[Placement,
                                                                        list[Diagnostic]]:
    """Place the edition just written into ``out`` on at most ``pages`` pages and write
    the slots into its page specs."""
    from layout.build import resolve_chains
    edition = load_edition(out)
    chains = resolve_chains(edition, library)
    placement = place_edition(edition, chains, extra_pages=max(0, pages - 1))
    save(placement)
    return placement, list(placement.diagnostics)
