"""Declare spec keys once (type, default, help) and validate YAML into frozen dataclasses.

A model class is a frozen dataclass whose fields are made with :func:`key`.  :func:`build`
turns a YAML node into an instance, checking types, choices and ranges, and reports any
problem as one error naming the file, the line, the YAML path and a hint (for an unknown
key: the nearest valid one).  :func:`describe` derives the reference documentation.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import difflib
import hashlib
import math
import re
import types
import typing
from dataclasses import MISSING, dataclass, field
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import yaml

from layout.diagnostics import EpaperError, fail
from layout.spec.inputs import LIMITS, check_tree, decode_text, read_bytes

REQUIRED = MISSING


def key(default: Any = REQUIRED, help: str = "", *, minimum: float | None = None,
        maximum: float | None = None, alias: str | None = None) -> Any:
    """A declared spec key: its default (or REQUIRED), its help text and its limits."""
    meta = {"help": help, "minimum": minimum, "maximum": maximum, "alias": alias}
    if isinstance(default, (list, dict, set)):
        raise TypeError("use a tuple or a frozen value as default")
    return dataclasses.field(default=default, metadata=meta)


@dataclass(frozen=True)
class Source:
    """A YAML document and its file, for error locations; ``sha256`` is the digest of the
    bytes read (empty for text given directly)."""

    file: str
    root: yaml.Node
    sha256: str = ""

    @classmethod
    def load(cls, path: Path, max_bytes: int = LIMITS.spec_bytes, what: str = "file"
             ) -> Source:
        """Read and parse ``path``: a regular file of at most ``max_bytes``, UTF-8."""
        return cls.of(read_bytes(Path(path), what, max_bytes), Path(path), what)

    @classmethod
    def of(cls, data: bytes, path: Path, what: str = "file", sha256: str | None = None
           ) -> Source:
        """Parse the bytes read from ``path`` (their ``sha256`` when already known)."""
        source = cls.parse(decode_text(data, path, what), str(path))
        return cls(source.file, source.root, sha256 or hashlib.sha256(data).hexdigest())

    @classmethod
    def parse(cls, text: str, file: str) -> Source:
        """Parse YAML text, refusing documents no epaper file looks like (see
        :func:`layout.spec.inputs.check_tree`)."""
        try:
            node = _compose(text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            if mark is not None:          # the key line, or the line before the one
                start = max(0, mark.line - 2)      # YAML stumbles on
                _fullwidth_colon(text.splitlines()[start:mark.line + 1], file, start)
            raise fail("yaml-syntax", f"YAML syntax error: {exc.problem or exc}", file=file,
                       line=mark.line + 1 if mark else None,
                       hint="fix the indentation or quoting on that line") from None
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise fail("yaml-syntax", f"YAML error: {problem}", file=file,
                       hint="check the file is valid YAML") from None
        except RecursionError:
            raise fail("yaml-too-deep", "YAML nested too deeply", file=file,
                       hint="check the brackets") from None
        if node is None:                      # an empty file: an empty mapping at line 1
            mark = yaml.error.Mark(file, 0, 0, 0, None, None)
            node = yaml.MappingNode("tag:yaml.org,2002:map", [], mark, mark)
        check_tree(node, file)
        _fullwidth_colon_in(node, text.splitlines(), file)
        return cls(file, node)


def _compose(text: str) -> yaml.Node | None:
    """The document's node tree: read by libyaml where PyYAML has it (the same nodes and
    marks, several times faster); a document it refuses is read again by PyYAML's own
    parser, whose errors are the ones reported, so that they do not depend on how PyYAML
    was built."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except Exception:                 # an error, said by the parser below
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


#: A key typed with the full-width colon of a Chinese input method: a spec key (lower-case
#: ASCII) at the start of a line, of a list item or of a flow mapping's entry, then '：'.
FULLWIDTH_KEY = re.compile(r"(?:^\s*(?:-\s+)?|[{,]\s*)([a-z][a-z0-9_]*)\s*：")


def _fullwidth_colon(lines: list[str], file: str, first: int = 0) -> None:
    """Stop at the first of ``lines`` (numbered from ``first``) holding a key written with
    '：', with an error on that line saying so."""
    for n, line in enumerate(lines, first + 1):
        found = FULLWIDTH_KEY.search(line)
        if found:
            key = found[1]
            raise fail("yaml-fullwidth-colon", f"'{key}：' is written with the full-width "
                       f"colon '：' of a Chinese input method; YAML needs the ASCII colon "
                       f"':' and a space", file=file, line=n,
                       hint=f"write '{key}: ' (switch the input method to English "
                            f"punctuation for keys)")


def _fullwidth_colon_in(root: yaml.Node, lines: list[str], file: str) -> None:
    """A document YAML read, but where a key typed with '：' became text: the whole
    document (a single plain text), a key of a flow mapping ({article：a}), or a line a
    plain value ran on into.  A list item's own text (- 记者：…) is text."""
    if isinstance(root, yaml.ScalarNode):
        if not root.style:                 # plain (libyaml says '', PyYAML None)
            _fullwidth_colon(lines[root.start_mark.line:root.end_mark.line + 1], file,
                             root.start_mark.line)
        return
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for knode, vnode in node.value:
                if isinstance(knode, yaml.ScalarNode) and \
                        FULLWIDTH_KEY.match(str(knode.value)):
                    line = knode.start_mark.line
                    _fullwidth_colon(lines[line:line + 1], file, line)
                stack += [knode, vnode]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
        elif not node.style and "：" in str(node.value):
            start, end = node.start_mark.line, node.end_mark.line
            if end > start:                   # the lines it ran on into
                _fullwidth_colon(lines[start + 1:end + 1], file, start + 1)


_constructor = yaml.SafeLoader("")


def _scalar(node: yaml.Node) -> Any:
    return _constructor.construct_object(node, deep=True)


class Context:
    """Where a value is being read from: the source file and the YAML path."""

    def __init__(self, file: str, path: str = ""):
        self.file = file
        self.path = path

    def child(self, name: str | int) -> Context:
        if isinstance(name, int):
            return Context(self.file, f"{self.path}[{name}]")
        return Context(self.file, f"{self.path}.{name}" if self.path else name)

    def error(self, node: yaml.Node | None, message: str, hint: str | None = None,
              code: str = "spec-invalid") -> EpaperError:
        line = node.start_mark.line + 1 if node is not None else None
        return fail(code, message, file=self.file, line=line, path=self.path or None, hint=hint)


def _type_name(tp: Any) -> str:
    origin = get_origin(tp)
    if origin is Literal:
        return " | ".join(str(a) for a in get_args(tp))
    if origin in (Union, types.UnionType):
        names = [_type_name(a) for a in get_args(tp) if a is not type(None)]
        return " or ".join(names)
    if origin is tuple:
        return f"list of {_type_name(get_args(tp)[0])}"
    if origin is dict:
        return f"mapping of {_type_name(get_args(tp)[1])}"
    if dataclasses.is_dataclass(tp):
        return "mapping"
    return {str: "text", int: "integer", float: "number", bool: "true/false",
            _dt.date: "date (YYYY-MM-DD)", Path: "file path"}.get(tp, getattr(tp, "__name__", str(tp)))


def convert(node: yaml.Node, tp: Any, ctx: Context, meta: dict | None = None) -> Any:
    """Convert one YAML node to the declared type, or raise a located error."""
    meta = meta or {}
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = get_args(tp)
        if type(None) in options and isinstance(node, yaml.ScalarNode) and _scalar(node) is None:
            return None
        errors = []
        for option in options:
            if option is type(None):
                continue
            try:
                return convert(node, option, ctx, meta)
            except EpaperError as exc:
                errors.append(exc)
        if len(errors) == 1:               # an optional value: its own error says most
            raise errors[0]
        raise ctx.error(node, f"expected {_type_name(tp)}")
    if dataclasses.is_dataclass(tp):
        return build(tp, node, ctx)
    if origin is tuple:
        if not isinstance(node, yaml.SequenceNode):
            raise ctx.error(node, f"expected a list of {_type_name(get_args(tp)[0])}",
                            hint="write one item per line, each starting with '- '")
        item_tp = get_args(tp)[0]
        return tuple(convert(n, item_tp, ctx.child(i), meta) for i, n in enumerate(node.value))
    if origin is dict:
        if not isinstance(node, yaml.MappingNode):
            raise ctx.error(node, "expected a mapping (key: value lines)")
        value_tp = get_args(tp)[1]
        out = {}
        for knode, vnode in node.value:
            name = str(_scalar(knode))
            out[name] = convert(vnode, value_tp, ctx.child(name), meta)
        return out
    if not isinstance(node, yaml.ScalarNode):
        raise ctx.error(node, f"expected {_type_name(tp)}, found a "
                        f"{'list' if isinstance(node, yaml.SequenceNode) else 'mapping'}")
    value = _scalar(node)
    if origin is Literal:
        choices = get_args(tp)
        if value not in choices:
            near = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1)
            raise ctx.error(node, f"{_shown(value)} is not one of "
                            f"{', '.join(map(str, choices))}",
                            hint=f"did you mean {near[0]!r}?" if near else None)
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise ctx.error(node, f"expected true or false, found {_shown(value)}")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ctx.error(node, f"expected a whole number, found {_shown(value)}")
        return _check_range(_check_magnitude(value, node, ctx), node, ctx, meta)
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ctx.error(node, f"expected a number, found {_shown(value)}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ctx.error(node, f"{node.value} is not a number epaper can use",
                            hint="give a finite number (.nan and .inf are not measures)",
                            code="number-not-finite")
        return _check_range(float(_check_magnitude(value, node, ctx)), node, ctx, meta)
    if tp is str:
        if value is None or isinstance(value, (list, dict)):
            raise ctx.error(node, "expected text")
        if isinstance(value, _dt.date):
            return value.isoformat()
        return str(value)
    if tp is Path:
        if not isinstance(value, str) or not value:
            raise ctx.error(node, "expected a file path")
        return Path(value)
    if tp is _dt.date:
        if isinstance(value, _dt.date):
            return value
        try:
            return _dt.date.fromisoformat(str(value))
        except ValueError:
            raise ctx.error(node, f"expected a date YYYY-MM-DD, found {_shown(value)}") from None
    raise TypeError(f"unsupported spec type {tp!r}")


#: No key of any epaper file takes a number this large; larger ones overflow page
#: arithmetic (to inf) instead of giving a located error.
MAX_MAGNITUDE = 1e9


def _check_magnitude(value: float, node: yaml.Node, ctx: Context) -> float:
    if abs(value) > MAX_MAGNITUDE:
        raise ctx.error(node, f"{node.value[:20]} is too large for a measure here",
                        hint=f"give a number between {-MAX_MAGNITUDE:g} and "
                             f"{MAX_MAGNITUDE:g}", code="number-too-large")
    return value


def _shown(value: Any) -> str:
    """A value quoted in a message, cut short."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_range(value: float, node: yaml.Node, ctx: Context, meta: dict) -> Any:
    lo, hi = meta.get("minimum"), meta.get("maximum")
    if lo is not None and value < lo:
        raise ctx.error(node, f"{value} is below the minimum {lo}")
    if hi is not None and value > hi:
        raise ctx.error(node, f"{value} is above the maximum {hi}")
    return value


@dataclass(frozen=True)
class Where:
    """The file and line a model object was read from (filled in by :func:`build`)."""

    file: str = ""
    line: int = 0
    keys: tuple[tuple[str, int], ...] = field(default=(), compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def at(self, path: str) -> int:
        """The line of key ``path`` (``style``, ``roles.kai``, ``print.output_intent``,
        ``roles.kai[1]``), or of its nearest enclosing key, or of the mapping itself."""
        lines = dict(self.keys)
        while path:
            if path in lines:
                return lines[path]
            path = path.rsplit(".", 1)[0] if "." in path else path.split("[")[0] \
                if "[" in path else ""
        return self.line


def _key_lines(node: yaml.Node, prefix: str = "") -> list[tuple[str, int]]:
    """Dotted key paths of a YAML mapping (and of the mappings and lists inside it) with
    the line each starts on."""
    out: list[tuple[str, int]] = []
    if isinstance(node, yaml.MappingNode):
        for knode, vnode in node.value:
            name = f"{prefix}{knode.value}" if isinstance(knode, yaml.ScalarNode) else None
            if name is None:
                continue
            out.append((name, knode.start_mark.line + 1))
            out += _key_lines(vnode, name + ".")
    elif isinstance(node, yaml.SequenceNode):
        base = prefix[:-1]
        for i, item in enumerate(node.value):
            out.append((f"{base}[{i}]", item.start_mark.line + 1))
            out += _key_lines(item, f"{base}[{i}].")
    return out


def located() -> Any:
    """Declare a ``where: Where`` field: not a YAML key, set to the object's location."""
    return dataclasses.field(default=Where(), compare=False, metadata={"derived": True})


def _fields(cls: type) -> list[tuple[dataclasses.Field, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f, hints[f.name]) for f in dataclasses.fields(cls)
            if f.init and not f.metadata.get("derived")]


def build(cls: type, node: yaml.Node, ctx: Context, base: Any = None, **given: Any) -> Any:
    """Build dataclass ``cls`` from a YAML mapping node.

    ``base`` is an instance whose values stand for keys the YAML leaves out (a style's own
    defaults); ``given`` supplies values that are not YAML keys (ids from file names).
    """
    if not isinstance(node, yaml.MappingNode):
        raise ctx.error(node, "expected a mapping (key: value lines)",
                        hint=f"valid keys: {', '.join(_yaml_names(cls))}")
    declared = {(f.metadata.get("alias") or f.name): (f, tp) for f, tp in _fields(cls)
                if f.name not in given}
    values: dict[str, Any] = dict(given)
    seen: set[str] = set()
    for knode, vnode in node.value:
        name = str(_scalar(knode))
        sub = ctx.child(name)
        if name in seen:
            raise sub.error(knode, f"key {name!r} is given twice", hint="keep one of them")
        seen.add(name)
        if name not in declared:
            near = difflib.get_close_matches(name, list(declared), n=1, cutoff=0.5)
            raise sub.error(knode, f"unknown key {name!r}",
                            hint=f"did you mean {near[0]!r}?" if near
                            else f"valid keys: {', '.join(declared)}")
        field, tp = declared[name]
        if dataclasses.is_dataclass(tp) and dataclasses.is_dataclass(field.default):
            values[field.name] = build(tp, vnode, sub, base=getattr(base, field.name, None)
                                       or field.default)
        else:
            values[field.name] = convert(vnode, tp, sub, dict(field.metadata))
    if any(f.name == "where" for f in dataclasses.fields(cls)):
        values["where"] = Where(ctx.file, node.start_mark.line + 1, tuple(_key_lines(node)))
    for name, (field, tp) in declared.items():
        if base is not None:
            values.setdefault(field.name, getattr(base, field.name))
        if field.name not in values and field.default is MISSING and \
                field.default_factory is MISSING:
            raise ctx.error(node, f"missing required key {name!r} ({_type_name(tp)})",
                            hint=field.metadata.get("help") or None)
    try:
        return cls(**values)
    except (ValueError, TypeError) as exc:
        raise ctx.error(node, str(exc)) from None


def _yaml_names(cls: type) -> list[str]:
    return [f.metadata.get("alias") or f.name for f, _ in _fields(cls)]


def load(cls: type, path: Path, **given: Any) -> Any:
    """Read a YAML file and build ``cls`` from it."""
    return from_source(cls, Source.load(path), **given)


def from_source(cls: type, source: Source, **given: Any) -> Any:
    """Build ``cls`` from a parsed YAML document, errors located in its file."""
    path = source.file
    try:
        return build(cls, source.root, Context(source.file), **given)
    except yaml.MarkedYAMLError as exc:      # a value YAML itself cannot read (tags …)
        mark = exc.problem_mark or exc.context_mark
        raise fail("yaml-value", f"{exc.problem or exc}", file=path,
                   line=mark.line + 1 if mark else None,
                   hint="write the value as plain text, a number or a date") from None
    except (ValueError, OverflowError) as exc:   # e.g. date: 2024-13-45
        raise fail("yaml-value", f"invalid value: {exc}", file=path,
                   hint="check dates (YYYY-MM-DD) and numbers in the file") from None


def describe(cls: type, prefix: str = "") -> list[tuple[str, str, str, str]]:
    """Rows (key path, type, default, help) for the reference documentation."""
    rows = []
    for declared, tp in _fields(cls):
        name = prefix + (declared.metadata.get("alias") or declared.name)
        if declared.default is not MISSING:
            default = "—" if declared.default is None else repr(declared.default) \
                if not dataclasses.is_dataclass(declared.default) else "(see below)"
        else:
            default = "required"
        rows.append((name, _type_name(tp), default, declared.metadata.get("help", "")))
        inner = tp
        for arg in get_args(tp) or ():
            if dataclasses.is_dataclass(arg):
                inner = arg
        if dataclasses.is_dataclass(inner):
            suffix = "[]." if get_origin(tp) is tuple else "."
            rows.extend(describe(inner, name + suffix))
    return rows


# --------------------------------------------------------------------------- JSON Schema
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(cls: type, title: str, known: dict | None = None) -> dict:
    """A JSON Schema (draft 2020-12) of the YAML files ``cls`` is built from, derived from
    the same declarations as validation: every key with its type, range, choices,
    default and help; unknown keys rejected.  ``known`` gives the schema of types the
    declarations use that are more than their Python type says (a CMYK colour)."""
    defs: dict[str, dict] = {}
    root = _object_schema(cls, defs, known or {})
    schema = {"$schema": JSON_SCHEMA_DIALECT, "title": title,
              "description": (cls.__doc__ or "").strip(), **root}
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def _object_schema(cls: type, defs: dict, known: dict) -> dict:
    properties: dict[str, dict] = {}
    required: list[str] = []
    for declared, tp in _fields(cls):
        name = declared.metadata.get("alias") or declared.name
        prop = _type_schema(tp, dict(declared.metadata), defs, known)
        help_text = declared.metadata.get("help")
        if help_text:
            prop = {"description": help_text, **prop}
        if declared.default is MISSING:
            required.append(name)
        else:
            default = _json_value(declared.default)
            if default is not _NO_JSON:
                prop["default"] = default
        properties[name] = prop
    out = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        out["required"] = required
    return out


_NO_JSON = object()


def _json_value(value: Any) -> Any:
    """A default as JSON, or _NO_JSON for one that is a whole mapping (described by its
    own keys)."""
    if dataclasses.is_dataclass(value):
        return _NO_JSON
    if isinstance(value, tuple):
        items = [_json_value(v) for v in value]
        return _NO_JSON if _NO_JSON in items else items
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return _NO_JSON


def _type_schema(tp: Any, meta: dict, defs: dict, known: dict) -> dict:
    if tp in known:
        return dict(known[tp])
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [_type_schema(a, meta, defs, known) if a is not type(None)
                   else {"type": "null"} for a in get_args(tp)]
        return {"anyOf": options}
    if dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}                         # placeholder against recursion
            defs[name] = {"description": (tp.__doc__ or "").strip(),
                          **_object_schema(tp, defs, known)}
        return {"$ref": f"#/$defs/{name}"}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(get_args(tp)[0], meta, defs, known)}
    if origin is dict:
        return {"type": "object",
                "additionalProperties": _type_schema(get_args(tp)[1], meta, defs, known)}
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if tp is bool:
        return {"type": "boolean"}
    if tp in (int, float):
        out: dict = {"type": "integer" if tp is int else "number"}
        if meta.get("minimum") is not None:
            out["minimum"] = meta["minimum"]
        if meta.get("maximum") is not None:
            out["maximum"] = meta["maximum"]
        return out
    if tp is str:                  # a number given for a text is read as its digits
        return {"type": ["string", "number"]}
    if tp is Path:
        return {"type": "string", "minLength": 1}
    if tp is _dt.date:
        return {"type": "string", "format": "date",
                "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    raise TypeError(f"no JSON Schema for spec type {tp!r}")
