"""Static score bounds: for every clause, item and scheme total, the least and greatest score
any event log can produce — from the rule file alone (interval arithmetic over the AST).

Bounds are per unit class: units that hold the same role (or none) in every item share
their bounds. Unbounded ends are Decimal infinities. The evaluator is not consulted: these
bounds are what the property tests (`zkprules check --prove`) check the evaluator against.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

import attrs

from zkprules import nodes as n
from zkprules.checker import Model, Role
from zkprules.text import name_key

ZERO = Decimal(0)
INF = Decimal("Infinity")


@attrs.frozen
class Interval:
    """The closed range [low, high] of a score; an end may be infinite."""

    low: Decimal
    high: Decimal

    @classmethod
    def point(cls, value: Decimal) -> Interval:
        """The interval of one value."""
        return cls(value, value)

    @classmethod
    def spanning(cls, values: Iterable[Decimal]) -> Interval:
        """The smallest interval holding all `values`."""
        found = list(values)
        return cls(min(found), max(found))

    def __add__(self, other: Interval) -> Interval:
        return Interval(_add(self.low, other.low), _add(self.high, other.high))

    def scale(self, factor: Decimal) -> Interval:
        """The interval times a non-negative factor."""
        if factor == 0:
            return Interval.point(ZERO)
        return Interval(self.low * factor, self.high * factor)

    def clamp(self, low: Decimal | None = None, high: Decimal | None = None) -> Interval:
        """The interval with each end kept within [low, high]."""
        lo, hi = self.low, self.high
        if low is not None:
            lo, hi = max(lo, low), max(hi, low)
        if high is not None:
            lo, hi = min(lo, high), min(hi, high)
        return Interval(lo, hi)

    def union(self, other: Interval) -> Interval:
        """The smallest interval holding both."""
        return Interval(min(self.low, other.low), max(self.high, other.high))

    def contains(self, value: Decimal) -> bool:
        """Whether `value` lies within."""
        return self.low <= value <= self.high


def _add(a: Decimal, b: Decimal) -> Decimal:
    if a.is_infinite() and b.is_infinite() and a != b:
        return a  # cannot happen for low+low or high+high of well-formed intervals
    return a + b


ANY = Interval(-INF, INF)
NONNEGATIVE = Interval(ZERO, INF)


# ------------------------------------------------------------------ clauses
def clause_bounds(clause: n.Clause, model: Model) -> Interval:
    """What one clause can add to its item's raw score (before the item's own bounds)."""
    handler = _CLAUSES.get(type(clause))
    return handler(clause, model) if handler is not None else Interval.point(ZERO)


def _with_zero(points: Iterable[Decimal]) -> Interval:
    return Interval.spanning([ZERO, *points])


def _limited(interval: Interval, limits: tuple[n.Limit, ...]) -> Interval:
    for limit in limits:
        if limit.kind is n.LimitKind.FLOOR_ZERO:
            interval = interval.clamp(low=ZERO)
        elif limit.kind is n.LimitKind.CAP and limit.value is not None:
            interval = interval.clamp(high=limit.value)
        elif limit.kind is n.LimitKind.MAX_DEDUCT and limit.value is not None:
            interval = interval.clamp(low=-limit.value)
    return interval


def _per(points: Decimal) -> Interval:
    return Interval(ZERO, INF) if points > 0 else Interval(-INF, ZERO)


def _yesno(clause: n.YesNoClause, model: Model) -> Interval:
    base = _with_zero([clause.points])
    if clause.per is None:
        return _limited(base, clause.limits)
    return _limited(base + _per_limited(clause.per.points, clause.limits), clause.limits)


def _per_limited(points: Decimal, limits: tuple[n.Limit, ...]) -> Interval:
    """每出现…: only 最多扣 and 最高 bound the clause itself (扣完为止 is the item's floor), as the evaluator does."""
    interval = _per(points)
    for limit in limits:
        if limit.kind is n.LimitKind.MAX_DEDUCT and limit.value is not None:
            interval = interval.clamp(low=-limit.value)
        elif limit.kind is n.LimitKind.CAP and limit.value is not None and points > 0:
            interval = interval.clamp(high=limit.value)
    return interval


def _per_clause(clause: n.PerClause, model: Model) -> Interval:
    return _per_limited(clause.rate.points, clause.limits)


def _tier(clause: n.TierClause, model: Model) -> Interval:
    arms = _with_zero(t.points for t in clause.tiers)
    if clause.linear is None:
        return arms
    top = clause.tiers[0].points
    return Interval(ZERO, top) if top > 0 else Interval(-INF, max(arms.high, ZERO))


def _fraction(points: Decimal) -> Interval:
    return _with_zero([points])


def _formula(clause: n.FormulaClause, model: Model) -> Interval:
    value = expr_bounds(clause.expr, lambda ref: _fact_range(model, ref))
    return _limited(value, clause.limits)


def _discretion(clause: n.DiscretionClause, model: Model) -> Interval:
    return _per(Decimal(clause.sign))  # rows are summed: any number of them


def _fact_range(model: Model, ref: n.FactRef | n.SumAll | n.ClassSum) -> Interval:
    if not isinstance(ref, n.FactRef):
        return ANY
    info = model.fact(ref.fact.text)
    if info is not None and info.kind in (n.FactKind.COUNT, n.FactKind.RATIO):
        return NONNEGATIVE
    return ANY


_CLAUSES: dict[type, Callable[..., Interval]] = {
    n.YesNoClause: _yesno,
    n.PerClause: _per_clause,
    n.ChoiceClause: lambda c, m: _with_zero(a.points for a in c.arms),
    n.TierClause: _tier,
    n.RankClause: lambda c, m: _with_zero(a.points for a in c.arms),
    n.RatioClause: lambda c, m: _limited(_fraction(c.points), c.limits),
    n.StageClause: lambda c, m: _fraction(c.points),
    n.AverageClause: lambda c, m: _fraction(c.points),
    n.FormulaClause: _formula,
    n.DiscretionClause: _discretion,
    n.ChangeClause: lambda c, m: _per(c.points),
    n.RiseClause: lambda c, m: _limited(_per(c.points), c.limits),
}


# ------------------------------------------------------------------ formulas
Leaf = Callable[[n.FactRef | n.SumAll | n.ClassSum], Interval]


@attrs.define
class Division:
    """Whether a formula may divide by zero: some division's divisor can be 0 (`maybe`) or is always 0 (`always`)."""

    maybe: bool = False
    always: bool = False


def expr_bounds(expr: n.Expr, leaf: Leaf, division: Division | None = None) -> Interval:
    """Interval arithmetic over a formula.

    A divisor that is always 0 gives 0, as the evaluator does (it also lists the unit as
    incomplete); one that may be 0 makes the result unbounded. `division` records which.
    """
    division = division if division is not None else Division()
    if isinstance(expr, n.Num):
        return Interval.point(expr.value)
    if isinstance(expr, (n.FactRef, n.SumAll, n.ClassSum)):
        return leaf(expr)
    left = expr_bounds(expr.left, leaf, division)
    right = expr_bounds(expr.right, leaf, division)
    if expr.op == "+":
        return left + right
    if expr.op == "-":
        return left + Interval(-right.high, -right.low)
    if expr.op == "*":
        return _times(left, right)
    if right.low == right.high == 0:
        division.always = True
        return Interval.point(ZERO)
    if right.low <= 0 <= right.high:
        division.maybe = True
        return ANY
    return _times(left, Interval(1 / right.high, 1 / right.low))


def _times(a: Interval, b: Interval) -> Interval:
    products = []
    for x in (a.low, a.high):
        for y in (b.low, b.high):
            if (x.is_infinite() and y == 0) or (y.is_infinite() and x == 0):
                products.append(ZERO)
            else:
                products.append(x * y)
    return Interval.spanning(products)


# ------------------------------------------------------------------ items
@attrs.frozen
class ItemBounds:
    """An item's bounds for a unit of one class: its points (coefficient applied) and score range."""

    item: n.Item
    points: Decimal
    score: Interval
    applicable: bool
    role: str | None


def raw_item_bounds(item: n.Item, model: Model) -> Interval:
    """An item's score range before any role coefficient, mirroring the evaluator's item rules."""
    scoring = [c for c in item.clauses if not isinstance(c, (n.OverrideClause, n.ExemptClause, n.LimitClause))]
    total = Interval.point(_base(item, model))
    for clause in scoring:
        total = total + clause_bounds(clause, model)
    limits = [lim for c in item.clauses if isinstance(c, n.LimitClause) for lim in c.limits]
    caps = [lim.value for lim in limits if lim.kind is n.LimitKind.CAP and lim.value is not None]
    deducted = [lim.value for lim in limits if lim.kind is n.LimitKind.MAX_DEDUCT and lim.value is not None]
    if item.bonus:
        bounded = total.clamp(high=min(caps) if caps else None)
        bounded = bounded.clamp(low=-min(deducted) if deducted else None)
    else:
        no_floor = any(
            lim.kind is n.LimitKind.NO_FLOOR for c in item.clauses for lim in getattr(c, "limits", ())
        )
        bounded = total.clamp(high=min([item.points, *caps]), low=None if no_floor else ZERO)
        if deducted:
            bounded = bounded.clamp(low=item.points - min(deducted))
    for override in (c for c in item.clauses if isinstance(c, n.OverrideClause)):
        bounded = bounded.union(Interval.point(override.points))
    return bounded


def _base(item: n.Item, model: Model) -> Decimal:
    if item.bonus:
        return ZERO
    return item.points if model.scheme.deduction_mode or n.deduction_only(item) else ZERO


# ------------------------------------------------------------------ schemes
@attrs.frozen
class PeriodBounds:
    """One period of a 按月考核 / 按季考核 scheme: its own total's range and what it adds to the year."""

    label: str
    weight: Decimal | None  # None: the year is the mean of the periods the log reports
    total: Interval  # the period's total (every period is scored alike, on its own rows)
    share: Interval  # its part of the year: total × weight, or the total itself in a mean


@attrs.frozen
class ClassBounds:
    """The bounds of one class of units: who they are, each item's range, each period's, and the total's."""

    units: tuple[str, ...]
    items: tuple[ItemBounds, ...]
    attainable: Decimal  # 应得分: the points of the applicable non-bonus items, coefficients applied
    total: Interval
    periods: tuple[PeriodBounds, ...] = ()


@attrs.frozen
class SchemeBounds:
    """A scheme's bounds, per unit class."""

    scheme: str
    file: str
    full_marks: Decimal | None
    classes: tuple[ClassBounds, ...]

    @property
    def total(self) -> Interval:
        """The range of the total over all classes (0 for a scheme that scores no unit)."""
        if not self.classes:
            return Interval.point(Decimal(0))
        result = self.classes[0].total
        for cls in self.classes[1:]:
            result = result.union(cls.total)
        return result


def scheme_bounds(model: Model) -> SchemeBounds:
    """Bounds of every item and of the total, per class of units with the same roles."""
    classes = _classes(model)
    totals = _totals(model, classes)
    if model.scheme.by_task:  # a unit may report no task at all: nothing earned, nothing owed
        idle = [_Class(c.units, tuple(attrs.evolve(i, applicable=False) for i in c.items)) for c in classes]
        totals = [t.union(e) for t, e in zip(totals, _totals(model, idle))]
    built = []
    for cls, total in zip(classes, totals):
        periods = period_bounds(model.scheme.period, total)
        year = _sum(p.share for p in periods) if periods and periods[0].weight is not None else total
        built.append(ClassBounds(cls.units, cls.items, cls.attainable, year, periods))
    scheme = model.scheme
    return SchemeBounds(scheme.name.text, scheme.span.file, scheme.full_marks, tuple(built))


def period_bounds(period: n.PeriodSpec | None, total: Interval) -> tuple[PeriodBounds, ...]:
    """Each period's range and share of the year (none for a scheme scored on the whole year)."""
    if period is None:
        return ()
    if not period.weights:  # the mean of any number of periods stays within one period's range
        return (PeriodBounds(f"每{period.unit.value}", None, total, total),)
    return tuple(PeriodBounds(w.label, w.weight, total, total.scale(w.weight)) for w in period.weights)


def role_bounds(model: Model, index: int) -> list[tuple[str | None, Decimal, Interval]]:
    """Item `index`'s range for each role it gives (coefficient applied), in the order roles first appear."""
    item = model.scheme.items[index]
    roles = model.roles[index].values() if model.roles else [Role(None, Decimal(1))]
    raw: dict[int, Interval] = {}
    found = {}
    for role in roles:
        if (role.name, role.coefficient) not in found:
            bounds = _role_item(item, model, (role.name, role.coefficient), raw)
            found[(role.name, role.coefficient)] = bounds.score
    return [(name, coefficient, score) for (name, coefficient), score in found.items()]


def _classes(model: Model) -> list[_Class]:
    """The units grouped by the role they hold in every item, each group with its items' bounds."""
    roles = model.roles or tuple({u: Role(None, Decimal(1)) for u in model.units} for _ in model.scheme.items)
    groups: dict[tuple[tuple[str | None, Decimal] | None, ...], list[str]] = {}
    for unit in model.units:
        signature = tuple((r.name, r.coefficient) if (r := roles[i].get(unit)) else None for i in range(len(roles)))
        groups.setdefault(signature, []).append(unit)
    raw: dict[int, Interval] = {}
    return [
        _Class(tuple(units), tuple(_role_item(item, model, sig, raw) for item, sig in zip(model.scheme.items, signature)))
        for signature, units in groups.items()
    ]


def _role_item(item: n.Item, model: Model, sig: tuple[str | None, Decimal] | None, raw: dict[int, Interval]) -> ItemBounds:
    if sig is None:
        return ItemBounds(item, ZERO, Interval.point(ZERO), False, None)
    role = Role(*sig)
    if id(item) not in raw:
        raw[id(item)] = raw_item_bounds(item, model)
    score = raw[id(item)].scale(role.coefficient)
    if any(isinstance(c, n.ExemptClause) for c in item.clauses):  # 本项不考核: neither earned nor owed
        score = score.union(Interval.point(ZERO))
    return ItemBounds(item, item.points * role.coefficient, score, True, role.name)


@attrs.frozen
class _Class:
    units: tuple[str, ...]
    items: tuple[ItemBounds, ...]

    @property
    def attainable(self) -> Decimal:
        return sum((i.points for i in self.items if i.applicable and not i.item.bonus), ZERO)

    @property
    def actual(self) -> Interval:
        return _sum(i.score for i in self.items if i.applicable and not i.item.bonus)

    @property
    def bonus(self) -> Interval:
        return _sum(i.score for i in self.items if i.applicable and i.item.bonus)


def _sum(intervals: Iterable[Interval]) -> Interval:
    total = Interval.point(ZERO)
    for interval in intervals:
        total = total + interval
    return total


Risk = tuple[n.QuantityDef | n.Expr, Division, tuple[str, ...]]


def division_risks(model: Model) -> list[Risk]:
    """The scheme formulas (a quantity, or the total) whose divisor can be 0 for some class of units."""
    classes = _classes(model)
    risks: list[Risk] = []
    _totals(model, classes, risks)
    if model.scheme.by_task:  # a unit with no task: its divisors may be 0 (not always: only then)
        idle: list[Risk] = []
        _totals(model, [_Class(c.units, tuple(attrs.evolve(i, applicable=False) for i in c.items)) for c in classes], idle)
        risks += [(node, Division(maybe=True), units) for node, _, units in idle]
    merged: dict[int, Risk] = {}
    for node, division, units in risks:
        if id(node) in merged:
            old = merged[id(node)]
            both = Division(old[1].maybe or division.maybe, old[1].always or division.always)
            merged[id(node)] = (node, both, old[2] + units)
        else:
            merged[id(node)] = (node, division, units)
    return list(merged.values())


def _totals(model: Model, classes: list[_Class], risks: list[Risk] | None = None) -> list[Interval]:
    """Each class's total: its items', or the scheme's formulas evaluated class by class, in step."""
    scheme = model.scheme
    if scheme.total is None and not scheme.definitions:
        return [c.actual + c.bonus for c in classes]
    all_points = sum((i.points for i in scheme.items if not i.bonus), ZERO)
    envs: list[dict[str, Interval]] = [
        {
            name_key("应得分"): Interval.point(c.attainable),
            name_key("实得分"): c.actual,
            name_key("加减分"): c.bonus,
            name_key("全部项目分值"): Interval.point(all_points),
        }
        for c in classes
    ]

    members = [_by_category(c.items) for c in classes]

    def leaf_of(index: int) -> Callable[[n.FactRef | n.SumAll | n.ClassSum], Interval]:
        def leaf(ref: n.FactRef | n.SumAll | n.ClassSum) -> Interval:
            if isinstance(ref, n.ClassSum):
                return _class_sum(members[index].get(name_key(ref.name.text), []), ref)
            if isinstance(ref, n.SumAll):
                key = name_key(ref.name.text)
                parts = [_times(env.get(key, ANY), Interval.point(Decimal(len(c.units)))) for env, c in zip(envs, classes)]
                return _sum(parts)
            return envs[index].get(name_key(ref.fact.text)) or _fact_range(model, ref)

        return leaf

    for definition in scheme.definitions:
        key = name_key(definition.name.text)
        for index, env in enumerate(envs):
            if isinstance(definition, n.RankScaleDef):
                env[key] = Interval(definition.bottom, definition.top)
                continue
            division = Division()
            value = expr_bounds(definition.expr, leaf_of(index), division)
            if risks is not None and (division.maybe or division.always):
                risks.append((definition, division, classes[index].units))
            if definition.fallback is not None and division.always:
                value = expr_bounds(definition.fallback, leaf_of(index))
            elif definition.fallback is not None and division.maybe:
                value = value.union(expr_bounds(definition.fallback, leaf_of(index)))
            env[key] = value
    if scheme.total is None:
        return [c.actual + c.bonus for c in classes]
    totals = []
    for index, cls in enumerate(classes):
        division = Division()
        totals.append(expr_bounds(scheme.total, leaf_of(index), division))
        if risks is not None and (division.maybe or division.always):
            risks.append((scheme.total, division, cls.units))
    return totals


def _by_category(items: tuple[ItemBounds, ...]) -> dict[str, list[ItemBounds]]:
    """The items of each 类别 or item table, by its name's key."""
    found: dict[str, list[ItemBounds]] = {}
    for bounds in items:
        if bounds.item.category is not None:
            found.setdefault(name_key(bounds.item.category.name.text), []).append(bounds)
    return found


def _class_sum(members: list[ItemBounds], ref: n.ClassSum) -> Interval:
    if ref.quantity == "项目分值":
        return Interval.point(sum((i.item.points for i in members), ZERO))
    if ref.quantity == "应得分":
        return Interval.point(sum((i.points for i in members if i.applicable), ZERO))
    return _sum(i.score for i in members if i.applicable)
