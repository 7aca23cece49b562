"""Benchmark: rule checking, and a run on a large synthetic event log. Prints timings; asserts nothing.

    python bench/evaluate.py [ROWS]

The log repeats the 附件1-1 example's rows (dates and counts as they are) to ROWS rows,
writes it as CSV, then times reading + one-pass aggregation + evaluation, with peak
memory from tracemalloc.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zkprules.events import open_events  # noqa: E402
from zkprules.loader import load_project  # noqa: E402
from zkprules.run import run_project  # noqa: E402

RULES = ROOT / "rules" / "1-1-government-integrity-districts.zkp"
EXAMPLE = ROOT / "examples" / "government-integrity-districts" / "events.csv"
COUNT_FACTS = ("政务失信记录", "拖欠市场主体账款", "政府采购和招标投标领域违法违规行为", "债务风险", "统计数据造假案件")


def big_log(rows: int, folder: Path) -> Path:
    """A CSV of `rows` rows: the example's header, then its event rows over and over."""
    header, *body = EXAMPLE.read_text(encoding="utf-8").splitlines()
    events = [line for line in body if any(f",{fact}," in line for fact in COUNT_FACTS)]
    lines = [header]
    while len(lines) <= rows:
        lines.extend(events)
    path = folder / "big.csv"
    path.write_text("\n".join(lines[: rows + 1]) + "\n", encoding="utf-8")
    return path


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    start = time.perf_counter()
    project = load_project([ROOT / "rules"])
    print(f"check rules/ ({len(project.models)} schemes): {time.perf_counter() - start:.3f} s")
    project = load_project([RULES])
    with tempfile.TemporaryDirectory() as tmp:
        path = big_log(rows, Path(tmp))
        start = time.perf_counter()
        result = run_project(project, open_events(path))
        elapsed = time.perf_counter() - start
        print(f"run on {result.rows.read:,} rows: {elapsed:.2f} s ({result.rows.read / elapsed:,.0f} rows/s)")
        tracemalloc.start()  # a second run for memory: tracemalloc slows it several times
        run_project(project, open_events(path))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(f"peak memory of that run: {peak / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
