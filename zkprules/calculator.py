"""Scheme-level arithmetic, after the items: 应得分, 实得分, 加减分, the scheme's own quantities,
the total, and its rounding.

    设「完成率」为「实得分」÷「应得分」。
    设「贡献率」为「应得分」÷ 全部单位的「应得分」之和。
    设「贡献度得分」按「贡献率」排名，第 1 名 100 分，等差递减，最低 70 分。
    总分为「完成率」×「贡献度得分」+「加减分」。
    总分保留两位小数。

Each definition is computed for every unit before the next, so a later one can sum or
rank an earlier one over all units.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

import attrs

from zkprules import nodes as n
from zkprules.arith import Ref, fold, leaves
from zkprules.checker import Model, formula_refs
from zkprules.diagnostics import Diagnostic, ZkError
from zkprules.results import ZERO_DIVISOR, MissingMeasure, UnitResult
from zkprules.text import name_key

ZERO = Decimal(0)


class MissingFact(Exception):
    """A measure a computation needs is not in the log and has no default."""

    def __init__(self, fact: str) -> None:
        super().__init__(fact)
        self.fact = fact


FactNumber = Callable[[str, str], Decimal]


class SchemeCalculator:
    """Computes every unit's quantities and total from its item results."""

    def __init__(self, model: Model, fact_number: FactNumber, unit_of: UnitOf) -> None:
        self.model = model
        self.fact_number = fact_number
        self.unit_of = unit_of
        self.missing: list[MissingMeasure] = []
        self.facts_read: dict[str, dict[str, Decimal]] = {}  # per unit: event-log facts the formulas read
        self._named: list[tuple[str, str]] | None = None
        self._category_keys: dict[str, str] = {}

    def totals(self, units: list[UnitResult]) -> list[UnitResult]:
        """The units with their quantities and (rounded, where the scheme says) totals, composites combined."""
        return finish(self.model, self.unit_of, self.period_totals(units))

    def period_totals(self, units: list[UnitResult]) -> list[UnitResult]:
        """The units with their quantities and unrounded totals (of the year, or of one period)."""
        all_points = sum((item.points for item in self.model.scheme.items if not item.bonus), ZERO)
        env = {u.unit: _builtins(u, all_points) | self._class_sums(u) for u in units}
        shown: dict[str, list[tuple[str, Decimal]]] = {u.unit: [] for u in units}
        for definition in self.model.scheme.definitions:
            values = self._define(definition, env)
            for name, value in values.items():
                env[name][name_key(definition.name.text)] = value
                shown[name].append((definition.name.text, value))
        result = []
        for unit in units:
            total = self._total(unit.unit, env)
            facts = tuple(self.facts_read.get(unit.unit, {}).items())
            quantities = tuple(_named_builtins(env[unit.unit])) + tuple(shown[unit.unit]) + facts
            result.append(attrs.evolve(unit, total=total, quantities=quantities))
        return result

    def _class_sums(self, unit: UnitResult) -> dict[str, Decimal]:
        """「X」的实得分 / 应得分 / 项目分值 of every category or item table the formulas name."""
        scheme = self.model.scheme
        if self._named is None:  # the class sums the formulas name, found once
            exprs = n.scheme_exprs(scheme) + ([scheme.total] if scheme.total is not None else [])
            self._named = sorted(
                {(leaf.name.text, leaf.quantity) for e in exprs for leaf in leaves(e) if isinstance(leaf, n.ClassSum)}
            )
        sums = {}
        earned: dict[str, Decimal] = {}
        owed: dict[str, Decimal] = {}
        for item in unit.items:  # one pass: each category's 实得分 and 应得分
            if item.applicable and item.category:
                key = self._key(item.category)
                earned[key] = earned.get(key, ZERO) + item.score
                owed[key] = owed.get(key, ZERO) + item.points
        for name, quantity in self._named:
            key = name_key(name)
            if quantity == "项目分值":
                members = [i.points for i in scheme.items if i.category and self._key(i.category.name.text) == key]
                sums[_class_key(name, quantity)] = sum(members, ZERO)
                continue
            sums[_class_key(name, quantity)] = (earned if quantity == "实得分" else owed).get(key, ZERO)
        return sums

    def _key(self, category: str) -> str:
        if category not in self._category_keys:
            self._category_keys[category] = name_key(category)
        return self._category_keys[category]

    def _define(self, definition: n.Definition, env: dict[str, dict[str, Decimal]]) -> dict[str, Decimal]:
        if isinstance(definition, n.RankScaleDef):
            return self._rank_scale(definition, env)
        values = {unit: self._defined(definition, unit, env) for unit in env}
        if definition.rounding is not None:
            places = definition.rounding
            return {unit: _round(value, places) for unit, value in values.items()}
        return values

    def _defined(self, definition: n.QuantityDef, unit: str, env: dict[str, dict[str, Decimal]]) -> Decimal:
        """A quantity's value; where it would divide by zero and the rule gives a fallback (除数为 0 时为 …), that."""
        if definition.fallback is not None and self._divides_by_zero(definition.expr, unit, env):
            return self._value(definition.fallback, unit, env, definition)
        return self._value(definition.expr, unit, env, definition)

    def _divides_by_zero(self, expr: n.Expr, unit: str, env: dict[str, dict[str, Decimal]]) -> bool:
        zero = False

        def mark(op: n.BinOp) -> Decimal:
            nonlocal zero
            zero = True
            return ZERO

        missing = len(self.missing)
        fold(expr, lambda ref: self._leaf(ref, unit, env, None), mark)
        del self.missing[missing:]
        return zero

    def _rank_scale(self, definition: n.RankScaleDef, env: dict[str, dict[str, Decimal]]) -> dict[str, Decimal]:
        """First place gets the top score, the last the bottom one, in equal steps; ties share the better place."""
        measures = {unit: self._ref(definition.measure, unit, env, definition) for unit in env}
        size = len(measures)
        step = (definition.top - definition.bottom) / (size - 1) if size > 1 else ZERO
        return {
            unit: definition.top - step * sum(1 for other in measures.values() if other > value)
            for unit, value in measures.items()
        }

    def _total(self, unit: str, env: dict[str, dict[str, Decimal]]) -> Decimal:
        scheme = self.model.scheme
        if scheme.total is None:
            total = env[unit][name_key("实得分")] + env[unit][name_key("加减分")]
        else:
            total = self._value(scheme.total, unit, env, None)
        return total

    def _value(
        self, expr: n.Expr, unit: str, env: dict[str, dict[str, Decimal]], where: n.Definition | None
    ) -> Decimal:
        def leaf(ref: Ref) -> Decimal:
            return self._leaf(ref, unit, env, where)

        def divide_by_zero(op: n.BinOp) -> Decimal:
            # One unit's zero (e.g. no applicable item, no task reported) must not stop the
            # others: the value counts as 0 and the unit is listed as incomplete.
            divisor = _expr_text(op.right)
            self.missing.append(MissingMeasure(unit, divisor + ZERO_DIVISOR, _what(where), op.span))
            return ZERO

        return fold(expr, leaf, divide_by_zero)

    def _leaf(self, ref: Ref, unit: str, env: dict[str, dict[str, Decimal]], where: n.Definition | None) -> Decimal:
        if isinstance(ref, n.ClassSum):
            return env[unit][_class_key(ref.name.text, ref.quantity)]
        if isinstance(ref, n.SumAll):
            key = name_key(ref.name.text)
            return sum((values.get(key, ZERO) for values in env.values()), ZERO)
        return self._ref(ref.fact, unit, env, where)

    def _ref(self, name: n.Name, unit: str, env: dict[str, dict[str, Decimal]], where: n.Definition | None) -> Decimal:
        key = name_key(name.text)
        if key in env[unit]:
            return env[unit][key]
        try:
            value = self.fact_number(unit, name.text)
        except MissingFact as missing:
            span = where.span if where is not None else name.span
            self.missing.append(MissingMeasure(unit, missing.fact, _what(where), span))
            return ZERO
        self.facts_read.setdefault(unit, {})[name.text] = value
        return value


UnitOf = Callable[[str], str | None]


def finish(model: Model, unit_of: UnitOf, units: list[UnitResult]) -> list[UnitResult]:
    """The last steps, once per year: round where the scheme says, then combine composite units."""
    rounding = model.scheme.rounding
    if rounding is not None:
        units = [attrs.evolve(u, total=_round(u.total, rounding)) for u in units]
    return _composites(model, unit_of, units)


def _composites(model: Model, unit_of: UnitOf, units: list[UnitResult]) -> list[UnitResult]:
    """Replace each composite unit's total; drop its components from the ranking."""
    by_unit = {u.unit: u for u in units}
    components: set[str] = set()
    for composite in model.scheme.composites:
        target = unit_of(composite.unit.text)
        if target is None or target not in by_unit:
            continue
        parts = {unit_of(ref.fact.text) for ref in formula_refs(composite.expr)} - {None}
        totals = {name_key(u): by_unit[u].total for u in parts if u is not None and u in by_unit}
        value = _combine(composite.expr, totals, unit_of)
        if model.scheme.rounding is not None:
            value = _round(value, model.scheme.rounding)
        shown = tuple((f"{u}本方案得分", by_unit[u].total) for u in sorted(p for p in parts if p in by_unit))
        by_unit[target] = attrs.evolve(by_unit[target], total=value, quantities=by_unit[target].quantities + shown)
        components |= {p for p in parts if p is not None and p != target}
    return [u for u in by_unit.values() if u.unit not in components]


def _combine(expr: n.Expr, totals: dict[str, Decimal], unit_of: UnitOf) -> Decimal:
    def leaf(ref: Ref) -> Decimal:
        unit = unit_of(ref.fact.text) if isinstance(ref, n.FactRef) else None
        return totals.get(name_key(unit or ""), ZERO)

    def divide_by_zero(op: n.BinOp) -> Decimal:
        raise ZkError([Diagnostic("division-by-zero", "组合单位的计算中除数为 0", op.span)])

    return fold(expr, leaf, divide_by_zero)


def _round(value: Decimal, places: int) -> Decimal:
    """四舍五入 to `places` decimals (half up, not Python's half-even)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _builtins(unit: UnitResult, all_points: Decimal) -> dict[str, Decimal]:
    scored = [i for i in unit.items if i.applicable and not i.bonus]
    return {
        name_key("应得分"): sum((i.points for i in scored), ZERO),
        name_key("实得分"): sum((i.score for i in scored), ZERO),
        name_key("加减分"): sum((i.score for i in unit.items if i.applicable and i.bonus), ZERO),
        name_key("全部项目分值"): all_points,
    }


def _named_builtins(values: dict[str, Decimal]) -> list[tuple[str, Decimal]]:
    return [(name, values[name_key(name)]) for name in ("应得分", "实得分", "加减分")]


def _what(where: n.Definition | None) -> str:
    return f"「{where.name.text}」" if where is not None else "总分"


def _expr_text(expr: n.Expr) -> str:
    """A short name for the divisor of a formula, for messages."""
    if isinstance(expr, n.FactRef):
        return expr.fact.text
    if isinstance(expr, n.SumAll):
        return f"全部单位的{expr.name.text}之和"
    return "除数"


def _class_key(name: str, quantity: str) -> str:
    """The environment key of a class sum (cannot clash with a 「」 name's key)."""
    return f"\x00{name_key(name)}\x00{quantity}"
