"""``python -m bench`` (full run) and ``python -m bench --quick`` (smoke run, < 5 min).

Sections run in order (build, endpoint, validation, then the largest build) and the
results are written after each one, to ``results.json`` and ``RESULTS.md`` beside this
file (or ``--out``), so a run stopped half-way still leaves a true, partial report. A
quick run writes to ``$TMPDIR/marsad-bench-quick/`` unless given ``--out``, so that it never
replaces the full run's RESULTS.md.
A hand-written ``analysis.md`` beside this file, when present, goes in after the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import build_bench, endpoint_bench, validate_bench
from bench.corpus import write_corpus
from bench.machine import load, machine, versions
from bench.procmem import run_measured
from bench.report import render

HERE = Path(__file__).resolve().parent


def _now() -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime())


def _args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    ap.add_argument("--quick", action="store_true", help="smallest sizes, short windows")
    ap.add_argument("--sizes", type=int, nargs="+", help="corpus sizes (articles)")
    ap.add_argument("--repeats", type=int, help="repeats of each build measurement")
    ap.add_argument("--single-core-up-to", type=int,
                    help="measure jobs=1 only for sizes up to this (default: all)")
    ap.add_argument("--validation-sizes", type=int, nargs="+")
    ap.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    ap.add_argument("--endpoint-duration", type=float)
    ap.add_argument("--endpoint-repeats", type=int)
    ap.add_argument("--endpoint-size", type=int, help="which built size the servers serve")
    ap.add_argument("--profile-size", type=int, help="articles for the cProfile run (0: none)")
    ap.add_argument("--skip", nargs="*", default=[],
                    choices=["build", "endpoint", "validation", "rdflib"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, help="folder for RESULTS.md and results.json "
                    "(default: bench/, or a temp folder for --quick)")
    ap.add_argument("--workdir", type=Path,
                    help="where corpora and stores go (default: a temp dir, removed after)")
    a = ap.parse_args(argv)
    quick = a.quick
    a.out = a.out or (Path(tempfile.gettempdir()) / "marsad-bench-quick" if quick else HERE)
    a.sizes = a.sizes or ([100] if quick else [1000, 10000])
    a.repeats = a.repeats or (1 if quick else 2)
    a.single_core_up_to = a.single_core_up_to or (max(a.sizes) if quick else 1000)
    a.validation_sizes = a.validation_sizes or ([1, 10, min(a.sizes)] if quick
                                                else [1, 10, 100, 1000])
    a.endpoint_duration = a.endpoint_duration or (1.5 if quick else 6.0)
    a.endpoint_repeats = a.endpoint_repeats or (1 if quick else 2)
    a.endpoint_size = a.endpoint_size or min(a.sizes)
    if a.profile_size is None:
        a.profile_size = 0 if quick else 200
    return a


class Run:
    """The results so far, saved after every section."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.out = args.out
        self.r: dict[str, Any] = {"quick": args.quick, "seed": args.seed, "started": _now(),
                                  "machine": machine(), "versions": versions(), "load": {},
                                  "notes": [], "build": []}

    def mark(self, section: str) -> None:
        self.r["load"][section] = load()
        print(f"[bench {_now()}] {section} (load {self.r['load'][section]})", flush=True)

    def save(self, finished: bool = False) -> None:
        if finished:
            self.r["finished"] = _now()
        self.out.mkdir(parents=True, exist_ok=True)
        (self.out / "results.json").write_text(json.dumps(self.r, ensure_ascii=False, indent=1))
        analysis = HERE / "analysis.md"
        text = render(self.r, analysis.read_text(encoding="utf-8") if analysis.exists() else "")
        (self.out / "RESULTS.md").write_text(text, encoding="utf-8")


def _build_size(run: Run, a: argparse.Namespace, work: Path, size: int, corpus: Path) -> None:
    cores = os.cpu_count() or 1
    plans: list[tuple[str, int, int]] = []
    if size <= a.single_core_up_to:
        plans += [("stages", 1, 1), ("build", 1, a.repeats)]
    else:
        run.r["notes"].append(f"{size:,} articles: one-core runs skipped for time "
                              f"(--single-core-up-to {a.single_core_up_to})")
    if cores > 1:
        plans.append(("build", cores, a.repeats))
    for mode, jobs, reps in plans:
        for rep in range(reps):
            run.mark(f"build {size} {mode} jobs={jobs} #{rep + 1}")
            store = work / f"store-{size}-{mode}-{jobs}"
            shutil.rmtree(store, ignore_errors=True)
            res = build_bench.measure(mode, corpus, store, jobs=jobs)
            run.r["build"].append({"size": size, "repeat": rep, **res})
            run.save()
            if (size, mode, jobs) != (a.endpoint_size, "build", max(1, cores)):
                shutil.rmtree(store, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    a = _args(argv)
    run = Run(a)
    work = a.workdir or Path(tempfile.mkdtemp(prefix="marsad-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        sizes = sorted(a.sizes)
        corpora = {}
        for size in sizes:
            corpora[size] = work / f"corpus-{size}"
            if not corpora[size].exists():
                write_corpus(corpora[size], size, seed=a.seed)
        cores = os.cpu_count() or 1
        endpoint_store = work / f"store-{a.endpoint_size}-build-{max(1, cores)}"
        first, rest = sizes[0], sizes[1:]
        if "build" not in a.skip:
            _build_size(run, a, work, first, corpora[first])
            if a.profile_size:
                run.mark("profile")
                pcorp = work / f"corpus-{a.profile_size}"
                if not pcorp.exists():
                    write_corpus(pcorp, a.profile_size, seed=a.seed)
                stats = work / "build.prof"
                pstore = work / "store-profile"
                shutil.rmtree(pstore, ignore_errors=True)
                build_bench.measure("stages", pcorp, pstore, profile=stats)
                run.r["profile"] = {"size": a.profile_size,
                                    "top": build_bench.profile_top(stats)}
                shutil.rmtree(pstore, ignore_errors=True)
                run.save()
        if "build" not in a.skip and not a.quick and (endpoint_store / "current").exists():
            run.mark("validate store")
            code, wall, peak_kb, _ = run_measured(
                [str(Path(sys.executable).parent / "kg"), "validate", "--store",
                 str(endpoint_store)], HERE.parent, 7200, quiet=True)
            run.r["validate_store"] = {"size": a.endpoint_size, "seconds": [wall],
                                       "exit": code, "peak_tree_pss_mb": peak_kb / 1024}
            run.save()
        if "endpoint" not in a.skip:
            run.mark("endpoint")
            if not (endpoint_store / "current").exists():
                build_bench.measure("build", corpora[a.endpoint_size], endpoint_store,
                                    jobs=max(1, cores))
            ep = endpoint_bench.run_endpoint_bench(
                endpoint_store, concurrencies=a.concurrency, duration=a.endpoint_duration,
                repeats=a.endpoint_repeats, screen_limit=2.0 if a.quick else 10.0,
                grace=5.0 if a.quick else 10.0, with_rdflib="rdflib" not in a.skip)
            run.r["endpoint"] = {"size": a.endpoint_size, **ep}
            run.save()
        if "validation" not in a.skip:
            run.mark("validation")
            vsizes = sorted(set(a.validation_sizes))
            vcorp = corpora[min([s for s in sizes if s >= max(vsizes)] or [sizes[-1]])]
            run.r["validation"] = validate_bench.run_validation_bench(
                vcorp, vsizes, repeats=1 if a.quick else 3, damaged_up_to=100,
                plain_up_to=1 if a.quick else 10)
            run.save()
        if "build" not in a.skip:
            for size in rest:
                _build_size(run, a, work, size, corpora[size])
        run.mark("end")
        run.save(finished=True)
    finally:
        if a.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"[bench] wrote {a.out / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
