"""The main job end to end: build the seeds, score against the gold copy, check offsets and determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import GOLD, SEEDS, assert_evidence_indexes_text

from kg.cli import main
from kg.evaluate import load_gold_file, score


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out), "-q", "--no-store"])
    assert result.exit_code == 0, result.output
    return out


def test_build_writes_the_three_contract_files(seed_build: Path) -> None:
    for name in ("graph.ttl", "graph.json", "graph.html"):
        assert (seed_build / name).stat().st_size > 0


def test_build_scores_well_on_the_seeds(seed_build: Path) -> None:
    res, problems = score(load_gold_file(GOLD), json.loads((seed_build / "graph.json").read_text("utf-8")))
    assert res["score"] >= 0.9, problems
    assert res["persons"]["non_expert_leaks"] == 0
    assert res["organizations"]["duplicates"] == 0
    assert res["persons"]["f1"] >= 0.9 and res["organizations"]["f1"] >= 0.9


def test_build_evidence_offsets_index_the_text_as_read(seed_build: Path) -> None:
    data = json.loads((seed_build / "graph.json").read_text("utf-8"))
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    assert_evidence_indexes_text(data, texts)


def test_build_is_deterministic(seed_build: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", str(SEEDS), "-o", str(tmp_path), "-q", "--no-store", "--no-views"]
    )
    assert result.exit_code == 0, result.output
    for name in ("graph.ttl", "graph.json"):
        assert (tmp_path / name).read_bytes() == (seed_build / name).read_bytes()


def test_rebuild_replaces_the_pages_and_leaves_no_old_folder(tmp_path: Path) -> None:
    import shutil

    from kg.build import BuildOptions, build

    src = tmp_path / "src"
    shutil.copytree(SEEDS, src)
    out = tmp_path / "out"
    build([src], out, BuildOptions(store=False))
    pages = {p.relative_to(out) for p in (out / "views").rglob("*.html")}
    dropped = sorted(src.glob("*.txt"))[0]
    dropped.unlink()  # an article less: some institutions are gone, and their pages with them
    build([src], out, BuildOptions(store=False))
    now = {p.relative_to(out) for p in (out / "views").rglob("*.html")}
    assert now < pages
    assert not [p.name for p in out.iterdir() if p.name.startswith(".views")]  # the old pages removed


def test_build_partnership_with_kind_and_date(seed_build: Path) -> None:
    data = json.loads((seed_build / "graph.json").read_text("utf-8"))
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    found = {
        frozenset((labels[e["source"]], labels[e["target"]])): e
        for e in data["edges"]
        if e["type"] == "partnerOf"
    }
    edge = found[frozenset(("武汉市第一医院", "阳新县中医医院"))]
    assert "TightMedicalAlliance" in edge["partnershipTypes"] and edge["date"] == "2025-07-02"


def test_cli_eval_prints_the_scorer_metrics(seed_build: Path) -> None:
    result = CliRunner().invoke(main, ["eval", str(GOLD), "--graph", str(seed_build / "graph.json")])
    assert result.exit_code == 0
    assert result.output.splitlines()[-1].startswith("score=")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "no/such/folder"], "no such file or folder"),
        (["eval", "{gold}", "--graph", "missing.json"], "run `kg build` first"),
    ],
)
def test_cli_errors_are_one_clear_line(args: list[str], message: str, tmp_path: Path) -> None:
    args = [a.replace("{gold}", str(GOLD)) for a in args]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert message in result.output


def test_cli_empty_folder_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "holds no articles" in result.output


ARTICLES = Path(__file__).resolve().parent / "articles"
GOLD_EXTRA = Path(__file__).resolve().parent / "gold_extra.json"


def test_build_generalises_to_articles_written_for_the_tests(tmp_path: Path) -> None:
    """Other provinces, a Big5 file in traditional characters, 兰大一院/浙医一院/北大人民医院, a list of
    three county hospitals, 县医院 and 我院, a Tibetan name without a surname, bylines and 化名."""
    result = CliRunner().invoke(
        main, ["build", str(ARTICLES), "-o", str(tmp_path), "-q", "--no-store", "--no-views"]
    )
    assert result.exit_code == 0, result.output
    res, problems = score(
        load_gold_file(GOLD_EXTRA), json.loads((tmp_path / "graph.json").read_text("utf-8"))
    )
    # floors a little under the scores of the day (0.888 and 0.843 on 1,152 articles): the set grows
    # with batches written to find what the extractor still misses, so a new batch lowers them
    assert res["score"] >= 0.88, problems
    assert res["persons"]["non_expert_leaks"] == 0
    assert res["partnerships"]["f1"] >= 0.83, problems


REFERENCE_SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "kgeval.py"


@pytest.mark.skipif(
    not REFERENCE_SCORER.exists(), reason="the reference scorer (../shared/tools) is not here"
)
def test_cli_eval_matches_the_reference_scorer(seed_build: Path) -> None:
    import subprocess
    import sys

    graph = str(seed_build / "graph.json")
    ours = CliRunner().invoke(main, ["eval", str(GOLD), "--graph", graph, "--json"]).output
    theirs = subprocess.run(
        [sys.executable, str(REFERENCE_SCORER), str(GOLD), graph, "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(ours[: ours.rindex("}") + 1]) == json.loads(theirs[: theirs.rindex("}") + 1])
