"""Flow set lines into a slot's columns on the baseline grid, balanced to end flush (齐底),
and count what did not fit (overset) and what was left empty (underset)."""

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
