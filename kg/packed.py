"""Objects kept pickled in memory, unpickled one at a time as they are iterated."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from operator import itemgetter
from typing import Generic, TypeVar

__all__ = ["Packed"]

T = TypeVar("T")


class Packed(Generic[T]):
    """Objects kept pickled, iterated in the order of their keys (as often as needed), each
    unpickled only while it is looked at.

    The build holds every article's extraction until they are resolved: as objects, those of a
    100 MB corpus took 1.5 GB; pickled, a quarter of that, and :func:`kg.resolve.resolve` reads
    them in two passes.
    """

    def __init__(self) -> None:
        self._items: list[tuple[str, bytes]] = []
        self._sorted = True

    def append(self, key: str, item: T) -> None:
        if self._items and key < self._items[-1][0]:
            self._sorted = False
        self._items.append((key, pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)))

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        if not self._sorted:
            self._items.sort(key=itemgetter(0))  # stable: equal keys keep their order
            self._sorted = True
        for _, data in self._items:
            yield pickle.loads(data)
