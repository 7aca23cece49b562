"""Rows in, aggregates and row accounting out — in one pass over the event log.

Every row ends up either used by at least one scheme or reported with its row number
and why. Aggregates are kept per (scheme, unit, fact); clauses are then evaluated on
the aggregates, so the cost does not grow with rows × clauses.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable
from decimal import Decimal

import attrs

from zkprules.checker import FactInfo, Model
from zkprules.diagnostics import Diagnostic
from zkprules.events import RawRow
from zkprules.nodes import FactKind
from zkprules.registry import Registry
from zkprules.spans import Span
from zkprules.text import name_key
from zkprules.values import BadValue, parse_date, parse_value


@attrs.frozen
class FactValue:
    """What the log says about one fact of one unit: count, latest value, options seen, rows."""

    count: Decimal
    value: Decimal | str | None
    options: frozenset[str]
    first_date: datetime.date | None
    rows: tuple[int, ...]
    carried: Decimal = Decimal(0)  # of `count`, how many came over from last month (累积计入下月)


# What a value belongs to: unit, fact, period and task. The period is 0 for a scheme scored
# on the whole year, else the month (1–12) or quarter (1–4) of a periodic scheme; the task
# is "" except in a scheme scored task by task (按任务逐项考核).
Key = tuple[str, str, int, str]


@attrs.frozen
class Aggregates:
    """Per unit, fact, period and task, the FactValue of one scheme; `get` reads one period and task."""

    values: dict[Key, FactValue]
    period: int = 0
    task: str = ""

    def get(self, unit: str, fact: str) -> FactValue | None:
        """The aggregate of `fact` for `unit` in this period and task, or None when the log says nothing about it."""
        return self.values.get((unit, name_key(fact), self.period, self.task))

    def units(self) -> set[str]:
        """The units with any value in this period and task."""
        return {key[0] for key in self.values if key[2] == self.period and key[3] == self.task}

    def facts(self) -> set[str]:
        """The keys of the facts the log reports, in any period."""
        return {key[1] for key in self.values}

    def periods(self) -> tuple[int, ...]:
        """The periods the log reports, in order."""
        return tuple(sorted({key[2] for key in self.values}))

    def tasks(self) -> dict[str, tuple[str, ...]]:
        """Per unit, the tasks the log reports for it (in any period), in order."""
        found: dict[str, set[str]] = {}
        for unit, _, _, task in self.values:
            found.setdefault(unit, set()).add(task)
        return {unit: tuple(sorted(tasks)) for unit, tasks in found.items()}

    def for_task(self, task: str) -> Aggregates:
        """The view of one task (same period)."""
        return Aggregates(self.values, self.period, task)

    def at(self, period: int, carries: dict[str, str]) -> Aggregates:
        """The view of one period; each fact in `carries` (key → target key) from the period before counts again as its target."""
        values = {key: value for key, value in self.values.items() if key[2] == period}
        for (unit, fact, earlier, task), value in self.values.items():
            target = carries.get(fact)
            if target is None or earlier != period - 1 or not value.count:
                continue
            key = (unit, target, period, task)
            mine = values.get(key)
            values[key] = FactValue(
                count=value.count + (mine.count if mine else 0),
                value=mine.value if mine else None,
                options=mine.options if mine else frozenset(),
                first_date=mine.first_date if mine else value.first_date,
                rows=tuple(sorted(value.rows + (mine.rows if mine else ()))),
                carried=value.count + (mine.carried if mine else 0),
            )
        return Aggregates(values, period, self.task)


@attrs.frozen
class RowAccounting:
    """How many rows were read, used and rejected, and every problem with its row."""

    read: int
    used: int
    rejected: int
    problems: tuple[Diagnostic, ...]


@attrs.define
class _Acc:
    """Mutable accumulator for one (unit, fact) while the pass runs."""

    count: Decimal = Decimal(0)
    rows: list[int] = attrs.Factory(list)
    latest_date: datetime.date | None = None
    latest: dict[Decimal | str, list[int]] = attrs.Factory(dict)
    superseded: list[tuple[int, int]] = attrs.Factory(list)
    options: set[str] = attrs.Factory(set)
    first_date: datetime.date | None = None


@attrs.define
class _Accepted:
    """A row one scheme accepted: where it goes and with what value."""

    model: int
    unit: str
    fact: FactInfo
    value: Decimal | str
    date: datetime.date
    task: str = ""


def aggregate(
    rows: Iterable[RawRow], models: tuple[Model, ...], registry: Registry
) -> tuple[list[Aggregates], RowAccounting]:
    """One pass over `rows` for all `models`: their aggregates and the row accounting."""
    pass_ = _Pass(models, registry)
    for row in rows:
        pass_.take(row)
    return pass_.finish()


class _Pass:
    """The state of one aggregation pass."""

    def __init__(self, models: tuple[Model, ...], registry: Registry) -> None:
        self.models = models
        self.registry = registry
        self.accs: list[dict[Key, _Acc]] = [{} for _ in models]
        self.problems: list[Diagnostic] = []
        self.read = 0
        self.accepted_rows: set[int] = set()
        self.rejected_rows: set[int] = set()
        self.all_facts = {k: f.name for m in models for k, f in m.facts.items()}
        self.unit_sets = [frozenset(m.units) for m in models]
        self.file = ""

    # ------------------------------------------------------------ per row
    def take(self, row: RawRow) -> None:
        """Read one row: accept it into every scheme that can use it, or report why none can."""
        self.read += 1
        self.file = row.file
        problem = self._basic(row)
        if isinstance(problem, Diagnostic):
            self._reject(row, problem)
            return
        unit, date = problem
        reasons: list[Diagnostic] = []
        accepted = False
        for index, model in enumerate(self.models):
            outcome = self._for_model(index, model, row, unit, date)
            if isinstance(outcome, Diagnostic):
                reasons.append(outcome)
            elif outcome is not None:
                self._add(outcome, row.row)
                accepted = True
        if accepted:
            self.accepted_rows.add(row.row)
        else:
            self._reject(row, reasons[0] if reasons else self._unknown_fact(row))

    def _basic(self, row: RawRow) -> tuple[str, datetime.date] | Diagnostic:
        if "__error__" in row.fields:
            return Diagnostic("unreadable-log", row.fields["__error__"], row.span())
        for column in ("日期", "单位", "事项"):
            if not row.field(column):
                return Diagnostic("empty-field", f"第 {row.row} 行的“{column}”为空", row.span(column))
        date = parse_date(row.field("日期"))
        if date is None:
            return Diagnostic(
                "bad-log-date", f"“{row.field('日期')}”不是日期", row.span("日期"), "写成 2020-03-15 或 2020年3月15日"
            )
        unit = self.registry.unit(row.field("单位"))
        if unit is None:
            return self._unknown_unit(row)
        if name_key(row.field("事项")) not in self.all_facts:
            return self._unknown_fact(row)
        return unit, date

    def _for_model(
        self, index: int, model: Model, row: RawRow, unit: str, date: datetime.date
    ) -> _Accepted | Diagnostic | None:
        fact = model.fact(row.field("事项"))
        if fact is None:
            return None
        if unit not in self.unit_sets[index]:
            return Diagnostic(
                "not-a-target", f"「{unit}」不是方案「{model.scheme.name.text}」的考核对象", row.span("单位")
            )
        year = model.scheme.year
        if year is not None and date.year != year:
            return Diagnostic(
                "outside-year", f"日期 {date.isoformat()} 不在考核年度 {year} 年内", row.span("日期")
            )
        value = parse_value(row.field("数值"), fact)
        if isinstance(value, BadValue):
            return Diagnostic("bad-value", value.message, row.span("数值"), value.hint)
        if fact.bounds is not None and isinstance(value, Decimal) and not fact.bounds[0] <= value <= fact.bounds[1]:
            low, high = fact.bounds
            return Diagnostic(
                "out-of-range", f"酌情分值 {value} 不在规定的 {low}-{high} 分之内", row.span("数值")
            )
        task = ""
        if model.scheme.by_task or fact.tasked:
            task_or_problem = _task(model, fact, row)
            if isinstance(task_or_problem, Diagnostic):
                return task_or_problem
            task = task_or_problem
        return _Accepted(index, unit, fact, value, date, task)

    def _add(self, accepted: _Accepted, row: int) -> None:
        period = self.models[accepted.model].scheme.period
        if period is not None:
            when = period.of(accepted.date)
        else:  # a fact of a 按月评价 item is kept month by month
            when = accepted.date.month if accepted.fact.monthly else 0
            if accepted.fact.quarterly:
                when = (accepted.date.month - 1) // 3 + 1
        key = (accepted.unit, accepted.fact.key, when, accepted.task)
        acc = self.accs[accepted.model].setdefault(key, _Acc())
        if acc.first_date is None or accepted.date < acc.first_date:
            acc.first_date = accepted.date
        kind = accepted.fact.kind
        if kind in (FactKind.COUNT, FactKind.DISCRETION):
            assert isinstance(accepted.value, Decimal)
            acc.count += accepted.value
            acc.rows.append(row)
            return
        if kind is FactKind.CHOICE:
            acc.options.add(str(accepted.value))
            if accepted.fact.staged:  # each row is a stage reached: all of them count
                acc.rows.append(row)
                return
        self._latest(acc, accepted, row)

    @staticmethod
    def _latest(acc: _Acc, accepted: _Accepted, row: int) -> None:
        """Keep the value with the latest date; remember what it superseded."""
        if acc.latest_date is None or accepted.date > acc.latest_date:
            for rows in acc.latest.values():
                acc.superseded.extend((r, row) for r in rows)
            acc.latest = {accepted.value: [row]}
            acc.latest_date = accepted.date
        elif accepted.date == acc.latest_date:
            acc.latest.setdefault(accepted.value, []).append(row)
        else:
            newest = next(iter(acc.latest.values()))[0]
            acc.superseded.append((row, newest))

    # ------------------------------------------------------------ problems
    def _reject(self, row: RawRow, diagnostic: Diagnostic) -> None:
        self.rejected_rows.add(row.row)
        self.problems.append(attrs.evolve(diagnostic, quote=row.text))

    def _unknown_unit(self, row: RawRow) -> Diagnostic:
        written = row.field("单位")
        suggestions = self.registry.suggest(written)
        hint = "是否想写：" + "、".join(f"「{s}」" for s in suggestions) + "？" if suggestions else None
        return Diagnostic("unknown-unit-in-log", f"单位名录中没有“{written}”", row.span("单位"), hint)

    def _unknown_fact(self, row: RawRow) -> Diagnostic:
        written = row.field("事项")
        close = difflib.get_close_matches(name_key(written), list(self.all_facts), n=3, cutoff=0.5)
        hint = "是否想写：" + "、".join(f"「{self.all_facts[k]}」" for k in close) + "？" if close else None
        return Diagnostic("unknown-fact", f"没有规则使用事项“{written}”", row.span("事项"), hint)

    # ------------------------------------------------------------ finish
    def finish(self) -> tuple[list[Aggregates], RowAccounting]:
        """Freeze the accumulators; report superseded and conflicting rows."""
        used: set[int] = set()
        superseded: dict[int, int] = {}
        aggregates = []
        for index, accs in enumerate(self.accs):
            values: dict[Key, FactValue] = {}
            for key, acc in accs.items():
                value, rows = self._settle(index, key, acc, superseded)
                used.update(rows)
                values[key] = FactValue(acc.count, value, frozenset(acc.options), acc.first_date, tuple(sorted(rows)))
            aggregates.append(Aggregates(values))
        for row, by in sorted(superseded.items()):
            if row not in used and row in self.accepted_rows:
                later = f"（第 {by} 行）"
                self.problems.append(
                    Diagnostic("superseded", f"同一单位同一事项有日期更晚的记录{later}，本行未采用", self._span(row))
                )
                self.rejected_rows.add(row)
        rejected = self.rejected_rows - used
        accounting = RowAccounting(self.read, len(used), len(rejected), tuple(self.problems))
        return aggregates, accounting

    def _settle(
        self, index: int, key: Key, acc: _Acc, superseded: dict[int, int]
    ) -> tuple[Decimal | str | None, list[int]]:
        for row, by in acc.superseded:
            superseded.setdefault(row, by)
        if not acc.latest:
            return None, list(acc.rows)
        if len(acc.latest) == 1:
            (value, rows), = acc.latest.items()
            return value, rows
        conflicting = sorted(r for rows in acc.latest.values() for r in rows)
        for row in conflicting:
            self.rejected_rows.add(row)
        self.problems.append(
            Diagnostic(
                "conflicting-values",
                f"「{key[0]}」的「{self.models[index].facts[key[1]].name}」在 {acc.latest_date} 有不同数值"
                f"（第 {'、'.join(map(str, conflicting))} 行），均未采用",
                self._span(conflicting[0]),
                "请删去错误的一行，或给更正后的记录填上更晚的日期",
            )
        )
        return None, []

    def _span(self, row: int) -> Span:
        return Span.point(self.file, row, 1)


def _task(model: Model, fact: FactInfo, row: RawRow) -> str | Diagnostic:
    """The task a row belongs to (按任务逐项考核, or a fact of an item-table row), or why it has none."""
    written = row.field("任务")
    if not written:
        what = "按任务逐项考核" if model.scheme.by_task else f"的「{fact.name}」按项目表逐行计分"
        return Diagnostic(
            "missing-task",
            f"方案「{model.scheme.name.text}」{what}，本行没有写“任务”",
            row.span("任务"),
            "在“任务”列写上这条记录属于哪项工作任务（项目表的序号或名称）",
        )
    task = model.task_of(written)
    if task is None:
        close = difflib.get_close_matches(name_key(written), list(model.task_keys), n=3, cutoff=0.5)
        hint = "是否想写：" + "、".join(f"“{c}”" for c in close) + "？" if close else None
        return Diagnostic("unknown-task", f"项目表中没有“{written}”这一行", row.span("任务"), hint)
    return task
