"""Benchmark: `zkprules check --prove` on every scheme of rules/. Prints timings; asserts nothing.

    python bench/prove.py [EXAMPLES] [JOBS]

Per scheme: the seconds its examples took in its worker; then the wall time of the whole
run and the CPU time of the workers, to compare with the issue's "a few minutes on a 2-core
machine" for 500 examples.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zkprules.prove import prove_all  # noqa: E402


def main(examples: int, jobs: int) -> None:
    """Prove rules/ and print what each scheme cost."""
    started = time.perf_counter()
    outcomes = list(prove_all([ROOT / "rules"], examples, jobs))
    wall = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF)
    cpu = children.ru_utime + children.ru_stime + own.ru_utime + own.ru_stime
    for outcome in sorted(outcomes, key=lambda o: -o.seconds):
        verdict = "通过" if outcome.failure is None else f"不成立：{outcome.failure}"
        print(f"{outcome.seconds:8.1f} s  {outcome.scheme}  {verdict}")
    print(f"{len(outcomes)} schemes × {examples} examples, {jobs} workers: wall {wall:.0f} s, CPU {cpu:.0f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500, int(sys.argv[2]) if len(sys.argv) > 2 else (os.cpu_count() or 1))
