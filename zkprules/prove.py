"""`zkprules check --prove`: property tests of each scheme on generated event logs.

For every generated log (zkprules.testing.event_logs) the scheme must keep these laws:
every item score and total lies within the static bounds (bounds.py); neither the order of
the rows nor writing a unit by its alias changes any score; one more deduction event never
raises an item and one more award event never lowers it. A failure is shrunk by Hypothesis to a minimal log, which
is returned as CSV text the analyst can run with `zkprules explain`.

Hypothesis is needed only here: it comes with `pip install 'zkprules[test]'`.
"""

from __future__ import annotations

import csv
import io
import random
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import attrs

from zkprules import nodes as n
from zkprules.aggregate import Aggregates, RowAccounting, aggregate
from zkprules.bounds import SchemeBounds, scheme_bounds
from zkprules.checker import Model, clause_uses
from zkprules.evaluator import SchemeEvaluator
from zkprules.events import MemorySource
from zkprules.loader import Project, load_project
from zkprules.results import ItemResult, SchemeResult
from zkprules.text import name_key

Record = dict[str, str]


@attrs.frozen
class Outcome:
    """How one scheme fared: examples run, seconds taken, and the shrunk failure if any."""

    scheme: str
    examples: int
    seconds: float
    failure: str | None = None
    log: str | None = None  # the minimal failing event log, as CSV


class Broken(AssertionError):
    """A law that does not hold for a generated log."""


def prove(project: Project, model: Model, examples: int, seed: int = 2020) -> Outcome:
    """Run the laws on `examples` generated logs for one scheme (deterministic for a seed)."""
    from hypothesis import HealthCheck, given, seed as use_seed, settings
    from hypothesis import strategies as st

    from zkprules.testing import event_logs

    single = Project(project.registry, (model,), project.sources, ())
    bounds = scheme_bounds(model)
    laws = _Laws(single, model, bounds)
    last: dict[str, object] = {}
    started = time.perf_counter()

    @use_seed(seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
        report_multiple_bugs=False,
    )
    @given(event_logs(model, project.registry), st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1))
    def check(records: list[Record], order: int, pick: int) -> None:
        try:
            laws.hold(records, order, pick)
        except Exception as broken:  # a law broken, or the evaluator failing on a valid log: both are findings
            last["records"], last["why"] = records, str(broken) or type(broken).__name__
            raise

    try:
        check()
    except Exception:  # the last (shrunk) failing log is in `last`
        pass
    seconds = time.perf_counter() - started
    if "why" not in last:
        return Outcome(model.scheme.name.text, examples, seconds)
    records = last["records"]
    assert isinstance(records, list)
    return Outcome(model.scheme.name.text, examples, seconds, str(last["why"]), to_csv(records))


def prove_all(paths: list[Path], examples: int, jobs: int) -> Iterator[Outcome]:
    """Prove every scheme under `paths`, in `jobs` processes at once; each outcome as soon as it is known."""
    project = load_project(paths)
    count = len(project.models)
    done: set[int] = set()
    if jobs > 1 and count > 1:
        # The costliest schemes first, so that no worker is left with a long one at the end.
        order = sorted(range(count), key=lambda i: -_cost(project.models[i]))
        try:
            with ProcessPoolExecutor(max_workers=min(jobs, count)) as pool:
                futures = {pool.submit(_prove_one, paths, index, examples): index for index in order}
                for future in as_completed(futures):
                    outcome = future.result()
                    done.add(futures[future])
                    yield outcome
        except (OSError, BrokenProcessPool):  # no processes here: the rest one after another
            pass
    yield from (prove(project, model, examples) for i, model in enumerate(project.models) if i not in done)


def _cost(model: Model) -> int:
    """A rough measure of one example's cost: the units × items to score and the rows to generate."""
    from zkprules.testing import MAX_REPORTING_UNITS

    reporting = min(len(model.units), MAX_REPORTING_UNITS)
    return len(model.units) * len(model.scheme.items) + 40 * reporting * len(model.facts)


def _prove_one(paths: list[Path], index: int, examples: int) -> Outcome:
    """One scheme, in a worker process (it loads the rules itself)."""
    project = load_project(paths)
    return prove(project, project.models[index], examples)


def to_csv(records: list[Record]) -> str:
    """A generated log as a CSV event log."""
    columns = ["日期", "单位", "事项", "数值"] + (["任务"] if any("任务" in r for r in records) else [])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([record.get(c, "") for c in columns])
    return out.getvalue()


@attrs.define
class _Laws:
    """The laws, with what they need computed once per scheme."""

    project: Project
    model: Model
    bounds: SchemeBounds
    directions: dict[str, int] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.directions = fact_directions(self.model)

    def aggregate(self, records: list[Record]) -> tuple[Aggregates, RowAccounting]:
        """The scheme's aggregates of a log and its row accounting: all that evaluation reads."""
        found, accounting = aggregate(MemorySource(records).rows(), (self.model,), self.project.registry)
        return found[0], accounting

    def evaluator(self, found: Aggregates) -> SchemeEvaluator:
        source = self.project.sources[self.model.scheme.span.file]
        return SchemeEvaluator(self.model, found, self.project.registry, source)

    def hold(self, records: list[Record], order: int, pick: int) -> None:
        found, accounting = self.aggregate(records)
        errors = [d for d in accounting.problems if d.severity.value == "error"]
        if errors:
            raise Broken(f"生成的记录被拒绝：{errors[0].message}")
        result = self.evaluator(found).evaluate()
        self._within_bounds(result)
        self._same_in_any_order_and_name(records, _summary(found, accounting), order)
        self._monotone(records, result, pick)

    def _same_in_any_order_and_name(self, records: list[Record], summary: tuple[object, ...], order: int) -> None:
        """Shuffled rows, and units written by their canonical names, give the same aggregates.

        Scores are a function of the aggregates alone (evaluator.py reads nothing else), so
        equal aggregates and row accounting mean equal scores: the cheaper comparison. Both
        changes are tried at once; only when that differs is each tried alone, to say which.
        """
        shuffled = list(records)
        random.Random(order).shuffle(shuffled)
        registry = self.project.registry
        canonical = [{**r, "单位": registry.unit(r["单位"]) or r["单位"]} for r in shuffled]
        if _summary(*self.aggregate(canonical)) == summary:
            return
        if _summary(*self.aggregate(shuffled)) != summary:
            raise Broken("打乱记录的顺序后汇总结果改变")
        raise Broken("把单位的别名换成正式名称后汇总结果改变")

    def _within_bounds(self, result: SchemeResult) -> None:
        composites = {self.project.registry.unit(c.unit.text) for c in self.model.scheme.composites}
        by_unit = {unit: cls for cls in self.bounds.classes for unit in cls.units}
        for unit in result.units:
            cls = by_unit[unit.unit]
            for position, item in enumerate(unit.items):
                static = cls.items[position % len(cls.items)].score
                if not static.contains(item.score):
                    raise Broken(f"「{unit.unit}」项目 {item.id} 得 {item.score} 分，超出静态范围 [{static.low}, {static.high}]")
            if unit.unit not in composites and not cls.total.contains(unit.total):
                raise Broken(f"「{unit.unit}」总分 {unit.total}，超出静态范围 [{cls.total.low}, {cls.total.high}]")

    def _monotone(self, records: list[Record], before: SchemeResult, pick: int) -> None:
        """One more event of a deduction (award) fact never raises (lowers) an item that reads it."""
        if not self.directions or not records:
            return
        chooser = random.Random(pick)
        record = chooser.choice(records)
        fact_key = chooser.choice(sorted(self.directions))
        fact = self.model.facts[fact_key]
        extra: Record = {"日期": record["日期"], "单位": record["单位"], "事项": fact.name, "数值": "1"}
        if "任务" in record or fact.tasked:
            tasks = sorted(set(self.model.task_keys.values())) or [record.get("任务", "任务一")]
            written = record.get("任务", "")
            extra["任务"] = written if written in tasks else chooser.choice(tasks)
        unit = self.project.registry.unit(extra["单位"])
        before_items = next((u.items for u in before.units if u.unit == unit), None)
        after_items = self._unit_items(records + [extra], unit) if unit is not None else None
        if before_items is None or after_items is None:
            return  # the extra row does not fit this scheme (a unit outside the item, a date): no law to test
        sign = self.directions[fact_key]
        reading = _items_reading(self.model, fact_key)
        count = len(self.model.scheme.items)
        old = {key: (position, item) for position, (key, item) in enumerate(_keyed(before_items))}
        for key, b in _keyed(after_items):
            if key not in old:
                continue
            position, a = old[key]
            if position % count not in reading:
                continue
            if (sign < 0 and b.score > a.score) or (sign > 0 and b.score < a.score):
                verb = "扣分" if sign < 0 else "加分"
                raise Broken(f"多一条{verb}事项「{fact.name}」后，「{unit}」项目 {a.id} 从 {a.score} 变为 {b.score} 分")

    def _unit_items(self, records: list[Record], unit: str) -> tuple[ItemResult, ...] | None:
        """One unit's items on a log (None when the log has errors): the one-more-event law needs no more."""
        found, accounting = self.aggregate(records)
        if any(d.severity.value == "error" for d in accounting.problems):
            return None
        return self.evaluator(found).unit_items(unit)


def _keyed(items: tuple[ItemResult, ...]) -> list[tuple[tuple[str, int], ItemResult]]:
    """Items keyed by id and how often the id came before (项目 1 and 加减分项目 1 share the id 1)."""
    seen: dict[str, int] = {}
    keyed = []
    for item in items:
        seen[item.id] = seen.get(item.id, -1) + 1
        keyed.append(((item.id, seen[item.id]), item))
    return keyed


def _summary(found: Aggregates, accounting: RowAccounting) -> tuple[object, ...]:
    """What evaluation reads, comparable: the aggregates, and which rows were used or rejected."""
    values = sorted((key, (v.count, v.value, v.options, v.carried, v.first_date)) for key, v in found.values.items())
    return values, accounting.used, accounting.rejected


def _items_reading(model: Model, fact_key: str) -> set[int]:
    return {
        index
        for index, item in enumerate(model.scheme.items)
        for clause in item.clauses
        for use in clause_uses(clause)
        if name_key(use.name.text) == fact_key
    }


def fact_directions(model: Model) -> dict[str, int]:
    """Count facts whose every use says which way one more event moves a score: −1 deducts, +1 awards.

    Facts also read by deadlines, exemptions, overrides, carry-over or rankings are left out:
    one more event can move those either way.
    """
    found: dict[str, set[int]] = {}
    mixed: set[str] = set()
    for item in model.scheme.items:
        for clause in item.clauses:
            for key, sign in _clause_directions(clause):
                (found.setdefault(key, set()).add(sign) if sign else mixed.add(key))
    carried = {k for k, f in model.facts.items() if f.carry_into} | {f.carry_into for f in model.facts.values() if f.carry_into}
    return {
        key: signs.pop()
        for key, signs in found.items()
        if len(signs) == 1 and key not in mixed and key not in carried
        and model.facts.get(key) is not None and model.facts[key].kind is n.FactKind.COUNT
    }


def _clause_directions(clause: n.Clause) -> list[tuple[str, int]]:
    """(fact key, +1 / −1 / 0 for either way) for each fact a clause reads."""
    if isinstance(clause, n.PerClause) and clause.rate.fact is not None:
        return [(name_key(clause.rate.fact.text), 1 if clause.rate.points > 0 else -1)]
    if isinstance(clause, n.YesNoClause):
        pairs = []
        for condition in clause.conditions:
            key = name_key(condition.fact.text)
            if isinstance(condition, n.FactHolds):
                pairs.append((key, 1 if clause.points > 0 else -1))
            elif isinstance(condition, n.FactAbsent):
                pairs.append((key, -1 if clause.points > 0 else 1))
            else:
                pairs.append((key, 0))
        if clause.per is not None and clause.per.fact is not None:
            pairs.append((name_key(clause.per.fact.text), 1 if clause.per.points > 0 else -1))
        return pairs
    return [(name_key(use.name.text), 0) for use in clause_uses(clause)]

