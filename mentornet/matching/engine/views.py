"""Two ways to look at the encoded pairs, so that constraints and criteria are written once.

- ``Grid``: every mentee × every mentor. Mentee arrays become columns (n × 1), mentor arrays rows (1 × m), so
  numpy broadcasting gives n × m matrices; set intersections are one broadcast AND + popcount per bit word.
- ``Pairs``: only the pairs (rows[k], cols[k]), e.g. the candidates actually returned, as flat arrays.

Both apply exactly the same elementwise operations to the same values, so a pair's scores are bit-for-bit the
same in a grid and in a list of pairs (intersection counts are exact small integers either way). Criteria write
into buffers the caller allocates once (``out=``): on these machines a fresh n × m array costs several times
more (page faults) than the arithmetic on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from .encode import Encoded
from .sets import F64, I64, Bits, Bool, SetFeature

T = TypeVar("T", bound=np.generic)


@dataclass(frozen=True)
class Buffers:
    """Scratch space of one shape, allocated once and reused: by every criterion of a ``Scorer.scores`` call and,
    in a batch, by every tile. Fresh arrays of a tile's size would come and go through ``mmap`` (and page faults)
    tile after tile."""

    a: F64
    b: F64
    mask: Bool
    other: Bool
    index: I64
    raw: npt.NDArray[np.uint64]

    @classmethod
    def of(cls, shape: tuple[int, ...]) -> Buffers:
        return cls(
            np.empty(shape),
            np.empty(shape),
            np.empty(shape, np.bool_),
            np.empty(shape, np.bool_),
            np.empty(shape, np.int64),
            np.empty(shape, np.uint64),
        )

    def head(self, rows: int) -> Buffers:
        """The same space for the first ``rows`` rows (a smaller last tile)."""
        return Buffers(
            self.a[:rows], self.b[:rows], self.mask[:rows], self.other[:rows], self.index[:rows], self.raw[:rows]
        )

    def words(self, dtype: np.dtype[Any]) -> Bits:
        """``raw`` as words of ``dtype`` (bitsets), in the same shape."""
        return self.raw.view(dtype)[..., : self.raw.shape[-1]]


class View(Protocol):
    encoded: Encoded

    @property
    def shape(self) -> tuple[int, ...]: ...

    def left(self, values: npt.NDArray[T]) -> npt.NDArray[T]:
        """A mentee array, lined up with the pairs."""
        ...

    def right(self, values: npt.NDArray[T]) -> npt.NDArray[T]:
        """A mentor array, lined up with the pairs."""
        ...

    def common(self, feature: SetFeature, out: F64, space: Buffers) -> F64:
        """How many ids each pair has in common, written into ``out`` (the view's shape; may use ``space.raw``)."""
        ...

    def meets(self, feature: SetFeature, out: Bool, space: Buffers) -> Bool:
        """Whether each pair has at least one id in common, written into ``out`` (may use ``space.raw``)."""
        ...

    def excluded(self) -> Bool:
        """The pairs the coordinator excluded (broadcasts to the view's shape)."""
        ...


class Grid:
    """Mentees ``start:stop`` (default: all) × every mentor; the batch goes through the mentees in tiles of rows
    that fit the CPU's cache."""

    def __init__(self, encoded: Encoded, start: int = 0, stop: int | None = None) -> None:
        self.encoded = encoded
        self.start = start
        self.stop = encoded.shape[0] if stop is None else stop
        self.rows = slice(self.start, self.stop)

    @property
    def shape(self) -> tuple[int, ...]:
        return self.stop - self.start, self.encoded.shape[1]

    def left(self, values: npt.NDArray[T]) -> npt.NDArray[T]:
        return values[self.rows, np.newaxis]

    def right(self, values: npt.NDArray[T]) -> npt.NDArray[T]:
        return values[np.newaxis, :]

    def _both(self, feature: SetFeature, word: int, space: Buffers) -> Bits:
        mentees = feature.mentees[self.rows, word, np.newaxis]
        return np.bitwise_and(mentees, feature.mentors[np.newaxis, :, word], out=space.words(feature.mentors.dtype))

    def common(self, feature: SetFeature, out: F64, space: Buffers) -> F64:
        np.bitwise_count(self._both(feature, 0, space), out=out, casting="unsafe")
        for word in range(1, feature.mentors.shape[1]):
            out += np.bitwise_count(self._both(feature, word, space))
        return out

    def meets(self, feature: SetFeature, out: Bool, space: Buffers) -> Bool:
        np.not_equal(self._both(feature, 0, space), 0, out=out)
        for word in range(1, feature.mentors.shape[1]):
            out |= self._both(feature, word, space) != 0
        return out

    def excluded(self) -> Bool:
        rows, cols = self.encoded.excluded
        inside = (rows >= self.start) & (rows < self.stop)
        if not inside.any():
            return np.zeros((1, 1), dtype=np.bool_)
        matrix = np.zeros(self.shape, dtype=np.bool_)
        matrix[rows[inside] - self.start, cols[inside]] = True
        return matrix


class Pairs:
    def __init__(self, encoded: Encoded, rows: I64, cols: I64) -> None:
        self.encoded = encoded
        self.rows = rows
        self.cols = cols

    @property
    def shape(self) -> tuple[int, ...]:
        return (self.rows.size,)

    def left(self, values: npt.NDArray[T]) -> npt.NDArray[T]:
        return values[self.rows]

    def right(self, values: npt.NDArray[T]) -> npt.NDArray[T]:
        return values[self.cols]

    def common(self, feature: SetFeature, out: F64, space: Buffers) -> F64:
        both = np.bitwise_and(feature.mentees[self.rows], feature.mentors[self.cols])
        return np.sum(np.bitwise_count(both), axis=1, dtype=np.float64, out=out)

    def meets(self, feature: SetFeature, out: Bool, space: Buffers) -> Bool:
        both = np.bitwise_and(feature.mentees[self.rows], feature.mentors[self.cols])
        return np.any(both != 0, axis=1, out=out)

    def excluded(self) -> Bool:
        m = self.encoded.shape[1]
        rows, cols = self.encoded.excluded
        return np.isin(self.rows * m + self.cols, rows * m + cols)
