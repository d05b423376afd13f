"""The on-disk Oxigraph store, written in generations and swapped atomically.

A store directory ``ROOT`` (the ``--store`` of every command) holds::

    ROOT/current          -> a symlink to the generation being served
    ROOT/gen-<stamp>/     an Oxigraph (RocksDB) store plus marsad-manifest.json

A build copies the current generation with Oxigraph's backup (a RocksDB checkpoint: hard
links, so it is quick), applies its changes to the copy, and only when every change is in
and flushed, replaces the ``current`` symlink with ``os.replace`` (atomic on POSIX). A
failed or killed build leaves ``current`` as it was, and the next build removes the
half-written generation. Readers (``kg query``, the server) open ``current`` read-only.

The previous generation is kept, so that a server which opened it before a swap can go on
reading it; older ones are removed.
"""

from __future__ import annotations

import fcntl
import gc
import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import StoreError

__all__ = [
    "Manifest", "StoreWriter", "current_generation", "open_store", "writer", "is_store",
]

MANIFEST = "marsad-manifest.json"
CURRENT = "current"


@dataclass
class Manifest:
    """What a generation holds: per article, the content hash and pipeline fingerprint it
    was built from, so an unchanged article need not be built again."""

    articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    built_at: str | None = None
    version: str | None = None
    fingerprint: str | None = None

    @classmethod
    def read(cls, gen: Path) -> Manifest:
        p = gen / MANIFEST
        if not p.exists():
            return cls()
        data = json.loads(p.read_text(encoding="utf-8"))
        return cls(**{k: data.get(k) for k in ("built_at", "version", "fingerprint")},
                   articles=data.get("articles", {}))

    def write(self, gen: Path) -> None:
        tmp = gen / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps(self.__dict__, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, gen / MANIFEST)


def is_store(root: Path) -> bool:
    """True when ``root`` is a Marsad store directory with a served generation."""
    return (root / CURRENT).exists()


def current_generation(root: Path) -> Path | None:
    """The generation directory ``current`` points at, or None for a new store."""
    link = root / CURRENT
    if not link.exists():
        return None
    return link.resolve()


def open_store(root: Path, read_only: bool = True) -> ox.Store:
    """Open the served generation of ``root`` (read-only unless asked otherwise).

    Raises StoreError with what to do when there is nothing to open.
    """
    gen = current_generation(root)
    if gen is None:
        if (root / "CURRENT").exists():  # a plain Oxigraph store, not written by kg build
            gen = root
        else:
            raise StoreError(
                f"{root}: no Marsad store here. Build one first: kg build data/articles --store {root}"
            )
    try:
        return ox.Store.read_only(str(gen)) if read_only else ox.Store(str(gen))
    except OSError as e:
        raise StoreError(f"{gen}: cannot open the Oxigraph store ({e})") from e


class StoreWriter:
    """Changes to one new generation; see ``writer``."""

    def __init__(self, store: ox.Store, gen: Path, manifest: Manifest) -> None:
        self.store = store
        self.gen = gen
        self.manifest = manifest

    def replace_graph(self, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> int:
        """Replace the content of ``graph`` with ``triples``; returns how many were written.

        The new content is added in one ``extend`` call (one transaction), after the old
        graph is removed; the generation is only served once the whole build succeeded, so
        a reader never sees the gap.
        """
        quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
        if self.store.contains_named_graph(graph):
            self.store.remove_graph(graph)
        self.store.extend(quads)
        return len(quads)

    def load_graphs(self, graphs: Sequence[ox.NamedNode], nquads: bytes) -> None:
        """Replace the named ``graphs`` with the quads of ``nquads`` (N-Quads, every quad in
        one of ``graphs``), in one parse-and-load by Oxigraph.

        This is the fast path of ``kg build``: a batch of articles is written without
        building a Python object per quad or a transaction per article. The bulk loader
        writes outside transactions, which is safe here because the generation is private
        until the swap, and a build that fails or is killed never swaps it in (its
        generation is removed). Blank-node labels are scoped to one call: they must not be
        shared between graphs of a batch (rdflib's labels are unique per process).
        """
        for graph in graphs:
            self.remove_graph(graph)
        if nquads:
            self.store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)

    def remove_graph(self, graph: ox.NamedNode) -> None:
        if self.store.contains_named_graph(graph):
            self.store.remove_graph(graph)

    def close(self) -> None:
        """Drop this writer's handle on the generation, so that RocksDB closes it now.

        pyoxigraph has no ``close``: a store closes when its last reference goes. A caller
        that keeps ``w`` after its ``with`` block would otherwise keep the generation open
        read-write, and its background compactions could delete files that the next
        build's read-only open of that generation is reading ("Corruption: ... .sst: No
        such file or directory").
        """
        self.__dict__.pop("store", None)

    def named_graphs(self) -> list[ox.NamedNode]:
        return [g for g in self.store.named_graphs() if isinstance(g, ox.NamedNode)]


def _stamp() -> str:
    return time.strftime("%Y%m%dT%H%M%S") + f"-{time.time_ns() % 1_000_000_000:09d}-{os.getpid()}"


def _prune(root: Path, keep: set[Path]) -> None:
    for p in root.glob("gen-*"):
        if p.resolve() not in keep:
            shutil.rmtree(p, ignore_errors=True)
    for p in root.glob(".current-*"):
        p.unlink(missing_ok=True)


@contextmanager
def writer(root: Path) -> Iterator[StoreWriter]:
    """Open a new generation of ``root`` for writing; swap it in when the block succeeds.

    >>> with writer(Path("/tmp/store")) as w:          # doctest: +SKIP
    ...     w.replace_graph(graph_iri, triples)
    """
    root.mkdir(parents=True, exist_ok=True)
    lock = open(root / ".lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        lock.close()
        raise StoreError(f"{root}: another kg build is writing this store; wait for it to end") from e
    try:
        with _locked_writer(root) as w:
            yield w
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()


@contextmanager
def _locked_writer(root: Path) -> Iterator[StoreWriter]:
    if (root / "CURRENT").exists() and not (root / CURRENT).exists():
        raise StoreError(f"{root}: a plain Oxigraph store; give kg build a new or Marsad store directory")
    previous = current_generation(root)
    # generations that a killed build left behind are never served: remove them
    keep = {previous} if previous else set()
    _prune(root, keep | ({previous.resolve()} if previous else set()) | _served_before(root))
    gen = root / f"gen-{_stamp()}"
    try:
        if previous is not None:
            src = ox.Store.read_only(str(previous))
            src.backup(str(gen))
            del src
            manifest = Manifest.read(previous)
            if (previous / MANIFEST).exists():
                shutil.copy2(previous / MANIFEST, gen / MANIFEST)
        else:
            manifest = Manifest()
        store = ox.Store(str(gen))
    except OSError as e:
        shutil.rmtree(gen, ignore_errors=True)
        raise StoreError(f"{root}: cannot create a new store generation ({e})") from e
    w = StoreWriter(store, gen, manifest)
    try:
        yield w
        store.flush()
        manifest.write(gen)
    except BaseException:
        w.close()
        del w, store
        gc.collect()
        shutil.rmtree(gen, ignore_errors=True)
        raise
    w.close()
    del w, store
    gc.collect()
    link_tmp = root / f".current-{os.getpid()}"
    link_tmp.unlink(missing_ok=True)
    link_tmp.symlink_to(gen.name)
    os.replace(link_tmp, root / CURRENT)
    (root / "previous").unlink(missing_ok=True)
    if previous is not None:
        (root / "previous").symlink_to(previous.name)
    _prune(root, {gen.resolve()} | ({previous.resolve()} if previous else set()))


def _served_before(root: Path) -> set[Path]:
    prev = root / "previous"
    return {prev.resolve()} if prev.exists() else set()


def backup(root: Path, target: Path) -> Path:
    """Copy the served generation of ``root`` to ``target`` with Oxigraph's backup.

    ``target`` must not exist; it becomes a standalone store that ``restore`` can bring
    back. The manifest goes with it.
    """
    gen = current_generation(root)
    if gen is None:
        raise StoreError(f"{root}: no Marsad store here to back up")
    if target.exists():
        raise StoreError(f"{target}: already exists; back up into a new directory")
    try:
        ox.Store.read_only(str(gen)).backup(str(target))
    except OSError as e:
        shutil.rmtree(target, ignore_errors=True)
        raise StoreError(f"{target}: backup failed ({e})") from e
    if (gen / MANIFEST).exists():
        shutil.copy2(gen / MANIFEST, target / MANIFEST)
    return target


def restore(root: Path, source: Path) -> Path:
    """Serve the backup at ``source`` from ``root``, swapped in atomically like a build."""
    if not (source / "CURRENT").exists():
        raise StoreError(f"{source}: not an Oxigraph backup (no CURRENT file)")
    with writer(root) as w:
        for g in w.named_graphs():
            w.remove_graph(g)
        src = ox.Store.read_only(str(source))
        w.store.extend(src.quads_for_pattern(None, None, None))
        del src
        restored = Manifest.read(source)
        w.manifest.articles = restored.articles
        w.manifest.fingerprint = restored.fingerprint
        w.manifest.version = restored.version
        w.manifest.built_at = restored.built_at
        gen = w.gen
    return gen
