"""Text as it is set: what loading does to the characters of an article before layout.

Text is normalised to NFC (a base letter and its combining accent become the precomposed
letter where Unicode has one; CJK compatibility ideographs are kept as written, since NFC
would replace them by their unified ideographs).  Format characters, which print nothing
(zero-width space and joiners, word joiner, byte order mark, soft hyphen, bidi controls
and isolates), are dropped — except a zero-width joiner inside an emoji sequence and the
tag characters of a flag, which stay as zero-width parts of the emoji.  Line and paragraph
separators become spaces.  Every change is recorded, so a build can say per article what
it did (:func:`notes`), and emoji that cannot print as they show on a screen (flags, ZWJ
sequences, skin tones, all in one colour on a press) are named.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field, fields, replace, is_dataclass

#: Characters that print nothing and that layout drops (all of Unicode's Cf category is
#: dropped; these are the ones a newsroom meets, named in the notes).
FORMAT_NAMES = {
    0x00AD: "soft hyphen", 0x200B: "zero-width space", 0x200C: "zero-width non-joiner",
    0x200D: "zero-width joiner", 0x2060: "word joiner", 0xFEFF: "byte order mark",
    0x200E: "left-to-right mark", 0x200F: "right-to-left mark", 0x061C: "Arabic letter mark",
    0x202A: "left-to-right embedding", 0x202B: "right-to-left embedding",
    0x202C: "pop directional formatting", 0x202D: "left-to-right override",
    0x202E: "right-to-left override", 0x2066: "left-to-right isolate",
    0x2067: "right-to-left isolate", 0x2068: "first strong isolate",
    0x2069: "pop directional isolate",
}
#: Line and paragraph separators: a space in running text.
SEPARATORS = {"\u2028": " ", "\u2029": " "}
ZWJ = "\u200d"
BLACK_FLAG = "\U0001F3F4"
#: Emoji modifiers (skin tones): no one-colour font can show them.
SKIN_TONES = range(0x1F3FB, 0x1F400)
REGIONAL = range(0x1F1E6, 0x1F200)
TAGS = range(0xE0020, 0xE0080)
#: Blocks whose characters are emoji or pictographs (Extended_Pictographic, roughly).
PICTOGRAPHIC = ((0x1F000, 0x1FAFF), (0x2600, 0x27BF), (0x2300, 0x23FF), (0x2B00, 0x2BFF),
                (0x2190, 0x21FF), (0x25A0, 0x25FF), (0x1F900, 0x1F9FF))


def pictographic(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in PICTOGRAPHIC) or ch in "©®‼⁉™ℹ〰〽㊗㊙"


def compat_ideograph(ch: str) -> bool:
    """A CJK compatibility ideograph (U+F900–FAFF, U+2F800–2FA1F): NFC would replace it."""
    cp = ord(ch)
    return 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F


def nfc(text: str) -> str:
    """``text`` in NFC, CJK compatibility ideographs kept as written."""
    if text.isascii():
        return text
    if not any(compat_ideograph(ch) for ch in text):
        return unicodedata.normalize("NFC", text)
    out, piece = [], []
    for ch in text:
        if compat_ideograph(ch):
            out.append(unicodedata.normalize("NFC", "".join(piece)))
            out.append(ch)
            piece = []
        else:
            piece.append(ch)
    out.append(unicodedata.normalize("NFC", "".join(piece)))
    return "".join(out)


@dataclass
class Changes:
    """What cleaning did to the texts of one article (or page): sequences composed,
    format characters dropped (code point → count) and emoji that print otherwise than on
    a screen (sequence → how), in order of appearance; ``path`` is the first field
    changed."""

    composed: dict[str, str] = field(default_factory=dict)
    dropped: Counter = field(default_factory=Counter)
    emoji: dict[str, str] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.composed or self.dropped or self.emoji)


def _segments(text: str) -> list[str]:
    """``text`` cut before every starter: a base character with its combining marks."""
    out: list[str] = []
    for ch in text:
        if out and unicodedata.combining(ch):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _emoji_base(text: str, k: int) -> bool:
    """Is the character before offset ``k`` (skipping selectors, skin tones and tags) an
    emoji?"""
    k -= 1
    while k >= 0 and (text[k] in "\ufe0e\ufe0f" or ord(text[k]) in SKIN_TONES
                      or ord(text[k]) in TAGS):
        k -= 1
    return k >= 0 and (pictographic(text[k]) or ord(text[k]) in REGIONAL)


def _in_tag_sequence(text: str, k: int) -> bool:
    """Is the tag character at ``k`` part of a flag sequence (🏴 and tags)?"""
    while k > 0 and ord(text[k - 1]) in TAGS:
        k -= 1
    return k > 0 and text[k - 1] == BLACK_FLAG


def _keep_format(text: str, k: int) -> bool:
    ch = text[k]
    if ch == ZWJ:
        return _emoji_base(text, k) and k + 1 < len(text) and pictographic(text[k + 1])
    if ord(ch) in TAGS:
        return _in_tag_sequence(text, k)
    return False


def clean_text(text: str, changes: Changes | None = None, path: str = "") -> str:
    """``text`` as layout sets it (see the module's docstring); what changed is added to
    ``changes``."""
    if text.isascii() and text.isprintable():
        return text
    changes = changes if changes is not None else Changes()
    out = nfc(text)
    if out != text:
        for seg in _segments(text):
            composed = nfc(seg)
            if composed != seg and seg not in changes.composed:
                changes.composed[seg] = composed
                changes.paths.setdefault("composed", path)
    kept = []
    for k, ch in enumerate(out):
        if ch in SEPARATORS:
            kept.append(SEPARATORS[ch])
        elif unicodedata.category(ch) == "Cf" and not _keep_format(out, k):
            changes.dropped[ord(ch)] += 1
            changes.paths.setdefault("dropped", path)
        else:
            kept.append(ch)
    out = "".join(kept)
    _emoji_notes(out, changes, path)
    return out


def emoji_sequences(text: str) -> list[str]:
    """The emoji sequences of ``text`` that no one-colour font draws as one picture: ZWJ
    sequences, flags (pairs of regional indicators, 🏴 with tags), emoji with a skin
    tone."""
    out, k, n = [], 0, len(text)
    while k < n:
        cp = ord(text[k])
        if cp in REGIONAL:
            j = k + 2 if k + 1 < n and ord(text[k + 1]) in REGIONAL else k + 1
            out.append(text[k:j])
            k = j
            continue
        if pictographic(text[k]):
            j = k + 1
            while j < n and (text[j] in "\ufe0e\ufe0f" or ord(text[j]) in SKIN_TONES or
                             ord(text[j]) in TAGS or
                             (text[j] == ZWJ and j + 1 < n and pictographic(text[j + 1]))):
                j += 2 if text[j] == ZWJ else 1
            seq = text[k:j]
            if any(c == ZWJ or ord(c) in SKIN_TONES or ord(c) in TAGS for c in seq):
                out.append(seq)
            k = j
            continue
        k += 1
    return out


def _emoji_notes(text: str, changes: Changes, path: str) -> None:
    for seq in emoji_sequences(text):
        if seq in changes.emoji:
            continue
        if ord(seq[0]) in REGIONAL:
            letters = "".join(chr(ord(c) - 0x1F1E6 + ord("A")) for c in seq)
            how = f"prints as the letter{'s' if len(seq) > 1 else ''} {letters} in boxes"
        elif ord(seq[-1]) in TAGS or any(ord(c) in TAGS for c in seq):
            how = "prints as a plain black flag"
        elif ZWJ in seq:
            parts = "".join(c for c in seq if c != ZWJ and c not in "\ufe0e\ufe0f"
                            and ord(c) not in SKIN_TONES)
            how = f"prints as its parts {parts}"
        else:
            how = "prints without its skin tone"
        changes.emoji[seq] = how
        changes.paths.setdefault("emoji", path)


def code_points(seq: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in seq)


#: Text fields of an article and of the things inside it, cleaned at load.
TEXT_FIELDS = ("kicker", "headline", "subheadline", "byline", "dateline", "editor_note",
               "lead", "caption", "credit", "subhead", "section", "editor", "designer",
               "proofreader", "graphics", "name", "issue")
#: Fields holding lists of texts (and of dataclasses with text fields).
LIST_FIELDS = ("paragraphs", "photos", "footer")
#: Fields holding one dataclass with text fields.
NESTED_FIELDS = ("header",)


def clean_model(obj, changes: Changes, path: str = ""):
    """A spec model object (an article, a page spec, an edition) with its text fields
    cleaned; the same object when nothing changed."""
    if not is_dataclass(obj):
        return obj
    updates = {}
    names = {f.name for f in fields(obj)}
    for name in TEXT_FIELDS:
        value = getattr(obj, name, None) if name in names else None
        if isinstance(value, str) and value:
            new = clean_text(value, changes, f"{path}{name}")
            if new != value:
                updates[name] = new
    for name in LIST_FIELDS:
        value = getattr(obj, name, None) if name in names else None
        if not isinstance(value, tuple):
            continue
        items = []
        for i, item in enumerate(value):
            where = f"{path}{name}[{i}]"
            items.append(clean_text(item, changes, where) if isinstance(item, str)
                         else clean_model(item, changes, where + "."))
        if any(a is not b for a, b in zip(items, value)):
            updates[name] = tuple(items)
    for name in NESTED_FIELDS:
        value = getattr(obj, name, None) if name in names else None
        if is_dataclass(value):
            new = clean_model(value, changes, f"{path}{name}.")
            if new is not value:
                updates[name] = new
    return replace(obj, **updates) if updates else obj


def notes(changes: Changes, **where) -> list[tuple[str, str, str, str]]:
    """What ``changes`` holds as (severity, code, message, YAML path): one line for
    composed sequences, one for dropped format characters, one for emoji."""
    out = []
    if changes.composed:
        shown = "; ".join(f"{code_points(a)} → {b}" for a, b in
                          list(changes.composed.items())[:6])
        more = f" and {len(changes.composed) - 6} more" if len(changes.composed) > 6 else ""
        out.append(("info", "text-normalised", f"text normalised to NFC: {shown}{more}",
                    changes.paths.get("composed", "")))
    if changes.dropped:
        shown = ", ".join(
            f"U+{cp:04X}" + (f" {FORMAT_NAMES[cp]}" if cp in FORMAT_NAMES else "")
            + (f" ×{n}" if n > 1 else "") for cp, n in sorted(changes.dropped.items()))
        total = sum(changes.dropped.values())
        out.append(("info", "format-dropped", f"{total} format character"
                    f"{'s' if total > 1 else ''} that print nothing dropped: {shown}",
                    changes.paths.get("dropped", "")))
    if changes.emoji:
        shown = "; ".join(f"{seq} ({code_points(seq)}) {how}"
                          for seq, how in list(changes.emoji.items())[:6])
        more = f" and {len(changes.emoji) - 6} more" if len(changes.emoji) > 6 else ""
        out.append(("warning", "emoji-sequence", f"emoji print in one colour: {shown}{more}",
                    changes.paths.get("emoji", "")))
    return out
