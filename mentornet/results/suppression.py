"""Small-cell suppression for count tables (diskretionering).

Any figure shown to a role without access to the individuals, and every export or
report that leaves the organisation, must hide counts of 1 to ``threshold - 1``
persons (default 5, configurable upwards only) so that no hidden value can be
worked out from what is shown.

The table
    ``suppress_table`` takes a 2-D count table (a 1-D breakdown is the one-column
    case) and adds row totals, column totals and a grand total. Think of it as an
    extended ``(R + 1) x (C + 1)`` grid where the last row and column hold the
    totals. Every *line* (a row with its row total, a column with its column total,
    the row of column totals with the grand total, the column of row totals with the
    grand total) obeys "the cells add up to the margin".

Zeros
    A true zero reveals no one and is a structural fact ("no men in this course"),
    so zeros stay visible and are never chosen for suppression, as statistical
    offices do. Consequently every suppressed entry holds at least 1.

Primary suppression
    Every cell and every total with ``1 <= n < threshold``.

Secondary suppression
    Treat the lines as the vertices of a bipartite graph and the suppressed entries
    as its edges (entry ``(i, j)`` joins row-line ``i`` and column-line ``j``). The
    values consistent with what is published are exactly the true values plus an
    integer *circulation* on that graph (each line keeps its sum). An entry that
    lies on a cycle can move by +1/-1 along it and stay non-negative, because every
    suppressed entry holds at least 1; an entry that is a *bridge* of the graph is
    zero in every circulation, so its value is determined. The simplest bridge is
    the only suppressed entry of a line: margin minus the visible cells.

    So, repeatedly and in a fixed order, take the first suppressed entry that is a
    bridge. Removing it splits its component into two sides; on the smaller side
    (the row side on a tie) suppress the smallest non-zero visible entry that
    leaves that side (ties: cells before totals, then row-major order). For a line
    with exactly one suppressed entry this is "suppress the smallest other non-zero
    entry of that line". Stop when no bridge is left.

    Termination and success: each step suppresses one more entry, and a crossing
    entry always exists, because the signed table (totals negated once per margin
    they sit in) sums to zero across every cut, so the bridge's non-zero value must
    be balanced by another non-zero entry crossing the same cut, and that entry is
    visible, otherwise the bridge would not be one.

Guarantee
    Against a reader who knows the visible numbers, which entries are hidden,
    that counts are non-negative whole numbers and this algorithm: every line
    holds 0 or at least 2 hidden entries, and no hidden entry has a unique value
    among all tables consistent with what is shown. The hidden-cell marker is the
    same for primary and secondary suppression on purpose: labelling only the
    primary ones "<5" would tell the reader they lie in 1..4, and those bounds can
    pin a value down again (for example ``[[1, 4], [10, 4]]``).

    Not covered: the same people counted in *another* published table with
    different breakdowns (differencing between tables). Publish each population
    once, or suppress the combined table.

``with_totals=False`` only tells renderers not to show the totals: protection is
still computed as if they were public, because totals tend to be published
elsewhere (a headline figure, another table).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

MIN_THRESHOLD = 5

Reason = Literal["primary", "secondary"]

#: Text shown in place of a hidden figure; the same for every hidden entry.
SUPPRESSED_MARK = ".."


@dataclass(frozen=True, slots=True)
class Cell:
    """One published figure: ``value`` is None exactly when it is suppressed."""

    value: int | None
    suppressed: bool
    reason: Reason | None


@dataclass(frozen=True, slots=True)
class SuppressedTable:
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: Mapping[tuple[str, str], Cell]
    row_totals: Mapping[str, Cell]
    column_totals: Mapping[str, Cell]
    grand_total: Cell
    threshold: int
    with_totals: bool

    def cell(self, row: str, column: str) -> Cell:
        return self.cells[(row, column)]

    @property
    def any_suppressed(self) -> bool:
        every = [*self.cells.values(), *self.row_totals.values(), *self.column_totals.values(), self.grand_total]
        return any(c.suppressed for c in every)

    def text(self, cell: Cell) -> str:
        """The visible text of a figure: its number in the active language, or the hidden-figure mark."""
        if cell.value is None:
            return SUPPRESSED_MARK
        return number_format(cell.value, force_grouping=True)

    def label(self, cell: Cell) -> str:
        """Screen-reader text for a hidden figure, in the active language ("" for a visible one)."""
        return suppressed_label(self.threshold) if cell.suppressed else ""


def suppressed_label(threshold: int = MIN_THRESHOLD) -> str:
    return str(
        _("Hidden: fewer than %(threshold)d persons, or a figure that would reveal such a number")
        % {"threshold": threshold}
    )


def check_threshold(threshold: int) -> None:
    if threshold < MIN_THRESHOLD:
        raise ValueError(f"threshold must be at least {MIN_THRESHOLD}, got {threshold}")


def suppress_value(n: int, *, threshold: int = MIN_THRESHOLD) -> int | None:
    """A single headline figure: None when it counts 1..threshold-1 persons."""
    check_threshold(threshold)
    if n < 0:
        raise ValueError(f"a count cannot be negative: {n}")
    return None if 0 < n < threshold else n


Pos = tuple[int, int]


def suppress_table(
    rows: list[str],
    columns: list[str],
    cells: Mapping[tuple[str, str], int],
    *,
    threshold: int = MIN_THRESHOLD,
    with_totals: bool = True,
) -> SuppressedTable:
    """Suppress a count table; missing cells count as 0. See the module docstring."""
    check_threshold(threshold)
    if not rows or not columns:
        raise ValueError("a table needs at least one row and one column")
    if len(set(rows)) != len(rows) or len(set(columns)) != len(columns):
        raise ValueError("row and column labels must be unique")
    row_index = {r: i for i, r in enumerate(rows)}
    col_index = {c: j for j, c in enumerate(columns)}
    n_rows, n_cols = len(rows), len(columns)
    grid = [[0] * (n_cols + 1) for _ in range(n_rows + 1)]
    for (r, c), n in cells.items():
        if r not in row_index or c not in col_index:
            raise ValueError(f"cell {(r, c)!r} is outside the table")
        if n < 0:
            raise ValueError(f"a count cannot be negative: {(r, c)!r} = {n}")
        grid[row_index[r]][col_index[c]] = n
    for i in range(n_rows):
        grid[i][n_cols] = sum(grid[i][:n_cols])
    for j in range(n_cols + 1):
        grid[n_rows][j] = sum(grid[i][j] for i in range(n_rows))

    reasons = _suppress_grid(grid, threshold)

    def make(i: int, j: int) -> Cell:
        reason = reasons.get((i, j))
        return Cell(value=None if reason else grid[i][j], suppressed=reason is not None, reason=reason)

    return SuppressedTable(
        rows=tuple(rows),
        columns=tuple(columns),
        cells={(r, c): make(i, j) for r, i in row_index.items() for c, j in col_index.items()},
        row_totals={r: make(i, n_cols) for r, i in row_index.items()},
        column_totals={c: make(n_rows, j) for c, j in col_index.items()},
        grand_total=make(n_rows, n_cols),
        threshold=threshold,
        with_totals=with_totals,
    )


def _suppress_grid(grid: list[list[int]], threshold: int) -> dict[Pos, Reason]:
    """Which entries of an extended grid (totals in the last row and column) to hide, and why."""
    height, width = len(grid), len(grid[0])
    reasons: dict[Pos, Reason] = {
        (i, j): "primary" for i in range(height) for j in range(width) if 0 < grid[i][j] < threshold
    }
    while bridges := _bridges(set(reasons)):
        bridge = min(bridges)
        side = _smaller_side(set(reasons), bridge)
        candidates = [
            (i, j)
            for i in range(height)
            for j in range(width)
            if (i, j) not in reasons and grid[i][j] > 0 and ((("r", i) in side) != (("c", j) in side))
        ]
        # Always non-empty (see the module docstring); min() would fail loudly otherwise.
        i, j = min(candidates, key=lambda p: (grid[p[0]][p[1]], p[0] == height - 1 or p[1] == width - 1, p))
        reasons[(i, j)] = "secondary"
    return reasons


Vertex = tuple[str, int]
Adjacency = dict[Vertex, list[tuple[Vertex, Pos]]]


def _adjacency(edges: set[Pos]) -> Adjacency:
    """Lines as vertices (("r", i) and ("c", j)), hidden entries as edges, in a fixed order."""
    adjacency: Adjacency = {}
    for i, j in sorted(edges):
        adjacency.setdefault(("r", i), []).append((("c", j), (i, j)))
        adjacency.setdefault(("c", j), []).append((("r", i), (i, j)))
    return adjacency


def _bridges(edges: set[Pos]) -> set[Pos]:
    """The bridges of the graph: Tarjan's low-link algorithm, iterative, O(V + E)."""
    adjacency = _adjacency(edges)
    order: dict[Vertex, int] = {}
    low: dict[Vertex, int] = {}
    bridges: set[Pos] = set()
    for root in sorted(adjacency):
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack: list[tuple[Vertex, Pos | None, Iterator[tuple[Vertex, Pos]]]] = [(root, None, iter(adjacency[root]))]
        while stack:
            vertex, via, neighbours = stack[-1]
            for other, edge in neighbours:
                if edge == via:
                    continue
                if other in order:
                    low[vertex] = min(low[vertex], order[other])
                else:
                    order[other] = low[other] = len(order)
                    stack.append((other, edge, iter(adjacency[other])))
                    break
            else:
                stack.pop()
                if stack and via is not None:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[vertex])
                    if low[vertex] > order[parent]:
                        bridges.add(via)
    return bridges


def _component(adjacency: Adjacency, start: Vertex, skip: Pos) -> set[Vertex]:
    seen = {start}
    todo = [start]
    while todo:
        for other, edge in adjacency[todo.pop()]:
            if edge != skip and other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def _smaller_side(edges: set[Pos], bridge: Pos) -> set[Vertex]:
    adjacency = _adjacency(edges)
    row_side = _component(adjacency, ("r", bridge[0]), skip=bridge)
    col_side = _component(adjacency, ("c", bridge[1]), skip=bridge)
    return row_side if len(row_side) <= len(col_side) else col_side
