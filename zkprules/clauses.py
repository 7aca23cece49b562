"""Clauses → outcomes: each clause shape evaluated for one unit on its aggregates.

Used by the evaluator (evaluator.py), which sums clause outcomes into items. A measure a
clause needs but the log does not give (and the rule gives no default for) raises
MissingFact; the clause then scores 0 and the run lists the unit and the fact.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_FLOOR, Decimal

import attrs

from zkprules import nodes as n
from zkprules.aggregate import Aggregates
from zkprules.arith import Ref, fold
from zkprules.calculator import MissingFact
from zkprules.checker import Model, deducted_fact
from zkprules.diagnostics import Diagnostic, ZkError
from zkprules.results import ZERO_DIVISOR, ClauseTrace
from zkprules.spans import SourceText
from zkprules.text import format_decimal as fmt
from zkprules.text import name_key

ZERO = Decimal(0)


@attrs.frozen
class Outcome:
    """What one clause did: points moved, the rows that moved them, why, and whether it overrides its item."""

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


class ClauseEvaluator:
    """Evaluates the clauses of one scheme for any unit; rankings are computed once, up front."""

    def __init__(
        self, model: Model, aggregates: Aggregates, source: SourceText, previous: Aggregates | None = None
    ) -> None:
        self.model = model
        self.aggregates = aggregates
        self.source = source
        self.previous = previous  # last month's view, for 较上月 in a monthly item
        self._views: dict[tuple[str, int], ClauseEvaluator] = {}
        self._reporting: set[str] | None = None
        self.rankings = {id(clause): self._ranking(clause, _peers(model, index)) for index, clause in _rank_clauses(model)}

    def view(self, task: str | None, month: int | None) -> ClauseEvaluator:
        """The evaluator of one item-table row's task and/or one month (a 按月评价 item), made once."""
        key = (task or self.aggregates.task, month or 0)
        if key == (self.aggregates.task, 0):
            return self
        if key not in self._views:
            base = self.aggregates.for_task(key[0])
            if month:
                current, previous = base.at(month, {}), base.at(month - 1, {})
                self._views[key] = ClauseEvaluator(self.model, current, self.source, previous)
            else:
                self._views[key] = ClauseEvaluator(self.model, base, self.source)
        return self._views[key]

    def silent(self, unit: str) -> bool:
        """Whether the log has nothing for the unit here (nor, for 较上月, last month)."""
        if self._reporting is None:
            self._reporting = self.aggregates.units() | (self.previous.units() if self.previous else set())
        return unit not in self._reporting

    def number(self, unit: str, fact: str) -> Decimal:
        """A fact's numeric value for a unit (raises MissingFact)."""
        return self._number(unit, fact)[0]

    def exemption(self, unit: str, item: n.Item) -> ClauseTrace | None:
        """The trace of the first 本项不考核 clause whose condition holds for the unit, if any."""
        for clause in item.clauses:
            if isinstance(clause, n.ExemptClause):
                holds, rows, why = self._conditions(unit, list(clause.conditions))
                if holds:
                    text = self.source.written(clause.span)
                    return ClauseTrace(text, clause.span, ZERO, tuple(rows), f"{why}：本项不考核")
        return None

    def trace(self, unit: str, clause: n.Clause) -> tuple[ClauseTrace, Outcome | None]:
        """The trace of one clause for one unit, and its outcome (None when a measure is missing)."""
        text = self.source.written(clause.span)
        try:
            outcome = self._clause(unit, clause)
        except MissingFact as missing:
            detail = f"缺少「{missing.fact}」的数据，本条款暂按 0 分计"
            return ClauseTrace(text, clause.span, ZERO, (), detail, (missing.fact,)), None
        except Exception as exc:  # wrapped with the clause's span, never shown as a traceback
            message = f"计算「{unit}」的得分时出现内部错误：{type(exc).__name__}: {exc}"
            raise ZkError([Diagnostic("internal-error", message, clause.span)]) from exc
        return ClauseTrace(text, clause.span, outcome.points, outcome.rows, outcome.detail), outcome

    # ------------------------------------------------------------ clauses
    def _clause(self, unit: str, clause: n.Clause) -> Outcome:
        handler: Callable[[ClauseEvaluator, str, n.Clause], Outcome] = _HANDLERS[type(clause)]
        return handler(self, unit, clause)

    def yesno(self, unit: str, clause: n.YesNoClause) -> Outcome:
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
            carried = self._carried(unit, deducted.text)
            detail += f"；「{deducted.text}」{fmt(count)} 次{carried}，{_signed(moved)} 分"
        total = self._clause_limits(total, clause.limits)
        return Outcome(total, tuple(sorted(set(rows))), detail)

    def per(self, unit: str, clause: n.PerClause) -> Outcome:
        assert clause.rate.fact is not None
        count, rows = self._count(unit, clause.rate.fact.text)
        moved = self._per_points(clause.rate, count, clause.limits)
        detail = f"「{clause.rate.fact.text}」{fmt(count)} 次{self._carried(unit, clause.rate.fact.text)}，{_signed(moved)} 分"
        return Outcome(moved, rows, detail)

    def _carried(self, unit: str, fact: str) -> str:
        """“（含上月转入 2 次）” when part of a count came over from last month."""
        fv = self.aggregates.get(unit, fact)
        return f"（含上月转入 {fmt(fv.carried)} 次）" if fv is not None and fv.carried else ""

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

    def choice(self, unit: str, clause: n.ChoiceClause) -> Outcome:
        value, rows = self._measure(unit, clause.fact.text)
        for arm in clause.arms:
            if arm.option is not None and self._same_option(clause.fact.text, arm.option.text, value):
                return Outcome(arm.points, rows, f"「{clause.fact.text}」为「{value}」：{_signed(arm.points)} 分")
        for arm in clause.arms:
            if arm.option is None:
                return Outcome(arm.points, rows, f"「{clause.fact.text}」为「{value}」，属其他情况：{_signed(arm.points)} 分")
        return Outcome(ZERO, rows, f"「{clause.fact.text}」为「{value}」，没有对应的分值：0 分")

    def _same_option(self, fact: str, option: str, value: Decimal | str) -> bool:
        info = self.model.fact(fact)
        return info is not None and info.option(str(value)) == info.option(option)

    def tier(self, unit: str, clause: n.TierClause) -> Outcome:
        value, rows = self._number(unit, clause.fact.text)
        shown = _show(value, clause)
        if clause.linear is not None:
            return self._linear(clause, value, rows, shown)
        for tier in clause.tiers:
            if tier.contains(value):
                written = self.source.written(tier.span)
                return Outcome(tier.points, rows, f"「{clause.fact.text}」为 {shown}，属“{written}”")
        if len(clause.tiers) == 1:
            written = self.source.written(clause.tiers[0].span)
            return Outcome(ZERO, rows, f"「{clause.fact.text}」为 {shown}，不满足“{written}”：0 分")
        return Outcome(ZERO, rows, f"「{clause.fact.text}」为 {shown}，不在任何档次内：0 分")

    @staticmethod
    def _linear(clause: n.TierClause, value: Decimal, rows: tuple[int, ...], shown: str) -> Outcome:
        assert clause.linear is not None
        tier = clause.tiers[0]
        assert tier.low is not None
        target = tier.low.value.value
        if tier.contains(value):
            return Outcome(tier.points, rows, f"「{clause.fact.text}」为 {shown}，达到目标：{_signed(tier.points)} 分")
        steps = (target - value) / clause.linear.step
        if not clause.linear.prorata:
            steps = steps.to_integral_value(rounding=ROUND_FLOOR)
        score = tier.points - steps * clause.linear.points
        if tier.points > 0:  # 满意率100%得3分，每低…扣0.5分: down to 0; from 0 (…得0分，每降…扣1分) it deducts
            score = max(ZERO, score)
        detail = f"「{clause.fact.text}」为 {shown}，低于目标 {fmt(steps)} 档，{fmt(tier.points)} − {fmt(steps)} × {fmt(clause.linear.points)} → {fmt(score)} 分"
        return Outcome(score, rows, detail)

    def rank(self, unit: str, clause: n.RankClause) -> Outcome:
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
                    return Outcome(arm.points, rows, detail)
        return Outcome(ZERO, rows, f"排第 {position} 名，排名表没有对应的分值：0 分")

    def _ranking(self, clause: n.RankClause, peers: tuple[str, ...]) -> Ranking:
        values: dict[str, Decimal] = {}
        missing = []
        for unit in peers:
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

    def ratio(self, unit: str, clause: n.RatioClause) -> Outcome:
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
        return Outcome(score, rows, f"完成比例 {fmt(share * 100)}%，{fmt(clause.points)} × {fmt(share)} = {fmt(score)} 分")

    def stage(self, unit: str, clause: n.StageClause) -> Outcome:
        fv = self.aggregates.get(unit, clause.fact.text)
        seen = set(fv.options) if fv is not None else set()
        rows = fv.rows if fv is not None else ()
        if not seen:
            info = self.model.fact(clause.fact.text)
            if info is None or info.default is None:  # a stage is an event: none reported, none reached
                return Outcome(ZERO, (), f"「{clause.fact.text}」没有报送任何阶段：0 分")
            default, _ = self._measure(unit, clause.fact.text)
            seen = {str(default)}
        reached = [a for a in clause.stages if any(self._same_option(clause.fact.text, a.stage.text, s) for s in seen)]
        if not reached:
            return Outcome(ZERO, rows, f"「{clause.fact.text}」未达到任何阶段：0 分")
        best = max(reached, key=lambda a: a.share.value)
        score = clause.points * best.share.value
        return Outcome(score, rows, f"最远达到「{best.stage.text}」（{best.share.written}）：{fmt(score)} 分")

    def average(self, unit: str, clause: n.AverageClause) -> Outcome:
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
        return Outcome(score, rows, f"{len(shares)} 个环节比例平均 {fmt(mean * 100)}%：{fmt(score)} 分")

    def formula(self, unit: str, clause: n.FormulaClause) -> Outcome:
        rows: list[int] = []
        value = self._expr(unit, clause.expr, rows)
        score = self._clause_limits(value, clause.limits)
        return Outcome(score, tuple(sorted(set(rows))), f"按公式计算：{fmt(score)} 分")

    def _expr(self, unit: str, expr: n.Expr, rows: list[int]) -> Decimal:
        def leaf(ref: Ref) -> Decimal:
            if isinstance(ref, n.SumAll):
                raise MissingFact(f"{ref.name.text}（条款中不能用“全部单位的…之和”）")
            if isinstance(ref, n.ClassSum):
                raise MissingFact(f"{ref.name.text}的{ref.quantity}（条款中不能用，只能用于方案计算）")
            value, used = self._number(unit, ref.fact.text)
            rows.extend(used)
            return value

        def divide_by_zero(op: n.BinOp) -> Decimal:
            raise MissingFact(_expr_name(op.right) + ZERO_DIVISOR)

        return fold(expr, leaf, divide_by_zero)

    def discretion(self, unit: str, clause: n.DiscretionClause) -> Outcome:
        total, rows = self._count(unit, clause.fact.text)
        moved = total * clause.sign
        return Outcome(moved, rows, f"酌情 {len(rows)} 次，合计 {_signed(moved)} 分")

    def override(self, unit: str, clause: n.OverrideClause) -> Outcome:
        holds, rows, why = self._conditions(unit, list(clause.conditions))
        if holds:
            return Outcome(clause.points, tuple(rows), f"{why}：本项得 {fmt(clause.points)} 分", override=True)
        return Outcome(ZERO, tuple(rows), f"{why}：不影响本项")

    def exempt(self, unit: str, clause: n.ExemptClause) -> Outcome:
        holds, rows, why = self._conditions(unit, list(clause.conditions))
        return Outcome(ZERO, tuple(rows), f"{why}：本项照常考核")

    def limit(self, unit: str, clause: n.LimitClause) -> Outcome:
        return Outcome(ZERO, (), "本项得分的上下限")

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


def _change(self: ClauseEvaluator, unit: str, clause: n.ChangeClause) -> Outcome:
    """较上月每降低 1 个百分点扣 N 分: whole steps of the fall since last month; no fall, no deduction."""
    now, rows = self._number(unit, clause.fact.text)
    before = self.previous.get(unit, clause.fact.text) if self.previous is not None else None
    if before is None or not isinstance(before.value, Decimal):
        return Outcome(ZERO, rows, f"「{clause.fact.text}」为 {fmt(now * 100)}%，上月没有数据：0 分")
    fall = before.value - now
    steps = (fall / clause.step).to_integral_value(rounding=ROUND_FLOOR) if fall > 0 else ZERO
    moved = clause.points * steps
    detail = f"「{clause.fact.text}」上月 {fmt(before.value * 100)}%，本月 {fmt(now * 100)}%，降低 {fmt(steps)} 档：{_signed(moved)} 分"
    return Outcome(moved, tuple(sorted(rows + before.rows)), detail)


def _rise(self: ClauseEvaluator, unit: str, clause: n.RiseClause) -> Outcome:
    """每增加 1 个百分点扣 N 分: whole steps of the measure above 0."""
    value, rows = self._number(unit, clause.fact.text)
    steps = (value / clause.step).to_integral_value(rounding=ROUND_FLOOR) if value > 0 else ZERO
    moved = self._clause_limits(clause.points * steps, clause.limits)
    detail = f"「{clause.fact.text}」为 {fmt(value * 100)}%，{fmt(steps)} 档：{_signed(moved)} 分"
    return Outcome(moved, rows, detail)


_HANDLERS: dict[type, Callable[..., Outcome]] = {
    n.RiseClause: _rise,
    n.ChangeClause: _change,
    n.YesNoClause: ClauseEvaluator.yesno,
    n.PerClause: ClauseEvaluator.per,
    n.ChoiceClause: ClauseEvaluator.choice,
    n.TierClause: ClauseEvaluator.tier,
    n.RankClause: ClauseEvaluator.rank,
    n.RatioClause: ClauseEvaluator.ratio,
    n.StageClause: ClauseEvaluator.stage,
    n.AverageClause: ClauseEvaluator.average,
    n.FormulaClause: ClauseEvaluator.formula,
    n.DiscretionClause: ClauseEvaluator.discretion,
    n.OverrideClause: ClauseEvaluator.override,
    n.ExemptClause: ClauseEvaluator.exempt,
    n.LimitClause: ClauseEvaluator.limit,
}


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


def _peers(model: Model, index: int) -> tuple[str, ...]:
    """The units a ranked item applies to (all the scheme's units unless the item names some): they rank among themselves."""
    if not model.roles:
        return model.units
    return tuple(unit for unit in model.units if unit in model.roles[index])


_RANK_CLAUSES: dict[int, tuple[Model, list[tuple[int, n.RankClause]]]] = {}


def _rank_clauses(model: Model) -> list[tuple[int, n.RankClause]]:
    """The ranking clauses of a scheme with their item's index, found once per model (views are many)."""
    cached = _RANK_CLAUSES.get(id(model))
    if cached is None or cached[0] is not model:
        found = [
            (index, clause)
            for index, item in enumerate(model.scheme.items)
            for clause in item.clauses
            if isinstance(clause, n.RankClause)
        ]
        cached = (model, found)
        _RANK_CLAUSES[id(model)] = cached
    return cached[1]
