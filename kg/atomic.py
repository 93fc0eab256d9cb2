"""Write outputs so that a reader never sees half a file: write a temporary file, then rename it."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

__all__ = ["atomic_dir", "replace_together", "write_bytes_atomic", "write_text_atomic"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and an atomic rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are public
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_text_atomic(path: str | Path, text: str) -> Path:
    """UTF-8 text with ``\\n`` line ends, written atomically."""
    return write_bytes_atomic(path, text.encode("utf-8"))


@contextmanager
def atomic_dir(path: str | Path, retired: list[Path] | None = None) -> Iterator[Path]:
    """Build a folder under a temporary name and swap it into place when the block succeeds.

    The previous folder stays whole until the swap, and is removed after it; with ``retired``, it
    is put in that list instead (under a hidden name beside the new one) for the caller to remove
    when it suits: tens of thousands of pages take seconds to delete. On an error the temporary
    folder is removed.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = path.with_name(f".{path.name}.old")
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
    if path.exists():
        os.replace(path, old)
    os.replace(tmp, path)
    if retired is not None and old.exists():
        retired.append(old)
    else:
        shutil.rmtree(old, ignore_errors=True)


def remove_beside(folders: list[Path]) -> threading.Thread:
    """Remove ``folders`` on a thread (deleting files waits on the disk, not on Python); join it."""
    worker = threading.Thread(target=lambda: [shutil.rmtree(f, ignore_errors=True) for f in folders],
                              name="kg-remove", daemon=True)
    worker.start()
    return worker


@contextmanager
def replace_together(folder: str | Path) -> Iterator[Callable[[str], TextIO]]:
    """Write several files of ``folder`` under temporary names, then rename them all into place.

    The block gets ``open_new(name)``, a text file (UTF-8, ``\\n`` line ends) to stream into, so a
    large output is never held whole in memory. Only when the block succeeds are the files synced
    and renamed, one after the other; on an error every temporary file is removed and the previous
    outputs stay as they were.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path, TextIO]] = []

    def open_new(name: str) -> TextIO:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        f = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        staged.append((folder / name, Path(tmp), f))
        return f

    def temporary_path(name: str) -> Path:
        """Where ``name`` is being written (to read it back before the block ends)."""
        return next(tmp for path, tmp, _ in staged if path.name == name)

    open_new.path = temporary_path  # type: ignore[attr-defined]

    try:
        yield open_new
        for _, tmp, f in staged:
            if not f.closed:
                f.flush()
                os.fsync(f.fileno())
                f.close()
            else:
                with open(tmp, "rb") as done:
                    os.fsync(done.fileno())
            os.chmod(tmp, 0o666 & ~_umask())
        for path, tmp, _ in staged:
            os.replace(tmp, path)
    except BaseException:
        for _, tmp, f in staged:
            f.close()
            tmp.unlink(missing_ok=True)
        raise
