"""Write placed slots into the page spec files, as an editor would have typed them.

The file's text is edited, not regenerated: the slots of the articles ``place:`` lists
are taken out and the chosen slots written in their place, one flow mapping a line
(``- {name: a01, article: a01, column: 1, span: 4, top: 0, height: 30}``); every other
line — comments, fixed slots, the header, the footer — stays as it was.  Pages the
placer adds are new files (size and grid of the page before them), appended to the
edition's ``pages:``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from layout.spec.model import Slot

PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")


def scalar(value) -> str:
    """A YAML scalar for a slot key: plain when it reads back as the same string."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if PLAIN.match(text) and text.lower() not in ("yes", "no", "on", "off", "true",
                                                  "false", "null", "y", "n"):
        return text
    return yaml.safe_dump(text, allow_unicode=True, default_style='"').strip()


def slot_text(slot: Slot) -> str:
    """One slot as a flow mapping, the keys in the order the README shows them."""
    parts = [f"name: {scalar(slot.name)}", f"article: {scalar(slot.article)}",
             f"column: {slot.column}", f"span: {slot.span}", f"top: {slot.top}",
             f"height: {slot.height}"]
    if slot.columns is not None:
        parts.append(f"columns: {slot.columns}")
    if slot.headline_size is not None:
        parts.append(f"headline_size: {slot.headline_size:g}")
    if slot.photo is not None:
        photo = [f"position: {slot.photo.position}", f"lines: {slot.photo.lines}"]
        if slot.photo.columns is not None:
            photo.append(f"columns: {slot.photo.columns}")
        parts.append("photo: {" + ", ".join(photo) + "}")
    if slot.continues is not None:
        parts.append(f"continues: {{page: {slot.continues.page}, "
                     f"slot: {scalar(slot.continues.slot)}}}")
    return "{" + ", ".join(parts) + "}"


def flow_list(values) -> str:
    return "[" + ", ".join(scalar(v) for v in values) + "]"


@dataclass(frozen=True)
class _Key:
    """A top-level key of a YAML mapping and where its value lies in the text."""

    key: yaml.Node
    value: yaml.Node


def _top_keys(text: str) -> dict[str, _Key]:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return {}
    return {k.value: _Key(k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}


def _content_end(lines: list[str], first: int, stop: int) -> int:
    """The last line in ``first``..``stop - 1`` that is not blank or a comment."""
    last = first
    for n in range(first, stop):
        body = lines[n].strip()
        if body and not body.startswith("#"):
            last = n
    return last


def _article_of(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == "article" and \
                    isinstance(v, yaml.ScalarNode):
                return v.value
    return None


def _node_end(node: yaml.Node) -> int:
    """Where a node's own text ends (a block collection's end mark is the next token)."""
    if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) and not node.flow_style \
            and node.value:
        last = node.value[-1]
        return _node_end(last[1] if isinstance(last, tuple) else last)
    return node.end_mark.index


def _value_span(text: str, key: _Key) -> tuple[int, int]:
    """Character offsets of a top-level key's value (after ``key:``) to its end."""
    start = key.key.end_mark.index
    colon = text.index(":", start) + 1
    end = max(_node_end(key.value), colon)
    if isinstance(key.value, yaml.ScalarNode) and key.value.value == "" and \
            key.value.tag.endswith("null"):
        end = colon
    return colon, end


def rewrite_page(text: str, moving: set[str], slots: list[Slot], place: list[str]) -> str:
    """The page spec ``text`` with the slots of the articles in ``moving`` replaced by
    ``slots`` and ``place:`` set to ``place``."""
    keys = _top_keys(text)
    new_items = [slot_text(s) for s in slots]
    if "slots" in keys and isinstance(keys["slots"].value, yaml.SequenceNode) and \
            not keys["slots"].value.flow_style and keys["slots"].value.value:
        text = _edit_block(text, keys["slots"].value, moving, new_items)
    else:
        kept = []
        if "slots" in keys and isinstance(keys["slots"].value, yaml.SequenceNode):
            for item in keys["slots"].value.value:
                if _article_of(item) not in moving:
                    kept.append(text[item.start_mark.index:item.end_mark.index].strip())
        block = "".join(f"\n  - {t}" for t in kept + new_items) or " []"
        text = _set_value(text, keys.get("slots"), "slots", block)
    keys = _top_keys(text)
    current = keys.get("place")
    wanted = list(place)
    if current is None or _sequence(current.value) != wanted:
        text = _set_value(text, current, "place", " " + flow_list(wanted),
                          before=keys.get("slots"))
    return text


def _sequence(node: yaml.Node) -> list[str] | None:
    if isinstance(node, yaml.SequenceNode):
        return [n.value for n in node.value if isinstance(n, yaml.ScalarNode)]
    return None


def _edit_block(text: str, seq: yaml.SequenceNode, moving: set[str],
                new_items: list[str]) -> str:
    """Take the moving slots out of a block sequence and add ``new_items`` after its last
    item, each on its own line, comments between items kept."""
    lines = text.splitlines(keepends=True)
    items = seq.value
    starts = [i.start_mark.line for i in items]
    stops = starts[1:] + [seq.end_mark.line + (1 if seq.end_mark.column else 0)]
    stops[-1] = min(max(stops[-1], starts[-1] + 1), len(lines))
    dash = lines[starts[0]].index("-") if "-" in lines[starts[0]] else 2
    indent = " " * dash
    drop: set[int] = set()
    last_kept = None
    for item, first, stop in zip(items, starts, stops):
        end = _content_end(lines, first, stop)
        if _article_of(item) in moving:
            drop.update(range(first, end + 1))
        else:
            last_kept = end
    anchor = last_kept if last_kept is not None else \
        _content_end(lines, starts[-1], stops[-1])
    out = []
    for n, line in enumerate(lines):
        if n not in drop:
            out.append(line)
        if n == anchor:
            if not out or not out[-1].endswith("\n"):
                if out:
                    out[-1] += "\n"
            out.extend(f"{indent}- {item}\n" for item in new_items)
    return "".join(out)


def _set_value(text: str, key: _Key | None, name: str, value: str,
               before: _Key | None = None) -> str:
    """Replace the value of top-level ``name`` by ``value`` (text after the colon), or add
    the key: before ``before``'s line when given, else at the end."""
    if key is not None:
        start, end = _value_span(text, key)
        return text[:start] + value + text[end:]
    entry = f"{name}:{value}\n"
    if before is not None:
        at = text.rfind("\n", 0, before.key.start_mark.index) + 1
        return text[:at] + entry + text[at:]
    if text and not text.endswith("\n"):
        text += "\n"
    return text + entry


def rewrite_edition_pages(text: str, files: list[str]) -> str:
    """The edition file ``text`` with ``files`` added to ``pages:``."""
    keys = _top_keys(text)
    pages = keys["pages"].value
    if isinstance(pages, yaml.SequenceNode) and not pages.flow_style and pages.value:
        lines = text.splitlines(keepends=True)
        last = pages.value[-1].end_mark.line
        if pages.value[-1].end_mark.column == 0:
            last -= 1
        dash = lines[pages.value[0].start_mark.line].index("-")
        if not lines[last].endswith("\n"):
            lines[last] += "\n"
        lines[last + 1:last + 1] = [f"{' ' * dash}- {f}\n" for f in files]
        return "".join(lines)
    names = (_sequence(pages) or []) + list(files)
    return _set_value(text, keys["pages"], "pages", " " + flow_list(names))


def new_page_text(previous: str, number: int, slots: list[Slot], place: list[str]) -> str:
    """A page spec after the page ``previous`` (its text): its size, margins and grid,
    the section, no header furniture or footer."""
    data = yaml.safe_load(previous) or {}
    keep = {k: data[k] for k in ("section", "size", "width_mm", "height_mm", "margins",
                                 "grid") if k in data}
    lines = ["# added by epaper place: what page %d could not hold" % (number - 1),
             f"number: {number}"]
    for k, v in keep.items():
        dumped = yaml.safe_dump({k: v}, allow_unicode=True, default_flow_style=True,
                                width=10_000).strip()
        lines.append(dumped[1:-1] if dumped.startswith("{") else dumped)
    lines.append(f"place: {flow_list(place)}")
    lines.append("slots:" + ("".join(f"\n  - {slot_text(s)}" for s in slots) or " []"))
    return "\n".join(lines) + "\n"


def write_text(path: Path, text: str) -> None:
    from layout.output import write_atomic
    write_atomic(path, text.encode("utf-8"))


def save(placement) -> list[Path]:
    """Write a :class:`~layout.place.plan.Placement`: every page spec it placed (edited in
    place), the pages it added, and the edition's page list; returns the files written.
    Everything is checked to load again before the first file is written."""
    edition = placement.edition
    from layout.place.plan import placed_articles
    moving = set(placed_articles(edition)) | {a for p in placement.pages for a in p.place}
    texts: dict[Path, str] = {}
    added = []
    previous = None
    for plan in placement.pages:
        if plan.new:
            texts[plan.page.file] = new_page_text(previous, plan.number, plan.slots,
                                                  plan.place)
            added.append(plan.page.file.relative_to(edition.root).as_posix())
        else:
            text = plan.page.file.read_text(encoding="utf-8")
            untouched = not plan.slots and not plan.page.spec.place and \
                not any(s.article in moving for s in plan.page.slots)
            texts[plan.page.file] = text if untouched else \
                rewrite_page(text, moving, plan.slots, plan.place)
        previous = texts[plan.page.file]
    if added:
        texts[edition.file] = rewrite_edition_pages(
            edition.file.read_text(encoding="utf-8"), added)
    for path, text in texts.items():
        yaml.safe_load(text)                  # what is written must read back
    changed = [path for path, text in texts.items()
               if not path.exists() or path.read_text(encoding="utf-8") != text]
    for path in changed:
        write_text(path, texts[path])
    return changed
