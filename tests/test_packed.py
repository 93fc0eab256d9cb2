"""kg.packed: extractions held pickled until they are resolved."""

from __future__ import annotations

from conftest import SEEDS

from kg import corpus
from kg.extract import extract_document
from kg.nodelink import dumps
from kg.packed import Packed
from kg.resolve import resolve


def test_packed_iterates_by_key_as_often_as_asked() -> None:
    packed: Packed[dict] = Packed()
    for key, item in [("b", {"n": 2}), ("a", {"n": 1}), ("c", {"n": 3}), ("a", {"n": 4})]:
        packed.append(key, item)
    assert len(packed) == 4
    assert [x["n"] for x in packed] == [1, 4, 2, 3]  # equal keys keep their order
    first = next(iter(packed))
    first["n"] = 99  # a copy: what is held stays as it was put
    assert [x["n"] for x in packed] == [1, 4, 2, 3]


def test_packed_extractions_resolve_to_the_same_graph() -> None:
    extractions = [extract_document(corpus.load(p)) for p in sorted(SEEDS.glob("*.txt"))]
    packed = Packed()
    for x in reversed(extractions):
        packed.append(x.doc.doc_id, x)
    assert dumps(resolve(packed)) == dumps(resolve(extractions))


def test_packed_holds_its_pickles_in_an_unnamed_file_until_closed(tmp_path) -> None:
    with Packed(tmp_path) as packed:
        packed.append("b", [2])
        packed.append("a", [1])
        one, two = iter(packed), iter(packed)
        assert (next(one), next(two), next(one), next(two)) == ([1], [1], [2], [2])  # interleaved
        packed.append("c", [3])  # appending after reading
        assert list(packed) == [[1], [2], [3]]
        assert list(tmp_path.iterdir()) == []  # nothing to clean up, even after a crash
    assert len(packed) == 0
