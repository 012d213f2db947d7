"""Indicator formulas: an arithmetic expression over named inputs, checked and evaluated
without ``eval``."""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping

_OPERATORS: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


class FormulaError(ValueError):
    """The formula is not a valid expression; the message says why, in Indonesian."""


def _parse(expression: str) -> ast.expr:
    text = expression.strip()
    if not text:
        raise FormulaError("rumus kosong")
    if len(text) > 500:
        raise FormulaError("rumus terlalu panjang (lebih dari 500 karakter)")
    try:
        tree = ast.parse(text.replace("×", "*").replace("÷", "/"), mode="eval")
    except SyntaxError:
        raise FormulaError(
            "rumus tidak dapat dibaca; gunakan nama input, angka, + - * / ( )"
        ) from None
    return tree.body


def _check(node: ast.expr, names: set[str]) -> None:
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        _check(node.left, names)
        _check(node.right, names)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        _check(node.operand, names)
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return
    elif isinstance(node, ast.Name):
        names.add(node.id)
    else:
        raise FormulaError("rumus hanya boleh memuat nama input, angka, + - * / dan kurung")


def formula_names(expression: str) -> set[str]:
    """The input names a formula uses; FormulaError when it is not a valid formula."""
    names: set[str] = set()
    _check(_parse(expression), names)
    return names


def _evaluate(node: ast.expr, values: Mapping[str, float]) -> float:
    if isinstance(node, ast.BinOp):
        left = _evaluate(node.left, values)
        right = _evaluate(node.right, values)
        if isinstance(node.op, ast.Div) and right == 0:
            raise ZeroDivisionError("pembagian dengan nol")
        return _OPERATORS[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp):
        value = _evaluate(node.operand, values)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.Name):
        return float(values[node.id])
    raise FormulaError("rumus tidak sah")


def evaluate(expression: str, values: Mapping[str, float]) -> float:
    """The formula's value for the given inputs (ZeroDivisionError, KeyError as Python's)."""
    node = _parse(expression)
    _check(node, set())
    return _evaluate(node, values)


def is_valid_input_name(name: str) -> bool:
    """Input names are lower-case identifiers such as ``nilai_epurchasing``."""
    return name.isidentifier() and name.isascii() and name == name.lower() and len(name) <= 40
