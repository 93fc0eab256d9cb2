"""Running the per-article work (read, normalise, extract) serially, on processes or on Dask.

Extraction is a pure function of one article, so articles can go anywhere; results always come
back in the order of the tasks, so the build's output does not depend on where they ran.

- ``serial``: in this process.
- ``process``: a :class:`concurrent.futures.ProcessPoolExecutor` started with ``spawn`` (no
  state is inherited; each worker loads the dictionaries once).
- ``dask``: a Dask ``distributed`` cluster: the one at ``scheduler`` (``tcp://host:8786``), or a
  local one started for the build. Workers get the article bytes with the task, so they need the
  package installed but not the files.

What goes back is an :class:`Outcome`: the extraction, pickled, with the article's text dropped
(the facts keep their evidence quotes; nothing after extraction reads the full text), or the reason
the file was skipped, plus notes and the time spent.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, SkippedFile
from .model import Document

__all__ = ["EXECUTORS", "Outcome", "Task", "extract_batch", "extract_one", "run_tasks", "shared_with_forks"]

EXECUTORS = ("local", "dask")

_freeze_depth = 0  # how many shared_with_forks blocks are open; the outermost one unfreezes


@contextlib.contextmanager
def shared_with_forks(active: bool = True) -> Iterator[None]:
    """Keep the objects that exist now out of the garbage collector's reach for the block.

    A forked process shares its parent's memory until either writes to a page; a collection in
    either would write to every object it walks (``gc.freeze``, as the Python docs advise before
    ``fork``). Inside another such block it freezes what was made since, and the outermost block
    lets everything go at its end. A no-op when not ``active``.
    """
    import gc

    global _freeze_depth
    if not active:
        yield
        return
    gc.freeze()
    _freeze_depth += 1
    try:
        yield
    finally:
        _freeze_depth -= 1
        if _freeze_depth == 0:
            gc.unfreeze()


@dataclass(frozen=True)
class Task:
    path: str
    max_bytes: int
    data: bytes | None = None  # the file's bytes, for workers that cannot read the path


@dataclass
class Outcome:
    path: str
    # kg.extract.DocumentExtraction without the article text, pickled by whoever extracted it: the
    # build keeps it so until it is resolved (kg.packed), so the process collecting the outcomes of
    # its workers neither unpickles nor pickles it again (0.2 s per MB of articles, on a busy core)
    extraction: bytes | None = None
    skipped: str | None = None  # the reason, when the file was skipped
    norm_hash: str = ""  # of the normalised text: duplicates are told apart by it
    notes: list[str] = field(default_factory=list)
    load_seconds: float = 0.0
    extract_seconds: float = 0.0
    characters: int = 0  # of the text as read
    doc_id: str = ""  # of the extraction


def _load(task: Task, notes: list[str]):
    from . import corpus

    if task.data is None:
        return corpus.load(task.path, max_bytes=task.max_bytes, notes=notes)
    # a remote worker: the bytes came with the task; read them from a file of the same name
    name = Path(task.path).name
    with tempfile.TemporaryDirectory(prefix="kg-") as tmp:
        local = Path(tmp) / name
        local.write_bytes(task.data)
        try:
            doc = corpus.load(local, max_bytes=task.max_bytes, notes=notes)
        except SkippedFile as exc:
            raise SkippedFile(task.path, exc.reason) from None
    notes[:] = [n.replace(str(local), task.path) for n in notes]
    return dataclasses.replace(doc, path=task.path)


def extract_one(task: Task, seen: set[str] | None = None) -> Outcome:
    """Read and extract one article. Never raises for a bad file, nor for an extraction that fails
    on it (a bug, reported as such): the reason goes in the outcome.

    An article whose normalised text is in ``seen`` (a duplicate) is not extracted: its outcome
    has no extraction, only the hash. The hash of every article read is added to ``seen``.
    """
    from .extract import extract_document

    notes: list[str] = []
    t0 = time.perf_counter()
    try:
        doc = _load(task, notes)
    except SkippedFile as exc:
        return Outcome(task.path, skipped=exc.reason, notes=notes, load_seconds=time.perf_counter() - t0)
    norm_hash = hashlib.blake2b(doc.norm.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    t1 = time.perf_counter()
    if seen is not None:
        if norm_hash in seen:
            return Outcome(task.path, None, None, norm_hash, notes, t1 - t0)
        seen.add(norm_hash)
    try:
        x = extract_document(doc)
    except Exception as exc:  # a fault of kg's on one article must not sink the build
        reason = (f"extraction failed ({type(exc).__name__}: {exc}); this is a bug in kg: please "
                  "report it with this file")
        return Outcome(task.path, skipped=reason, norm_hash=norm_hash, notes=notes, load_seconds=t1 - t0)
    if isinstance(getattr(x, "doc", None), Document):
        with contextlib.suppress(dataclasses.FrozenInstanceError):
            x.doc = dataclasses.replace(doc, text="", norm="", offsets=())  # no later stage reads it
    packed = pickle.dumps(x, protocol=pickle.HIGHEST_PROTOCOL)
    t2 = time.perf_counter()
    return Outcome(task.path, packed, None, norm_hash, notes, t1 - t0, t2 - t1, len(doc.text), doc.doc_id)


def extract_batch(tasks: Sequence[Task]) -> list[Outcome]:
    """:func:`extract_one` for each task, in order (one round trip for several small articles)."""
    return [extract_one(t) for t in tasks]


def _warm_up() -> None:
    """Load the dictionaries in a new worker before the first article (so timings are per article)."""
    from .lexicon import lexicon
    from .regions import gazetteer
    from .segment import tokenizer

    gazetteer()
    lexicon()
    tokenizer()


def _batches(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    batch: list[Task] = []
    for t in tasks:
        batch.append(t)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _batch_size(n: int, workers: int) -> int:
    # a few batches per worker so that they finish together; at most 32 articles per round trip
    return max(1, min(32, n // (workers * 8) or 1))


def run_tasks(
    tasks: Sequence[Task], workers: int = 1, executor: str = "local", scheduler: str | None = None
) -> Iterator[Outcome]:
    """Outcomes of ``tasks``, in their order, computed on ``workers`` workers of ``executor``."""
    if executor not in EXECUTORS:
        raise InputError(f"unknown executor {executor!r}; choose one of {', '.join(EXECUTORS)}")
    if executor == "dask":
        yield from _run_dask(tasks, workers, scheduler)
        return
    if workers <= 1 or len(tasks) <= 1:
        seen: set[str] = set()
        for t in tasks:
            yield extract_one(t, seen)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    workers = min(workers, len(tasks))
    size = _batch_size(len(tasks), workers)
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_warm_up) as pool:
        for batch in pool.map(extract_batch, _batches(tasks, size)):
            yield from batch


def _run_dask(tasks: Sequence[Task], workers: int, scheduler: str | None) -> Iterator[Outcome]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise InputError(
            "the dask executor needs Dask distributed; install it with: pip install 'yilian-kg[cluster]'"
        ) from exc
    # the bytes travel with the task: a remote worker need not see the files
    tasks = [
        t if t.data is not None else dataclasses.replace(t, data=Path(t.path).read_bytes()) for t in tasks
    ]
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        size = _batch_size(len(tasks), n_workers)
        futures = client.map(extract_batch, list(_batches(tasks, size)), pure=False)
        for fut in futures:
            result = fut.result()
            fut.release()
            yield from result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def default_workers() -> int:
    """The number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
