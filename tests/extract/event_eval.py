"""Measure meetings and military actions against the gold, before the whole pipeline exists.

Not a test: a script. It ingests the articles (``kg.ingest``), runs ``extract_mentions``,
``extract_meetings`` and ``extract_actions``, turns each event into the rows that
``queries/eval/meetings.rq`` and ``military-actions.rq`` would return, and grades them with
the matching functions of ``../shared/eval/score.py`` (imported by path), so the numbers
here predict the meetings/actions lines of score.py.

    .venv/bin/python tests/extract/event_eval.py [--articles DIR] [--gold DIR] [-v]

``-v`` prints, per article, every extracted event and every gold event, which is what one
reads to improve the rules.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))

from kg.extract.actions import extract_actions  # noqa: E402
from kg.extract.coref import link_events  # noqa: E402
from kg.extract.entities import extract_mentions  # noqa: E402
from kg.extract.meetings import extract_meetings  # noqa: E402
from kg.records import Article, EntityRef, Extraction  # noqa: E402
from kg.vocab import event_iri  # noqa: E402

WD = "http://www.wikidata.org/entity/"


def _score_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("marsad_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _articles(folder: Path) -> list[Article]:
    from kg.ingest import ingest

    return [a for a in ingest(sorted(folder.glob("*"))) if isinstance(a, Article)]


def _role(role: str, ref: EntityRef) -> dict[str, dict[str, str]]:
    row = {role: {"value": f"entity:{ref.key}"}, f"{role}Label": {"value": ref.label_ar}}
    if ref.qid:
        row[f"{role}Wikidata"] = {"value": WD + ref.qid}
    return row


def _rows(base: dict, roles: dict[str, list[EntityRef]]) -> list[dict]:
    rows = [dict(base)]
    for role, refs in roles.items():
        rows += [{**base, **_role(role, r)} for r in refs]
    return rows


def _label(r: EntityRef) -> str:
    return f"{r.label_ar}({r.qid or r.key})"


def _best_match(score: ModuleType, t, sys_items: dict, golds: list[dict], fits, attrs) -> None:
    """score.match_events, but each gold item takes the free fitting item that agrees with
    it most, not the first in IRI order (score.py's greedy pairing can swap two actions of
    one type that share a party): a view of extraction quality free of that noise."""
    free = dict(sys_items)
    for g in sorted(golds, key=lambda x: bool(x.get("optional"))):
        fitting = [i for i, rows in free.items() if fits(g, rows)]
        if not fitting:
            t.fn += 0 if g.get("optional") else 1
            continue
        hit = max(fitting, key=lambda i: sum(bool(check(g, free[i])) for _, check in attrs))
        rows = free.pop(hit)
        if g.get("optional"):
            continue
        t.tp += 1
        for name, check in attrs:
            verdict = check(g, rows)
            if verdict is not None:
                t.check(name, verdict)
    t.fp += len(free)


def _explain(score: ModuleType, ex: Extraction, actions: dict, golds: list[dict],
             fits, best: bool = False) -> None:
    """Mirror score.match_events for actions and print what disagrees, so one reads the
    error classes (target, place, status ...) rather than only the totals. ``best`` pairs
    each gold action with the fitting one that agrees most, instead of the first in IRI
    order as score.py does (its greedy pairing can swap two actions of one type)."""
    free = dict(actions)
    by_id = {f"a{i}": x for i, x in enumerate(ex.actions)}

    def agree(g: dict, rows: list[dict]) -> int:
        ok = sum(bool(score.role_ok(g, rows, r)) for r in ("agent", "target", "place"))
        return ok + any(score.local(score.value(r, "status")) == g.get("status") for r in rows)

    for g in sorted(golds, key=lambda x: bool(x.get("optional"))):
        fitting = [i for i, rows in free.items() if fits(g, rows)]
        hit = fitting[0] if fitting and not best else max(
            fitting, key=lambda i: agree(g, free[i]), default=None)
        want = (g["type"], g.get("status"), [x["labels"][0] for x in g.get("agent") or []],
                [x["labels"][0] for x in g.get("target") or []],
                [x["labels"][0] for x in g.get("place") or []])
        if hit is None:
            if not g.get("optional"):
                print("  MISS", want)
            continue
        rows = free.pop(hit)
        if g.get("optional"):
            continue
        bad = [role for role in ("agent", "target", "place")
               if score.role_ok(g, rows, role) is False]
        if g.get("status") and not any(score.local(score.value(r, "status")) == g["status"]
                                       for r in rows):
            bad.append("status")
        if bad:
            x = by_id[hit]
            print("  BAD", bad, "gold", want)
            print("      got", x.status, [_label(p) for p in x.agents],
                  [_label(p) for p in x.targets], [_label(p) for p in x.places], "|",
                  " / ".join(e.text[:90] for e in x.evidence))
    for i in free:
        x = by_id[i]
        print("  EXTRA", x.type, x.status, [_label(p) for p in x.agents],
              [_label(p) for p in x.targets], [_label(p) for p in x.places], "|",
              x.evidence[0].text[:90])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=ROOT / "data" / "articles")
    ap.add_argument("--gold", type=Path, default=SHARED / "gold")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("-e", "--errors", action="store_true",
                    help="print each matched gold action whose attributes disagree, and "
                         "each unmatched gold or extra extracted action")
    ap.add_argument("--best", action="store_true",
                    help="pair gold and extracted actions by agreement, not IRI order")
    a = ap.parse_args()
    score = _score_module(SHARED / "score.py")
    extractions = []
    for art in _articles(a.articles):
        ms = extract_mentions(art)
        extractions.append(Extraction(art, ms, extract_meetings(art, ms), extract_actions(art, ms)))
    link_events(extractions)
    tallies = {"meetings": score.Tally(), "military_actions": score.Tally()}
    for ex in extractions:
        doc = ex.article.id
        gold_path = a.gold / f"{doc}.json"
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        # score.py sees events in the order of their IRIs (ORDER BY ?action): mirror it, as
        # the greedy matching pairs gold items with the first fitting event
        ex.meetings.sort(key=lambda m: str(event_iri(m, doc)))
        ex.actions.sort(key=lambda x: str(event_iri(x, doc)))
        meetings = {}
        for i, m in enumerate(ex.meetings):
            base = {"doc": {"value": doc}, "meeting": {"value": f"m{i}"}}
            if m.date:
                base["date"] = {"value": m.date.iso()}
            meetings[f"m{i}"] = _rows(base, {"participant": m.participants,
                                             "place": [m.place] if m.place else []})
        actions = {}
        for i, x in enumerate(ex.actions):
            base = {"doc": {"value": doc}, "action": {"value": f"a{i}"},
                    "type": {"value": x.type}, "status": {"value": x.status}}
            if x.date:
                base["date"] = {"value": x.date.iso()}
            actions[f"a{i}"] = _rows(base, {"agent": x.agents, "target": x.targets,
                                            "place": x.places})

        def meeting_fits(gm, rows):
            got = score.role_entities(rows, "participant")
            hits = sum(any(score.matches(w, e) for e in got) for w in gm["participants"])
            return hits >= min(2, len(gm["participants"]))

        def action_fits(ga, rows):
            if ga["type"] not in {score.local(score.value(r, "type")) for r in rows}:
                return False
            if not any(ga.get(role) for role in ("agent", "target", "place")):
                return True
            return any(score.role_ok(ga, rows, role) for role in ("agent", "target", "place"))

        before = {k: (t.tp, t.fp, t.fn) for k, t in tallies.items()}
        score.match_events(
            tallies["meetings"], meetings, gold.get("meetings", []), meeting_fits,
            [("place", lambda gm, r: score.role_ok(gm, r, "place")),
             ("date", lambda gm, r: None if not gm.get("date") else score.date_ok(
                 gm["date"], score.first(r, "date")))])
        match = (lambda *args: _best_match(score, *args)) if a.best else score.match_events
        match(
            tallies["military_actions"], actions, gold.get("military_actions", []), action_fits,
            [(role, (lambda ga, r, role=role: score.role_ok(ga, r, role)))
             for role in ("agent", "target", "place")]
            + [("date", lambda ga, r: None if not ga.get("date") else score.date_ok(
                ga["date"], score.first(r, "date"))),
               ("status", lambda ga, r: None if not ga.get("status") else any(
                   score.local(score.value(x, "status")) == ga["status"] for x in r))])
        after = {k: (t.tp, t.fp, t.fn) for k, t in tallies.items()}
        if a.errors:
            _explain(score, ex, actions, gold.get("military_actions", []), action_fits,
                     a.best)
        delta = {k: tuple(y - x for x, y in zip(before[k], after[k], strict=True)) for k in after}
        print(f"{doc}: meetings tp/fp/fn={delta['meetings']} "
              f"actions tp/fp/fn={delta['military_actions']}")
        if a.verbose:
            for m in ex.meetings:
                print("  M", [_label(p) for p in m.participants], "@",
                      m.place and _label(m.place), m.date and m.date.iso(),
                      "att", [_label(p) for p in m.attendees], m.rule, m.key and m.key[:8],
                      "|", m.evidence[0].text[:80])
            for x in ex.actions:
                print("  A", x.type, x.status, "ag", [_label(p) for p in x.agents], "tg",
                      [_label(p) for p in x.targets], "@", [_label(p) for p in x.places],
                      x.date and x.date.iso(), x.casualties, "|", x.evidence[0].text[:70])
            for gm in gold.get("meetings", []):
                print("  gold M", "opt" if gm.get("optional") else "",
                      [g["labels"][0] for g in gm["participants"]],
                      [g["labels"][0] for g in gm.get("place") or []], gm.get("date"))
            for ga in gold.get("military_actions", []):
                print("  gold A", "opt" if ga.get("optional") else "", ga["type"], ga["status"],
                      [g["labels"][0] for g in ga.get("agent") or []],
                      [g["labels"][0] for g in ga.get("target") or []],
                      [g["labels"][0] for g in ga.get("place") or []], ga.get("date"))
    for name, t in tallies.items():
        p, r, f = t.f1()
        attrs = "  ".join(f"{k}={ok / n:.2f}" for k, (ok, n) in t.attr.items() if n)
        print(f"{name:18} P={p:.2f} R={r:.2f} F1={f:.2f} tp={t.tp} fp={t.fp} fn={t.fn}   {attrs}")


if __name__ == "__main__":
    main()
