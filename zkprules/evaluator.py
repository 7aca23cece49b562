"""Model + aggregates → scheme result. Exact decimal arithmetic; no rounding unless a scheme says so.

Each clause is evaluated on the aggregates of one unit and returns a trace. Item rules:
- an item whose clauses only deduct (扣分制) starts from its points, otherwise from 0;
- its score is the sum of its clauses, kept within [0, points] unless a clause says
  上不封顶 / 不设下限 (no floor) or caps it lower (加分上限为 …);
- an override (出现「F」的，本项得 0 分) replaces the score when its condition holds.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_FLOOR, Decimal

import attrs

from zkprules import nodes as n
from zkprules.aggregate import Aggregates
from zkprules.arith import fold
from zkprules.calculator import MissingFact, SchemeCalculator
from zkprules.checker import Model, Role, deducted_fact
from zkprules.diagnostics import Diagnostic, ZkError
from zkprules.registry import Registry
from zkprules.results import ClauseTrace, ItemResult, MissingMeasure, SchemeResult, UnitResult
from zkprules.spans import SourceText
from zkprules.text import format_decimal as fmt
from zkprules.text import name_key

ZERO = Decimal(0)




@attrs.frozen
class _Outcome:
    points: Decimal
    rows: tuple[int, ...]
    detail: str
    override: bool = False


@attrs.frozen
class Ranking:
    """The rank of every unit that has a value for a ranked measure."""

    ranks: dict[str, int]
    tied: dict[str, int]
    size: int
    missing: tuple[str, ...]


class SchemeEvaluator:
    """Evaluates one checked scheme on its aggregates."""

    def __init__(self, model: Model, aggregates: Aggregates, registry: Registry, source: SourceText) -> None:
        self.model = model
        self.aggregates = aggregates
        self.registry = registry
        self.source = source
        self.rankings = {id(c): self._ranking(c) for c in self._clauses() if isinstance(c, n.RankClause)}

    def _clauses(self) -> list[n.Clause]:
        return [c for item in self.model.scheme.items for c in item.clauses]

    # ------------------------------------------------------------ scheme
    def evaluate(self) -> SchemeResult:
        """Every unit's items, total and rank."""
        scheme = self.model.scheme
        calculator = SchemeCalculator(self.model, self._scheme_number, self.registry.unit)
        unsorted = calculator.totals([self._unit(unit) for unit in self.model.units])
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
        missing = tuple(
            MissingMeasure(u.unit, fact, item.id, t.span)
            for u in unsorted
            for item in u.items
            for t in item.trace
            for fact in t.missing
        ) + tuple(calculator.missing)
        return SchemeResult(
            name=scheme.name.text,
            source=scheme.source.text if scheme.source else None,
            file=scheme.span.file,
            year=scheme.year,
            full_marks=scheme.full_marks,
            units=ranked,
            missing=missing,
        )

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

    def _unit(self, unit: str) -> UnitResult:
        roles = self.model.roles or tuple({u: Role(None, Decimal(1)) for u in self.model.units} for _ in self.model.scheme.items)
        items = tuple(self._item(unit, item, roles[i].get(unit)) for i, item in enumerate(self.model.scheme.items))
        return UnitResult(unit, ZERO, 0, items)

    def _scheme_number(self, unit: str, fact: str) -> Decimal:
        """A fact's value for scheme-level arithmetic (raises MissingFact like clauses do)."""
        return self._number(unit, fact)[0]

    # ------------------------------------------------------------ item
    def _item(self, unit: str, item: n.Item, role: Role | None) -> ItemResult:
        if role is None:
            return ItemResult(
                id=item.id,
                name=item.name.text,
                category=item.category.name.text if item.category else None,
                points=ZERO,
                score=ZERO,
                span=item.span,
                trace=(),
                adjustments=("本项不适用于该单位：不得分也不失分",),
                applicable=False,
                bonus=item.bonus,
            )
        exempt = self._exemption(unit, item)
        if exempt is not None:
            return ItemResult(
                id=item.id,
                name=item.name.text,
                category=item.category.name.text if item.category else None,
                points=ZERO,
                score=ZERO,
                span=item.span,
                trace=(exempt,),
                adjustments=(f"规则第 {exempt.span.line} 行的条件成立，本项不考核：不得分也不失分",),
                applicable=False,
                role=role.name,
                bonus=item.bonus,
            )
        result = self._raw_item(unit, item)
        if role.coefficient == 1:
            return attrs.evolve(result, role=role.name)
        scaled = result.score * role.coefficient
        note = f"「{role.name}」系数 {fmt(role.coefficient)}：{fmt(result.score)} × {fmt(role.coefficient)} = {fmt(scaled)} 分"
        return attrs.evolve(
            result,
            points=item.points * role.coefficient,
            score=scaled,
            role=role.name,
            coefficient=role.coefficient,
            adjustments=result.adjustments + (note,),
        )

    def _exemption(self, unit: str, item: n.Item) -> ClauseTrace | None:
        """The trace of the first 本项不考核 clause whose condition holds for the unit, if any."""
        for clause in item.clauses:
            if isinstance(clause, n.ExemptClause):
                holds, rows, why = self._conditions(unit, list(clause.conditions))
                if holds:
                    text = " ".join(self.source.slice(clause.span).split())
                    return ClauseTrace(text, clause.span, ZERO, tuple(rows), f"{why}：本项不考核")
        return None

    def _raw_item(self, unit: str, item: n.Item) -> ItemResult:
        traces: list[ClauseTrace] = []
        overrides: list[tuple[Decimal, ClauseTrace]] = []
        for clause in item.clauses:
            trace, outcome = self._trace(unit, clause)
            traces.append(trace)
            if outcome is not None and outcome.override:
                overrides.append((outcome.points, trace))
        adjustments: list[str] = []
        base = item.points if _deduction_only(item) and not item.bonus else ZERO
        if base:
            adjustments.append(f"本项只有扣分条款，从 {fmt(base)} 分扣起")
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
            bonus=item.bonus,
        )

    def _bound(self, item: n.Item, raw: Decimal, adjustments: list[str]) -> Decimal:
        limits = [lim for c in item.clauses for lim in _limits(c)]
        item_caps = [
            lim.value
            for c in item.clauses
            if isinstance(c, n.LimitClause)
            for lim in c.limits
            if lim.kind is n.LimitKind.CAP and lim.value is not None
        ]
        if item.bonus:  # 加减分项目: bounded only by what its clauses say
            return min([raw, *item_caps])
        cap = min([item.points, *item_caps])
        floored = not any(lim.kind is n.LimitKind.NO_FLOOR for lim in limits)
        score = raw
        if score > cap:
            adjustments.append(f"合计 {fmt(raw)} 分，超过本项上限 {fmt(cap)} 分，按 {fmt(cap)} 分计")
            score = cap
        if floored and score < 0:
            adjustments.append(f"合计 {fmt(raw)} 分，扣完为止，按 0 分计")
            score = ZERO
        return score

    def _trace(self, unit: str, clause: n.Clause) -> tuple[ClauseTrace, _Outcome | None]:
        text = " ".join(self.source.slice(clause.span).split())
        try:
            outcome = self._clause(unit, clause)
        except MissingFact as missing:
            detail = f"缺少「{unit}」的「{missing.fact}」数据，本条款暂按 0 分计"
            return ClauseTrace(text, clause.span, ZERO, (), detail, (missing.fact,)), None
        except Exception as exc:  # wrapped with the clause's span, never shown as a traceback
            message = f"计算「{unit}」的得分时出现内部错误：{type(exc).__name__}: {exc}"
            raise ZkError([Diagnostic("internal-error", message, clause.span)]) from exc
        return ClauseTrace(text, clause.span, outcome.points, outcome.rows, outcome.detail), outcome

    # ------------------------------------------------------------ clauses
    def _clause(self, unit: str, clause: n.Clause) -> _Outcome:
        handler: Callable[[SchemeEvaluator, str, n.Clause], _Outcome] = _HANDLERS[type(clause)]
        return handler(self, unit, clause)

    def yesno(self, unit: str, clause: n.YesNoClause) -> _Outcome:
        deducted = deducted_fact(clause)
        tested = [
            c
            for c in clause.conditions
            if not (isinstance(c, n.FactAbsent) and deducted is not None and name_key(c.fact.text) == name_key(deducted.text))
        ]
        holds, rows, why = self._conditions(unit, tested)
        base = clause.points if holds else ZERO
        detail = f"{why}：{_signed(base)} 分" if tested else f"起点 {fmt(clause.points)} 分"
        total = base
        if clause.per is not None and deducted is not None:
            count, count_rows = self._count(unit, deducted.text)
            moved = self._per_points(clause.per, count, clause.limits)
            rows += count_rows
            total = base + moved
            detail += f"；「{deducted.text}」{fmt(count)} 次，{_signed(moved)} 分"
        total = self._clause_limits(total, clause.limits)
        return _Outcome(total, tuple(sorted(set(rows))), detail)

    def per(self, unit: str, clause: n.PerClause) -> _Outcome:
        assert clause.rate.fact is not None
        count, rows = self._count(unit, clause.rate.fact.text)
        moved = self._per_points(clause.rate, count, clause.limits)
        detail = f"「{clause.rate.fact.text}」{fmt(count)} 次，{_signed(moved)} 分"
        return _Outcome(moved, rows, detail)

    def _per_points(self, rate: n.PerOccurrence, count: Decimal, limits: tuple[n.Limit, ...]) -> Decimal:
        steps = (count / rate.every).to_integral_value(rounding=ROUND_FLOOR)
        moved = rate.points * steps
        for limit in limits:
            if limit.kind is n.LimitKind.MAX_DEDUCT and limit.value is not None:
                moved = max(moved, -limit.value)
            if limit.kind is n.LimitKind.CAP and limit.value is not None and moved > 0:
                moved = min(moved, limit.value)
        return moved

    @staticmethod
    def _clause_limits(total: Decimal, limits: tuple[n.Limit, ...]) -> Decimal:
        for limit in limits:
            if limit.kind is n.LimitKind.FLOOR_ZERO:
                total = max(total, ZERO)
            if limit.kind is n.LimitKind.CAP and limit.value is not None:
                total = min(total, limit.value)
        return total

    def choice(self, unit: str, clause: n.ChoiceClause) -> _Outcome:
        value, rows = self._measure(unit, clause.fact.text)
        for arm in clause.arms:
            if arm.option is not None and self._same_option(clause.fact.text, arm.option.text, value):
                return _Outcome(arm.points, rows, f"「{clause.fact.text}」为「{value}」：{_signed(arm.points)} 分")
        for arm in clause.arms:
            if arm.option is None:
                return _Outcome(arm.points, rows, f"「{clause.fact.text}」为「{value}」，属其他情况：{_signed(arm.points)} 分")
        return _Outcome(ZERO, rows, f"「{clause.fact.text}」为「{value}」，没有对应的分值：0 分")

    def _same_option(self, fact: str, option: str, value: Decimal | str) -> bool:
        info = self.model.fact(fact)
        return info is not None and info.option(str(value)) == info.option(option)

    def tier(self, unit: str, clause: n.TierClause) -> _Outcome:
        value, rows = self._number(unit, clause.fact.text)
        shown = _show(value, clause)
        if clause.linear is not None:
            return self._linear(clause, value, rows, shown)
        for tier in clause.tiers:
            if tier.contains(value):
                written = " ".join(self.source.slice(tier.span).split())
                return _Outcome(tier.points, rows, f"「{clause.fact.text}」为 {shown}，属“{written}”")
        if len(clause.tiers) == 1:
            written = " ".join(self.source.slice(clause.tiers[0].span).split())
            return _Outcome(ZERO, rows, f"「{clause.fact.text}」为 {shown}，不满足“{written}”：0 分")
        return _Outcome(ZERO, rows, f"「{clause.fact.text}」为 {shown}，不在任何档次内：0 分")

    @staticmethod
    def _linear(clause: n.TierClause, value: Decimal, rows: tuple[int, ...], shown: str) -> _Outcome:
        assert clause.linear is not None
        tier = clause.tiers[0]
        assert tier.low is not None
        target = tier.low.value.value
        if tier.contains(value):
            return _Outcome(tier.points, rows, f"「{clause.fact.text}」为 {shown}，达到目标：{_signed(tier.points)} 分")
        steps = (target - value) / clause.linear.step
        if not clause.linear.prorata:
            steps = steps.to_integral_value(rounding=ROUND_FLOOR)
        score = max(ZERO, tier.points - steps * clause.linear.points)
        detail = f"「{clause.fact.text}」为 {shown}，低于目标 {fmt(steps)} 档，{fmt(tier.points)} − {fmt(steps)} × {fmt(clause.linear.points)} → {fmt(score)} 分"
        return _Outcome(score, rows, detail)

    def rank(self, unit: str, clause: n.RankClause) -> _Outcome:
        ranking = self.rankings[id(clause)]
        value, rows = self._number(unit, clause.fact.text)
        position = ranking.ranks[unit]
        for kind in (n.RankArmKind.NTH, n.RankArmKind.LAST, n.RankArmKind.OTHER):
            for arm in clause.arms:
                if arm.kind is kind and _arm_covers(arm, position, ranking.size):
                    tie = f"（{ranking.tied[unit]} 个单位并列）" if ranking.tied[unit] > 1 else ""
                    detail = (
                        f"「{clause.fact.text}」为 {fmt(value)}，在 {ranking.size} 个单位中排第 {position} 名{tie}："
                        f"{_signed(arm.points)} 分"
                    )
                    return _Outcome(arm.points, rows, detail)
        return _Outcome(ZERO, rows, f"排第 {position} 名，排名表没有对应的分值：0 分")

    def _ranking(self, clause: n.RankClause) -> Ranking:
        values: dict[str, Decimal] = {}
        missing = []
        for unit in self.model.units:
            try:
                values[unit] = self._number(unit, clause.fact.text)[0]
            except MissingFact:
                missing.append(unit)
        sign = 1 if clause.ascending else -1
        ranks, tied = {}, {}
        for unit, value in values.items():
            better = sum(1 for v in values.values() if sign * v < sign * value)
            same = sum(1 for v in values.values() if v == value)
            ranks[unit] = better + 1 if clause.ties is n.TiePolicy.BEST else better + same
            tied[unit] = same
        return Ranking(ranks, tied, len(values), tuple(missing))

    def ratio(self, unit: str, clause: n.RatioClause) -> _Outcome:
        top, rows = self._number(unit, clause.numerator.text)
        if clause.denominator is not None:
            bottom, more = self._number(unit, clause.denominator.text)
            rows += more
            if bottom == 0:
                raise MissingFact(f"{clause.denominator.text}（为 0，无法计算比例）")
            share = top / bottom
        else:
            share = top
        share = min(max(share, ZERO), Decimal(1))
        score = self._clause_limits(clause.points * share, clause.limits)
        return _Outcome(score, rows, f"完成比例 {fmt(share * 100)}%，{fmt(clause.points)} × {fmt(share)} = {fmt(score)} 分")

    def stage(self, unit: str, clause: n.StageClause) -> _Outcome:
        fv = self.aggregates.get(unit, clause.fact.text)
        seen = set(fv.options) if fv is not None else set()
        rows = fv.rows if fv is not None else ()
        if not seen:
            info = self.model.fact(clause.fact.text)
            if info is None or info.default is None:  # a stage is an event: none reported, none reached
                return _Outcome(ZERO, (), f"「{clause.fact.text}」没有报送任何阶段：0 分")
            default, _ = self._measure(unit, clause.fact.text)
            seen = {str(default)}
        reached = [a for a in clause.stages if any(self._same_option(clause.fact.text, a.stage.text, s) for s in seen)]
        if not reached:
            return _Outcome(ZERO, rows, f"「{clause.fact.text}」未达到任何阶段：0 分")
        best = max(reached, key=lambda a: a.share.value)
        score = clause.points * best.share.value
        return _Outcome(score, rows, f"最远达到「{best.stage.text}」（{best.share.written}）：{fmt(score)} 分")

    def average(self, unit: str, clause: n.AverageClause) -> _Outcome:
        shares: list[Decimal] = []
        rows: tuple[int, ...] = ()
        for fact in clause.facts:
            fv = self.aggregates.get(unit, fact.text)
            if fv is not None and isinstance(fv.value, Decimal):
                shares.append(fv.value)
                rows += fv.rows
        if not shares:
            raise MissingFact("、".join(f.text for f in clause.facts))
        mean = sum(shares, ZERO) / len(shares)
        score = clause.points * mean
        return _Outcome(score, rows, f"{len(shares)} 个环节比例平均 {fmt(mean * 100)}%：{fmt(score)} 分")

    def formula(self, unit: str, clause: n.FormulaClause) -> _Outcome:
        rows: list[int] = []
        value = self._expr(unit, clause.expr, rows)
        score = self._clause_limits(value, clause.limits)
        return _Outcome(score, tuple(sorted(set(rows))), f"按公式计算：{fmt(score)} 分")

    def _expr(self, unit: str, expr: n.Expr, rows: list[int]) -> Decimal:
        def leaf(ref: n.FactRef | n.SumAll) -> Decimal:
            if isinstance(ref, n.SumAll):
                raise MissingFact(f"{ref.name.text}（条款中不能用“全部单位的…之和”）")
            value, used = self._number(unit, ref.fact.text)
            rows.extend(used)
            return value

        def divide_by_zero(op: n.BinOp) -> Decimal:
            raise MissingFact(f"{_expr_name(op.right)}（为 0，无法相除）")

        return fold(expr, leaf, divide_by_zero)

    def discretion(self, unit: str, clause: n.DiscretionClause) -> _Outcome:
        total, rows = self._count(unit, clause.fact.text)
        moved = total * clause.sign
        return _Outcome(moved, rows, f"酌情 {len(rows)} 次，合计 {_signed(moved)} 分")

    def override(self, unit: str, clause: n.OverrideClause) -> _Outcome:
        holds, rows, why = self._conditions(unit, list(clause.conditions))
        if holds:
            return _Outcome(clause.points, tuple(rows), f"{why}：本项得 {fmt(clause.points)} 分", override=True)
        return _Outcome(ZERO, tuple(rows), f"{why}：不影响本项")

    def exempt(self, unit: str, clause: n.ExemptClause) -> _Outcome:
        holds, rows, why = self._conditions(unit, list(clause.conditions))
        return _Outcome(ZERO, tuple(rows), f"{why}：本项照常考核")

    def limit(self, unit: str, clause: n.LimitClause) -> _Outcome:
        return _Outcome(ZERO, (), "本项得分的上下限")

    # ------------------------------------------------------------ facts
    def _conditions(self, unit: str, conditions: list[n.Condition]) -> tuple[bool, list[int], str]:
        holds = True
        rows: list[int] = []
        reasons = []
        for condition in conditions:
            count, used = self._count(unit, condition.fact.text)
            rows.extend(used)
            if isinstance(condition, n.FactHolds):
                ok = count > 0
                reasons.append(f"「{condition.fact.text}」{'有' if ok else '无'}")
            elif isinstance(condition, n.FactAbsent):
                ok = count == 0
                reasons.append(f"「{condition.fact.text}」{'未发生' if ok else f'发生 {fmt(count)} 次'}")
            else:
                ok, reason = self._deadline(unit, condition)
                reasons.append(reason)
            holds = holds and ok
        return holds, rows, "，".join(reasons) if reasons else "无条件"

    def _deadline(self, unit: str, condition: n.DoneBy) -> tuple[bool, str]:
        deadline = condition.deadline(self.model.scheme.year)
        fv = self.aggregates.get(unit, condition.fact.text)
        first = fv.first_date if fv is not None and fv.count > 0 else None
        done = first is not None and deadline is not None and first <= deadline
        when = f"于 {first.isoformat()} 完成" if first else "未完成"
        return (not done if condition.negated else done), f"「{condition.fact.text}」{when}（期限 {deadline}）"

    def _count(self, unit: str, fact: str) -> tuple[Decimal, tuple[int, ...]]:
        fv = self.aggregates.get(unit, fact)
        if fv is None:
            return ZERO, ()
        return fv.count, fv.rows

    def _measure(self, unit: str, fact: str) -> tuple[Decimal | str, tuple[int, ...]]:
        fv = self.aggregates.get(unit, fact)
        if fv is not None and fv.value is not None:
            return fv.value, fv.rows
        info = self.model.fact(fact)
        if info is not None and info.default is not None:
            default = info.default
            return (default.value if isinstance(default, n.Quantity) else default.text), ()
        raise MissingFact(fact)

    def _number(self, unit: str, fact: str) -> tuple[Decimal, tuple[int, ...]]:
        info = self.model.fact(fact)
        if info is not None and info.kind in (n.FactKind.COUNT, n.FactKind.DISCRETION):
            return self._count(unit, fact)
        value, rows = self._measure(unit, fact)
        assert isinstance(value, Decimal)
        return value, rows


_HANDLERS: dict[type, Callable[..., _Outcome]] = {
    n.YesNoClause: SchemeEvaluator.yesno,
    n.PerClause: SchemeEvaluator.per,
    n.ChoiceClause: SchemeEvaluator.choice,
    n.TierClause: SchemeEvaluator.tier,
    n.RankClause: SchemeEvaluator.rank,
    n.RatioClause: SchemeEvaluator.ratio,
    n.StageClause: SchemeEvaluator.stage,
    n.AverageClause: SchemeEvaluator.average,
    n.FormulaClause: SchemeEvaluator.formula,
    n.DiscretionClause: SchemeEvaluator.discretion,
    n.OverrideClause: SchemeEvaluator.override,
    n.ExemptClause: SchemeEvaluator.exempt,
    n.LimitClause: SchemeEvaluator.limit,
}


def _deduction_only(item: n.Item) -> bool:
    """Whether every scoring clause of an item deducts (扣分制): the item then starts from its points."""
    scoring = [c for c in item.clauses if not isinstance(c, (n.OverrideClause, n.ExemptClause, n.LimitClause))]
    if not scoring:
        return False
    for clause in scoring:
        if isinstance(clause, n.YesNoClause) and clause.per is None and clause.points < 0:
            continue
        if isinstance(clause, n.PerClause) and clause.rate.points < 0:
            continue
        if isinstance(clause, n.DiscretionClause) and clause.sign < 0:
            continue
        return False
    return True


def _limits(clause: n.Clause) -> tuple[n.Limit, ...]:
    return getattr(clause, "limits", ())


def _is_override(trace: ClauseTrace, overrides: list[tuple[Decimal, ClauseTrace]]) -> bool:
    return any(t is trace for _, t in overrides)


def _arm_covers(arm: n.RankArm, position: int, size: int) -> bool:
    if arm.kind is n.RankArmKind.NTH:
        return arm.first <= position <= arm.last
    if arm.kind is n.RankArmKind.LAST:
        return position > size - arm.first
    return True


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + fmt(value)


def _show(value: Decimal, clause: n.TierClause) -> str:
    percent = any(b is not None and b.value.percent for t in clause.tiers for b in (t.low, t.high))
    return f"{fmt(value * 100)}%" if percent or clause.linear else fmt(value)


def _expr_name(expr: n.Expr) -> str:
    return expr.fact.text if isinstance(expr, n.FactRef) else "除数"
