"""Set features as bitsets: the one-hot encoding of each set, packed into machine words.

Each set feature pair (needs ↔ competences, education wishes ↔ fields, interests ↔ interests, languages ↔
languages, availability flags ↔ availability flags) is one-hot encoded over the union of the ids both sides use,
and the one-hot rows are packed into bits, so that one AND and one popcount per word give the size of every
mentee's intersection with every mentor's set (exact integer counts).

This replaces the one-hot matrix product (one BLAS product per feature) that was tried first: on these 2-vCPU
machines OpenBLAS hands every product to worker threads, which then busy-wait for the next one; with a product per
tile the batch's scoring got 3-10 times slower, and the solver that runs right after it about 40 % slower (see
bench/README.md, "Matching"). The bitsets use no BLAS and are faster than even a single-threaded product. Words
are the narrowest unsigned type that holds the vocabulary (8, 16 or 32 bits; several 64-bit words beyond 64 ids):
narrow words are faster to AND and count.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

import numpy as np
import numpy.typing as npt

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
Bool = npt.NDArray[np.bool_]
Bits = npt.NDArray[np.unsignedinteger[Any]]


@dataclass(frozen=True)
class SetFeature:
    """One set feature pair on a shared vocabulary, as bitsets: bit k of a row is vocabulary[k] (words of the
    smallest unsigned integer type that holds the vocabulary, several words beyond 64 ids). The size of an
    intersection is ``popcount(mentee_bits & mentor_bits)`` summed over the words."""

    vocabulary: I64  # the ids, sorted
    mentees: Bits  # n × words
    mentors: Bits  # m × words
    mentee_sizes: F64  # n: the size of each mentee's set
    mentor_sizes: F64  # m

    def take_mentors(self, index: I64) -> SetFeature:
        return dataclasses.replace(self, mentors=self.mentors[index], mentor_sizes=self.mentor_sizes[index])

    def take_mentees(self, index: I64) -> SetFeature:
        return dataclasses.replace(self, mentees=self.mentees[index], mentee_sizes=self.mentee_sizes[index])


def _flat(sets: Sequence[frozenset[int]]) -> tuple[I64, I64]:
    sizes = np.fromiter(map(len, sets), dtype=np.int64, count=len(sets))
    ids = np.fromiter(chain.from_iterable(sets), dtype=np.int64, count=int(sizes.sum()))
    return sizes, ids


def _word_type(size: int) -> type[np.unsignedinteger[Any]]:
    """The narrowest word for ``size`` bits (narrow words are faster to AND and count), else 64-bit words."""
    for word in (np.uint8, np.uint16, np.uint32):
        if size <= np.iinfo(word).bits:
            return word
    return np.uint64


def _bitsets(sizes: I64, ids: I64, vocabulary: I64) -> Bits:
    word = _word_type(vocabulary.size)
    width = np.iinfo(word).bits
    position = np.searchsorted(vocabulary, ids)
    bits = np.zeros((sizes.size, max(1, -(-vocabulary.size // width))), dtype=np.uint64)
    rows = np.repeat(np.arange(sizes.size), sizes)
    np.add.at(bits, (rows, position // width), np.left_shift(np.uint64(1), (position % width).astype(np.uint64)))
    return bits.astype(word)


def set_feature(mentee_sets: Sequence[frozenset[int]], mentor_sets: Sequence[frozenset[int]]) -> SetFeature:
    left_sizes, left_ids = _flat(mentee_sets)
    right_sizes, right_ids = _flat(mentor_sets)
    vocabulary = np.unique(np.concatenate([left_ids, right_ids]))
    return SetFeature(
        vocabulary=vocabulary,
        mentees=_bitsets(left_sizes, left_ids, vocabulary),
        mentors=_bitsets(right_sizes, right_ids, vocabulary),
        mentee_sizes=left_sizes.astype(np.float64),
        mentor_sizes=right_sizes.astype(np.float64),
    )
