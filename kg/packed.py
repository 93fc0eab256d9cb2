"""Objects kept pickled in a temporary file, unpickled one at a time as they are iterated."""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import Generic, TypeVar

__all__ = ["Packed"]

T = TypeVar("T")


class Packed(Generic[T]):
    """Objects kept pickled, iterated in the order of their keys (as often as needed), each
    unpickled only while it is looked at.

    The build holds every article's extraction until they are resolved: as objects, those of a
    100 MB corpus took 1.5 GB; pickled, a quarter of that, and :func:`kg.resolve.resolve` reads
    them in two passes. The pickles go to an unnamed temporary file (in ``folder``, else the
    system's): held in memory, their 0.3 GB stayed with the process once freed (Python's
    allocator keeps the holes, and the graph and pages never fit in them), under everything that
    came after. Only each object's key and place in the file stay in memory.
    """

    def __init__(self, folder: str | Path | None = None) -> None:
        # open as long as the object (closed by close()); unnamed, so gone even after a crash
        self._file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115
        self._size = 0
        self._index: list[tuple[str, int, int]] = []  # key, offset, length
        self._sorted = True

    def append(self, key: str, item: T) -> None:
        self.append_pickled(key, pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))

    def append_pickled(self, key: str, data: bytes) -> None:
        """Add an object pickled already (by a worker process, say)."""
        if self._index and key < self._index[-1][0]:
            self._sorted = False
        self._file.seek(self._size)
        self._file.write(data)
        self._index.append((key, self._size, len(data)))
        self._size += len(data)

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[T]:
        if not self._sorted:
            self._index.sort(key=itemgetter(0))  # stable: equal keys keep their order
            self._sorted = True
        f = self._file
        f.flush()
        for _, offset, length in self._index:
            f.seek(offset)
            yield pickle.loads(f.read(length))

    def close(self) -> None:
        """Let go of the file (also when the object is freed)."""
        self._file.close()
        self._index = []
        self._size = 0

    def __enter__(self) -> Packed[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
