"""Real-world input: hostile and awkward files in, nothing lost, nothing half-written.

Every fixture is made here, in ``tmp_path``: the seeds in GB18030, Big5 and UTF-8 with a BOM,
a page full of navigation and scripts, binary, empty, truncated, 20 MB, PDF-style broken lines,
traditional characters.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import sys
import types
from pathlib import Path

import pytest
from conftest import SEEDS, make_sample_graph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_corpus import PAGE, PDF_TEXT, check_offsets

from kg import atomic, corpus
from kg.build import BuildOptions, build, build_graph
from kg.errors import InputError, SkippedFile
from kg.model import Document

SEED = sorted(SEEDS.glob("*.txt"))[0]
TRADITIONAL_ARTICLE = (
    "武漢市第一醫院與隨州市中醫醫院簽約共建緊密型醫聯體\n\n"
    "2025年11月21日，武漢市第一醫院與隨州市中醫醫院簽署黨建共建緊密型醫聯體協議書。"
    "武漢市第一醫院將派出專家團隊，開展遠程會診和雙向轉診。\n"
)
# the files the build must skip, and a word of the reason it must give
MUST_SKIP = {"binary.txt": "binary", "empty.txt": "empty", "huge.txt": "over the limit",
             "scan.pdf.txt": "PDF", "english.txt": "no Chinese"}


def make_hostile_folder(folder: Path, with_seeds: bool = True) -> Path:
    """Write every awkward kind of article into ``folder``; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    if with_seeds:
        for seed in sorted(SEEDS.glob("*.txt")):
            shutil.copy(seed, folder / seed.name)
    text = SEED.read_text(encoding="utf-8")
    (folder / "copy_gb18030.txt").write_bytes(text.encode("gb18030"))
    (folder / "copy_bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (folder / "traditional_big5.txt").write_bytes(TRADITIONAL_ARTICLE.encode("big5"))
    (folder / "traditional_utf8.txt").write_text(TRADITIONAL_ARTICLE, encoding="utf-8")
    (folder / "clutter.html").write_bytes(PAGE.encode("gbk"))
    (folder / "notes.md").write_text("# 医联体\n\n**武汉市第一医院**与[随州市中医医院](http://x.cn)签约。\n",
                                     encoding="utf-8")
    (folder / "pdf_lines.txt").write_text(PDF_TEXT, encoding="utf-8")
    cut = "武汉市第一医院与随州市中医医院签约。".encode()
    (folder / "truncated.txt").write_bytes(cut[:-1])
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.pdf.txt").write_bytes(b"%PDF-1.4\n" + os.urandom(512))
    (folder / "english.txt").write_text("Nothing in Chinese here.\n", encoding="utf-8")
    with (folder / "huge.txt").open("wb") as f:  # 20 MB, sparse on disk where the file system allows
        f.truncate(20_000_000)
    return folder


def test_robust_hostile_folder_loads_or_skips_each_file(tmp_path: Path) -> None:
    folder = make_hostile_folder(tmp_path / "in", with_seeds=False)
    notes: list[str] = []
    loaded: dict[str, Document] = {}
    skipped: dict[str, SkippedFile] = {}
    for item in corpus.iter_documents(corpus.collect_paths([folder]), notes=notes):
        if isinstance(item, SkippedFile):
            skipped[Path(item.path).name] = item
        else:
            loaded[Path(item.path).name] = item
            check_offsets(item.text, item.norm, item.offsets)
    assert set(skipped) == set(MUST_SKIP)
    for name, word in MUST_SKIP.items():
        assert word in str(skipped[name]) and name in str(skipped[name])
    assert loaded["copy_gb18030.txt"].text == SEED.read_text(encoding="utf-8")
    assert loaded["copy_gb18030.txt"].encoding == "gb18030"
    assert loaded["copy_bom.txt"].text == SEED.read_text(encoding="utf-8")
    assert loaded["traditional_big5.txt"].encoding == "big5"
    assert loaded["traditional_big5.txt"].norm == loaded["traditional_utf8.txt"].norm
    assert "与随州市中医医院签署党建共建紧密型医联体协议书" in loaded["traditional_big5.txt"].norm
    assert loaded["clutter.html"].date == "2025-11-21"
    assert "首页" not in loaded["clutter.html"].text
    assert loaded["truncated.txt"].text == "武汉市第一医院与随州市中医医院签约"
    assert any("truncated.txt" in n and "truncated" in n for n in notes)
    assert any("copy_gb18030.txt" in n and "gb18030" in n for n in notes)


# ---------------------------------------------------------------------------------------------
# properties

_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("武漢市第一醫院与随州中医联体签约。，、；：“”《》（）\n\n\r \u3000\t\xa0"
                             "ＡＢ１２—·…")),
        st.characters(codec="utf-8"),
    ),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_robust_normalise_never_crashes_and_maps_back(text: str) -> None:
    norm, offsets = corpus.normalise(text)
    check_offsets(text, norm, offsets)
    # what the normaliser deleted is white space (line breaks and spaces) only
    kept = set(offsets[:-1])
    for i, ch in enumerate(text):
        if i not in kept:
            assert ch in corpus._SPACES or ch in "\n\r" or ch in corpus._NEWLINES, (i, ch)
    # every span maps back: the raw slice without what was deleted is the norm slice, one for one
    doc = Document("d", "d.txt", text, norm, offsets)
    for s in range(0, len(norm), 7):
        for e in (s + 1, s + 5, len(norm)):
            if e > len(norm):
                continue
            raw_start, raw_end = doc.raw_span(s, e)
            raw = [text[i] for i in range(raw_start, raw_end) if i in kept]
            assert len(raw) == e - s


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.sampled_from([0, 3]))
def test_robust_markdown_normalise_maps_back(text: str, _unused: int) -> None:
    drop = corpus.markdown_markup(text)
    norm, offsets = corpus.normalise(text, drop)
    assert len(offsets) == len(norm) + 1 and offsets[-1] == len(text)
    assert all(o not in drop for o in offsets[:-1])
    assert list(offsets) == sorted(set(offsets))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=400),
                 _TEXT.map(lambda t: t.encode("gb18030")),
                 _TEXT.map(lambda t: t.encode("utf-8")[: max(0, len(t.encode("utf-8")) - 1)])))
def test_robust_decode_never_crashes(data: bytes) -> None:
    try:
        text, encoding = corpus.decode(data, "x.txt", notes=[])
    except SkippedFile as exc:
        assert exc.path == "x.txt"
        return
    assert isinstance(text, str) and encoding
    corpus.normalise(text)


@settings(max_examples=150, deadline=None)
@given(_TEXT, st.sampled_from(["<p>{}</p>", "<div><a>{}</a></div>", "{}", "<script>{}</script><p>医院</p>",
                               "<html><head><title>{}</title></head><body><p>{}</p></body></html>"]))
def test_robust_html_never_crashes(text: str, template: str) -> None:
    from kg.htmltext import extract_page

    page = extract_page(template.format(text, text))
    assert isinstance(page.text, str)
    corpus.normalise(page.text)


def _extract_document():
    try:
        return importlib.import_module("kg.extract").extract_document
    except Exception as exc:
        pytest.skip(f"kg.extract does not import yet ({type(exc).__name__}: {exc}); runs once it lands")


_ARTICLE_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["武汉市第一医院", "与", "随州市中医医院", "签约", "共建", "紧密型医联体", "。", "，",
                         "\n", "专家", "张力", "挂职", "副院长", "2025年7月2日", "（", "）", "医共体", "县",
                         "人民医院", "卫健委", " ", "\u3000", "醫院", "派驻", "托管", "对口帮扶"]),
        st.characters(codec="utf-8"),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ARTICLE_TEXT)
def test_robust_extract_never_crashes_and_evidence_slices(text: str) -> None:
    extract_document = _extract_document()
    norm, offsets = corpus.normalise(text)
    doc = Document("hyp.txt", "hyp.txt", text, norm, offsets)
    result = extract_document(doc)
    for ev in _evidence_in(result):
        assert 0 <= ev.start <= ev.end <= len(text)
        assert text[ev.start : ev.end] == ev.text, ev


def _evidence_in(obj, seen: set[int] | None = None):
    """Every :class:`Evidence` reachable from ``obj`` (the extractor's result type is its own)."""
    from dataclasses import fields, is_dataclass

    from kg.model import Evidence

    seen = seen if seen is not None else set()
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, Evidence):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _evidence_in(v, seen)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for v in obj:
            yield from _evidence_in(v, seen)
    elif is_dataclass(obj) and not isinstance(obj, type):
        for f in fields(obj):
            yield from _evidence_in(getattr(obj, f.name), seen)


# ---------------------------------------------------------------------------------------------
# the build: skipping, --strict, duplicates, notes, atomic outputs (with a stand-in extractor)


@pytest.fixture
def stand_in_pipeline(monkeypatch):
    """Replace extract and resolve by stand-ins, so these tests do not wait for them."""
    seen: list[Document] = []
    extract = types.ModuleType("kg.extract")
    extract.extract_document = lambda doc: seen.append(doc) or types.SimpleNamespace(doc=doc)
    resolve = types.ModuleType("kg.resolve")
    resolve.resolve = lambda extracted: make_sample_graph()
    monkeypatch.setitem(sys.modules, "kg.extract", extract)
    monkeypatch.setitem(sys.modules, "kg.resolve", resolve)
    return seen


def test_robust_build_skips_and_counts(tmp_path: Path, stand_in_pipeline) -> None:
    folder = make_hostile_folder(tmp_path / "in")
    notes: list[str] = []
    _graph, n_docs, skipped, duplicates = build_graph([folder], BuildOptions(), notes=notes)
    assert sorted(Path(s.path).name for s in skipped) == sorted(MUST_SKIP)
    # the GB18030 and BOM copies of the seed have the seed's text, the Big5 and UTF-8 traditional
    # copies the same normalised text: each is read once
    assert sorted(Path(d.split(" (")[0]).name for d in duplicates) == [
        "copy_bom.txt", "copy_gb18030.txt", "traditional_utf8.txt"]
    assert all("same text as" in d for d in duplicates)
    assert n_docs == len(stand_in_pipeline) == len(list(folder.iterdir())) - len(MUST_SKIP) - 3
    assert len({d.norm for d in stand_in_pipeline}) == n_docs
    assert any("truncated" in n for n in notes)


def test_robust_an_extraction_that_fails_skips_only_its_article(tmp_path: Path, monkeypatch) -> None:
    import kg.extract

    real = kg.extract.extract_document

    def flaky(doc):
        if "乙医院" in doc.norm:
            raise IndexError("string index out of range")
        return real(doc)

    monkeypatch.setattr(kg.extract, "extract_document", flaky)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("甲医院签约\n\n兰州大学第一医院与和政县人民医院签约。", encoding="utf-8")
    (folder / "bad.txt").write_text("乙医院签约\n\n乙医院与和政县人民医院签约。", encoding="utf-8")
    _graph, n_docs, skipped, _ = build_graph([folder], BuildOptions())
    assert n_docs == 1
    [bad] = skipped
    assert Path(bad.path).name == "bad.txt" and "IndexError" in str(bad) and "bug in kg" in str(bad)


def test_robust_build_strict_fails_naming_the_file(tmp_path: Path, stand_in_pipeline) -> None:
    folder = make_hostile_folder(tmp_path / "in")
    with pytest.raises(InputError, match=r"binary\.txt: .*--strict"):
        build_graph([folder], BuildOptions(strict=True))


def test_robust_cli_names_each_skipped_file(tmp_path: Path, stand_in_pipeline, monkeypatch) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    _stand_in_writers(monkeypatch)
    folder = make_hostile_folder(tmp_path / "in")
    out = tmp_path / "out"
    args = ["build", str(folder), "-o", str(out), "-q", "--no-views", "--no-store"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    for name in MUST_SKIP:
        assert sum(name in line for line in result.output.splitlines() if line.startswith("kg: skipped")) == 1
    assert f"{len(MUST_SKIP)} skipped" in result.output
    assert "read as gb18030" in result.output
    strict = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "-q", "--strict", "--no-views",
                                       "--no-store"])
    assert strict.exit_code == 2
    assert "kg: error:" in strict.output and "--strict" in strict.output and "Traceback" not in strict.output
    small = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "-q", "--no-views", "--no-store",
                                      "--max-bytes", "1000"])
    assert small.exit_code == 0
    assert "over the limit of 1,000" in small.output


def _stand_in_writers(monkeypatch) -> None:
    rdf = types.ModuleType("kg.rdf")
    rdf.triples_by_graph = lambda graph: {}
    rdf.turtle = lambda graph, triples=None: "# turtle\n" + "\n".join(sorted(graph.nodes)) + "\n"
    rdf.nquads = lambda graph, triples=None: "# nquads\n"
    rdf.write_turtle = lambda out, graph, triples=None: out.write(rdf.turtle(graph))
    rdf.write_nquads = lambda out, graph, triples=None: out.write(rdf.nquads(graph))
    monkeypatch.setitem(sys.modules, "kg.rdf", rdf)
    import kg

    monkeypatch.setattr(kg, "rdf", rdf, raising=False)


def test_robust_interrupted_build_leaves_previous_outputs_whole(tmp_path: Path, stand_in_pipeline,
                                                               monkeypatch) -> None:
    _stand_in_writers(monkeypatch)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    out = tmp_path / "out"
    build([folder], out, BuildOptions(views=False, store=False, nquads=True))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert {"graph.json", "graph.ttl", "graph.nq"} <= set(before)

    # 1. a writer raises half-way through serialising
    def boom(graph, triples=None):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(sys.modules["kg.rdf"], "nquads", boom)
    with pytest.raises(RuntimeError, match="disk on fire"):
        build([folder], out, BuildOptions(views=False, store=False, nquads=True))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before

    # 2. the process dies while a file is being written: the old file stays, no temporary is left
    monkeypatch.setattr(sys.modules["kg.rdf"], "nquads", lambda graph, triples=None: "# nquads, new\n")

    def replace_then_die(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", replace_then_die)
    with pytest.raises(KeyboardInterrupt):
        build([folder], out, BuildOptions(views=False, store=False, nquads=True))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_robust_atomic_write_keeps_old_file_on_error(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "graph.json"
    atomic.write_text_atomic(target, '{"old": true}')

    class Exploding(str):
        def encode(self, *args, **kwargs):
            raise MemoryError("half-way")

    with pytest.raises(MemoryError):
        atomic.write_text_atomic(target, Exploding("x"))
    assert target.read_text() == '{"old": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


# ---------------------------------------------------------------------------------------------
# done when: the real pipeline over the hostile folder


def _pipeline_or_skip() -> None:
    try:
        importlib.import_module("kg.extract")
        importlib.import_module("kg.resolve")
    except Exception as exc:
        pytest.skip(f"the pipeline is not complete yet ({type(exc).__name__}: {exc}); "
                    "runs once kg build works")


def _edges_without_doc_ids(graph_json: dict) -> set[str]:
    docs = {n["id"] for n in graph_json["nodes"] if n.get("type") == "Document"}
    key = "edges" if "edges" in graph_json else "links"
    found = set()
    for edge in graph_json[key]:
        edge = dict(edge)
        for end in ("source", "target"):
            if edge[end] in docs:
                edge[end] = "<document>"
        edge["evidence"] = sorted((ev["start"], ev["end"], ev["text"]) for ev in edge.get("evidence", []))
        found.add(json.dumps(edge, sort_keys=True, ensure_ascii=False))
    return found


def test_robust_done_when_hostile_build_finishes_and_encodings_agree(tmp_path: Path) -> None:
    _pipeline_or_skip()
    from click.testing import CliRunner

    from kg.cli import main

    folder = make_hostile_folder(tmp_path / "in")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    skipped_lines = [line for line in result.output.splitlines() if line.startswith("kg: skipped ")]
    for name, word in MUST_SKIP.items():
        assert any(name in line and word in line for line in skipped_lines), (name, skipped_lines)

    graphs = {}
    for name in (SEED.name, "copy_gb18030.txt", "copy_bom.txt"):
        one = tmp_path / f"only_{name}"
        one.mkdir()
        shutil.copy(folder / name, one / name)
        res = CliRunner().invoke(main, ["build", str(one), "-o", str(tmp_path / f"out_{name}"), "-q",
                                        "--no-views", "--no-store"])
        assert res.exit_code == 0, res.output
        graph_json = json.loads((tmp_path / f"out_{name}" / "graph.json").read_text(encoding="utf-8"))
        graphs[name] = _edges_without_doc_ids(graph_json)
    assert graphs[SEED.name], "the seed gave no edges"
    assert graphs["copy_gb18030.txt"] == graphs[SEED.name]
    assert graphs["copy_bom.txt"] == graphs[SEED.name]


def test_atomic_outputs_are_readable_by_others(tmp_path) -> None:
    from kg.atomic import write_text_atomic

    path = write_text_atomic(tmp_path / "graph.json", "{}")
    assert path.stat().st_mode & 0o044  # group/other may read, as with any file the user writes


def test_robust_replace_together_swaps_all_or_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("old a")
    with pytest.raises(RuntimeError, match="half-way"), atomic.replace_together(tmp_path) as open_new:
        with open_new("a.txt") as f:
            f.write("new a")
        open_new("b.txt").write("new b, never closed")
        raise RuntimeError("half-way")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    assert (tmp_path / "a.txt").read_text() == "old a"

    with atomic.replace_together(tmp_path) as open_new:
        with open_new("a.txt") as f:
            f.write("new a\n")
        open_new("b.txt").write("新 b\n")  # left open: closed and synced on the way out
    assert (tmp_path / "a.txt").read_text() == "new a\n"
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "新 b\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
