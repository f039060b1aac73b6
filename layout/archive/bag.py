"""BagIt bags (RFC 8493) held in memory and serialized as one file, byte for byte the same
for the same contents: entries sorted, times fixed (1980-01-01), owners and permissions
fixed, no Bagging-Date.  ``.zip``, ``.tar`` or ``.tar.gz``; and reading one back with
every check a damaged or foreign file needs (one top folder, no path leaving it, the
sha256 manifests and the payload size)."""

from __future__ import annotations

import gzip
import hashlib
import io
import tarfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from layout.diagnostics import fail

BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
MANIFEST = "manifest-sha256.txt"
TAG_MANIFEST = "tagmanifest-sha256.txt"
BAG_INFO = "bag-info.txt"
#: the fixed time of every entry: 1980-01-01 00:00 UTC, the earliest a zip file holds
EPOCH = 315532800
SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz")


def kind_of(name: str | Path) -> str | None:
    """``zip``, ``tar`` or ``tar.gz`` from a file name, or None."""
    lower = str(name).lower()
    for suffix, kind in ((".tar.gz", "tar.gz"), (".tgz", "tar.gz"), (".tar", "tar"),
                         (".zip", "zip")):
        if lower.endswith(suffix):
            return kind
    return None


def _encode_path(path: str) -> str:
    """A payload path as a manifest line writes it (RFC 8493 §2.1.3)."""
    return path.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D")


def _decode_path(path: str) -> str:
    return path.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest(files: dict[str, bytes]) -> bytes:
    return "".join(f"{_sha256(data)}  {_encode_path(name)}\n"
                   for name, data in sorted(files.items())).encode("utf-8")


def make_bag(payload: dict[str, bytes], info: dict[str, str]) -> dict[str, bytes]:
    """The files of a bag (paths relative to the bag's folder) holding ``payload`` (paths
    relative to ``data/``), with ``info`` in bag-info.txt."""
    data = {f"data/{name}": content for name, content in payload.items()}
    octets = sum(len(v) for v in data.values())
    lines = dict(info)
    lines["Payload-Oxum"] = f"{octets}.{len(data)}"
    bag_info = "".join(f"{k}: {v}\n" for k, v in lines.items()).encode("utf-8")
    tags = {"bagit.txt": BAGIT_TXT, BAG_INFO: bag_info, MANIFEST: _manifest(data)}
    return {**data, **tags, TAG_MANIFEST: _manifest(tags)}


def serialize(bag: dict[str, bytes], top: str, kind: str) -> bytes:
    """One file holding the bag in folder ``top``: deterministic zip, tar or tar.gz."""
    out = io.BytesIO()
    names = sorted(bag)
    if kind == "zip":
        with zipfile.ZipFile(out, "w") as archive:
            for name in names:
                entry = zipfile.ZipInfo(f"{top}/{name}", date_time=(1980, 1, 1, 0, 0, 0))
                entry.create_system = 3                   # unix: the permissions below hold
                entry.external_attr = 0o100644 << 16
                entry.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(entry, bag[name], compresslevel=6)
        return out.getvalue()
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as archive:
        folders = sorted({str(p) for name in names
                          for p in PurePosixPath(f"{top}/{name}").parents if str(p) != "."})
        for name in folders + [f"{top}/{n}" for n in names]:
            entry = tarfile.TarInfo(name)
            entry.mtime, entry.uid, entry.gid, entry.uname, entry.gname = EPOCH, 0, 0, "", ""
            if name in folders:
                entry.type, entry.mode = tarfile.DIRTYPE, 0o755
                archive.addfile(entry)
            else:
                data = bag[name[len(top) + 1:]]
                entry.size, entry.mode = len(data), 0o644
                archive.addfile(entry, io.BytesIO(data))
    if kind == "tar":
        return raw.getvalue()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="", compresslevel=6) as z:
        z.write(raw.getvalue())
    return out.getvalue()


# ------------------------------------------------------------------------- reading
@dataclass
class Bag:
    """A bag read from a file: its folder name and files (paths relative to the folder)."""

    source: Path
    top: str
    files: dict[str, bytes]
    info: dict[str, str] = field(default_factory=dict)

    def payload(self, prefix: str = "") -> dict[str, bytes]:
        """Payload files under ``data/<prefix>``, by their path below it."""
        start = f"data/{prefix}"
        return {name[len(start):]: data for name, data in self.files.items()
                if name.startswith(start)}


def _damaged(source: Path, what: str) -> Exception:
    return fail("pack-damaged", f"{source.name} is damaged: {what}", file=source,
                hint="use another copy of the pack; nothing was changed")


def _members(source: Path, blob: bytes) -> dict[str, bytes]:
    """The files of a zip, tar or tar.gz file; links, devices and paths that leave the
    archive's folder make it damaged."""
    files: dict[str, bytes] = {}
    try:
        if blob[:4] == b"PK\x03\x04":
            with zipfile.ZipFile(io.BytesIO(blob)) as archive:
                for entry in archive.infolist():
                    if entry.is_dir():
                        continue
                    if (entry.external_attr >> 16) & 0o170000 == 0o120000:
                        raise _damaged(source, f"{entry.filename} is a symbolic link")
                    try:
                        data = archive.read(entry)
                    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
                        raise _damaged(source, f"{entry.filename} cannot be read ({exc})"
                                       ) from None
                    _add(source, files, entry.filename, data)
        elif blob[:2] == b"\x1f\x8b" or blob[257:262] == b"ustar":
            with tarfile.open(fileobj=io.BytesIO(blob), mode="r:*") as archive:
                for entry in archive.getmembers():
                    if entry.isdir():
                        continue
                    if not entry.isfile():
                        raise _damaged(source, f"{entry.name} is not a regular file")
                    _add(source, files, entry.name, archive.extractfile(entry).read())
        else:
            raise fail("pack-unknown", f"{source.name} is not a pack (neither zip nor tar)",
                       file=source, hint="give a file written by `epaper pack`")
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, gzip.BadGzipFile, zlib.error,
            ValueError) as exc:
        raise _damaged(source, f"the archive cannot be read ({exc})") from None
    return files


def _add(source: Path, files: dict[str, bytes], name: str, data: bytes) -> None:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "\\" in name:
        raise _damaged(source, f"entry {name!r} points outside the pack")
    if name in files:
        raise _damaged(source, f"entry {name!r} is there twice")
    files[name] = data


def _read_manifest(source: Path, files: dict[str, bytes], name: str) -> dict[str, str]:
    if name not in files:
        raise _damaged(source, f"{name} is missing")
    entries = {}
    for number, line in enumerate(files[name].decode("utf-8", "replace").splitlines(), 1):
        digest, _, path = line.partition(" ")
        path = _decode_path(path.lstrip(" *"))
        if len(digest) != 64 or not path:
            raise _damaged(source, f"{name} line {number} is not '<sha256> <path>'")
        entries[path] = digest.lower()
    return entries


def _info(data: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    last = None
    for line in data.decode("utf-8", "replace").splitlines():
        if line[:1] in (" ", "\t") and last:
            out[last] += " " + line.strip()
        elif ":" in line:
            last, _, value = line.partition(":")
            last = last.strip()
            out[last] = value.strip()
    return out


def read_bag(source: Path) -> Bag:
    """Read and check a serialized bag: every payload file listed in the manifest with the
    right sha256 and every listed file present, the tag files matching the tag manifest
    (so a changed manifest is found), the payload size as bag-info.txt states.  Damage is
    one error naming the files."""
    try:
        blob = Path(source).read_bytes()
    except FileNotFoundError:
        raise fail("pack-missing", f"{source} does not exist", file=source,
                   hint="give the path of a file written by `epaper pack`") from None
    members = _members(source, blob)
    tops = {name.split("/", 1)[0] for name in members}
    if len(tops) != 1 or any("/" not in name for name in members):
        raise _damaged(source, "a pack holds one folder (the bag) and nothing beside it")
    top = tops.pop()
    files = {name.split("/", 1)[1]: data for name, data in members.items()}
    if "bagit.txt" not in files:
        raise _damaged(source, "bagit.txt is missing (not a BagIt bag)")
    info = _info(files.get(BAG_INFO, b""))
    return Bag(Path(source), top, files, info)


def check_bag(bag: Bag) -> None:
    """The manifests against the files (see :func:`read_bag`)."""
    source, files = bag.source, bag.files
    problems: list[str] = []
    tags = _read_manifest(source, files, TAG_MANIFEST)
    for name, digest in sorted(tags.items()):
        if name not in files:
            problems.append(f"{name} missing")
        elif _sha256(files[name]) != digest:
            problems.append(f"{name} changed")
    manifest = _read_manifest(source, files, MANIFEST)
    payload = {name for name in files if name.startswith("data/")}
    for name in sorted(set(manifest) | payload):
        if name not in files:
            problems.append(f"{name} missing")
        elif name not in manifest:
            problems.append(f"{name} is not in the manifest")
        elif _sha256(files[name]) != manifest[name]:
            problems.append(f"{name} changed")
    oxum = bag.info.get("Payload-Oxum")
    if oxum and not problems:
        octets = sum(len(files[n]) for n in payload)
        if oxum != f"{octets}.{len(payload)}":
            problems.append(f"Payload-Oxum says {oxum}, the payload is {octets}.{len(payload)}")
    if problems:
        shown = ", ".join(problems[:8]) + (f" and {len(problems) - 8} more"
                                           if len(problems) > 8 else "")
        raise _damaged(source, shown)
