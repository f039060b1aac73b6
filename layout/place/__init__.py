"""Automatic placement (``epaper place``): which articles go on which page, and each one's
slot — span, height, body columns, picture area — chosen by a CP-SAT model over candidate
shapes measured with the real composer.

measure
    What an article needs at a width: composed once per width class, heights derived.
shapes
    The few candidate shapes of each item worth trying, and what each one costs.
solve
    One page as a CP-SAT model: rectangles, no overlap, integer spans and heights, an
    objective that fills the page and keeps the hierarchy.
plan
    The edition page by page: what does not fit goes on (whole, or continued by a jump);
    every slot is composed again and checked.
write
    The chosen slots written into the page spec files, comments and fixed slots kept.
report
    What ``epaper place`` prints: per page the share filled, underset, overset, jumps.
"""
