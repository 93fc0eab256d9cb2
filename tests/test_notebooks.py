"""The notebooks of notebooks/ run start to finish on a fresh build of the seeds.

nbclient runs them with a kernel of this Python (the venv's ipykernel).

They are stored without outputs; a failing cell fails the test. The build goes into pytest's
temporary folder through the ``out`` parameter (the cell tagged ``parameters``, papermill-style).
"""

from __future__ import annotations

from pathlib import Path

import pytest

HINT = "the notebook tests need the notebook extra: pip install -e '.[notebook]'"
nbformat = pytest.importorskip("nbformat", reason=HINT)
nbclient = pytest.importorskip("nbclient", reason=HINT)
for _module in ("ipykernel", "pandas", "matplotlib"):
    pytest.importorskip(_module, reason=HINT)

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

# notebook, parameters to inject
CASES = [
    ("explore.ipynb", {}),
    ("region.ipynb", {}),
    ("region.ipynb", {"province": "新疆"}),  # a province with little in it, by its short name
]


def _run(name: str, params: dict[str, object]):
    book = nbformat.read(NOTEBOOKS / name, as_version=4)
    tagged = [i for i, c in enumerate(book.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{name}: one cell must be tagged 'parameters'"
    source = "\n".join(f"{k} = {v!r}" for k, v in params.items())
    book.cells.insert(tagged[0] + 1, nbformat.v4.new_code_cell(source))
    client = nbclient.NotebookClient(book, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    return book


@pytest.mark.parametrize("name", sorted({n for n, _ in CASES}))
def test_notebooks_are_stored_without_outputs(name):
    book = nbformat.read(NOTEBOOKS / name, as_version=4)
    for cell in book.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{name}: clear its outputs"


@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_notebooks_run(name, params, tmp_path):
    book = _run(name, {**params, "out": str(tmp_path / "out")})
    assert (tmp_path / "out" / "graph.json").is_file()  # it built where it was told
    outputs = [o for c in book.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    kinds = {k for o in outputs for k in o.get("data", {})}
    assert {"text/markdown", "text/html"} <= kinds
    assert "image/png" in kinds  # the charts were drawn
    if name == "explore.ipynb":
        pages = [o.get("data", {}).get("text/html", "") for o in outputs]
        html = [p for p in pages if "<iframe srcdoc" in p]
        assert html and "vis.Network" in html[0]  # the interactive view, its scripts inlined
