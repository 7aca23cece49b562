"""Arithmetic on formula trees, shared by clauses, scheme quantities and composite units."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from decimal import Decimal

from zkprules import nodes as n

_OPS: dict[str, Callable[[Decimal, Decimal], Decimal]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}

Ref = n.FactRef | n.SumAll | n.ClassSum
Leaf = Callable[[Ref], Decimal]
OnZero = Callable[[n.BinOp], Decimal]


def fold(expr: n.Expr, leaf: Leaf, divide_by_zero: OnZero) -> Decimal:
    """The value of a formula: constants as written, names through `leaf`, ÷ 0 through `divide_by_zero`."""
    if isinstance(expr, n.Num):
        return expr.value
    if isinstance(expr, (n.FactRef, n.SumAll, n.ClassSum)):
        return leaf(expr)
    left = fold(expr.left, leaf, divide_by_zero)
    right = fold(expr.right, leaf, divide_by_zero)
    if expr.op == "/" and right == 0:
        return divide_by_zero(expr)
    return _OPS[expr.op](left, right)


def leaves(expr: n.Expr) -> Iterator[Ref]:
    """The names a formula reads, left to right."""
    if isinstance(expr, (n.FactRef, n.SumAll, n.ClassSum)):
        yield expr
    elif isinstance(expr, n.BinOp):
        yield from leaves(expr.left)
        yield from leaves(expr.right)
