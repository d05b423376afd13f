"""A build killed with SIGKILL leaves the previous store serving, and a rerun gives
exactly the triples of a clean build."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from kg.store import open_store

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
# Times that differ from build to build by nature; everything else must be equal.
VOLATILE = {
    "http://www.w3.org/ns/prov#startedAtTime",
    "http://www.w3.org/ns/prov#endedAtTime",
    "http://www.w3.org/ns/prov#generatedAtTime",
}


def build(store: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "kg", "build", str(ARTICLES), "--store",
                             str(store), "--force"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


_BNODE = re.compile(r"_:[A-Za-z0-9]+")


def canonical(store: Path) -> Counter[str]:
    """The store's quads as a multiset, with build-activity IRIs, times and blank-node
    labels (fresh in every build) factored out."""
    out: Counter[str] = Counter()
    for q in open_store(store).quads_for_pattern(None, None, None):
        if q.predicate.value in VOLATILE:
            continue
        text = str(q)
        if "/id/build/" in text:
            text = " ".join("<BUILD>" if "/id/build/" in part else part for part in text.split(" "))
        out[_BNODE.sub("_:b", text)] += 1
    return out


def test_sigkill_during_a_build_then_a_rerun_equals_a_clean_build(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    assert build(clean).wait(timeout=300) == 0
    expected = canonical(clean)

    store = tmp_path / "killed"
    for delay in (0.5, 1.5, 3.0):
        proc = build(store)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert build(store).wait(timeout=300) == 0
    assert canonical(store) == expected
    assert len(list(store.glob("gen-*"))) <= 2



def test_a_first_build_killed_early_leaves_nothing_half_written(tmp_path: Path) -> None:
    import pytest

    from kg.errors import StoreError

    store = tmp_path / "s"
    proc = build(store)
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    if (store / "current").exists():
        pytest.skip("the build finished within 0.3 s; nothing was killed")
    with pytest.raises(StoreError, match="no Marsad store"):
        open_store(store)


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out.update(int(c) for c in (task / "children").read_text().split())
        except OSError:
            pass
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_the_workers_of_a_killed_build_do_not_outlive_it(tmp_path: Path) -> None:
    """Spawned pool workers would otherwise wait on their task queue forever, orphans."""
    import pytest

    if not Path("/proc/self/task").is_dir():
        pytest.skip("needs Linux /proc to find the build's worker processes")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(ARTICLES), "--store",
                             str(tmp_path / "s"), "--force", "--jobs", "2"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 20
    while not workers and proc.poll() is None and time.monotonic() < deadline:
        workers |= {c for c in _children(proc.pid) if "spawn_main" in
                    Path(f"/proc/{c}/cmdline").read_bytes().decode(errors="replace")}
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.skip("the build finished before its workers were seen")
    assert workers, "no spawned worker seen within 20 s"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert not left, f"workers {left} outlived the killed build"
