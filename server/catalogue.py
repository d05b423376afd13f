"""The example queries of ``queries/`` for the UI: each ``.rq`` file's header comment is
its description (the first line its title)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Catalogue", "ExampleQuery", "load_catalogue", "load_rq"]

_HERE = Path(__file__).resolve().parent / "sparql"


@dataclass(frozen=True)
class ExampleQuery:
    name: str
    title: str
    description: str
    query: str


@dataclass(frozen=True)
class Catalogue:
    queries: tuple[ExampleQuery, ...]


def _header(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    return lines


def load_catalogue(folder: Path) -> Catalogue:
    """Every ``*.rq`` directly in ``folder`` (not ``queries/eval/``), sorted by name."""
    out = []
    for path in sorted(folder.glob("*.rq")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        header = [h for h in _header(text)]
        title = next((h for h in header if h), path.stem)
        description = " ".join(h for h in header[1:] if h)
        out.append(ExampleQuery(path.stem, title, description, text))
    return Catalogue(tuple(out))


def load_rq(name: str) -> str:
    """One of the server's own queries (``server/sparql/NAME.rq``)."""
    return (_HERE / f"{name}.rq").read_text(encoding="utf-8")
