"""Model + aggregates → scheme result. Exact decimal arithmetic; no rounding unless a scheme says so.

Clauses are evaluated by clauses.py; this module sums them into items, then hands the
items to calculator.py for the scheme's own arithmetic, and ranks. Item rules:
- an item whose clauses only deduct (扣分制) starts from its points, otherwise from 0;
- its score is the sum of its clauses, kept within [0, points] unless a clause says
  上不封顶 / 不设下限 (no floor) or caps it lower (加分上限为 …);
- an override (出现「F」的，本项得 0 分) replaces the score when its condition holds.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import attrs

from zkprules import nodes as n
from zkprules.aggregate import Aggregates
from zkprules.calculator import SchemeCalculator, finish
from zkprules.checker import Model, Role
from zkprules.clauses import ClauseEvaluator
from zkprules.registry import Registry
from zkprules.results import ClauseTrace, ItemResult, MissingMeasure, SchemeResult, UnitResult
from zkprules.spans import SourceText
from zkprules.text import format_decimal as fmt

ZERO = Decimal(0)


class SchemeEvaluator:
    """Evaluates one checked scheme on its aggregates: items from clauses, then the scheme's totals and ranks.

    A periodic scheme (按月考核 / 按季考核) is scored period by period, each on its own rows,
    and the periods are combined by the scheme's weights or averaged.
    """

    def __init__(self, model: Model, aggregates: Aggregates, registry: Registry, source: SourceText) -> None:
        self.model = model
        self.registry = registry
        self.aggregates = aggregates
        self.source = source
        self.tasks = aggregates.tasks() if model.scheme.by_task else {}
        # The months a 按月评价 item is scored in: those the log reports for any monthly fact of
        # the scheme (a month with no fault still counts); the same for quarters.
        self.months, self.quarters = _item_periods(model, aggregates)
        self.carries = {key: fact.carry_into for key, fact in model.facts.items() if fact.carry_into}
        self.roles = model.roles or tuple({u: Role(None, Decimal(1)) for u in model.units} for _ in model.scheme.items)
        # An item that does not apply to a unit has the same result for every unit: made once.
        self._outside = tuple(_not_applicable(item, "本项不适用于该单位：不得分也不失分") for item in model.scheme.items)
        self._applies: dict[str, list[tuple[int, n.Item, Role]]] = {}
        # Results shared by the units the log says nothing about (see _scored).
        self._unranked = {id(item) for item in model.scheme.items if not any(isinstance(c, n.RankClause) for c in item.clauses)}
        self._silent: dict[tuple[int, int, Role], tuple[ClauseEvaluator, ItemResult]] = {}

    def evaluate(self) -> SchemeResult:
        """Every unit's items, total and rank."""
        scheme = self.model.scheme
        if scheme.period is None:
            unsorted, missing = self._score(self.aggregates, final=True)
        else:
            unsorted, missing = self._periodic(scheme.period)
        group_of = self._rank_group_of()
        ordered = sorted(unsorted, key=lambda u: (group_of(u.unit), -u.total, self.registry.order(u.unit)))
        ranked = tuple(
            attrs.evolve(
                u,
                rank=1 + sum(1 for o in ordered if group_of(o.unit) == group_of(u.unit) and o.total > u.total),
                group=self._group_name(group_of(u.unit)),
            )
            for u in ordered
        )
        return SchemeResult(
            name=scheme.name.text,
            source=scheme.source.text if scheme.source else None,
            file=scheme.span.file,
            year=scheme.year,
            full_marks=scheme.full_marks,
            units=ranked,
            missing=missing,
            combination=_combination(scheme.period, ranked),
        )

    def unit_items(self, unit: str) -> tuple[ItemResult, ...]:
        """One unit's item results, as `evaluate` gives them (a period's named 3月·1 …), without totals or ranks.

        Items read only the unit's own rows and the scheme-wide rankings, so this is the cheap
        way to follow one unit (the prover's one-more-event law).
        """
        period = self.model.scheme.period
        if period is None:
            return self._unit(ClauseEvaluator(self.model, self.aggregates, self.source), unit).items
        items: list[ItemResult] = []
        for p in self._period_indices(period):
            clauses = ClauseEvaluator(self.model, self._period_rows(p), self.source)
            label = period.label(p)
            items += _labelled(label, self._unit(clauses, unit).items)
        return tuple(items)

    def _score(self, aggregates: Aggregates, final: bool) -> tuple[list[UnitResult], tuple[MissingMeasure, ...]]:
        """Items, quantities and totals of every unit on one set of aggregates (the year, or one period)."""
        clauses = ClauseEvaluator(self.model, aggregates, self.source)
        calculator = SchemeCalculator(self.model, clauses.number, self.registry.unit)
        items = [self._unit(clauses, unit) for unit in self.model.units]
        units = calculator.totals(items) if final else calculator.period_totals(items)
        missing = tuple(
            dict.fromkeys(  # a monthly item misses a measure once per month: reported once
                MissingMeasure(u.unit, fact, item.id, t.span)
                for u in units
                for item in u.items
                for t in item.trace
                for fact in t.missing
            )
        ) + tuple(calculator.missing)
        return units, missing

    def _periodic(self, period: n.PeriodSpec) -> tuple[list[UnitResult], tuple[MissingMeasure, ...]]:
        """Each period scored on its own rows, then combined per unit: weighted, or the mean of the periods reported."""
        indices = self._period_indices(period)
        weights = {w.index: w.weight for w in period.weights}
        scored = {p: self._score(self._period_rows(p), final=False) for p in indices}
        combined = []
        for position, unit in enumerate(self.model.units):
            parts = [(period.label(p), scored[p][0][position]) for p in indices]
            if weights:
                total = sum((weights[p] * scored[p][0][position].total for p in indices), ZERO)
            else:
                total = sum((u.total for _, u in parts), ZERO) / len(parts) if parts else ZERO
            combined.append(_combined(unit, total, parts))
        missing = tuple(
            attrs.evolve(m, item=f"{period.label(p)}·{m.item}") for p in indices for m in scored[p][1]
        )
        return finish(self.model, self.registry.unit, combined), missing

    def _period_indices(self, period: n.PeriodSpec) -> list[int]:
        """The periods scored: those the scheme weights, else those the log reports."""
        return [w.index for w in period.weights] or list(self.aggregates.periods())

    def _period_rows(self, index: int) -> Aggregates:
        """One period's aggregates, with what the scheme carries over (累积计入下月) from the one before."""
        return self.aggregates.at(index, self.carries)

    def _rank_group_of(self) -> Callable[[str], int]:
        """The index of the group a unit is ranked in (分别排名), or 0 when ranked all together."""
        index = {}
        for position, (_, units) in reversed(list(enumerate(self.model.rank_groups))):
            index.update({unit: position for unit in units})
        last = len(self.model.rank_groups)
        return lambda unit: index.get(unit, last)

    def _group_name(self, index: int) -> str | None:
        groups = self.model.rank_groups
        return groups[index][0] if index < len(groups) else None

    def _unit(self, clauses: ClauseEvaluator, unit: str) -> UnitResult:
        if not self.model.scheme.by_task:
            return UnitResult(unit, ZERO, 0, self._items(clauses, unit))
        items: list[ItemResult] = []
        for task in self.tasks.get(unit, ()):  # 按任务逐项考核: every item once per task, named 任务·1
            each = ClauseEvaluator(self.model, clauses.aggregates.for_task(task), self.source)
            items += [attrs.evolve(result, id=f"{task}·{result.id}") for result in self._items(each, unit)]
        return UnitResult(unit, ZERO, 0, tuple(items))

    def _items(self, clauses: ClauseEvaluator, unit: str) -> tuple[ItemResult, ...]:
        """Every item of the scheme for one unit; those that do not apply to it share one result."""
        results = list(self._outside)
        for index, item, role in self._applicable(unit):
            results[index] = self._scored(clauses, unit, item, role)
        return tuple(results)

    def _applicable(self, unit: str) -> list[tuple[int, n.Item, Role]]:
        """The items that apply to a unit, with its role in each (found once per unit)."""
        if unit not in self._applies:
            items = enumerate(self.model.scheme.items)
            self._applies[unit] = [(i, item, role) for i, item in items if (role := self.roles[i].get(unit)) is not None]
        return self._applies[unit]

    def _scored(self, clauses: ClauseEvaluator, unit: str, item: n.Item, role: Role) -> ItemResult:
        """One item: on its task's rows (an item-table row), month by month where it is 按月评价.

        A unit the log says nothing about scores an item like any other such unit in the same
        role, unless the item ranks units: that result is made once per view and role.
        """
        if id(item) not in self._unranked or not self._silent_in(clauses, unit, item):
            return self._periods_of(clauses, unit, item, role)
        key = (id(clauses), id(item), role)
        if key not in self._silent:  # the view is kept with its result, so its id is not reused
            self._silent[key] = (clauses, self._periods_of(clauses, unit, item, role))
        return self._silent[key][1]

    def _silent_in(self, clauses: ClauseEvaluator, unit: str, item: n.Item) -> bool:
        """Whether the log has nothing for the unit in any view the item reads."""
        return all(clauses.view(item.task, p).silent(unit) for p in self._item_periods(item) or (None,))

    def _item_periods(self, item: n.Item) -> tuple[int, ...]:
        """The months (quarters) a 按月评价 (按季评价) item is scored in; () for a yearly item."""
        return self.months if item.monthly else self.quarters if item.quarterly else ()

    def _periods_of(self, clauses: ClauseEvaluator, unit: str, item: n.Item, role: Role) -> ItemResult:
        periods = self._item_periods(item)
        if not periods:
            return self._item(clauses.view(item.task, None), unit, item, role)
        label = "月" if item.monthly else "季度"
        results = [(f"{p}{label}", self._item(clauses.view(item.task, p), unit, item, role)) for p in periods]
        return _by_period(results)

    # ------------------------------------------------------------ item
    def _item(self, clauses: ClauseEvaluator, unit: str, item: n.Item, role: Role) -> ItemResult:
        exempt = clauses.exemption(unit, item)
        if exempt is not None:
            why = f"规则第 {exempt.span.line} 行的条件成立，本项不考核：不得分也不失分"
            return _not_applicable(item, why, (exempt,), role.name)
        result = self._raw_item(clauses, unit, item, role.name)
        if role.coefficient == 1:
            return result
        scaled = result.score * role.coefficient
        note = f"「{role.name}」系数 {fmt(role.coefficient)}：{fmt(result.score)} × {fmt(role.coefficient)} = {fmt(scaled)} 分"
        return attrs.evolve(
            result,
            points=item.points * role.coefficient,
            score=scaled,
            coefficient=role.coefficient,
            adjustments=result.adjustments + (note,),
        )

    def _raw_item(self, clauses: ClauseEvaluator, unit: str, item: n.Item, role: str | None) -> ItemResult:
        traces: list[ClauseTrace] = []
        overrides: list[tuple[Decimal, ClauseTrace]] = []
        for clause in item.clauses:
            trace, outcome = clauses.trace(unit, clause)
            traces.append(trace)
            if outcome is not None and outcome.override:
                overrides.append((outcome.points, trace))
        adjustments: list[str] = []
        mode = self.model.scheme.deduction_mode
        base = item.points if (mode or n.deduction_only(item)) and not item.bonus else ZERO
        if base:
            why = "考核采用扣分模式" if mode else "本项只有扣分条款"
            adjustments.append(f"{why}，从 {fmt(base)} 分扣起")
        raw = base + sum((t.points for t in traces if not _is_override(t, overrides)), ZERO)
        score = self._bound(item, raw, adjustments)
        if overrides:
            score, trace = overrides[-1]
            adjustments.append(f"规则第 {trace.span.line} 行的条件成立，本项得 {fmt(score)} 分")
        return ItemResult(
            id=item.id,
            name=item.name.text,
            category=item.category.name.text if item.category else None,
            points=item.points,
            score=score,
            span=item.span,
            trace=tuple(traces),
            adjustments=tuple(adjustments),
            role=role,
            bonus=item.bonus,
        )

    def _bound(self, item: n.Item, raw: Decimal, adjustments: list[str]) -> Decimal:
        limits = [lim for c in item.clauses for lim in _limits(c)]
        item_caps = _item_limits(item, n.LimitKind.CAP)
        most_deducted = _item_limits(item, n.LimitKind.MAX_DEDUCT)
        if item.bonus:  # 加减分项目: bounded only by what its clauses say
            bounded = max([min([raw, *item_caps]), *(-d for d in most_deducted)])
            if bounded != raw:
                adjustments.append(f"合计 {fmt(raw)} 分，按本项限度计 {fmt(bounded)} 分")
            return bounded
        cap = min([item.points, *item_caps])
        floored = not any(lim.kind is n.LimitKind.NO_FLOOR for lim in limits)
        score = raw
        if score > cap:
            adjustments.append(f"合计 {fmt(raw)} 分，超过本项上限 {fmt(cap)} 分，按 {fmt(cap)} 分计")
            score = cap
        if floored and score < 0:
            adjustments.append(f"合计 {fmt(raw)} 分，扣完为止，按 0 分计")
            score = ZERO
        least = max((item.points - d for d in most_deducted), default=None)  # 本项最多扣 N 分
        if least is not None and score < least:
            adjustments.append(f"合计 {fmt(raw)} 分，本项最多扣 {fmt(item.points - least)} 分，按 {fmt(least)} 分计")
            score = least
        return score

def _item_periods(model: Model, aggregates: Aggregates) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The months and quarters the log reports for the scheme's 按月评价 / 按季评价 facts."""
    if model.scheme.period is not None:
        return (), ()
    months: set[int] = set()
    quarters: set[int] = set()
    for _, fact, period, _ in aggregates.values:
        info = model.facts.get(fact)
        if info is not None and period > 0:
            (months if info.monthly else quarters).add(period)
    return tuple(sorted(months)), tuple(sorted(quarters))


def _by_period(months: list[tuple[str, ItemResult]]) -> ItemResult:
    """A 按月/按季评价 item's year: its results of each period side by side, scored at their mean."""
    first = months[0][1]
    if not first.applicable:
        return first
    mean = sum((r.score for _, r in months), ZERO) / len(months)
    trace = tuple(attrs.evolve(t, detail=f"{m}：{t.detail}") for m, r in months for t in r.trace)
    every = set.intersection(*(set(r.adjustments) for _, r in months))  # said every month: said once
    notes = tuple(a for a in first.adjustments if a in every)
    notes += tuple(f"{m}：{a}" for m, r in months for a in r.adjustments if a not in every)
    scores = "、".join(f"{m} {fmt(r.score)}" for m, r in months)
    quarters = months[0][0].endswith("季度")
    which, many = ("按季评价", "个季度") if quarters else ("按月评价", "个月")
    summary = f"{which}：{scores}；{len(months)} {many}平均 {fmt(mean)} 分"
    return attrs.evolve(first, score=mean, trace=trace, adjustments=notes + (summary,))


def _combination(period: n.PeriodSpec | None, units: tuple[UnitResult, ...]) -> str | None:
    """How the year was made from the periods, in words: 一季度 × 20% + … or the mean of N months."""
    if period is None:
        return None
    if period.weights:
        return "全年得分 = " + " + ".join(f"{w.label}得分 × {fmt(w.weight * 100)}%" for w in period.weights)
    reported = len(units[0].periods) if units else 0
    return f"全年得分 = 各{period.unit.value}得分之和 ÷ {reported}（记录中有数据的{period.unit.value}数）"


def _combined(unit: str, total: Decimal, parts: list[tuple[str, UnitResult]]) -> UnitResult:
    """A unit's year from its periods: every period's items (named 3月·1 …) and each period's total."""
    items = tuple(item for label, part in parts for item in _labelled(label, part.items))
    periods = tuple((label, part.total) for label, part in parts)
    return UnitResult(unit, total, 0, items, periods=periods)


def _labelled(label: str, items: tuple[ItemResult, ...]) -> list[ItemResult]:
    """A period's items, named after it: 3月·1, 一季度·2 …"""
    return [attrs.evolve(item, id=f"{label}·{item.id}") for item in items]


def _not_applicable(
    item: n.Item, why: str, trace: tuple[ClauseTrace, ...] = (), role: str | None = None
) -> ItemResult:
    """The result of an item that does not apply to a unit: neither earned nor owed."""
    return ItemResult(
        id=item.id,
        name=item.name.text,
        category=item.category.name.text if item.category else None,
        points=ZERO,
        score=ZERO,
        span=item.span,
        trace=trace,
        adjustments=(why,),
        applicable=False,
        role=role,
        bonus=item.bonus,
    )


def _item_limits(item: n.Item, kind: n.LimitKind) -> list[Decimal]:
    """The values of the item-level limits of one kind (a sentence of limits of its own)."""
    return [
        lim.value
        for c in item.clauses
        if isinstance(c, n.LimitClause)
        for lim in c.limits
        if lim.kind is kind and lim.value is not None
    ]


def _limits(clause: n.Clause) -> tuple[n.Limit, ...]:
    return getattr(clause, "limits", ())


def _is_override(trace: ClauseTrace, overrides: list[tuple[Decimal, ClauseTrace]]) -> bool:
    return any(t is trace for _, t in overrides)


