"""Batch builds on a Dask cluster of two worker processes: every seed edition and every
seed pack, with a broken edition among them; failures, a worker that dies, a font no
worker has; a second run skips what already verifies."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from layout.archive.batch import STATE, Job, run_batch, run_job, table
from layout.cli import main
from tests.archive.conftest import SEEDS
from tests.conftest import ROOT, write_edition


@pytest.fixture(scope="module")
def cluster():
    import dask
    from distributed import LocalCluster
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40,
                               scheduler_kwargs={"dashboard": False,
                                                 "dashboard_address": ":0"})
    yield cluster
    cluster.close()


def _broken(folder: Path) -> Path:
    """A copy of a seed whose font set names a font that exists nowhere: it loads on the
    client and fails on the worker."""
    shutil.copytree(ROOT / "seeds" / "laodong-2024-02-26", folder)
    (folder / "fonts").mkdir()
    (folder / "fonts" / "fonts.yaml").write_text(
        "roles:\n  song: [fonts-that-are-not-here/NoSuchSong.otf]\n  biaosong: [NoSuchSong]\n",
        encoding="utf-8")
    return folder


def _pack_outputs(pack: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(pack) as archive:
        return {n.split("/data/output/", 1)[1]: archive.read(n) for n in archive.namelist()
                if "/data/output/" in n}


def test_batch_over_every_seed_and_pack_with_a_broken_edition(cluster, packs, tmp_path):
    broken = _broken(tmp_path / "broken")
    sources = [ROOT / "seeds" / s for s in SEEDS] + [packs[s] for s in SEEDS] + [broken]
    out = tmp_path / "out"
    seen = []
    result = run_batch(sources, out, scheduler=cluster.scheduler_address,
                       options={"alto": True},
                       progress=lambda done, total, o: seen.append((done, total, o.name)))
    by_name = {o.name: o for o in result.outcomes}
    assert [o.name for o in result.outcomes] == SEEDS + [f"{s}-2" for s in SEEDS] + ["broken"]
    for seed in SEEDS:
        assert by_name[seed].status == "ok", by_name[seed].message
        assert by_name[f"{seed}-2"].status == "identical", by_name[f"{seed}-2"].message
        assert by_name[f"{seed}-2"].kind == "pack"
        # built on a worker from the bytes the client sent: the very bytes of the pack
        for name, data in _pack_outputs(packs[seed]).items():
            if name != "report.json":
                assert (out / seed / name).read_bytes() == data, (seed, name)
        report = json.loads((out / seed / "report.json").read_text(encoding="utf-8"))
        assert report["edition"]["file"] == str(ROOT / "seeds" / seed / "edition.yaml")
    assert by_name["laodong-jump"].pages == 2 and by_name["laodong-jump"].overset == 0
    failed = by_name["broken"]
    assert failed.status == "failed" and "NoSuchSong" in failed.message
    assert failed.worker.startswith("tcp://")
    assert [o.name for o in result.failed] == ["broken"]
    assert [d for d, _, _ in seen] == list(range(1, 12)) and {t for _, t, _ in seen} == {11}
    text = table(result)
    assert text.splitlines()[0].split() == ["edition", "pages", "seconds", "overset",
                                            "warnings", "result"]
    assert "failed: " in text and "identical" in text
    assert text.splitlines()[-1].startswith("11 editions: 5 ok, 5 identical, 1 failed")
    state = json.loads((out / STATE).read_text(encoding="utf-8"))
    assert state["editions"]["broken"]["status"] == "failed"

    # again: what verifies is skipped, the broken edition is tried again
    again = run_batch(sources, out, scheduler=cluster.scheduler_address,
                      options={"alto": True})
    statuses = {o.name: o.status for o in again.outcomes}
    assert statuses.pop("broken") == "failed"
    assert set(statuses.values()) == {"skipped"}
    # a changed output is not skipped: it is built again
    (out / "stress" / "page-09.pdf").write_bytes(b"changed")
    third = run_batch([ROOT / "seeds" / "stress"], out, scheduler=cluster.scheduler_address,
                      options={"alto": True})
    assert [o.status for o in third.outcomes] == ["ok"]
    assert (out / "stress" / "page-09.pdf").read_bytes() == \
        _pack_outputs(packs["stress"])["page-09.pdf"]


def crash_on_purpose(job: Job):
    """A runner that kills its worker process for the edition named ``crash``."""
    if job.name == "crash":
        os._exit(3)
    return run_job(job)


def test_a_worker_that_dies_fails_its_edition_only(cluster, tmp_path):
    crash = tmp_path / "crash"
    write_edition(crash)
    good = write_edition(tmp_path / "good")
    result = run_batch([crash, good], tmp_path / "out", scheduler=cluster.scheduler_address,
                       runner=crash_on_purpose)
    statuses = {o.name: o for o in result.outcomes}
    assert statuses["crash"].status == "failed"
    assert "died" in statuses["crash"].message
    assert statuses["good"].status == "ok", statuses["good"].message
    assert (tmp_path / "out" / "good" / "page-03.pdf").is_file()
    # the nanny starts the dead worker again: the next test finds both
    from distributed import Client
    with Client(cluster.scheduler_address, timeout="20s") as client:
        client.wait_for_workers(2, timeout=60)


def test_a_font_no_worker_has_is_named_before_any_job(cluster, tmp_path):
    edition = tmp_path / "lacking"
    shutil.copytree(ROOT / "seeds" / "laodong-2024-02-26", edition)
    lock = (edition / "fonts.lock").read_text(encoding="utf-8")
    regular = "a04178ec485dffdff7cc0c0c20e1fce9202d7e2160d805e8e44a4c8841c58481"
    assert regular in lock
    (edition / "fonts.lock").write_text(lock.replace(regular, "f" * 64), encoding="utf-8")
    notices = []
    result = run_batch([edition], tmp_path / "out", scheduler=cluster.scheduler_address,
                       notice=notices.append)
    [outcome] = result.outcomes
    assert outcome.status == "failed"
    assert outcome.message.startswith("no worker has font NotoSerifCJKsc-Regular (sha256 "
                                      "ffffffffffff…)")
    assert len(notices) == 2 and all("lacks font NotoSerifCJKsc-Regular" in n and
                                     "tcp://" in n for n in notices)


def test_the_batch_command_on_local_workers(tmp_path, capsys):
    edition = write_edition(tmp_path / "small", slots=[     # the lead's slot fits its text
        {"article": "lead", "column": 1, "span": 4, "top": 0, "height": 6},
        {"article": "side", "column": 5, "span": 2, "top": 0, "height": 30}])
    out = tmp_path / "out"
    code = main(["batch", str(edition), str(tmp_path / "missing"), "--out", str(out),
                 "--workers", "1"])
    assert code == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[1].split()[:5] == ["small", "1", lines[1].split()[2], "0", "0"]
    assert lines[1].split()[5] == "ok"
    assert "failed: " in lines[2] and "no edition file" in lines[2]
    assert lines[-1].startswith("2 editions: 1 ok, 1 failed") and "1 worker" in lines[-1]
    assert "[2/2]" in captured.err or "[1/2]" in captured.err
    assert (out / "small" / "page-03.pdf").is_file()


def test_an_edition_with_its_own_font_file_is_sent_with_it(cluster, tmp_path):
    """A font kept in the edition folder (a licensed face) travels with the edition, as
    a pack holds it: the worker needs no copy, and the bytes are a direct build's."""
    from layout.build import BuildOptions, build
    from layout.fonts import FontLibrary
    edition = tmp_path / "own"
    shutil.copytree(ROOT / "seeds" / "stress", edition)
    (edition / "fonts.lock").unlink()
    (edition / "fonts").mkdir()
    font = edition / "fonts" / "Kai-Own.ttf"
    shutil.copy("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", font)
    fonts = (ROOT / "fonts" / "fonts.yaml").read_text(encoding="utf-8")
    assert "    - LXGW WenKai\n" in fonts
    (edition / "fonts" / "fonts.yaml").write_text(
        fonts.replace("    - LXGW WenKai\n", "    - Kai-Own.ttf\n"), encoding="utf-8")
    spec = (edition / "edition.yaml").read_text(encoding="utf-8")
    (edition / "edition.yaml").write_text(spec.replace("fonts: fonts\n",
                                                       "fonts: fonts/fonts.yaml\n"),
                                          encoding="utf-8")
    direct = build(edition, tmp_path / "direct", FontLibrary(tmp_path / "cache"),
                   BuildOptions(jobs=1))
    assert any(f["file"] == str(font) for f in direct["fonts"])
    result = run_batch([edition], tmp_path / "out", scheduler=cluster.scheduler_address)
    [outcome] = result.outcomes
    assert outcome.status == "ok", outcome.message
    for name in ("page-09.pdf", "edition.pdf"):
        assert (tmp_path / "out" / "own" / name).read_bytes() == \
            (tmp_path / "direct" / name).read_bytes()
