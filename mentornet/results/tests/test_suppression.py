from collections.abc import Callable, Iterator

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from mentornet.results.suppression import (
    SUPPRESSED_MARK,
    Cell,
    SuppressedTable,
    suppress_table,
    suppress_value,
)

Grid = list[list[int]]
Pos = tuple[int, int]


def table_from(grid: Grid, *, threshold: int = 5) -> SuppressedTable:
    rows = [f"r{i}" for i in range(len(grid))]
    columns = [f"c{j}" for j in range(len(grid[0]))]
    cells = {(rows[i], columns[j]): n for i, line in enumerate(grid) for j, n in enumerate(line)}
    return suppress_table(rows, columns, cells, threshold=threshold)


def extended(table: SuppressedTable) -> list[list[Cell]]:
    """The published grid with the row totals as last column and column totals as last row."""
    lines = [[table.cell(r, c) for c in table.columns] + [table.row_totals[r]] for r in table.rows]
    return [*lines, [table.column_totals[c] for c in table.columns] + [table.grand_total]]


def true_extended(grid: Grid) -> Grid:
    lines = [[*line, sum(line)] for line in grid]
    return [*lines, [sum(col) for col in zip(*lines, strict=True)]]


def lines_of(ext: list[list[Cell]]) -> Iterator[list[Cell]]:
    yield from ext
    yield from ([line[j] for line in ext] for j in range(len(ext[0])))


grids = st.integers(1, 6).flatmap(
    lambda n_rows: st.integers(1, 6).flatmap(
        lambda n_cols: st.lists(
            st.lists(st.integers(0, 30), min_size=n_cols, max_size=n_cols), min_size=n_rows, max_size=n_rows
        )
    )
)
thresholds = st.integers(5, 10)


# --- examples -------------------------------------------------------------------------


def test_a_headline_figure_below_the_threshold_is_hidden():
    assert suppress_value(0) == 0
    assert suppress_value(1) is None
    assert suppress_value(4) is None
    assert suppress_value(5) == 5
    assert suppress_value(7, threshold=8) is None


def test_the_threshold_can_only_be_raised():
    with pytest.raises(ValueError, match="at least 5"):
        suppress_value(3, threshold=3)
    with pytest.raises(ValueError, match="at least 5"):
        table_from([[1]], threshold=4)


def test_it_rejects_negative_counts_and_cells_outside_the_table():
    with pytest.raises(ValueError, match="negative"):
        suppress_table(["a"], ["x"], {("a", "x"): -1})
    with pytest.raises(ValueError, match="outside"):
        suppress_table(["a"], ["x"], {("b", "x"): 1})


def test_a_lone_small_cell_gets_a_secondary_partner_in_its_row_and_column():
    table = table_from([[3, 10, 12], [8, 9, 20]])
    assert table.cell("r0", "c0") == Cell(None, True, "primary")
    # Row r0: the smallest other non-zero cell is 10; column c0: the only other cell is 8.
    assert table.cell("r0", "c1") == Cell(None, True, "secondary")
    assert table.cell("r1", "c0") == Cell(None, True, "secondary")
    # ...and row r1 and column c1 now have one hidden cell each, so (r1, c1) goes too.
    assert table.cell("r1", "c1") == Cell(None, True, "secondary")
    assert table.cell("r0", "c2") == Cell(12, False, None)
    assert table.row_totals["r0"] == Cell(25, False, None)
    assert table.grand_total == Cell(62, False, None)


def test_a_small_total_is_hidden_and_protected_like_a_cell():
    # Row r0 adds up to 4: its cells and its total are primary; the column of row
    # totals then has one hidden entry, so another row total is hidden as well.
    table = table_from([[2, 2, 0], [6, 7, 9], [5, 8, 10]])
    assert table.row_totals["r0"].reason == "primary"
    assert table.row_totals["r1"].reason == "secondary"  # 22 < 23
    assert table.row_totals["r2"].suppressed is False
    assert table.cell("r0", "c2") == Cell(0, False, None)


def test_zeros_stay_visible_and_are_never_chosen_as_partners():
    table = table_from([[3, 0, 0, 9]])
    assert table.cell("r0", "c1") == Cell(0, False, None)
    assert table.cell("r0", "c3").reason == "secondary"


def test_a_one_column_breakdown_hides_small_categories_and_a_partner():
    table = suppress_table(["men", "women", "other"], ["n"], {("men", "n"): 12, ("women", "n"): 30, ("other", "n"): 2})
    assert [table.cell(r, "n").value for r in table.rows] == [None, 30, None]
    assert table.grand_total.value == 44


def test_a_known_bound_leak_is_avoided_by_one_uniform_marker():
    # With "<5" on the primary cells only, [[1, 4], [10, 4]] would give a = 1 away.
    table = table_from([[1, 4], [10, 4]])
    texts = {table.text(table.cell(r, c)) for r in table.rows for c in table.columns}
    assert texts == {SUPPRESSED_MARK}
    assert table.text(table.row_totals["r0"]) == "5"


def test_visible_figures_are_written_the_danish_way():
    table = table_from([[1200, 34], [0, 56]])
    with translation.override("da"):
        assert table.text(table.cell("r0", "c0")) == "1.200"
        assert table.text(table.grand_total) == "1.290"
        assert table.text(table.cell("r1", "c0")) == "0"


def test_the_screen_reader_label_names_the_threshold_and_only_for_hidden_figures():
    table = table_from([[1, 9], [9, 9]], threshold=7)
    with translation.override("en"):
        assert table.label(table.cell("r0", "c0")) == (
            "Hidden: fewer than 7 persons, or a figure that would reveal such a number"
        )
        assert table.label(table.grand_total) == ""


# --- properties ------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(grid=grids, threshold=thresholds)
def test_no_visible_figure_counts_fewer_than_threshold_persons(grid, threshold):
    table = table_from(grid, threshold=threshold)
    truth = true_extended(grid)
    for i, line in enumerate(extended(table)):
        for j, cell in enumerate(line):
            if cell.suppressed:
                assert cell.value is None
                assert truth[i][j] > 0, "zeros are never hidden"
            else:
                assert cell.value == truth[i][j]
                assert not 0 < cell.value < threshold


@settings(max_examples=300, deadline=None)
@given(grid=grids, threshold=thresholds)
def test_no_line_has_exactly_one_hidden_figure(grid, threshold):
    table = table_from(grid, threshold=threshold)
    for line in lines_of(extended(table)):
        assert sum(cell.suppressed for cell in line) != 1


@settings(max_examples=100, deadline=None)
@given(grid=grids, threshold=thresholds)
def test_it_is_deterministic(grid, threshold):
    assert table_from(grid, threshold=threshold) == table_from([line[:] for line in grid], threshold=threshold)


@settings(max_examples=100, deadline=None)
@given(
    grid=st.lists(st.lists(st.one_of(st.just(0), st.integers(10, 30)), min_size=3, max_size=3), min_size=1, max_size=4),
)
def test_a_table_without_small_figures_is_unchanged(grid):
    table = table_from(grid, threshold=10)
    assert [[cell.value for cell in line] for line in extended(table)] == true_extended(grid)
    assert not table.any_suppressed


def consistent_values(published: list[list[Cell]], domain: Callable[[int, int], range]) -> dict[Pos, set[int]]:
    """For every hidden entry, the values it takes over all tables that show the same figures.

    Unknowns are the inner cells, hidden cell (i, j) ranging over ``domain(i, j)``;
    totals follow from them. A narrower domain than 0..infinity only removes
    alternatives, so "at least two values" found here holds for the reader too.
    Enumerated row by row, pruned by the visible row and column totals.
    """
    n_rows, n_cols = len(published) - 1, len(published[0]) - 1
    hidden = [(i, j) for i in range(n_rows) for j in range(n_cols) if published[i][j].suppressed]
    seen: dict[Pos, set[int]] = {
        (i, j): set() for i in range(n_rows + 1) for j in range(n_cols + 1) if published[i][j].suppressed
    }
    grid = [[published[i][j].value or 0 for j in range(n_cols)] for i in range(n_rows)]

    def visible(i: int, j: int) -> int | None:
        return None if published[i][j].suppressed else published[i][j].value

    def search(k: int) -> None:
        if k == len(hidden):
            ext = true_extended(grid)
            if all(visible(n_rows, j) in (None, ext[n_rows][j]) for j in range(n_cols + 1)):
                for (i, j), values in seen.items():
                    values.add(ext[i][j])
            return
        i, j = hidden[k]
        for v in domain(i, j):
            grid[i][j] = v
            column_so_far = sum(grid[r][j] for r in range(i + 1))
            limit = visible(n_rows, j)
            if limit is not None and column_so_far > limit:
                break
            row_done = k + 1 == len(hidden) or hidden[k + 1][0] != i
            if row_done and visible(i, n_cols) not in (None, sum(grid[i])):
                continue
            search(k + 1)
        grid[i][j] = 0

    # Rows without hidden cells must still match their (visible) totals: they do by construction.
    search(0)
    return seen


def near(truth: Grid) -> Callable[[int, int], range]:
    """Domains truth - 1 .. truth + 1: enough to show a value is not unique, and fast."""
    return lambda i, j: range(max(0, truth[i][j] - 1), truth[i][j] + 2)


small_grids = st.integers(1, 3).flatmap(
    lambda n_rows: st.integers(1, 3).flatmap(
        lambda n_cols: st.lists(
            st.lists(st.integers(0, 12), min_size=n_cols, max_size=n_cols), min_size=n_rows, max_size=n_rows
        )
    )
)


@settings(max_examples=150, deadline=None)
@given(grid=small_grids)
def test_no_hidden_figure_can_be_worked_out_from_the_published_ones(grid):
    table = table_from(grid)
    published = extended(table)
    truth = true_extended(grid)
    values = consistent_values(published, near(truth))
    for pos, seen in values.items():
        assert truth[pos[0]][pos[1]] in seen, "the search must find the true table"
        assert len(seen) >= 2, f"hidden entry {pos} of {grid} can only be {seen}"


def test_the_brute_force_does_catch_a_recoverable_cell():
    # Hide only the primary cell of [[3, 10], [8, 9]]: the row total gives it away.
    published = [[Cell(None, True, "primary"), Cell(10, False, None), Cell(13, False, None)]]
    published += [[Cell(8, False, None), Cell(9, False, None), Cell(17, False, None)]]
    published += [[Cell(11, False, None), Cell(19, False, None), Cell(30, False, None)]]
    assert consistent_values(published, lambda i, j: range(31)) == {(0, 0): {3}}


@pytest.mark.parametrize(
    "grid",
    [
        [[0, 0, 12], [4, 8, 12], [12, 0, 1]],
        [[0, 6, 0, 4], [6, 6, 3, 0], [0, 0, 0, 6]],
        [[12, 3, 8], [4, 0, 2], [4, 0, 0], [0, 3, 4]],
    ],
)
def test_a_hidden_figure_is_protected_even_when_every_line_hides_two(grid):
    # Found by searching: with only "no line hides exactly one figure", a hidden
    # figure here is a bridge between two blocks and follows from their sums.
    table = table_from(grid)
    published = extended(table)
    values = consistent_values(published, near(true_extended(grid)))
    assert all(len(seen) >= 2 for seen in values.values())
