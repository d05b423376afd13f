"""The store lands a build whole or not at all, and replaces an article's graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.store import current_generation, open_store, writer

G1 = ox.NamedNode("https://w3id.org/marsad/id/graph/a1")
S = ox.NamedNode("https://w3id.org/marsad/id/article/a1")
P = ox.NamedNode("http://example.org/p")


def triples(*values: str) -> list[ox.Triple]:
    return [ox.Triple(S, P, ox.Literal(v)) for v in values]


def count(root: Path) -> int:
    return len(list(open_store(root).quads_for_pattern(None, None, None)))


def test_a_new_store_has_nothing_to_open(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="kg build"):
        open_store(tmp_path / "nothing")


def test_a_build_is_served_once_it_completes(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with writer(root) as w:
        w.replace_graph(G1, triples("x", "y"))
    assert count(root) == 2
    assert current_generation(root) is not None


def test_rebuilding_a_graph_replaces_it_and_never_duplicates(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with writer(root) as w:
        w.replace_graph(G1, triples("x", "y"))
    with writer(root) as w:
        w.replace_graph(G1, triples("z"))
    store = open_store(root)
    assert [q.object.value for q in store.quads_for_pattern(None, None, None, G1)] == ["z"]


def test_a_failed_build_leaves_the_previous_store_serving(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with writer(root) as w:
        w.replace_graph(G1, triples("x"))
    served = current_generation(root)
    with pytest.raises(RuntimeError), writer(root) as w:
        w.replace_graph(G1, triples("half", "written"))
        raise RuntimeError("killed mid-build")
    assert current_generation(root) == served
    assert count(root) == 1
    assert len(list(root.glob("gen-*"))) == 1  # the half-written generation is gone


def test_two_builds_cannot_write_one_store_at_once(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with writer(root), pytest.raises(StoreError, match="another kg build"), writer(root):
        pass


def test_a_reader_that_opened_the_old_generation_keeps_reading_it(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with writer(root) as w:
        w.replace_graph(G1, triples("old"))
    reader = open_store(root)
    with writer(root) as w:
        w.replace_graph(G1, triples("new"))
    assert [q.object.value for q in reader.quads_for_pattern(None, None, None)] == ["old"]
    assert [q.object.value for q in open_store(root).quads_for_pattern(None, None, None)] == ["new"]


def test_a_backup_restores_exactly_what_was_served(tmp_path: Path) -> None:
    from kg.store import backup, restore

    root = tmp_path / "store"
    with writer(root) as w:
        w.replace_graph(G1, triples("kept", "too"))
    backup(root, tmp_path / "bak")
    with writer(root) as w:
        w.replace_graph(G1, triples("changed later"))
    restore(root, tmp_path / "bak")
    values = sorted(q.object.value for q in open_store(root).quads_for_pattern(None, None, None))
    assert values == ["kept", "too"]


def test_a_backup_never_overwrites(tmp_path: Path) -> None:
    from kg.store import backup

    root = tmp_path / "store"
    with writer(root) as w:
        w.replace_graph(G1, triples("x"))
    (tmp_path / "bak").mkdir()
    with pytest.raises(StoreError, match="already exists"):
        backup(root, tmp_path / "bak")
