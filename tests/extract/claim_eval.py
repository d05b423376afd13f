"""Compare the claims extractor with the gold claims, the way score.py does (not a test).

    .venv/bin/python tests/extract/claim_eval.py [--articles data/articles]
        [--gold ../shared/eval/gold] [--show]

It imports ``../shared/eval/score.py`` by path and grades with its own ``overlap``,
``role_ok`` and ``match_events``, so the numbers are the claims line of score.py without
building a store. Articles come from ``kg.ingest.ingest`` and mentions from
``kg.extract.entities.extract_mentions``; while those modules are missing it falls back to
a plain line/sentence splitter and to mentions found by the gold actor labels (said so in
the output: numbers from the fallback are only a rough guide).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kg.extract.claims import extract_claims  # noqa: E402
from kg.records import (  # noqa: E402
    Article,
    ArticleMeta,
    EntityRef,
    Mention,
    Sentence,
    Span,
)
from kg.text.arabic import normalize, normalize_with_map  # noqa: E402


def load_score(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("marsad_score", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ------------------------------------------------------------------ inputs


def load_articles(folder: Path) -> tuple[list[Article], str]:
    try:
        from kg.ingest import ingest  # type: ignore[attr-defined]
    except ImportError:
        return [_plain_article(p) for p in sorted(folder.glob("*.txt"))], "fallback splitter"
    out = []
    for a in ingest([folder]):
        if isinstance(a, Article):
            out.append(a)
        else:
            print("ingest error:", a, file=sys.stderr)
    return out, "kg.ingest"


def _plain_article(path: Path) -> Article:
    text = path.read_text(encoding="utf-8")
    paragraphs, sentences = [], []
    for m in re.finditer(r"[^\n]+", text):
        if not m.group(0).strip():
            continue
        paragraphs.append(Span(m.start(), m.end()))
        start = m.start()
        for s in re.finditer(r"[^.!?؟]+(?:[.!?؟]+[\"”»]?|$)", m.group(0)):
            a, b = m.start() + s.start(), m.start() + s.end()
            while a < b and text[a].isspace():
                a += 1
            if b > a:
                sentences.append(Sentence(len(sentences), a, b, text[a:b], len(paragraphs) - 1))
        del start
    return Article(path.stem, str(path), text, paragraphs, sentences, ArticleMeta())


def load_mentions(article: Article, gold: dict) -> tuple[list[Mention], str]:
    try:
        from kg.extract.entities import extract_mentions  # type: ignore[import-not-found]
    except ImportError:
        return _gold_label_mentions(article, gold), "gold-label stand-in"
    return extract_mentions(article), "kg.extract.entities"


def _gold_label_mentions(article: Article, gold: dict) -> list[Mention]:
    """Stand-in while the entity matcher is being written: the gold actors' own labels."""
    folded, idx = normalize_with_map(article.original)
    out: list[Mention] = []
    for actor in gold.get("actors", []):
        ref = EntityRef(key=actor.get("qid") or normalize(actor["labels"][0]),
                        type=actor["type"], label_ar=actor["labels"][0], qid=actor.get("qid"))
        for label in sorted(actor["labels"], key=len, reverse=True):
            pat = re.escape(normalize_with_map(label)[0])
            for m in re.finditer(rf"(?<![^\s\"“«(،,])(?:و|ب|ل|ف)?({pat})(?![^\s\"”»).،,:])",
                                 folded):
                s, e = idx[m.start(1)], idx[m.end(1) - 1] + 1
                if any(o.start <= s < o.end for o in out):
                    continue
                sent = next((x.index for x in article.sentences if x.start <= s < x.end), -1)
                if sent >= 0:
                    out.append(Mention(ref, article.original[s:e], s, e, sent, "gold-stand-in"))
    return sorted(out, key=lambda m: m.start)


def load_events(article: Article, mentions: list[Mention]) -> tuple[list, list]:  # type: ignore[type-arg]
    """Meetings and actions when their extractors exist (for ``about_*``; not scored here)."""
    try:
        from kg.extract.actions import extract_actions
        from kg.extract.meetings import extract_meetings
    except ImportError:
        return [], []
    return extract_meetings(article, mentions), extract_actions(article, mentions)


# ------------------------------------------------------------------ grading


def rows_for(doc: str, claims) -> dict[str, list[dict]]:  # type: ignore[no-untyped-def]
    out: dict[str, list[dict]] = {}
    for i, c in enumerate(claims):
        row = {"doc": {"value": doc}, "claim": {"value": f"{doc}#{i}"},
               "stance": {"value": c.stance}, "text": {"value": c.text}}
        if c.claimant is not None:
            row["claimant"] = {"value": f"entity:{c.claimant.key}"}
            row["claimantLabel"] = {"value": c.claimant.label_ar}
            if c.claimant.qid:
                row["claimantWikidata"] = {"value": f"http://www.wikidata.org/entity/{c.claimant.qid}"}
        out[f"{doc}#{i}"] = [row]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=ROOT / "data" / "articles")
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "eval" / "gold")
    ap.add_argument("--score", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    ap.add_argument("--show", action="store_true", help="print misses and false positives")
    a = ap.parse_args()
    score = load_score(a.score)
    articles, how_articles = load_articles(a.articles)
    tally = score.Tally()
    how_mentions = "-"
    for art in articles:
        gpath = a.gold / f"{art.id}.json"
        if not gpath.exists():
            continue
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        mentions, how_mentions = load_mentions(art, gold)
        meetings, actions = load_events(art, mentions)
        claims = extract_claims(art, mentions, meetings, actions)
        linked = sum(1 for c in claims if c.about_events or c.about_meetings)
        items = rows_for(art.id, claims)

        def fits(gc: dict, rows: list[dict]) -> bool:
            text = " ".join(dict.fromkeys(filter(None, (score.value(r, "text") for r in rows))))
            if not score.overlap(gc["evidence"], text):
                return False
            if gc.get("anonymous") or not gc.get("claimant"):
                return True
            return bool(score.role_ok(gc, rows, "claimant"))

        before = (tally.tp, tally.fp, tally.fn)
        free = dict(items)
        if a.show:
            print(f"\n=== {art.id}: {len(claims)} claims, {len(gold.get('claims', []))} gold")
            for gc in sorted(gold.get("claims", []), key=lambda x: bool(x.get("optional"))):
                hit = next((k for k, r in free.items() if fits(gc, r)), None)
                if hit is None:
                    if not gc.get("optional"):
                        print("  MISS", gc["stance"], gc.get("claimant") and
                              gc["claimant"][0]["labels"][0], "|", gc["evidence"])
                    continue
                rows = free.pop(hit)
                ok = any(score.local(score.value(x, "stance")) == gc["stance"] for x in rows)
                if not ok:
                    print("  STANCE", gc["stance"], "got", score.value(rows[0], "stance"),
                          "|", gc["evidence"])
            for k in free:
                c = claims[int(k.split("#")[1])]
                print("  FP  ", c.stance, c.claimant and c.claimant.label_ar,
                      c.anonymous_description, "|", c.text[:90], "|", c.rule)
        score.match_events(tally, items, gold.get("claims", []), fits,
                           [("stance", lambda gc, r: any(
                               score.local(score.value(x, "stance")) == gc["stance"] for x in r))])
        tp, fp, fn = (tally.tp - before[0], tally.fp - before[1], tally.fn - before[2])
        print(f"{art.id}: tp={tp} fp={fp} fn={fn}  ({linked}/{len(claims)} claims point at "
              f"one of {len(actions)} actions / {len(meetings)} meetings)")
    p, r, f = tally.f1()
    stance = tally.attr["stance"]
    print(f"articles via {how_articles}; mentions via {how_mentions}")
    print(f"claims P={p:.3f} R={r:.3f} F1={f:.3f} tp={tally.tp} fp={tally.fp} fn={tally.fn} "
          f"stance={stance[0] / stance[1] if stance[1] else 0:.3f}")


if __name__ == "__main__":
    main()
