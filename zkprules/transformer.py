"""Lark tree → AST. One method per grammar rule; `meta` becomes a Span in one helper.

The Lark tree never leaks past this module: every method returns nodes from
`zkprules.nodes`, plain Python values, or small private tuples consumed by its parent.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
from lark import Token, Transformer, v_args
from lark.tree import Meta

from zkprules import nodes as n
from zkprules.diagnostics import Diagnostic, ZkError
from zkprules.parser import parse_tree
from zkprules.spans import SourceText, Span
from zkprules.text import parse_chinese_number, parse_decimal


@attrs.frozen
class DateSpec:
    """A date as written: the year may be left to the scheme's 考核年度; 底 means the month's end."""

    year: int | None
    month: int
    day: int | None
    span: Span


@attrs.frozen
class _Verb:
    sign: int


@attrs.frozen
class _RawBound:
    """A bound as written; `mark` is True for （含）, False for （不含）, None when unmarked."""

    value: n.Quantity
    mark: bool | None

    def resolve(self, default: bool) -> n.Bound:
        return n.Bound(self.value, default if self.mark is None else self.mark)


def parse_rule_file(source: SourceText) -> n.RuleFile:
    """Parse a rule file's text into a Scheme or a RegistryFile; raise ZkError on syntax errors."""
    tree, comment_tokens = parse_tree(source)
    builder = AstBuilder(source.name)
    result = builder.transform(tree)
    if builder.problems:
        raise ZkError(builder.problems)
    comments = tuple(n.Comment(str(tok), builder.token_span(tok)) for tok in comment_tokens)
    assert isinstance(result, (n.Scheme, n.RegistryFile))
    return attrs.evolve(result, comments=comments)


_FULL = "本项分值"  # the transformed full_points rule


@attrs.frozen
class _Cell:
    """One item-table cell while the tree is transformed: the units of a role column, or a 「分值」."""

    value: tuple[n.Name, ...] | Decimal


def _with_points(clauses: tuple[n.Clause, ...], points: Decimal) -> tuple[n.Clause, ...]:
    """Clauses with 本项分值 replaced by the item's points (signed as the clause's verb)."""
    return tuple(
        attrs.evolve(c, points=c.points * points) if isinstance(c, (n.YesNoClause, n.RatioClause)) and c.full else c
        for c in clauses
    )


# What an expression's parts can be while the tree is transformed (a bare number is a Quantity until _expr).
_EXPR_PARTS = (n.Num, n.FactRef, n.SumAll, n.ClassSum, n.BinOp, n.Quantity)


def _of(children: list[Any], cls: type) -> list[Any]:
    return [c for c in children if isinstance(c, cls)]


def _one(children: list[Any], cls: type) -> Any:
    found = _of(children, cls)
    return found[0] if found else None


def _tokens(children: list[Any], *types: str) -> list[Token]:
    return [c for c in children if isinstance(c, Token) and c.type in types]


@v_args(meta=True)
class AstBuilder(Transformer[Token, Any]):
    """Builds the AST; numbers it cannot read are collected as diagnostics."""

    def __init__(self, file: str) -> None:
        super().__init__(visit_tokens=True)
        self.file = file
        self.problems: list[Diagnostic] = []

    # --------------------------------------------------------------- spans
    def span(self, meta: Meta) -> Span:
        """The span of a rule's match."""
        if getattr(meta, "empty", True):
            return Span.point(self.file, 1, 1)
        return Span(self.file, meta.line, meta.column, meta.end_line, meta.end_column)

    def token_span(self, token: Token) -> Span:
        """The span of one token."""
        line, column = token.line or 1, token.column or 1
        return Span(self.file, line, column, token.end_line or line, token.end_column or column + 1)

    def _name(self, token: Token) -> n.Name:
        return n.Name(str(token)[1:-1].strip(), self.token_span(token))

    def _names(self, children: list[Any]) -> list[n.Name]:
        return [self._name(t) for t in _tokens(children, "NAME")]

    # --------------------------------------------------------------- tokens
    def NAME(self, token: Token) -> Token:
        return token

    # --------------------------------------------------------------- top level
    def start(self, meta: Meta, children: list[Any]) -> Any:
        return children[0]

    def scheme(self, meta: Meta, children: list[Any]) -> n.Scheme:
        head: dict[str, Any] = {}
        for child in children:
            if isinstance(child, tuple) and len(child) == 2 and isinstance(child[0], str):
                head[child[0]] = child[1]
        items: list[n.Item] = []
        categories: list[n.Category] = []
        current: n.Category | None = None
        for child in children:
            if isinstance(child, n.Category):
                categories.append(child)
                current = child
            elif isinstance(child, n.Item):  # a 类别 heads the scored items after it, not bonus items
                items.append(attrs.evolve(child, category=None if child.bonus else current))
            elif isinstance(child, n.ItemTable):
                items.extend(_table_items(child))
        totals = [c[1] for c in children if isinstance(c, tuple) and c and c[0] == "total"]
        roundings = [c[1] for c in children if isinstance(c, tuple) and c and c[0] == "rounding"]
        return n.Scheme(
            name=head["name"],
            source=head.get("source"),
            year=head.get("year"),
            full_marks=head.get("full"),
            targets=head.get("targets", ()),
            facts=tuple(_of(children, n.FactDecl)),
            categories=tuple(categories),
            items=tuple(items),
            comments=(),
            span=self.span(meta),
            roles=tuple(c for group in _of(children, list) for c in group),
            definitions=tuple(c for c in children if isinstance(c, (n.QuantityDef, n.RankScaleDef))),
            total=totals[-1] if totals else None,
            rounding=roundings[-1] if roundings else None,
            composites=tuple(_of(children, n.CompositeDef)),
            rank_groups=head.get("rank_groups", ()),
            period=_one(children, n.PeriodSpec),
            deduction_mode=bool(head.get("deduction_mode")),
            by_task=bool(head.get("by_task")),
            tables=tuple(_of(children, n.ItemTable)),
        )

    def task_stmt(self, meta: Meta, children: list[Any]) -> tuple[str, bool]:
        return ("by_task", True)

    def deduction_mode(self, meta: Meta, children: list[Any]) -> tuple[str, bool]:
        return ("deduction_mode", True)

    def period_stmt(self, meta: Meta, children: list[Any]) -> n.PeriodSpec:
        written = str(_tokens(children, "PERIODIC")[0])
        unit = n.PeriodUnit.MONTH if "月" in written else n.PeriodUnit.QUARTER
        return n.PeriodSpec(unit, tuple(_of(children, n.PeriodWeight)), self.span(meta))

    def period_weight(self, meta: Meta, children: list[Any]) -> n.PeriodWeight:
        token = _tokens(children, "PERIOD_NAME")[0]
        label = str(token)
        quantity = _one(children, n.Quantity)
        return n.PeriodWeight(label, _period_index(label), quantity.value, self.span(meta))

    def role_coefficients(self, meta: Meta, children: list[Any]) -> list[n.RoleCoefficient]:
        return _of(children, n.RoleCoefficient)

    def role_coefficient(self, meta: Meta, children: list[Any]) -> n.RoleCoefficient:
        return n.RoleCoefficient(self._names(children)[0], _one(children, Decimal), self.span(meta))

    def role_assignment(self, meta: Meta, children: list[Any]) -> n.RoleAssignment:
        return n.RoleAssignment(self._names(children)[0], _one(children, tuple), self.span(meta))

    def applies_stmt(self, meta: Meta, children: list[Any]) -> tuple[str, tuple[n.Name, ...]]:
        return ("applies", _one(children, tuple))

    def quantity_def(self, meta: Meta, children: list[Any]) -> n.QuantityDef:
        exprs = [self._expr(c) for c in children if isinstance(c, _EXPR_PARTS)]
        places = [c for c in children if isinstance(c, Decimal)]
        rounding = int(places[-1]) if _tokens(children, "KEEP") else None
        fallback = exprs[1] if len(exprs) > 1 else None
        return n.QuantityDef(self._names(children)[0], exprs[0], self.span(meta), rounding, fallback)

    def rank_scale_def(self, meta: Meta, children: list[Any]) -> n.RankScaleDef:
        names = self._names(children)
        numbers = _of(children, Decimal)  # the rank 1, the top amount, the bottom amount
        return n.RankScaleDef(names[0], names[1], numbers[1], numbers[2], self.span(meta))

    def total_stmt(self, meta: Meta, children: list[Any]) -> tuple[str, n.Expr]:
        expr = next(c for c in children if isinstance(c, _EXPR_PARTS))
        return ("total", self._expr(expr))

    def rank_groups(self, meta: Meta, children: list[Any]) -> tuple[str, tuple[n.Name, ...]]:
        return ("rank_groups", _one(children, tuple))

    def composite_stmt(self, meta: Meta, children: list[Any]) -> n.CompositeDef:
        expr = next(c for c in children if isinstance(c, _EXPR_PARTS))
        return n.CompositeDef(self._names(children)[0], self._expr(expr), self.span(meta))

    def rounding_stmt(self, meta: Meta, children: list[Any]) -> tuple[str, int]:
        return ("rounding", int(_one(children, Decimal)))

    def scheme_head(self, meta: Meta, children: list[Any]) -> tuple[str, n.Name]:
        return ("name", self._names(children)[0])

    def source_stmt(self, meta: Meta, children: list[Any]) -> tuple[str, n.Name]:
        return ("source", self._names(children)[0])

    def year_stmt(self, meta: Meta, children: list[Any]) -> tuple[str, int]:
        return ("year", int(_one(children, Decimal)))

    def full_stmt(self, meta: Meta, children: list[Any]) -> tuple[str, Decimal]:
        return ("full", _one(children, Decimal))

    def targets_stmt(self, meta: Meta, children: list[Any]) -> tuple[str, tuple[n.Name, ...]]:
        return ("targets", _one(children, tuple))

    def fact_decl(self, meta: Meta, children: list[Any]) -> n.FactDecl:
        kind = _one(children, n.FactKind)
        defaults = [c[1] for c in children if isinstance(c, tuple) and c and c[0] == "default"]
        carries = [c[1] for c in children if isinstance(c, tuple) and c and c[0] == "carry"]
        name = self._names(children)[0]
        default = defaults[0] if defaults else None
        return n.FactDecl(name, kind, default, self.span(meta), carries[0] if carries else None)

    def fact_carry(self, meta: Meta, children: list[Any]) -> tuple[str, n.Name]:
        return ("carry", self._names(children)[0])

    def fact_kind(self, meta: Meta, children: list[Any]) -> n.FactKind:
        return n.FactKind(str(_tokens(children, "KIND")[0]))

    def fact_default(self, meta: Meta, children: list[Any]) -> tuple[str, n.Quantity | n.Name]:
        value = _one(children, n.Quantity)
        return ("default", value if value is not None else self._names(children)[0])

    def category(self, meta: Meta, children: list[Any]) -> n.Category:
        ids = _tokens(children, "ITEM_ID")
        return n.Category(str(ids[0]) if ids else None, self._names(children)[0], self.span(meta))

    def item(self, meta: Meta, children: list[Any]) -> n.Item:
        return self._item(meta, children, _one(children, Decimal), bonus=False)

    def bonus_item(self, meta: Meta, children: list[Any]) -> n.Item:
        return self._item(meta, children, Decimal(0), bonus=True)

    def item_period(self, meta: Meta, children: list[Any]) -> tuple[str, str]:
        written = str(children[0])
        return ("period", "月" if written == "按月评价" else "季" if "季" in written else "")

    def _item(self, meta: Meta, children: list[Any], points: Decimal, bonus: bool) -> n.Item:
        applies = [c[1] for c in children if isinstance(c, tuple) and c and c[0] == "applies"]
        period = _period_of(children)
        return n.Item(
            id=str(_tokens(children, "ITEM_ID")[0]),
            name=self._names(children)[0],
            points=points,
            clauses=_with_points(tuple(c for c in children if n.is_clause(c)), points),
            category=None,
            span=self.span(meta),
            roles=tuple(_of(children, n.RoleAssignment)),
            applies_to=tuple(name for group in applies for name in group),
            bonus=bonus,
            monthly=period == "月",
            quarterly=period == "季",
        )

    # --------------------------------------------------------------- item tables
    def item_table(self, meta: Meta, children: list[Any]) -> n.ItemTable:
        period = _period_of(children)
        columns = next(c[1] for c in children if isinstance(c, tuple) and c and c[0] == "columns")
        table = n.ItemTable(
            name=self._names(children)[0],
            points=_one(children, Decimal),
            clauses=tuple(c for c in children if n.is_clause(c)),
            columns=columns,
            rows=tuple(_of(children, n.TableRow)),
            span=self.span(meta),
            monthly=period == "月",
            quarterly=period == "季",
        )
        self._table_points(table)
        return table

    def _table_points(self, table: n.ItemTable) -> None:
        """Every row of a table needs points: 每项 N 分, or its 「分值」 cell."""
        if table.points is not None:
            return
        for row in table.rows:
            if not any(isinstance(c, Decimal) for c in row.cells):
                message = f"项目表「{table.name.text}」没有写“每项 N 分”，第 {row.id} 行也没有「分值」"
                self.problems.append(Diagnostic("table-points", message, row.span, "在表头写“，每项 3 分”或加一列「分值」"))

    def table_columns(self, meta: Meta, children: list[Any]) -> tuple[str, tuple[n.Name, ...]]:
        return ("columns", _one(children, tuple))

    def table_row(self, meta: Meta, children: list[Any]) -> n.TableRow:
        cells = tuple(c for c in children if isinstance(c, _Cell))
        return n.TableRow(
            str(_tokens(children, "ITEM_ID")[0]), self._names(children)[0], tuple(c.value for c in cells), self.span(meta)
        )

    def cell_points(self, meta: Meta, children: list[Any]) -> Decimal:
        value: Decimal = _one(children, Decimal)
        return value

    def table_cell(self, meta: Meta, children: list[Any]) -> _Cell:
        names = _one(children, tuple)
        points = _one(children, Decimal)
        return _Cell(points if points is not None else names if names is not None else ())

    # --------------------------------------------------------------- clauses
    def yesno_clause(self, meta: Meta, children: list[Any]) -> n.YesNoClause:
        verb = _one(children, _Verb)
        full = _FULL in children
        points = Decimal(verb.sign) if full else _one(children, Decimal) * verb.sign
        return n.YesNoClause(
            conditions=_one(children, tuple),
            points=points,
            per=_one(children, n.PerOccurrence),
            limits=tuple(_of(children, n.Limit)),
            span=self.span(meta),
            full=full,
        )

    def full_points(self, meta: Meta, children: list[Any]) -> str:
        return _FULL

    def per_tail(self, meta: Meta, children: list[Any]) -> n.PerOccurrence:
        return self._rate(meta, children)

    def _rate(self, meta: Meta, children: list[Any]) -> n.PerOccurrence:
        every, points = _of(children, Decimal)[:2]
        names = self._names(children)
        verb = _one(children, _Verb)
        return n.PerOccurrence(names[0] if names else None, every, points * verb.sign, self.span(meta))

    def per_clause(self, meta: Meta, children: list[Any]) -> n.PerClause:
        return n.PerClause(self._rate(meta, children), tuple(_of(children, n.Limit)), self.span(meta))

    def choice_clause(self, meta: Meta, children: list[Any]) -> n.ChoiceClause:
        return n.ChoiceClause(self._names(children)[0], tuple(_of(children, n.ChoiceArm)), self.span(meta))

    def option_arm(self, meta: Meta, children: list[Any]) -> n.ChoiceArm:
        verb = _one(children, _Verb)
        return n.ChoiceArm(self._names(children)[0], _one(children, Decimal) * verb.sign, self.span(meta))

    def other_arm(self, meta: Meta, children: list[Any]) -> n.ChoiceArm:
        verb = _one(children, _Verb)
        sign = verb.sign if verb is not None else 1
        return n.ChoiceArm(None, _one(children, Decimal) * sign, self.span(meta))

    def tier_clause(self, meta: Meta, children: list[Any]) -> n.TierClause:
        return n.TierClause(
            self._names(children)[0],
            tuple(_of(children, n.Tier)),
            _one(children, n.LinearTail),
            self.span(meta),
        )

    def tier(self, meta: Meta, children: list[Any]) -> n.Tier:
        low, high = next(c for c in children if isinstance(c, tuple))
        verb = _one(children, _Verb)
        return n.Tier(low, high, _one(children, Decimal) * verb.sign, self.span(meta))

    # Inclusion as written. 以上/以下/不低于/不高于 include the number unless （不含）
    # (民法典第一千二百五十九条); 低于/高于/超过/不满 exclude it; "A 至 B" includes A
    # unless （不含） and excludes B unless （含）.
    def at_least(self, meta: Meta, children: list[Any]) -> tuple[n.Bound, None]:
        raw: _RawBound = _one(children, _RawBound)
        trailing = _of(children, bool)
        return (_RawBound(raw.value, trailing[0] if trailing else raw.mark).resolve(True), None)

    def between(self, meta: Meta, children: list[Any]) -> tuple[n.Bound, n.Bound]:
        low, high = _of(children, _RawBound)
        return (low.resolve(True), high.resolve(False))

    def below(self, meta: Meta, children: list[Any]) -> tuple[None, n.Bound]:
        raw: _RawBound = _one(children, _RawBound)
        return (None, raw.resolve(False))

    def at_most(self, meta: Meta, children: list[Any]) -> tuple[None, n.Bound]:
        raw: _RawBound = _one(children, _RawBound)
        trailing = _of(children, bool)
        return (None, _RawBound(raw.value, trailing[0] if trailing else raw.mark).resolve(True))

    def above(self, meta: Meta, children: list[Any]) -> tuple[n.Bound, n.Bound | None]:
        bounds = _of(children, _RawBound)
        low = bounds[0].resolve(False)
        high = bounds[1].resolve(False) if len(bounds) > 1 else None
        return (low, high)

    def bound(self, meta: Meta, children: list[Any]) -> _RawBound:
        marks = _of(children, bool)
        return _RawBound(_one(children, n.Quantity), marks[0] if marks else None)

    def inclusion(self, meta: Meta, children: list[Any]) -> bool:
        return str(_tokens(children, "INCL")[0]) == "含"

    def linear_tail(self, meta: Meta, children: list[Any]) -> n.LinearTail:
        step, points = _of(children, Decimal)[:2]
        if _tokens(children, "PCT_POINTS", "PCT"):
            step = step / 100
        return n.LinearTail(step, points, bool(_tokens(children, "PRORATA")), self.span(meta))

    def rank_clause(self, meta: Meta, children: list[Any]) -> n.RankClause:
        order = _tokens(children, "ORDER")
        ties: n.TiePolicy | None = _one(children, n.TiePolicy)
        return n.RankClause(
            fact=self._names(children)[0],
            ascending=bool(order) and str(order[0]).endswith("低到高"),
            arms=tuple(_of(children, n.RankArm)),
            ties=ties or n.TiePolicy.BEST,
            span=self.span(meta),
        )

    def nth_arm(self, meta: Meta, children: list[Any]) -> n.RankArm:
        numbers = _of(children, Decimal)
        verb = _one(children, _Verb)
        first = int(numbers[0])
        last = int(numbers[1]) if len(numbers) == 3 else first
        return n.RankArm(n.RankArmKind.NTH, first, last, numbers[-1] * verb.sign, self.span(meta))

    def last_arm(self, meta: Meta, children: list[Any]) -> n.RankArm:
        count, points = _of(children, Decimal)
        verb = _one(children, _Verb)
        return n.RankArm(n.RankArmKind.LAST, int(count), int(count), points * verb.sign, self.span(meta))

    def other_rank_arm(self, meta: Meta, children: list[Any]) -> n.RankArm:
        verb = _one(children, _Verb)
        return n.RankArm(n.RankArmKind.OTHER, 0, 0, _one(children, Decimal) * verb.sign, self.span(meta))

    def tie_policy(self, meta: Meta, children: list[Any]) -> n.TiePolicy:
        return n.TiePolicy(str(children[0]))

    def ratio_clause(self, meta: Meta, children: list[Any]) -> n.RatioClause:
        names = self._names(children)
        verb = _one(children, _Verb)
        full = _FULL in children
        return n.RatioClause(
            numerator=names[0],
            denominator=names[1] if len(names) > 1 else None,
            points=Decimal(verb.sign) if full else _one(children, Decimal) * verb.sign,
            limits=tuple(_of(children, n.Limit)),
            span=self.span(meta),
            full=full,
        )

    def stage_clause(self, meta: Meta, children: list[Any]) -> n.StageClause:
        return n.StageClause(
            self._names(children)[0], _one(children, Decimal), tuple(_of(children, n.StageArm)), self.span(meta)
        )

    def stage_arm(self, meta: Meta, children: list[Any]) -> n.StageArm:
        return n.StageArm(self._names(children)[0], _one(children, n.Quantity), self.span(meta))

    def average_clause(self, meta: Meta, children: list[Any]) -> n.AverageClause:
        return n.AverageClause(_one(children, tuple), _one(children, Decimal), self.span(meta))

    def formula_clause(self, meta: Meta, children: list[Any]) -> n.FormulaClause:
        expr = next(c for c in children if isinstance(c, _EXPR_PARTS))
        return n.FormulaClause(self._expr(expr), tuple(_of(children, n.Limit)), self.span(meta))

    def _binop(self, op: str, meta: Meta, children: list[Any]) -> n.BinOp:
        left, right = [c for c in children if not isinstance(c, Token)]
        return n.BinOp(op, self._expr(left), self._expr(right), self.span(meta))

    def _expr(self, value: Any) -> n.Expr:
        if isinstance(value, n.Quantity):
            return n.Num(value.value, value.span)
        assert isinstance(value, _EXPR_PARTS) and not isinstance(value, n.Quantity)
        return value

    def add(self, meta: Meta, children: list[Any]) -> n.BinOp:
        return self._binop("+", meta, children)

    def sub(self, meta: Meta, children: list[Any]) -> n.BinOp:
        return self._binop("-", meta, children)

    def mul(self, meta: Meta, children: list[Any]) -> n.BinOp:
        return self._binop("*", meta, children)

    def div(self, meta: Meta, children: list[Any]) -> n.BinOp:
        return self._binop("/", meta, children)

    def paren(self, meta: Meta, children: list[Any]) -> n.Expr:
        return self._expr(next(c for c in children if not isinstance(c, Token)))

    def points_ref(self, meta: Meta, children: list[Any]) -> n.Num:
        return n.Num(_one(children, Decimal), self.span(meta))

    def sum_all(self, meta: Meta, children: list[Any]) -> n.SumAll:
        return n.SumAll(self._names(children)[0], self.span(meta))

    def fact_ref(self, meta: Meta, children: list[Any]) -> n.FactRef:
        return n.FactRef(self._names(children)[0], self.span(meta))

    def class_sum(self, meta: Meta, children: list[Any]) -> n.ClassSum:
        quantity = str(_tokens(children, "CLASS_QTY")[0])
        return n.ClassSum(self._names(children)[0], quantity, self.span(meta))

    def rise_clause(self, meta: Meta, children: list[Any]) -> n.RiseClause:
        step = _of(children, Decimal)[0] / 100  # 每增加 1 个百分点 / 1%: in ratio units
        verb = _one(children, _Verb)
        amount = _of(children, Decimal)[-1]
        limits = tuple(_of(children, n.Limit))
        return n.RiseClause(self._names(children)[0], step, amount * verb.sign, limits, self.span(meta))

    def change_clause(self, meta: Meta, children: list[Any]) -> n.ChangeClause:
        step = _of(children, Decimal)[0] / 100  # 每降低 1 个百分点 / 1%: in ratio units
        verb = _one(children, _Verb)
        amount = _of(children, Decimal)[-1]
        return n.ChangeClause(self._names(children)[0], step, amount * verb.sign, self.span(meta))

    def discretion_clause(self, meta: Meta, children: list[Any]) -> n.DiscretionClause:
        low, high = _of(children, Decimal)
        verb = _one(children, _Verb)
        return n.DiscretionClause(self._names(children)[0], verb.sign, low, high, self.span(meta))

    def override_clause(self, meta: Meta, children: list[Any]) -> n.OverrideClause:
        return n.OverrideClause(_one(children, tuple), _one(children, Decimal), self.span(meta))

    def exempt_clause(self, meta: Meta, children: list[Any]) -> n.ExemptClause:
        return n.ExemptClause(_one(children, tuple), self.span(meta))

    def limit_clause(self, meta: Meta, children: list[Any]) -> n.LimitClause:
        return n.LimitClause(tuple(_of(children, n.Limit)), self.span(meta))

    def floor_limit(self, meta: Meta, children: list[Any]) -> n.Limit:
        return n.Limit(n.LimitKind.FLOOR_ZERO, None, self.span(meta))

    def no_floor_limit(self, meta: Meta, children: list[Any]) -> n.Limit:
        return n.Limit(n.LimitKind.NO_FLOOR, None, self.span(meta))

    def max_deduct_limit(self, meta: Meta, children: list[Any]) -> n.Limit:
        return n.Limit(n.LimitKind.MAX_DEDUCT, _one(children, Decimal), self.span(meta))

    def cap_limit(self, meta: Meta, children: list[Any]) -> n.Limit:
        return n.Limit(n.LimitKind.CAP, _one(children, Decimal), self.span(meta))

    def no_cap_limit(self, meta: Meta, children: list[Any]) -> n.Limit:
        return n.Limit(n.LimitKind.NO_CAP, None, self.span(meta))

    # --------------------------------------------------------------- conditions
    def condition(self, meta: Meta, children: list[Any]) -> tuple[n.Condition, ...]:
        return tuple(c for c in children if isinstance(c, (n.FactHolds, n.FactAbsent, n.DoneBy)))

    def fact_holds(self, meta: Meta, children: list[Any]) -> n.FactHolds:
        return n.FactHolds(self._names(children)[0], self.span(meta))

    def fact_absent(self, meta: Meta, children: list[Any]) -> n.FactAbsent:
        return n.FactAbsent(self._names(children)[0], self.span(meta))

    def done_by(self, meta: Meta, children: list[Any]) -> n.DoneBy:
        return self._deadline(meta, children, negated=False)

    def not_done_by(self, meta: Meta, children: list[Any]) -> n.DoneBy:
        return self._deadline(meta, children, negated=True)

    def _deadline(self, meta: Meta, children: list[Any], negated: bool) -> n.DoneBy:
        spec: DateSpec = _one(children, DateSpec)
        return n.DoneBy(self._names(children)[0], spec.year, spec.month, spec.day, negated, self.span(meta))

    def date(self, meta: Meta, children: list[Any]) -> DateSpec:
        numbers = [int(x) for x in _of(children, Decimal)]
        has_year = bool(_tokens(children, "NIAN"))
        year = numbers.pop(0) if has_year else None
        month = numbers.pop(0)
        day = numbers.pop(0) if numbers else None
        return DateSpec(year, month, day, self.span(meta))

    # --------------------------------------------------------------- shared
    def amount(self, meta: Meta, children: list[Any]) -> Decimal:
        value: Decimal = _one(children, Decimal)
        return value

    def quantity(self, meta: Meta, children: list[Any]) -> n.Quantity:
        value: Decimal = _one(children, Decimal)
        percent = bool(_tokens(children, "PCT"))
        return n.Quantity(value / 100 if percent else value, percent, self.span(meta))

    def number(self, meta: Meta, children: list[Any]) -> Decimal:
        token: Token = children[0]
        if token.type == "CN_NUMBER":
            whole = parse_chinese_number(str(token))
            value = Decimal(whole) if whole is not None else None
        else:
            value = parse_decimal(str(token))
        if value is None:
            self.problems.append(
                Diagnostic("bad-number", f"无法识别数字“{token}”", self.token_span(token), "请写成阿拉伯数字，如 5 或 0.5")
            )
            return Decimal(0)
        return value

    def verb(self, meta: Meta, children: list[Any]) -> _Verb:
        return _Verb(-1 if children[0].type == "DEDUCT" else 1)

    def name_list(self, meta: Meta, children: list[Any]) -> tuple[n.Name, ...]:
        return tuple(self._names(children))

    # --------------------------------------------------------------- registry
    def registry(self, meta: Meta, children: list[Any]) -> n.RegistryFile:
        return n.RegistryFile(
            name=self._names(children)[0],
            units=tuple(_of(children, n.UnitDecl)),
            groups=tuple(_of(children, n.GroupDecl)),
            comments=(),
            span=self.span(meta),
        )

    def unit_decl(self, meta: Meta, children: list[Any]) -> n.UnitDecl:
        groups, aliases = self._lists_after(children, "BELONGS", "ALIAS")
        return n.UnitDecl(self._names(children)[0], groups, aliases, self.span(meta))

    def group_decl(self, meta: Meta, children: list[Any]) -> n.GroupDecl:
        members, aliases = self._lists_after(children, "INCLUDES", "ALIAS")
        return n.GroupDecl(self._names(children)[0], members, aliases, self.span(meta))

    def _lists_after(
        self, children: list[Any], first: str, second: str
    ) -> tuple[tuple[n.Name, ...], tuple[n.Name, ...]]:
        found: dict[str, tuple[n.Name, ...]] = {first: (), second: ()}
        keyword: str | None = None
        for child in children:
            if isinstance(child, Token) and child.type in found:
                keyword = child.type
            elif isinstance(child, tuple) and keyword is not None:
                found[keyword] = child
        return found[first], found[second]


def _period_index(label: str) -> int:
    """一季度 → 1, 年终 → 4 (the year-end evaluation covers the last quarter), 3月 / 三月 → 3."""
    if label == "年终":
        return 4
    head = label[:-2] if label.endswith("季度") else label[:-1]
    number = parse_decimal(head) if head[0].isdigit() else parse_chinese_number(head)
    return int(number or 1)  # the terminal admits only numbers 1–12


def _period_of(children: list[Any]) -> str:
    """“月” or “季” when an item or table says 按月评价 / 按季评价, else ""."""
    return next((c[1] for c in children if isinstance(c, tuple) and c and c[0] == "period"), "")


def _table_items(table: n.ItemTable) -> list[n.Item]:
    """The items an item table stands for: one per row, each with the table's clauses and its roles."""
    items = []
    heading = n.Category(None, table.name, table.span)  # the table is the class of its rows (「一件事」的实得分)
    for row in table.rows:
        roles = tuple(
            n.RoleAssignment(role, units, row.span)
            for role, units in zip(table.columns, row.cells)
            if isinstance(units, tuple) and units
        )
        points = next((c for c in row.cells if isinstance(c, Decimal)), table.points) or Decimal(0)
        items.append(
            n.Item(
                id=f"{table.name.text}·{row.id}",
                name=row.name,
                points=points,
                clauses=_with_points(table.clauses, points),
                category=heading,
                span=row.span,
                roles=roles,
                monthly=table.monthly,
                quarterly=table.quarterly,
                task=row.id,
                table=table.name.text,
            )
        )
    return items
