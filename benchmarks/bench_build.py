"""Build throughput: the whole `kg build` against plain ``jieba.cut`` over the same text.

For each corpus size (made by ``make_corpus.py`` if missing, seed 0) this runs, each in a fresh
process so that peak memory is its own:

- ``jieba``: ``list(jieba.cut(text))`` (precise mode, the global tokenizer, dictionary already
  loaded) over the text of every article as read: the reference;
- ``serial``: ``kg build`` in one process, no cache, with views and store (``lean``, as ``kg build``
  runs), with the time of each
  stage (``segment`` is the part of ``extract`` spent in :mod:`kg.segment`, measured by wrapping
  its functions);
- ``workers``: the same with ``--workers N`` processes (checked byte-identical to ``serial``);
- ``incremental``: one article added to the corpus, rebuilt with the cache (and the outputs) of
  the previous build: first in one process (against ``serial``), then, with a second article,
  with ``--workers N`` (against ``workers``).

Peak memory is ``resource.getrusage(...).ru_maxrss`` (peak resident set size) of the build
process, and of its largest worker process. CPU seconds (user + system, workers included) are
given too: the machine may be shared, and CPU time is less sensitive to that than wall time.

Command: ``.venv/bin/python benchmarks/bench_build.py 1MB 10MB --workers 2``
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import make_corpus, parse_size  # noqa: E402

CORPORA = HERE / "corpora"
WORK = HERE / ".cache" / "bench_build"


def _rusage() -> dict[str, float]:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "peak_rss_mb": me.ru_maxrss / 1024,
        "peak_rss_worker_mb": kids.ru_maxrss / 1024,
        "cpu_s": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
    }


def _texts(corpus: Path) -> list[str]:
    from kg import corpus as kc

    out = []
    for p in kc.collect_paths([corpus]):
        try:
            out.append(kc.load(p).text)
        except Exception:
            continue
    return out


def run_jieba(corpus: Path) -> dict:
    import logging

    import jieba

    texts = _texts(corpus)
    jieba.setLogLevel(logging.WARNING)
    t0 = time.perf_counter()
    jieba.initialize()
    init = time.perf_counter() - t0
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    words = 0
    for text in texts:
        words += len(list(jieba.cut(text)))
    wall = time.perf_counter() - t0
    return {
        "seconds": wall,
        "cpu_s": time.process_time() - cpu0,
        "init_s": init,
        "characters": sum(map(len, texts)),
        "words": words,
        **_rusage(),
    }


def _instrument_segment(totals: dict[str, float]) -> None:
    """Wrap kg.segment's functions wherever they were imported, adding their time to totals."""
    import functools

    import kg
    import kg.extract
    import kg.segment as seg

    originals = {name: getattr(seg, name) for name in ("sentences", "paragraphs", "words", "pos_tag")}

    def wrap(fn):
        @functools.wraps(fn)
        def timed(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                totals["segment"] = totals.get("segment", 0.0) + time.perf_counter() - t

        return timed

    wrapped = {name: wrap(fn) for name, fn in originals.items()}
    for mod in list(sys.modules.values()):
        if mod is None or not getattr(mod, "__name__", "").startswith("kg"):
            continue
        for name, fn in originals.items():
            if getattr(mod, name, None) is fn:
                setattr(mod, name, wrapped[name])
    _ = kg


def run_build(inputs: list[str], out: Path, workers: int, cache: bool, segment: bool, nquads: bool) -> dict:
    from kg.build import BuildOptions, build

    totals: dict[str, float] = {}
    if segment:
        _instrument_segment(totals)
    t0 = time.perf_counter()
    result = build(inputs, out, BuildOptions(workers=workers, cache=cache, nquads=nquads, lean=True))
    wall = time.perf_counter() - t0
    timings = dict(result.timings)
    if segment:
        timings["segment (part of extract)"] = totals.get("segment", 0.0)
    return {
        "seconds": wall,
        "timings": timings,
        "documents": result.documents,
        "cache_hits": result.cache_hits,
        "store_updated": result.store_updated,
        "characters": result.characters,
        "counts": result.counts(),
        **_rusage(),
    }


def _child(args: list[str]) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child failed: {' '.join(args)}\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _sizes(out: Path) -> dict[str, int]:
    """Bytes of each output (a folder's files summed)."""
    sizes = {}
    for path in sorted(out.iterdir()):
        if path.name.startswith("."):
            continue
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        sizes[path.name] = sum(p.stat().st_size for p in files)
    return sizes


def bench_size(size: str, workers: int, nquads: bool = False, incremental: bool = True) -> dict:
    corpus = CORPORA / size
    if not corpus.is_dir():
        make_corpus(parse_size(size), corpus, seed=0)
    nbytes = sum(p.stat().st_size for p in corpus.rglob("*.txt"))
    work = WORK / size
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    res: dict = {"size": size, "bytes": nbytes, "articles": sum(1 for _ in corpus.rglob("*.txt"))}
    res["jieba"] = _child(["jieba", str(corpus)])
    f = "1" if nquads else "0"
    res["nquads"] = nquads
    res["serial"] = _child(["build", str(work / "serial"), "1", "0", "1", f, str(corpus)])
    for folder in ("views", "store"):  # not compared below; at 100 MB the disk holds one set only
        shutil.rmtree(work / "serial" / folder, ignore_errors=True)
    res["workers"] = _child(["build", str(work / "workers"), str(workers), "1", "0", f, str(corpus)])
    res["workers"]["n"] = workers
    res["sizes"] = _sizes(work / "workers")
    res["identical"] = all(
        (work / "serial" / n).read_bytes() == (work / "workers" / n).read_bytes()
        for n in ("graph.json", "graph.ttl", "graph.nq")
        if (work / "serial" / n).exists()
    )
    if not incremental:
        return res
    # one article more, twice: built in one process, then (another one) with the workers, each
    # time onto the outputs and cache of the build before
    news = {
        "incremental_serial": (
            "1", "zz_new.txt", "2025年5月8日，华中科技大学同济医学院附属同济医院与阳新县人民医院签约共建"
            "紧密型医联体。\n同济医院派驻专家王磊挂职阳新县人民医院副院长。\n"),
        "incremental": (
            str(workers), "zz_new2.txt", "2025年6月3日，四川大学华西医院与泸定县人民医院签约，托管泸定县"
            "人民医院。\n华西医院派驻专家李静挂职泸定县人民医院院长。\n"),
    }
    extra = work / "extra"
    extra.mkdir()
    for key, (n, name, text) in news.items():
        (extra / name).write_text(text, "utf-8")
        res[key] = _child(["build", str(work / "workers"), n, "1", "0", f, str(corpus), str(extra)])
    return res


def _fmt(res: dict) -> str:
    j, s, w = res["jieba"], res["serial"], res["workers"]
    chars = s["characters"]
    lines = [
        f"## {res['size']}: {res['articles']} articles, {res['bytes']:,} bytes, {chars:,} characters"
        + (" (with graph.nq)" if res["nquads"] else ""),
        f"jieba.cut      {j['seconds']:8.2f} s  {j['characters'] / j['seconds']:>10,.0f} chars/s"
        f"  (dictionary load {j['init_s']:.2f} s, not counted)",
    ]
    for name, r in (("serial", s), (f"workers={w['n']}", w)):
        ext = r["timings"]["load+extract (wall)"] + r["timings"]["hash"]
        lines.append(
            f"{name:<14} {r['seconds']:8.2f} s  {chars / r['seconds']:>10,.0f} chars/s  "
            f"x{r['seconds'] / j['seconds']:.1f}"
            f" jieba; load+extract {ext:.2f} s = x{ext / j['seconds']:.2f} jieba; cpu {r['cpu_s']:.1f} s;"
            f" peak {r['peak_rss_mb']:.0f} MB (worker {r['peak_rss_worker_mb']:.0f} MB)"
        )
    lines.append("stages (serial): " + " · ".join(f"{k} {v:.2f}" for k, v in s["timings"].items()))
    lines.append("stages (workers): " + " · ".join(f"{k} {v:.2f}" for k, v in w["timings"].items()))
    for key, name, full in (("incremental_serial", "serial", s), ("incremental", "workers", w)):
        inc = res.get(key)
        if inc is not None:
            lines.append(
                f"incremental, {name}: {inc['seconds']:.2f} s ({inc['cache_hits']} of {inc['documents']} "
                f"from the cache; {inc['seconds'] / full['seconds']:.0%} of the full {name} build; store: "
                f"{inc['store_updated']} subjects updated in place) · "
                + " · ".join(f"{k} {v:.2f}" for k, v in inc["timings"].items())
            )
    lines.append("output sizes (MB): " + " · ".join(f"{k} {v / 1e6:,.0f}" for k, v in res["sizes"].items()))
    lines.append(f"serial and workers outputs byte-identical: {res['identical']}")
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, *rest = sys.argv[2:]
        if kind == "jieba":
            out = run_jieba(Path(rest[0]))
        else:
            target, workers, cache, segment, nquads, *inputs = rest
            if cache == "0":
                shutil.rmtree(target, ignore_errors=True)
            out = run_build(inputs, Path(target), int(workers), cache == "1", segment == "1", nquads == "1")
        print(json.dumps(out))
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", nargs="+", help="corpus sizes, e.g. 1MB 10MB 100MB")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--nquads", action="store_true", help="also write graph.nq (kg build --nquads)")
    ap.add_argument("--no-incremental", action="store_true",
                    help="skip the incremental rebuild (it needs room for two sets of outputs)")
    args = ap.parse_args()
    print(
        f"machine: {platform.machine()}, {len(__import__('os').sched_getaffinity(0))} CPUs, "
        f"Python {platform.python_version()}, load average {__import__('os').getloadavg()}"
    )
    results = []
    for size in args.sizes:
        res = bench_size(size, args.workers, args.nquads, not args.no_incremental)
        results.append(res)
        print(_fmt(res), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), "utf-8")


if __name__ == "__main__":
    main()
