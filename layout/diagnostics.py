"""Diagnostics as data: every warning or error names where it comes from and what to do."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath
from typing import Iterator

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class Diagnostic:
    """One finding: what happened, where (file, line, article, YAML path), and a hint."""

    severity: str
    code: str
    message: str
    file: str | None = None
    line: int | None = None
    article: str | None = None
    path: str | None = None
    hint: str | None = None
    data: dict = field(default_factory=dict, compare=False, hash=False)

    def location(self) -> str:
        where = str(self.file) if self.file else ""
        if where and self.line:
            where += f":{self.line}"
        return where

    def one_line(self) -> str:
        """The form printed on a terminal: ``file:line: error: message [article] (hint)``."""
        parts = []
        if self.location():
            parts.append(self.location() + ":")
        parts.append(f"{self.severity}:")
        text = self.message
        if self.path:
            text += f" (at {self.path})"
        if self.article:
            text += f" [article {self.article}]"
        parts.append(text)
        line = " ".join(parts)
        if self.hint:
            line += f"; {self.hint}"
        return line

    def to_json(self) -> dict:
        out = {k: (str(v) if isinstance(v, PurePath) else v)
               for k, v in asdict(self).items() if v not in (None, {})}
        return out


class EpaperError(Exception):
    """A fatal problem with the input or the environment; carries one diagnostic."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.one_line())
        self.diagnostic = diagnostic


def fail(code: str, message: str, *, file: str | Path | None = None, line: int | None = None,
         article: str | None = None, path: str | None = None, hint: str | None = None) -> EpaperError:
    """Build an :class:`EpaperError` (to ``raise``) from the parts of a diagnostic."""
    return EpaperError(Diagnostic(ERROR, code, message, str(file) if file else None, line,
                                  article, path, hint))


class Sink:
    """Collects diagnostics of one run; ``strict`` turns warnings into errors."""

    def __init__(self, strict: bool = False):
        self.strict = strict
        self._items: list[Diagnostic] = []

    def add(self, diagnostic: Diagnostic) -> None:
        if self.strict and diagnostic.severity == WARNING:
            diagnostic = Diagnostic(ERROR, diagnostic.code, diagnostic.message, diagnostic.file,
                                    diagnostic.line, diagnostic.article, diagnostic.path,
                                    diagnostic.hint, diagnostic.data)
        if diagnostic not in self._items:
            self._items.append(diagnostic)

    def warn(self, code: str, message: str, **where) -> None:
        self.add(Diagnostic(WARNING, code, message, **where))

    def error(self, code: str, message: str, **where) -> None:
        self.add(Diagnostic(ERROR, code, message, **where))

    def info(self, code: str, message: str, **where) -> None:
        self.add(Diagnostic(INFO, code, message, **where))

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self._items if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self._items if d.severity == WARNING]
