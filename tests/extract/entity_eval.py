"""Measure actor and place extraction against the gold, before the whole pipeline exists.

Not a test: a script. It ingests the bundled articles (``kg.ingest``), runs
``extract_mentions`` and grades the distinct entities of each article the way
``../shared/eval/score.py`` grades the knowledge graph (its own functions are imported
by path), so the numbers here predict the actors/places lines of score.py.

    .venv/bin/python tests/extract/entity_eval.py [--articles DIR] [--gold DIR] [-v]

``-v`` lists, per article, the misses (gold items not found) and the extras (found
items the gold does not have), which is what one reads to improve the rules.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))

from kg.extract.entities import extract_mentions  # noqa: E402
from kg.gazetteer import read_gazetteer  # noqa: E402
from kg.records import Article, Mention  # noqa: E402


def _score_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("marsad_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _articles(folder: Path) -> list[Article]:
    from kg.ingest import ingest

    out = []
    for item in ingest(sorted(folder.glob("*"))):
        if isinstance(item, Article):
            out.append(item)
        else:
            print(f"  ingest error: {item}", file=sys.stderr)
    return out


def _entities(score: ModuleType, mentions: list[Mention]) -> tuple[list, list]:
    by_key: dict[str, Mention] = {}
    for m in mentions:
        by_key.setdefault(m.entity.key, m)
    actors, places = [], []
    for m in by_key.values():
        ref = m.entity
        ent = score.entity(ref.qid, [ref.label_ar], ref.type)
        (places if ref.type == "Place" else actors).append(ent)
    return actors, places


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=ROOT / "data" / "articles")
    ap.add_argument("--gold", type=Path, default=SHARED / "gold")
    ap.add_argument("--score", type=Path, default=SHARED / "score.py")
    ap.add_argument("--gazetteer", type=Path, help="a gazetteer folder to use instead of "
                    "kg/gazetteer/data (e.g. one without the gold's minor people, to see what "
                    "the cue rules find on their own)")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    score = _score_module(a.score)
    gaz = read_gazetteer(a.gazetteer) if a.gazetteer else None

    tallies = {"actors": score.Tally(), "places": score.Tally()}
    started = time.perf_counter()
    n_mentions = 0
    for art in _articles(a.articles):
        gold_path = a.gold / f"{art.id}.json"
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        mentions = extract_mentions(art, gaz)
        n_mentions += len(mentions)
        bad = [m for m in mentions if art.original[m.start:m.end] != m.surface]
        if bad:
            print(f"  {art.id}: {len(bad)} mentions with wrong offsets", file=sys.stderr)
        actors, places = _entities(score, mentions)
        for cat, found in (("actors", actors), ("places", places)):
            before = (tallies[cat].tp, tallies[cat].fp, tallies[cat].fn)
            score.grade_entities(tallies[cat], found, gold.get(cat, []))
            if a.verbose:
                _explain(score, art.id, cat, found, gold.get(cat, []), before, tallies[cat])
    took = time.perf_counter() - started
    print(f"{'category':10} {'P':>6} {'R':>6} {'F1':>6}   attributes")
    for cat, t in tallies.items():
        p, r, f = t.f1()
        attrs = "  ".join(f"{k}={ok / n:.2f}" for k, (ok, n) in t.attr.items() if n)
        print(f"{cat:10} {p:6.2f} {r:6.2f} {f:6.2f}   {attrs}   (tp={t.tp} fp={t.fp} fn={t.fn})")
    print(f"{n_mentions} mentions in {took:.2f}s")


def _explain(score: ModuleType, doc: str, cat: str, found: list, gold: list,
             before: tuple[int, int, int], t: object) -> None:
    used = [False] * len(found)
    for g in gold:
        hit = next((i for i, e in enumerate(found) if not used[i] and score.matches(g, e)), None)
        if hit is None:
            if not g.get("optional"):
                print(f"  {doc} {cat} MISS  {g['labels'][0]} ({g.get('type')}, {g.get('qid')})")
            continue
        used[hit] = True
        e = found[hit]
        if g.get("qid") and e[0] != g["qid"] and not g.get("optional"):
            print(f"  {doc} {cat} LINK  {g['labels'][0]}: got {e[0]} want {g['qid']}")
        if g.get("type") and e[2] and not str(e[2]).endswith(g["type"]) and not g.get("optional"):
            print(f"  {doc} {cat} TYPE  {g['labels'][0]}: got {e[2]} want {g['type']}")
    for i, e in enumerate(found):
        if not used[i]:
            print(f"  {doc} {cat} EXTRA {e[1][0] if e[1] else '?'} ({e[2]}, {e[0]})")


if __name__ == "__main__":
    main()
