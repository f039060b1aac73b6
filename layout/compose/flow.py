"""Flow set lines into a slot's columns on the baseline grid, balanced to end flush (齐底),
and count what did not fit (overset) and what was left empty (underset).  When the line
count does not divide evenly, :func:`flush_changes` says by how many lines the text must
grow or shrink for every column to end on one baseline, and :func:`choose_changes` picks
the paragraphs to set a line longer or shorter where it shows least."""

from __future__ import annotations

from dataclasses import dataclass

from layout.text.justify import Line


@dataclass(frozen=True)
class Frame:
    """One text column of a slot: left edge and width in pt, grid lines it may use."""

    x: float
    width: float
    first: int      # first grid line
    end: int        # grid line after the last usable one

    @property
    def capacity(self) -> int:
        return max(0, self.end - self.first)


@dataclass(frozen=True)
class Flowed:
    """Where each line went: (frame index, grid line, line); and the lines left over."""

    placed: tuple[tuple[int, int, Line], ...]
    overset: tuple[Line, ...]
    bottom: int     # grid line after the lowest line set

    @property
    def overset_chars(self) -> int:
        return sum(len(line.text.replace(" ", "")) for line in self.overset)


def _fill(frames: list[Frame], total: int, bottom: int) -> list[int]:
    """Lines per frame when no frame goes below grid line ``bottom``."""
    counts, left = [], total
    for f in frames:
        n = max(0, min(f.capacity, bottom - f.first, left))
        counts.append(n)
        left -= n
    return counts


def flow(lines: list[Line], frames: list[Frame], balance: bool = True) -> Flowed:
    """Place ``lines`` in ``frames`` in order; with ``balance``, the lowest bottom line that
    still takes every line, so that the columns end on one baseline."""
    total = len(lines)
    deepest = max((f.end for f in frames), default=0)
    bottom = deepest
    if balance and frames:
        low = min(f.first for f in frames)
        for candidate in range(low, deepest + 1):
            if sum(_fill(frames, total, candidate)) >= total:
                bottom = candidate
                break
    counts = _fill(frames, total, bottom)
    if balance and frames:
        # the lowest bottom holds every line, usually with room to spare: take one line
        # each from the last columns so that no column ends more than a line above the
        # others (10 lines in 4 columns: 3, 3, 2, 2 rather than 3, 3, 3, 1)
        room = [max(0, min(f.capacity, bottom - f.first)) for f in frames]
        spare = sum(room) - total
        if 0 <= spare <= sum(1 for r in room if r > 0):
            for index in reversed(range(len(frames))):
                if spare == 0:
                    break
                if room[index] > 0:
                    room[index] -= 1
                    spare -= 1
            counts = room
    placed, k = [], 0
    for index, (frame, count) in enumerate(zip(frames, counts)):
        for n in range(count):
            placed.append((index, frame.first + n, lines[k]))
            k += 1
    lowest = max((g + 1 for _, g, _ in placed), default=min((f.first for f in frames),
                                                            default=0))
    return Flowed(tuple(placed), tuple(lines[k:]), lowest)


def held_to(frames: list[Frame], bottom: int) -> int:
    """How many lines the frames hold when each is filled down to grid line ``bottom``."""
    return sum(max(0, min(f.capacity, bottom - f.first)) for f in frames)


#: What a grid line left empty at the foot of every column costs, beyond the first, when
#: choosing how to end columns flush (in the breaker's demerits: an empty line shows more
#: than a paragraph set a little looser).
EMPTY_LINE_COST = 10


def flush_changes(frames: list[Frame], total: int, reach: int = 2) -> dict[int, int]:
    """Changes of the line count (lines to add, negative: to take away) after which the
    columns end on one baseline — for the bottoms up to ``reach`` grid lines above and
    below the lowest that holds the text — each with what the grid lines it would leave
    empty at the columns' foot cost; {} when the columns already end flush, or the text
    does not fit the frames at all."""
    deepest = max(f.end for f in frames) if frames else 0
    if len(frames) < 2 or total == 0 or total > held_to(frames, deepest):
        return {}
    low = min(f.first for f in frames)
    bottom = next(b for b in range(low, deepest + 1) if held_to(frames, b) >= total)
    if held_to(frames, bottom) == total:
        return {}
    end = min(f.end for f in frames)
    changes = {}
    for b in range(bottom - reach, bottom + reach):
        # every column keeps some text, and none is asked to go below its end
        if b <= max(f.first for f in frames) or b > deepest:
            continue
        if any(b > f.end for f in frames):
            continue
        change = held_to(frames, b) - total
        if change:
            changes[change] = EMPTY_LINE_COST * max(0, end - b - 1)
    return changes


def choose_changes(costs: list[dict[int, int]], changes: dict[int, int]
                   ) -> dict[int, int] | None:
    """How many lines to set each paragraph longer or shorter so that the text grows or
    shrinks by one of ``changes`` (change → what it costs in itself), at least total
    cost: ``costs[k]`` maps each change paragraph k allows (+1, -1, +2 …) to what it
    costs over its best setting.  Among equal costs the smaller change wins, then later
    paragraphs.  None when no combination reaches any of the changes."""
    # best[net] = (cost, paragraphs changed, plan) over the paragraphs seen so far
    best: dict[int, tuple[int, int, dict[int, int]]] = {0: (0, 0, {})}
    for k in reversed(range(len(costs))):
        step_best = dict(best)
        for net, (cost, count, plan) in best.items():
            for delta, extra in costs[k].items():
                key = net + delta
                entry = (cost + extra, count + 1, {**plan, k: delta})
                if key not in step_best or entry[:2] < step_best[key][:2]:
                    step_best[key] = entry
        best = step_best
    reached = [(best[c][0] + own, abs(c), best[c][1], c) for c, own in changes.items()
               if c in best]
    if not reached:
        return None
    return best[min(reached)[3]][2]
