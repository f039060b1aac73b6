"""Shared by the archive tests: every seed edition built once with ALTO and METS, the
schemas, and (in the pack tests) packs made once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT

SEEDS = ["laodong-2024-02-26", "imported", "stress", "stress-hant", "laodong-jump"]
SCHEMAS = ROOT.parent / "shared" / "schemas"
XLINK = "http://www.w3.org/1999/xlink"


@pytest.fixture(scope="session")
def library():
    from layout.fonts import FontLibrary
    return FontLibrary()


@pytest.fixture(scope="session")
def built_seeds(tmp_path_factory, library) -> dict[str, Path]:
    """Seed name → its output folder, built with --alto."""
    from layout.build import build
    out = {}
    for seed in SEEDS:
        folder = tmp_path_factory.mktemp(f"built-{seed}")
        build(ROOT / "seeds" / seed, folder, library, alto=True)
        out[seed] = folder
    return out


def _schema(name: str):
    import xmlschema
    assert (SCHEMAS / name).is_file(), f"the schemas are in ../shared/schemas ({SCHEMAS})"
    return xmlschema.XMLSchema(str(SCHEMAS / name), locations={XLINK: str(SCHEMAS / "xlink.xsd")})


@pytest.fixture(scope="session")
def alto_schema():
    return _schema("alto-4-4.xsd")


@pytest.fixture(scope="session")
def mets_schema():
    return _schema("mets-1.12.1.xsd")
