"""A cache of per-article extractions, for incremental builds.

An entry is keyed by the article's path and bytes and by the *extractor version*: a hash of the
source of every module that runs before resolution (reading, normalising, segmenting,
extracting), of every data file in the package (gazetteer, lexicons) and of the versions of the
libraries they call (jieba, OpenCC, selectolax) and of Python. Changing a rule or a lexicon
line therefore misses every entry, and a stale result is never used. Entries live in
``OUT/.cache/extract-<version>/`` as pickles, one per article, each written atomically; entries
of other versions are removed after a build that used the current one.

The cache holds pickles: only point it at a folder you trust (your own build folder).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path

__all__ = ["ExtractionCache", "content_key", "extractor_version"]

# modules that only run after extraction: changing them does not change a cached extraction (not
# kg.parallel: its Outcome is what the cache holds)
_AFTER_EXTRACTION = frozenset(
    {
        "__init__",
        "atomic",
        "build",
        "cache",
        "cli",
        "evaluate",
        "iris",
        "layout",
        "nodelink",
        "query",
        "rdf",
        "resolve",
        "serve",
        "store",
        "synthetic",
        "views",
        "viewstyle",
        "vocab",
    }
)
_LIBRARIES = ("jieba", "opencc", "selectolax", "charset-normalizer")


@cache
def extractor_version() -> str:
    """A hex digest that changes whenever the extraction of any article could change.

    >>> len(extractor_version())
    32
    """
    package = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=16)
    h.update(f"python {sys.version_info[:2]}\n".encode())
    for lib in _LIBRARIES:
        try:
            version = metadata.version(lib)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{lib} {version}\n".encode())
    files = [p for p in sorted(package.glob("*.py")) if p.stem not in _AFTER_EXTRACTION]
    files += sorted(p for p in (package / "data").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in files:
        h.update(path.relative_to(package).as_posix().encode() + b"\0")
        h.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    return h.hexdigest()


def content_key(path: str, data: bytes, max_bytes: int) -> str:
    """The cache key of one article: its path as given, its bytes and the size limit."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{path}\0{max_bytes}\0".encode())
    h.update(data)
    return h.hexdigest()


class ExtractionCache:
    """Per-article results on disk under ``root/extract-<version>/``."""

    def __init__(self, root: str | Path, version: str | None = None) -> None:
        self.root = Path(root)
        self.version = version or extractor_version()
        self.dir = self.root / f"extract-{self.version}"
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.pkl"

    def get(self, key: str):
        """The stored value, or None (a missing or unreadable entry is a miss)."""
        try:
            with self._path(key).open("rb") as f:
                value = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        """Store ``value`` atomically (a temporary file renamed into place)."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pkl")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def prune_other_versions(self) -> None:
        """Remove entries written by other extractor versions: they can never be used again."""
        if not self.root.is_dir():
            return
        for child in self.root.iterdir():
            if child.is_dir() and child.name.startswith("extract-") and child != self.dir:
                shutil.rmtree(child, ignore_errors=True)
