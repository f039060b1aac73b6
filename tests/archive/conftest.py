"""Shared by the archive tests: every seed edition built once with ALTO and METS, the
schemas, and (in the pack tests) packs made once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT

SEEDS = ["laodong-2024-02-26", "imported", "stress", "stress-hant", "laodong-jump"]
SCHEMAS = Path(__file__).resolve().parent / "schemas"
XLINK = "http://www.w3.org/1999/xlink"


@pytest.fixture(scope="session")
def packs(tmp_path_factory) -> dict[str, Path]:
    """Seed name → its pack (zip), made once for all the archive tests."""
    from layout.archive.pack import pack_edition
    folder = tmp_path_factory.mktemp("packs")
    return {seed: pack_edition(ROOT / "seeds" / seed, folder / f"{seed}.zip").path
            for seed in SEEDS}


@pytest.fixture(scope="session")
def built_seeds(tmp_path_factory, packs) -> dict[str, Path]:
    """Seed name → its outputs (PDFs, ALTO, METS, report.json): those of its pack, built
    as `epaper build --alto` builds them."""
    import zipfile
    out = {}
    for seed, pack in packs.items():
        folder = tmp_path_factory.mktemp(f"built-{seed}")
        with zipfile.ZipFile(pack) as archive:
            for name in archive.namelist():
                _, _, inner = name.partition("/data/output/")
                if inner:
                    (folder / inner).parent.mkdir(parents=True, exist_ok=True)
                    (folder / inner).write_bytes(archive.read(name))
        out[seed] = folder
    return out


def _schema(name: str):
    import xmlschema
    assert (SCHEMAS / name).is_file(), f"the schemas are in tests/archive/schemas ({SCHEMAS})"
    return xmlschema.XMLSchema(str(SCHEMAS / name), locations={XLINK: str(SCHEMAS / "xlink.xsd")})


@pytest.fixture(scope="session")
def alto_schema():
    return _schema("alto-4-4.xsd")


@pytest.fixture(scope="session")
def mets_schema():
    return _schema("mets-1.12.1.xsd")
