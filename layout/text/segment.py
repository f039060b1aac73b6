"""Chinese word segmentation for line breaking: jieba's segmenter and dictionary, read from
an index on disk so that a build pays a few milliseconds for it, not the half second a full
dictionary load takes.

The index (an SQLite table of jieba's words with their frequencies and part-of-speech
tags) is made once from jieba's own dictionary file and kept in the user's cache
directory; jieba's tokenizer then looks words up in it on demand.  Nothing is loaded until
a text is segmented.  Where no index can be written the tokenizer loads its dictionary the
usual way.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import sqlite3
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

INDEX_VERSION = 1       # bump when the index's layout changes


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a segmented text: where it starts (in characters), its text, its
    part-of-speech tag and frequency in jieba's dictionary ('' and 0 when the word is not
    in it)."""

    start: int
    text: str
    tag: str
    freq: int = 0

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class _Index:
    """Read-only view of the dictionary index, shaped as jieba's prefix dictionary: ``frag
    in index`` is true when ``frag`` begins some word, ``index[frag]`` is the word's
    frequency (0 for a mere prefix)."""

    def __init__(self, path: Path):
        self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                   check_same_thread=False)
        self._freq: dict[str, int] = {}
        self._prefix: dict[str, bool] = {}
        row = self._db.execute("SELECT value FROM meta WHERE key = 'total'").fetchone()
        if row is None:
            raise sqlite3.DatabaseError(f"{path} has no word total")
        self.total = int(row[0])

    def __contains__(self, frag: str) -> bool:
        known = self._prefix.get(frag)
        if known is None:
            row = self._query("SELECT word FROM words WHERE word >= ? ORDER BY word LIMIT 1",
                              frag)
            known = self._prefix[frag] = row is not None and row[0].startswith(frag)
        return known

    def __getitem__(self, word: str) -> int:
        return self.get(word) or 0

    def get(self, word: str, default=None):
        freq = self._freq.get(word)
        if freq is None:
            row = self._query("SELECT freq FROM words WHERE word = ?", word)
            freq = self._freq[word] = row[0] if row else -1
        return default if freq < 0 else freq

    def tag(self, word: str) -> str:
        row = self._query("SELECT tag FROM words WHERE word = ?", word)
        return row[0] if row else ""

    def _query(self, sql: str, arg: str):
        return self._db.execute(sql, (arg,)).fetchone()


def _jieba():
    """The jieba module (its import may warn that pkg_resources is deprecated)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import jieba
    jieba.setLogLevel(logging.WARNING)
    return jieba


def _dictionary_file() -> Path:
    jieba = _jieba()
    return Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME


def _index_path(cache_dir: Path, dictionary: Path) -> Path:
    st = dictionary.stat()
    key = hashlib.sha256(f"{INDEX_VERSION}:{dictionary}:{st.st_size}:{st.st_mtime_ns}"
                         .encode()).hexdigest()[:16]
    return cache_dir / "segment" / f"jieba-{key}.sqlite"


def build_index(dictionary: Path, path: Path) -> None:
    """Write the index of ``dictionary`` (jieba's format: word, frequency, tag a line) to
    ``path``, atomically: a concurrent build sees the whole index or none."""
    rows: dict[str, tuple[int, str]] = {}
    total = 0
    with open(dictionary, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            freq = int(parts[1])
            rows[parts[0]] = (freq, parts[2] if len(parts) > 2 else "")
            total += freq
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        with db:
            db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER, tag TEXT)"
                       " WITHOUT ROWID")
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
            db.executemany("INSERT INTO words VALUES (?, ?, ?)",
                           ((w, f, t) for w, (f, t) in sorted(rows.items())))
            db.execute("INSERT INTO meta VALUES ('total', ?)", (str(total),))
        db.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class Segmenter:
    """Cuts text into words with jieba (its dictionary, and its hidden Markov model for
    words the dictionary lacks, such as most personal names)."""

    def __init__(self, cache_dir: Path | None = None):
        self._tokenizer = _jieba().Tokenizer()
        dictionary = _dictionary_file()
        self._index = _open_index(dictionary, _index_path(cache_dir, dictionary)) \
            if cache_dir else None
        if self._index is None:
            # no index to be had: jieba loads its dictionary itself (slower, same words)
            self._tokenizer.initialize()
            self._tags = _tags_of(dictionary)
            return
        self._tokenizer.FREQ = self._index
        self._tokenizer.total = self._index.total
        self._tokenizer.initialized = True

    def words(self, text: str) -> tuple[Word, ...]:
        """The words of ``text`` in order; their texts joined give ``text`` back."""
        out, at = [], 0
        for piece in self._tokenizer.cut(text, HMM=True):
            out.append(Word(at, piece, self.tag(piece), self.freq(piece)))
            at += len(piece)
        return tuple(out)

    def tag(self, word: str) -> str:
        if self._index is not None:
            return self._index.tag(word)
        return self._tags.get(word, "")

    def freq(self, word: str) -> int:
        """The frequency of ``word`` in the dictionary (0 when it is no entry)."""
        return self._tokenizer.FREQ.get(word) or 0


def _open_index(dictionary: Path, path: Path) -> _Index | None:
    """The index at ``path``, made (or made again, when it cannot be read) from
    ``dictionary``; None when no index can be written there."""
    for attempt in range(2):
        try:
            if attempt or not path.exists():
                build_index(dictionary, path)
            return _Index(path)
        except sqlite3.Error:
            continue                       # a damaged index: make it again, once
        except OSError:
            return None
    return None


def _tags_of(dictionary: Path) -> dict[str, str]:
    tags = {}
    with open(dictionary, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) > 2:
                tags[parts[0]] = parts[2]
    return tags


@functools.cache
def segmenter(cache_dir: Path | None = None) -> Segmenter:
    """The segmenter with its index in ``cache_dir`` (one per process, made on first use)."""
    return Segmenter(cache_dir)
