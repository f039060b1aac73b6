"""Pages on several cores: work per page (composing, rendering) done in forked worker
processes, which inherit what the build has loaded (the edition, the fonts) instead of
loading it again; results come back in page order, so the output is the same bytes as a
build on one core."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Sequence

#: What the forked workers find: set by the build before a pool starts, read by the
#: module-level task functions (a fork copies it; nothing is pickled but results).
SHARED: dict[str, Any] = {}


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def jobs_for(requested: int | None, tasks: int) -> int:
    """How many processes to use: as asked (0 or None: every core), never more than the
    tasks, one where forking is not available."""
    if "fork" not in multiprocessing.get_all_start_methods() or \
            multiprocessing.current_process().daemon:   # a pool's worker has no children
        return 1
    jobs = requested or available_cores()
    return max(1, min(jobs, tasks))


def run(task: Callable[[Any], Any], items: Sequence[Any], jobs: int, **shared: Any
        ) -> list[Any]:
    """``task`` applied to each item, in ``jobs`` processes (here when one), results in
    the order of ``items``; ``shared`` is what the task reads from :data:`SHARED`."""
    SHARED.clear()
    SHARED.update(shared)
    try:
        if jobs <= 1 or len(items) <= 1:
            return [task(item) for item in items]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            return list(pool.map(task, items))
    finally:
        SHARED.clear()
