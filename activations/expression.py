"""A visitor's own activation: a safe, differentiable expression of x.

A visitor types a function of ``x`` such as ``x * sigmoid(1.702 * x)`` or
``log1p(exp(x))``; :func:`parse_expression` checks it and returns an
:class:`Expression`, which maps an array of x to ``(f, f′)``.

The text is untrusted, so it is never executed. It is parsed with
:func:`ast.parse` only and the tree is checked against a small allow-list:

* numbers (int or float literals, at most :data:`MAX_CONSTANT` in size),
  the variable ``x`` and the constants ``pi`` and ``e``;
* ``+ - * / **`` and unary ``-`` / ``+``;
* calls ``name(argument)`` of one argument, where ``name`` is in
  :data:`ALLOWED_FUNCTIONS`: the elementary functions (exp, log, sin, ...)
  and every activation of the catalogue at its default parameters.

Anything else (attributes, indexing, strings, keywords, comparisons, ...)
is refused with an :class:`ExpressionError` that says what is wrong in a
learner's words and, where it is known, at which character. Every refusal
has a stable key with an English template in :data:`MESSAGES` and values
that belong to no language (names, numbers, symbols), so an app can show
it in another language.

The checked tree is turned into a short program of steps over dual numbers
(value, derivative): each step applies one operation and the chain rule.
Identical subexpressions become one step, and parts that do not depend on
x are folded into constants when the text is parsed. Evaluation is plain
NumPy in float64 with floating-point errors ignored; every non-finite
result becomes NaN, a gap in the plot.

Size is bounded three ways: the text (:data:`MAX_EXPRESSION_CHARS`), the
tree (:data:`MAX_NODES`, :data:`MAX_DEPTH`) and the cost of evaluation
(:data:`EVAL_BUDGET_UNITS`, about :data:`EVAL_BUDGET_SECONDS` for
:data:`EVAL_BUDGET_POINTS` points). The cost adds up a fixed cost per step,
from a table measured ahead of time on ordinary and on slow-path inputs
such as subnormals and huge numbers (``bench/expression_costs.py``), so
that a few slow functions (``gelu`` and ``erf`` call the C library once per
point) cannot make a plot slow, and so that whether an expression is
accepted depends on its text alone, never on the machine or its load.

Where to start reading: :func:`parse_expression`, near the end. It checks
the characters (:func:`_check_characters`), parses with :func:`ast.parse`
and hands the tree to :class:`_Compiler`, which refuses anything off the
allow-list and emits :class:`_Step` records; :func:`_reachable` drops the
steps nothing reads and :func:`_check_cost` adds up their costs. Calling
the :class:`Expression` runs the steps (:func:`_run`, :func:`_execute`).
The sections, in order: the allowed functions; evaluation steps; cost;
checking and compiling the tree; checking the text; the public part.
"""

from __future__ import annotations

import ast
import difflib
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

from activations import registry

__all__ = [
    "ALLOWED_FUNCTIONS",
    "CONSTANTS",
    "EVAL_BUDGET_POINTS",
    "EVAL_BUDGET_SECONDS",
    "EVAL_BUDGET_UNITS",
    "MAX_CONSTANT",
    "MAX_DEPTH",
    "MAX_EXPRESSION_CHARS",
    "MAX_NODES",
    "MESSAGES",
    "DualFunction",
    "Expression",
    "ExpressionError",
    "parse_expression",
]

MAX_EXPRESSION_CHARS: Final = 200
"""Longest accepted text, after stripping surrounding whitespace."""
MAX_NODES: Final = 120
"""Most numbers, names, operations and calls in one expression."""
MAX_DEPTH: Final = 24
"""Deepest nesting; a chain ``a + b - c`` (or ``a * b / c``) counts as one level."""
MAX_CONSTANT: Final = 1e6
"""Largest magnitude of a number written in the text."""
EVAL_BUDGET_POINTS: Final = 10_000
EVAL_BUDGET_SECONDS: Final = 0.008
"""The evaluation time for EVAL_BUDGET_POINTS points that the cost budget stands for.

The budget itself, :data:`EVAL_BUDGET_UNITS`, is a fixed number of units
with the table of step costs below; this is what it was derived from.
"""

MESSAGES: Final[Mapping[str, str]] = MappingProxyType(
    {
        # nothing to read
        "empty": "Type a function of x, e.g. x * sigmoid(x)",
        "unreadable": "This expression could not be read",
        # limits
        "too_long": "The expression is {length} characters long; the limit is {max}",
        "too_many_nodes": "The expression is too long: at most {max} numbers, names and operations",
        "too_deep": "The expression is nested too deeply (more than {max} levels)",
        "too_slow": "This expression would be too slow to plot: make it shorter",
        "too_slow_calls": (
            "This expression would be too slow to plot: "
            "use fewer calls of slow functions such as {name}"
        ),
        "number_too_large": "The number {number} is too large: numbers can be at most {max} (1e6)",
        # characters
        "one_line": "Write the expression on one line",
        "control_character": "The control character U+{code} is not allowed",
        "quotes": "Text in quotes is not allowed",
        "backslash": "Backslashes (\\) are not allowed",
        "comment": "Comments (#) are not allowed",
        "use_ascii": "Use plain ASCII: write {plain} instead of {char}",
        "wide_space": "Use plain ASCII: write a space instead of a wide space",
        "character": "The character {char} (U+{code}) is not allowed",
        "complex": "Complex numbers (like 1j) are not allowed",
        "not_decimal": "Write numbers in decimal: hex, octal and binary are not allowed",
        "number_then_name": (
            "Put * between a number and a name: write {number}*{word}, not {number}{word}"
        ),
        # syntax
        "never_closed": "This '(' is never closed: add a ')'",
        "unmatched": "This ')' has no matching '('",
        "semicolon": "Only one expression: ';' is not allowed",
        "assignment": "Leave out '... =': type only the right-hand side, e.g. x * sigmoid(x)",
        "ends_early": "The expression ends too early: something is missing",
        "missing_operator": "Something is missing here: an operator such as * between two terms?",
        "unexpected": "Unexpected {char} here",
        "syntax_error": "Syntax error: {detail}",
        # constructs off the allow-list
        "not_allowed": "{what} is not allowed",
        "boolean": "{value} is not allowed: write 1 or 0",
        "attribute": "Attribute access (.) is not allowed",
        "indexing": "Indexing with [ ] is not allowed",
        "comprehension": "Comprehensions (for ... in ...) are not allowed",
        "comparison": "Comparisons (<, >, ==, ...) are not allowed",
        "and_or": "'and' and 'or' are not allowed",
        "conditional": "Conditional expressions (... if ... else ...) are not allowed",
        "walrus": "Assignment (:=) is not allowed",
        "square_brackets": "Square brackets [ ] are not allowed: use ( ) for grouping",
        "braces": "Braces {braces} are not allowed: use ( ) for grouping",
        "f_string": "f-strings are not allowed",
        "starred_expression": "Starred expressions (*) are not allowed",
        "slice": "Slices (:) are not allowed",
        "empty_parentheses": "Empty parentheses ( ) are not allowed",
        "commas": "Commas are not allowed: type a single expression",
        # operators
        "bitwise_not": "~ (bitwise not) is not allowed",
        "floor_division": "// (floor division) is not allowed",
        "remainder": "% (remainder) is not allowed",
        "matrix_product": "@ (matrix product) is not allowed",
        "caret_power": "^ is not a power here: write x**2 for x squared",
        "bitwise_and": "& (bitwise and) is not allowed",
        "bitwise_or": "| (bitwise or) is not allowed",
        "bit_shift": "{symbol} (bit shift) is not allowed",
        "operator": "The operator {operator} is not allowed",
        # names
        "function_as_name": "'{name}' is a function: write {name}(x)",
        "unknown_name": "Unknown name '{name}' — 'x' is the only variable",
        "unknown_name_suggestion": "Unknown name '{name}' — did you mean '{suggestion}'?",
        "unknown_name_log": "Unknown name '{name}' — write log(x) for the natural logarithm",
        "unknown_name_relu": "Unknown name '{name}' — relu(x) is max(0, x)",
        "unknown_name_power": "Unknown name '{name}' — write x**2 for powers",
        "unknown_function": "Unknown function '{name}'. Functions: {functions}",
        "unknown_function_suggestion": "Unknown function '{name}' — did you mean '{suggestion}'?",
        "unknown_function_log": (
            "Unknown function '{name}' — write log(x) for the natural logarithm"
        ),
        "unknown_function_relu": "Unknown function '{name}' — relu(x) is max(0, x)",
        "unknown_function_power": "Unknown function '{name}' — write x**2 for powers",
        # calls
        "attribute_call": "Attribute access (.) is not allowed: write {name}(x)",
        "call_not_name": "Only a function name can be called, e.g. exp(x)",
        "variable_call": "'x' is the variable, not a function: write x * (...) to multiply",
        "constant_call": "'{name}' is a number, not a function: write {name} * (...) to multiply",
        "starred_argument": "Starred arguments ({stars}) are not allowed",
        "keyword_argument": "Keyword arguments are not allowed: write {name}(x)",
        "no_argument": "{name} needs one argument: {name}(x)",
        "extra_argument": "Only one argument: {name}(x)",
    }
)
"""Every refusal's English text by its key; ``{name}`` marks a value.

The keys are stable, so an app can show the same refusal in another
language from :attr:`ExpressionError.key` and :attr:`ExpressionError.values`.
A template without values contains no braces (it is shown as it is).
"""

EMPTY_MESSAGE: Final = MESSAGES["empty"]
UNREADABLE_MESSAGE: Final = MESSAGES["unreadable"]
_TOO_DEEP: Final = {"max": str(MAX_DEPTH)}  # the values of "too_deep"

CONSTANTS: Final[Mapping[str, float]] = MappingProxyType({"pi": math.pi, "e": math.e})
VARIABLE: Final = "x"

# Values and derivatives are float64 arrays or float64 scalars (a constant
# derivative such as the 2 of 2*x stays a scalar and is broadcast later).
# NumPy's stubs type most of this loosely, so one alias keeps it readable.
Num = Any
Array = NDArray[np.float64]
DualFunction = Callable[[Num], tuple[Num, Num]]
"""``fn(u) -> (f(u), f′(u))`` for a one-argument function."""


class ExpressionError(ValueError):
    """The text is not an expression this module accepts.

    ``key`` names the refusal (a key of :data:`MESSAGES`) and ``values``
    fills its template (names, numbers and symbols, never words of a
    language); ``message`` is the English text, what is wrong in a learner's
    words. ``offset`` is the 0-based position in the text as given to
    :func:`parse_expression` (surrounding whitespace included) of the
    character at fault, or None when the problem has no single place.
    """

    def __init__(
        self, key: str, offset: int | None = None, values: Mapping[str, str] | None = None
    ) -> None:
        template = MESSAGES[key]
        self.key = key
        self.values: dict[str, str] = dict(values or {})
        self.message = template.format(**self.values) if self.values else template
        self.offset = offset
        super().__init__(self.message)

    def at(self, offset: int | None) -> ExpressionError:
        """The same refusal at another offset."""
        return ExpressionError(self.key, offset, self.values)

    def __str__(self) -> str:
        return self.message

    def __reduce__(
        self,
    ) -> tuple[type[ExpressionError], tuple[str, int | None, dict[str, str]]]:
        return (type(self), (self.key, self.offset, self.values))


# --- the allowed functions ---------------------------------------------------

_TWO_OVER_SQRT_PI: Final = 2.0 / math.sqrt(math.pi)
_LN2: Final = math.log(2.0)
_erf_object = np.frompyfunc(math.erf, 1, 1)


def _exp(u: Num) -> tuple[Num, Num]:
    f = np.exp(u)
    return f, f


def _log(u: Num) -> tuple[Num, Num]:
    return np.log(u), 1.0 / u


def _log1p(u: Num) -> tuple[Num, Num]:
    return np.log1p(u), 1.0 / (1.0 + u)


def _expm1(u: Num) -> tuple[Num, Num]:
    return np.expm1(u), np.exp(u)


def _sqrt(u: Num) -> tuple[Num, Num]:
    s = np.sqrt(u)
    return s, 0.5 / s


def _abs(u: Num) -> tuple[Num, Num]:
    # The kink at 0 gets slope 0, as frameworks define it for abs.
    return np.abs(u), np.sign(u)


def _sin(u: Num) -> tuple[Num, Num]:
    return np.sin(u), np.cos(u)


def _cos(u: Num) -> tuple[Num, Num]:
    return np.cos(u), -np.sin(u)


def _tan(u: Num) -> tuple[Num, Num]:
    t = np.tan(u)
    return t, 1.0 + t * t


def _sinh(u: Num) -> tuple[Num, Num]:
    return np.sinh(u), np.cosh(u)


def _cosh(u: Num) -> tuple[Num, Num]:
    return np.cosh(u), np.sinh(u)


def _tanh(u: Num) -> tuple[Num, Num]:
    # 1 / cosh² rather than 1 - tanh², which cancels to 0 for |u| > 19.
    c = np.cosh(u)
    return np.tanh(u), 1.0 / (c * c)


def _arctan(u: Num) -> tuple[Num, Num]:
    return np.arctan(u), 1.0 / (1.0 + u * u)


def _erf(u: Num) -> tuple[Num, Num]:
    f = np.asarray(_erf_object(u), dtype=np.float64)
    return f, _TWO_OVER_SQRT_PI * np.exp(-(u * u))


_ELEMENTARY: Final[dict[str, DualFunction]] = {
    "exp": _exp,
    "log": _log,
    "log1p": _log1p,
    "expm1": _expm1,
    "sqrt": _sqrt,
    "abs": _abs,
    "sin": _sin,
    "cos": _cos,
    "tan": _tan,
    "sinh": _sinh,
    "cosh": _cosh,
    "tanh": _tanh,
    "arctan": _arctan,
    "atan": _arctan,
    "erf": _erf,
}


def _catalogue_dual(name: str) -> DualFunction:
    """f and f′ of the catalogue's activation ``name`` at its default parameters."""
    act = registry.get(name)

    def dual(u: Num) -> tuple[Num, Num]:
        u = np.asarray(u, dtype=np.float64)
        f, g = act(u), act.derivative(u)
        # Piecewise activations pick a branch with a comparison, which is
        # False for NaN (relu(NaN) would be 0); an undefined argument must
        # stay undefined.
        missing = np.isnan(u)
        if missing.any():
            f = np.where(missing, np.nan, f)
            g = np.where(missing, np.nan, g)
        return f, g

    dual.__name__ = name
    return dual


def _allowed_functions() -> dict[str, DualFunction]:
    allowed = dict(_ELEMENTARY)
    for name in registry.names():
        # Where a catalogue name is also an elementary function (tanh) the
        # two are the same function; the plain NumPy one is faster.
        allowed.setdefault(name, _catalogue_dual(name))
    return allowed


ALLOWED_FUNCTIONS: Final[Mapping[str, DualFunction]] = MappingProxyType(_allowed_functions())
"""Every function a visitor may call, name -> ``fn(u) -> (f(u), f′(u))``."""


# --- evaluation steps --------------------------------------------------------


@dataclass(frozen=True)
class _Step:
    """One operation of a compiled expression.

    ``kind`` picks the operation; ``a`` and ``b`` are the indices of earlier
    steps it reads (-1: unused); ``c`` is a constant operand (the 2 of
    ``x ** 2`` or of ``2 * x``); ``fn`` and ``name`` are the function of a
    call. ``offset`` is where it first appears in the text. The kinds, with
    A and B the results of steps ``a`` and ``b``:

    * ``x``: the variable; ``call``: fn(A); ``neg``: -A;
    * ``add``, ``sub``, ``mul``, ``div``: A + B, A - B, A * B, A / B;
    * ``addc``, ``subc``, ``mulc``, ``divc``: A + c, A - c, A * c, A / c;
      ``rsubc``, ``rdivc``: c - A, c / A;
    * ``powi``: A ** c for an integer c, ``powc``: for any other c;
      ``pow``: A ** B; ``rpowc``: c ** A; ``exp2``: 2 ** A.
      (e ** A is a call of exp.)
    """

    kind: str
    a: int = -1
    b: int = -1
    c: float = 0.0
    name: str = ""
    fn: DualFunction | None = None
    offset: int = 0

    def key(self) -> tuple[str, int, int, float, float, str]:
        # 0.0 == -0.0, but 1/(x*0.0) and 1/(x*-0.0) differ: keep the sign apart.
        return (self.kind, self.a, self.b, self.c, math.copysign(1.0, self.c), self.name)


def _ipow(u: Num, n: int) -> Num:
    """u ** n for a small integer n by repeated squaring (libm pow is slow for u < 0)."""
    if n == 0:
        return np.where(np.isnan(u), np.nan, 1.0)
    m = abs(n)
    result: Num = None
    base = u
    while True:
        if m & 1:
            result = base if result is None else result * base
        m >>= 1
        if not m:
            break
        base = base * base
    return 1.0 / result if n < 0 else result


# Integer exponents up to this size use _ipow; larger ones use np.power.
_IPOW_LIMIT: Final = 64


def _execute(s: _Step, u: Num, du: Num, v: Num, dv: Num) -> tuple[Num, Num]:
    """Value and derivative of step ``s`` from its operands (value, derivative)."""
    kind, c = s.kind, s.c
    if kind == "call":
        assert s.fn is not None
        f, g = s.fn(u)
        return f, g * du
    if kind == "add":
        return u + v, du + dv
    if kind == "sub":
        return u - v, du - dv
    if kind == "mul":
        return u * v, du * v + u * dv
    if kind == "div":
        f = u / v
        return f, (du - f * dv) / v
    if kind == "neg":
        return -u, -du
    if kind == "addc":
        return u + c, du
    if kind == "subc":
        return u - c, du
    if kind == "rsubc":
        return c - u, -du
    if kind == "mulc":
        return u * c, du * c
    if kind == "divc":
        return u / c, du / c
    if kind == "rdivc":
        f = c / u
        return f, -(f / u) * du
    if kind == "powi":
        n = int(c)
        if n == 0:  # u ** 0 is 1, as 0 ** 0 is in Python and NumPy
            return _ipow(u, 0), 0.0 * du
        p = _ipow(u, n - 1)
        return p * u, (n * p) * du
    if kind == "powc":
        # u ** c for a non-integer c; f′ = c u^(c-1) = c f / u away from 0,
        # and at 0 it is 0 for c > 1 and infinite (undefined) for c < 1.
        f = np.power(u, c)
        at_zero = 0.0 if c > 1.0 else np.inf
        return f, np.where(u != 0.0, c * f / u, at_zero) * du
    if kind == "exp2":  # 2 ** u
        f = np.exp2(u)
        return f, f * (_LN2 * du)
    if kind == "rpowc":
        # c ** u for a constant base c other than e (compiled as exp) and 2 (exp2).
        f = np.power(c, u)
        if c == 0.0:
            return f, np.where(u > 0.0, 0.0 * du, np.nan)
        return f, f * (math.log(c) * du if c > 0.0 else np.nan)
    if kind == "pow":
        # u ** v = exp(v ln u), defined for u > 0.
        f = np.power(u, v)
        return f, f * (dv * np.log(u) + v * du / u)
    raise AssertionError(f"unknown step {kind!r}")


def _run(steps: tuple[_Step, ...], frees: tuple[tuple[int, ...], ...], x: Array) -> tuple[Num, Num]:
    vals: list[Num] = [None] * len(steps)
    ders: list[Num] = [None] * len(steps)
    one = np.float64(1.0)
    for i, s in enumerate(steps):
        if s.kind == "x":
            vals[i], ders[i] = x, one
        else:
            a, b = s.a, s.b
            vals[i], ders[i] = _execute(
                s, vals[a], ders[a], vals[b] if b >= 0 else None, ders[b] if b >= 0 else None
            )
        for j in frees[i]:  # operands nothing later reads
            vals[j] = ders[j] = None
    return vals[-1], ders[-1]


# --- cost --------------------------------------------------------------------

# An expression may cost at most EVAL_BUDGET_UNITS, the sum of what its steps
# cost. A unit is the time of one cheap elementwise operation (np.add of two
# arrays) at EVAL_BUDGET_POINTS points, and a step costs what it takes on its
# slowest inputs, allocating its results included: the same operation can be
# 5-20 times slower where libm takes a slow path (exp near the smallest normal
# float, cosh near overflow, sin of huge numbers, ...), and a visitor can steer
# every point there, as in sigmoid(-712 + x/100).
#
# The costs are fixed numbers, never timed while the app runs, so whether an
# expression is accepted depends on its text alone: a shared link behaves the
# same on every worker and machine, busy or idle. bench/expression_costs.py
# measured them and prints the block below; run it again and paste its output
# over the block when a kind of step or a catalogue function is added or
# changed. A test insists on an entry for every function; until it has one,
# a function costs as much as the most expensive.

# --- measured by bench/expression_costs.py -----------------------------------
# AMD EPYC (2 CPUs), Linux 6.18.44-fc-v657, Python 3.12.1, NumPy 2.5.5:
# one unit was 1.53 µs.
EVAL_BUDGET_UNITS: Final = 5221
"""The most an expression may cost, in units: about EVAL_BUDGET_SECONDS."""
_STEP_COSTS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "neg": 3,  # about the same on every profile
        "add": 3,  # about the same on every profile
        "sub": 4,  # about the same on every profile
        "mul": 53,  # 26 on -5..5, 53 on tiny and subnormal u
        "div": 10,  # about the same on every profile
        "addc": 2,  # about the same on every profile
        "subc": 2,  # about the same on every profile
        "rsubc": 3,  # about the same on every profile
        "mulc": 3,  # about the same on every profile
        "divc": 7,  # about the same on every profile
        "rdivc": 10,  # 6 on -5..5, 10 on NaN, inf, 0, ...
        "powi": 65,  # about the same on every profile (exponent -62, the slowest)
        "powc": 735,  # 34 on -5..5, 735 on u near 1e-124
        "pow": 788,  # 92 on -5..5, 788 on u near 1e-124
        "rpowc": 734,  # 26 on -5..5, 734 on u near -709
        "exp2": 29,  # 7 on -5..5, 29 on huge u
    }
)
_CALL_COSTS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "abs": 6,  # about the same on every profile
        "arctan": 18,  # 10 on -5..5, 18 on u near 1e-124
        "atan": 18,  # 10 on -5..5, 18 on u near 1e-124
        "celu": 479,  # 97 on -5..5, 479 on u near -709
        "cos": 632,  # 103 on -5..5, 632 on huge u
        "cosh": 381,  # 10 on -5..5, 381 on u near -709
        "elu": 469,  # 90 on -5..5, 469 on u near -712
        "erf": 536,  # about the same on every profile
        "exp": 388,  # 6 on -5..5, 388 on u near -712
        "expm1": 395,  # 13 on -5..5, 395 on u near -709
        "gelu": 1215,  # about the same on every profile
        "gelu_tanh": 365,  # about the same on every profile
        "hard_sigmoid": 23,  # about the same on every profile
        "hard_sigmoid_keras2": 23,  # about the same on every profile
        "hard_swish": 111,  # about the same on every profile
        "hard_tanh": 20,  # about the same on every profile
        "hardshrink": 23,  # about the same on every profile
        "identity": 15,  # 9 on -5..5, 15 on NaN, inf, 0, ...
        "leaky_relu": 25,  # about the same on every profile
        "log": 21,  # 12 on -5..5, 21 on NaN, inf, 0, ...
        "log1p": 27,  # 13 on -5..5, 27 on NaN, inf, 0, ...
        "log_sigmoid": 926,  # 151 on -5..5, 926 on u near -712
        "mish": 1482,  # 325 on -5..5, 1482 on u near 709
        "relu": 21,  # about the same on every profile
        "relu6": 27,  # about the same on every profile
        "selu": 471,  # 64 on -5..5, 471 on u near -712
        "sigmoid": 941,  # 172 on -5..5, 941 on u near -712
        "silu": 1432,  # 263 on -5..5, 1432 on u near 709
        "sin": 631,  # 102 on -5..5, 631 on huge u
        "sinh": 382,  # 10 on -5..5, 382 on u near 709
        "softplus": 942,  # 169 on -5..5, 942 on u near 712
        "softshrink": 78,  # about the same on every profile
        "softsign": 75,  # about the same on every profile
        "sqrt": 13,  # about the same on every profile
        "squareplus": 377,  # about the same on every profile
        "step": 20,  # 13 on -5..5, 20 on NaN, inf, 0, ...
        "tan": 53,  # 10 on -5..5, 53 on NaN, inf, 0, ...
        "tanh": 236,  # 47 on -5..5, 236 on u near 709
        "tanhshrink": 165,  # about the same on every profile
    }
)
# --- end of the measured block -----------------------------------------------

_UNLISTED_CALL_COST: Final = max(_CALL_COSTS.values())


def _cost(s: _Step) -> int:
    """What step ``s`` costs, in units."""
    if s.kind == "x":
        return 0
    if s.kind == "call":
        return _CALL_COSTS.get(s.name, _UNLISTED_CALL_COST)
    return _STEP_COSTS[s.kind]


def _check_cost(steps: tuple[_Step, ...], lead: int) -> None:
    """Refuse steps that cost more than EVAL_BUDGET_UNITS, at the step that goes over."""
    total = 0
    for s in steps:
        total += _cost(s)
        if total > EVAL_BUDGET_UNITS:
            slow = max((t for t in steps if t.kind == "call"), key=_cost, default=None)
            if slow is not None and _cost(slow) > EVAL_BUDGET_UNITS / 20:
                raise ExpressionError("too_slow_calls", lead + s.offset, {"name": slow.name})
            raise ExpressionError("too_slow", lead + s.offset)


# --- checking and compiling the tree -----------------------------------------

_BINOP_SYMBOLS: Final[Mapping[type[ast.operator], str]] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.Pow: "**",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.MatMult: "@",
    ast.BitXor: "^",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.LShift: "<<",
    ast.RShift: ">>",
}
# Refusals as (key of MESSAGES, values).
_Refusal = tuple[str, Mapping[str, str]]
_REFUSED_BINOPS: Final[Mapping[type[ast.operator], _Refusal]] = {
    ast.FloorDiv: ("floor_division", {}),
    ast.Mod: ("remainder", {}),
    ast.MatMult: ("matrix_product", {}),
    ast.BitXor: ("caret_power", {}),
    ast.BitAnd: ("bitwise_and", {}),
    ast.BitOr: ("bitwise_or", {}),
    ast.LShift: ("bit_shift", {"symbol": "<<"}),
    ast.RShift: ("bit_shift", {"symbol": ">>"}),
}
_STEP_KINDS: Final[Mapping[type[ast.operator], str]] = {
    ast.Add: "add",
    ast.Sub: "sub",
    ast.Mult: "mul",
    ast.Div: "div",
    ast.Pow: "pow",
}
_CHAINS: Final = ({ast.Add, ast.Sub}, {ast.Mult, ast.Div})
_NODE_MESSAGES: Final[Mapping[type[ast.AST], _Refusal]] = {
    ast.Attribute: ("attribute", {}),
    ast.Subscript: ("indexing", {}),
    ast.Lambda: ("not_allowed", {"what": "lambda"}),
    ast.ListComp: ("comprehension", {}),
    ast.SetComp: ("comprehension", {}),
    ast.DictComp: ("comprehension", {}),
    ast.GeneratorExp: ("comprehension", {}),
    ast.Compare: ("comparison", {}),
    ast.BoolOp: ("and_or", {}),
    ast.IfExp: ("conditional", {}),
    ast.NamedExpr: ("walrus", {}),
    ast.List: ("square_brackets", {}),
    ast.Dict: ("braces", {"braces": "{ }"}),
    ast.Set: ("braces", {"braces": "{ }"}),
    ast.Await: ("not_allowed", {"what": "'await'"}),
    ast.Yield: ("not_allowed", {"what": "'yield'"}),
    ast.YieldFrom: ("not_allowed", {"what": "'yield'"}),
    ast.JoinedStr: ("f_string", {}),
    ast.FormattedValue: ("f_string", {}),
    ast.Starred: ("starred_expression", {}),
    ast.Slice: ("slice", {}),
}


# Names people often reach for, with what to write instead: the key suffix
# of the unknown_name_* and unknown_function_* messages.
_HINTS: Final[Mapping[str, str]] = {
    "ln": "log",
    "max": "relu",
    "pow": "power",
    "power": "power",
}


def _suggest(word: str, candidates: list[str]) -> str | None:
    close = difflib.get_close_matches(word.lower(), candidates, n=1, cutoff=0.6)
    return close[0] if close else None


class _Compiler:
    """Checks a parsed tree against the allow-list and compiles it to steps."""

    def __init__(self, text: str, lead: int) -> None:
        self.text = text  # the stripped text that was parsed
        self.lead = lead  # characters stripped from the front of the original
        self.nodes = 0
        self.steps: list[_Step] = []
        self.index: dict[tuple[str, int, int, float, float, str], int] = {}

    # Errors point into the original text, hence ``lead``.
    def error(self, key: str, offset: int | None, **values: str) -> ExpressionError:
        return ExpressionError(key, None if offset is None else self.lead + offset, values)

    def node_error(self, key: str, node: ast.expr | ast.keyword, **values: str) -> ExpressionError:
        return self.error(key, node.col_offset, **values)

    def between(self, start: int, end: int) -> int:
        """The first character in text[start:end] that is not a space or a parenthesis."""
        for i in range(start, min(end, len(self.text))):
            if self.text[i] not in " \t()":
                return i
        return start

    def gap_error(
        self, key: str, left: ast.expr, right: ast.expr, **values: str
    ) -> ExpressionError:
        """An error at the operator or keyword between two subexpressions."""
        start = left.end_col_offset
        if start is None:
            return self.node_error(key, left, **values)
        return self.error(key, self.between(start, right.col_offset), **values)

    # --- steps ---

    def emit(self, step: _Step) -> int:
        key = step.key()
        found = self.index.get(key)
        if found is not None:
            return found
        self.steps.append(step)
        self.index[key] = len(self.steps) - 1
        return len(self.steps) - 1

    # Compiled operands are an int (the index of a step that depends on x)
    # or a float (a constant, folded when the text is parsed).

    def negate(self, a: int | float, offset: int) -> int | float:
        if isinstance(a, float):
            with np.errstate(all="ignore"):
                return float(-np.float64(a))
        return self.emit(_Step("neg", a=a, offset=offset))

    def call(self, name: str, fn: DualFunction, a: int | float, offset: int) -> int | float:
        if isinstance(a, float):
            return _fold(lambda: fn(np.float64(a))[0])
        return self.emit(_Step("call", a=a, name=name, fn=fn, offset=offset))

    def binary(self, kind: str, a: int | float, b: int | float, offset: int) -> int | float:
        """``a <kind> b``: folded if both are constant; x + 0, x - 0, x * 1, x / 1 are x."""
        if isinstance(a, float) and isinstance(b, float):
            return _fold(lambda: _FOLD[kind](np.float64(a), np.float64(b)))
        if isinstance(a, int) and isinstance(b, int):
            return self.emit(_Step(kind, a=a, b=b, offset=offset))
        if isinstance(a, int):  # x-dependent a, constant b
            assert isinstance(b, float)
            if kind == "pow":
                return self.power(a, b, offset)
            if kind in ("add", "sub") and b == 0.0:
                return a
            if kind in ("mul", "div") and b == 1.0:
                return a
            return self.emit(_Step(kind + "c", a=a, c=b, offset=offset))
        assert isinstance(a, float) and isinstance(b, int)  # constant a, x-dependent b
        if kind == "add":
            return a if a == 0.0 else self.emit(_Step("addc", a=b, c=a, offset=offset))
        if kind == "mul":
            return b if a == 1.0 else self.emit(_Step("mulc", a=b, c=a, offset=offset))
        if kind == "pow":
            return self.exponential(a, b, offset)
        reverse = {"sub": "rsubc", "div": "rdivc"}[kind]
        return self.emit(_Step(reverse, a=b, c=a, offset=offset))

    def exponential(self, base: float, b: int, offset: int) -> int:
        """``base ** b`` for a constant base: e ** u is exp(u); 2 ** u has its own step."""
        if base == math.e:
            return self.emit(_Step("call", a=b, name="exp", fn=_exp, offset=offset))
        if base == 2.0:
            return self.emit(_Step("exp2", a=b, offset=offset))
        return self.emit(_Step("rpowc", a=b, c=base, offset=offset))

    def power(self, a: int, c: float, offset: int) -> int | float:
        """``a ** c`` for a constant exponent: small integers multiply (see _ipow)."""
        if c == 1.0:
            return a
        if math.isfinite(c) and c == round(c) and abs(c) <= _IPOW_LIMIT:
            return self.emit(_Step("powi", a=a, c=float(round(c)), offset=offset))
        return self.emit(_Step("powc", a=a, c=c, offset=offset))

    # --- the walk ---

    def visit(self, node: ast.expr, depth: int) -> int | float:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.node_error("too_many_nodes", node, max=str(MAX_NODES))
        if depth > MAX_DEPTH:
            raise self.node_error("too_deep", node, **_TOO_DEEP)
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.UnaryOp):
            return self.unary_op(node, depth)
        if isinstance(node, ast.BinOp):
            return self.bin_op(node, depth)
        if isinstance(node, ast.Call):
            return self.call_node(node, depth)
        raise self.refusal(node)

    def refusal(self, node: ast.expr) -> ExpressionError:
        key, values = _NODE_MESSAGES.get(type(node), ("not_allowed", {"what": type(node).__name__}))
        if isinstance(node, ast.Tuple):
            if len(node.elts) < 2:
                return self.node_error("empty_parentheses", node)
            return self.gap_error("commas", node.elts[0], node.elts[1])
        if isinstance(node, ast.Attribute | ast.Subscript):
            return self.error(
                key,
                self.between(node.value.end_col_offset or 0, node.end_col_offset or 0),
                **values,
            )
        if isinstance(node, ast.Compare):
            return self.gap_error(key, node.left, node.comparators[0], **values)
        if isinstance(node, ast.BoolOp):
            return self.gap_error(key, node.values[0], node.values[1], **values)
        if isinstance(node, ast.IfExp):
            return self.gap_error(key, node.body, node.test, **values)
        return self.node_error(key, node, **values)

    def constant(self, node: ast.Constant) -> float:
        value = node.value
        if isinstance(value, bool):
            raise self.node_error("boolean", node, value=str(value))
        if isinstance(value, int | float):
            if not abs(value) <= MAX_CONSTANT:  # also catches inf (1e999)
                source = ast.get_source_segment(self.text, node) or repr(value)
                raise self.node_error(
                    "number_too_large", node, number=source, max=f"{MAX_CONSTANT:,.0f}"
                )
            return float(value)
        if isinstance(value, complex):
            raise self.node_error("complex", node)
        if isinstance(value, str | bytes):
            raise self.node_error("quotes", node)
        if value is None:
            raise self.node_error("not_allowed", node, what="None")
        if value is Ellipsis:
            raise self.node_error("not_allowed", node, what="...")
        raise self.node_error("not_allowed", node, what=repr(value))

    def name(self, node: ast.Name) -> int | float:
        ident = node.id
        if ident == VARIABLE:
            return self.emit(_Step("x", offset=node.col_offset))
        if ident in CONSTANTS:
            return CONSTANTS[ident]
        if ident in ALLOWED_FUNCTIONS:
            raise self.node_error("function_as_name", node, name=ident)
        key, values = self.unknown(ident, "name")
        raise self.node_error(key, node, **values)

    def unknown(self, ident: str, what: str) -> tuple[str, dict[str, str]]:
        """The refusal of an unknown ``ident``; ``what`` is "name" or "function"."""
        shown = ident if len(ident) <= 30 else ident[:27] + "..."
        if ident in _HINTS:
            return f"unknown_{what}_{_HINTS[ident]}", {"name": shown}
        if what == "function":
            close = _suggest(ident, sorted(ALLOWED_FUNCTIONS))
            if close:
                return "unknown_function_suggestion", {"name": shown, "suggestion": close}
            return "unknown_function", {
                "name": shown,
                "functions": ", ".join(sorted(ALLOWED_FUNCTIONS)),
            }
        close = _suggest(ident, [VARIABLE, *CONSTANTS, *sorted(ALLOWED_FUNCTIONS)])
        if close:
            return "unknown_name_suggestion", {"name": shown, "suggestion": close}
        return "unknown_name", {"name": shown}

    def unary_op(self, node: ast.UnaryOp, depth: int) -> int | float:
        if isinstance(node.op, ast.Not):
            raise self.node_error("not_allowed", node, what="'not'")
        if isinstance(node.op, ast.Invert):
            raise self.node_error("bitwise_not", node)
        operand = self.visit(node.operand, depth + 1)
        if isinstance(node.op, ast.UAdd):
            return operand
        return self.negate(operand, node.col_offset)

    def bin_op(self, node: ast.BinOp, depth: int) -> int | float:
        op = type(node.op)
        if op in _REFUSED_BINOPS:
            symbol = _BINOP_SYMBOLS[op]
            start = node.left.end_col_offset or 0
            found = self.text.find(symbol, start, node.right.col_offset)
            key, values = _REFUSED_BINOPS[op]
            raise self.error(key, found if found >= 0 else start, **values)
        kind = _STEP_KINDS.get(op)
        if kind is None:
            raise self.node_error("operator", node, operator=op.__name__)
        # a + b - c is one level, not a tower of three.
        left = node.left
        same_chain = isinstance(left, ast.BinOp) and any(
            op in chain and type(left.op) in chain for chain in _CHAINS
        )
        a = self.visit(left, depth if same_chain else depth + 1)
        b = self.visit(node.right, depth + 1)
        start = node.left.end_col_offset or node.col_offset
        return self.binary(kind, a, b, self.between(start, node.right.col_offset))

    def call_node(self, node: ast.Call, depth: int) -> int | float:
        func = node.func
        if not isinstance(func, ast.Name):
            if isinstance(func, ast.Attribute) and func.attr in ALLOWED_FUNCTIONS:
                raise self.error(
                    "attribute_call",
                    self.between(func.value.end_col_offset or 0, func.end_col_offset or 0),
                    name=func.attr,
                )
            raise self.node_error("call_not_name", func)
        ident = func.id
        if ident == VARIABLE:
            raise self.node_error("variable_call", func)
        if ident in CONSTANTS:
            raise self.node_error("constant_call", func, name=ident)
        fn = ALLOWED_FUNCTIONS.get(ident)
        if fn is None:
            key, values = self.unknown(ident, "function")
            raise self.node_error(key, func, **values)
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.node_error("starred_argument", arg, stars="*")
        if node.keywords:
            keyword = node.keywords[0]
            if keyword.arg is None:
                raise self.node_error("starred_argument", keyword, stars="**")
            raise self.node_error("keyword_argument", keyword, name=ident)
        if not node.args:
            raise self.error("no_argument", func.end_col_offset or 0, name=ident)
        if len(node.args) > 1:
            raise self.gap_error("extra_argument", node.args[0], node.args[1], name=ident)
        a = self.visit(node.args[0], depth + 1)
        return self.call(ident, fn, a, node.col_offset)


_FOLD: Final[Mapping[str, Callable[[np.float64, np.float64], Num]]] = {
    "add": np.add,
    "sub": np.subtract,
    "mul": np.multiply,
    "div": np.divide,
    "pow": np.power,
}


def _fold(compute: Callable[[], Num]) -> float:
    """A constant subexpression's value; anything that goes wrong is NaN."""
    with np.errstate(all="ignore"):
        try:
            return float(np.asarray(compute(), dtype=np.float64))
        except Exception:  # a constant with no value is a gap
            return math.nan


# --- checking the text -------------------------------------------------------

# A number written against a name ("2x", "1e5x", "0x1f", "1j"): the tokenizer
# would refuse or warn, and a learner usually meant a product.
_NUMBER_THEN_NAME: Final = re.compile(
    # A number starts at a digit that does not continue a name (x2) or a
    # number, or at a "." before a digit (a.5 is a name and the number .5).
    # (?>...) keeps "1e7" whole rather than backtracking to "1" and "e7".
    r"((?>(?:(?<![\w.])\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?))"
    r"([A-Za-z_]\w*)"
)

_UNICODE_HINTS: Final[Mapping[str, str]] = {
    "−": "-", "–": "-", "—": "-", "×": "*", "·": "*", "∙": "*", "÷": "/",
    "π": "pi", "²": "**2", "³": "**3", "√": "sqrt", "ℯ": "e", "\u3000": "a space",
}  # fmt: skip


def _check_characters(text: str) -> None:
    """Refuse characters that can never be part of an expression, before parsing."""
    for i, ch in enumerate(text):
        code = ord(ch)
        if 32 <= code < 127 and ch not in "\\'\"#":
            continue
        if ch == "\t":
            continue
        if ch in "\n\r":
            raise ExpressionError("one_line", i)
        if code < 32 or code == 127:
            raise ExpressionError("control_character", i, {"code": f"{code:04X}"})
        if ch in "'\"":
            raise ExpressionError("quotes", i)
        if ch == "\\":
            raise ExpressionError("backslash", i)
        if ch == "#":
            raise ExpressionError("comment", i)
        plain = _UNICODE_HINTS.get(ch) or unicodedata.normalize("NFKC", ch)
        if plain == "a space":
            raise ExpressionError("wide_space", i)
        if plain.isascii() and plain.isprintable() and plain.strip():
            raise ExpressionError("use_ascii", i, {"plain": plain, "char": ch})
        raise ExpressionError("character", i, {"char": repr(ch), "code": f"{code:04X}"})
    match = _NUMBER_THEN_NAME.search(text)
    if match:
        number, word = match.group(1), match.group(2)
        at = match.start(2)
        if word[0] in "jJ":
            raise ExpressionError("complex", match.start(1))
        if number == "0" and word[0] in "xXoObB":
            raise ExpressionError("not_decimal", match.start(1))
        raise ExpressionError("number_then_name", at, {"number": number, "word": word})


def _syntax_error(text: str, error: SyntaxError) -> ExpressionError:
    """A learner-friendly version of the parser's complaint; offsets into ``text``."""
    msg = error.msg or "invalid syntax"
    offset = error.offset - 1 if error.offset and error.offset > 0 else len(text)
    offset = min(offset, len(text))
    if "never closed" in msg:
        return ExpressionError("never_closed", offset)
    if "unmatched" in msg:
        return ExpressionError("unmatched", offset)
    if "too many nested parentheses" in msg:
        return ExpressionError("too_deep", offset, _TOO_DEEP)
    semicolon = text.find(";")
    if semicolon >= 0:
        return ExpressionError("semicolon", semicolon)
    equals = re.search(r"(?<![=<>!:])=(?!=)", text)
    if equals:
        return ExpressionError("assignment", equals.start())
    if offset >= len(text):
        return ExpressionError("ends_early", offset)
    before = text[:offset].rstrip()
    if "forgot a comma" in msg or (
        before
        and (before[-1].isalnum() or before[-1] in "_.)")
        and (text[offset].isalnum() or text[offset] in "_(")
    ):
        return ExpressionError("missing_operator", offset)
    if msg.startswith("invalid syntax"):
        return ExpressionError("unexpected", offset, {"char": repr(text[offset])})
    return ExpressionError("syntax_error", offset, {"detail": msg})


# --- the public part ---------------------------------------------------------


@dataclass(frozen=True)
class Expression:
    """A checked expression of x; call it with an array of x to get (f, f′).

    Build one with :func:`parse_expression`. ``str()`` gives back ``text``,
    so the expression round-trips through a URL.
    """

    text: str
    _steps: tuple[_Step, ...] = field(repr=False, compare=False)
    _frees: tuple[tuple[int, ...], ...] = field(repr=False, compare=False)
    _constant: float = field(default=math.nan, repr=False, compare=False)

    def __str__(self) -> str:
        return self.text

    @property
    def cost(self) -> int:
        """What evaluating it costs, in units; at most :data:`EVAL_BUDGET_UNITS`."""
        return sum(_cost(s) for s in self._steps)

    def __call__(self, x: ArrayLike) -> tuple[Array, Array]:
        """f(x) and f′(x) as float64 arrays of x's shape; NaN where either is not finite.

        Never raises for real x and lets no NumPy warning escape: floating-point
        errors are ignored and any failure inside becomes NaN.
        """
        xs = np.asarray(x, dtype=np.float64)
        with np.errstate(all="ignore"):
            try:
                if not self._steps:
                    f: Num = np.full(xs.shape, self._constant)
                    d: Num = np.zeros(xs.shape)
                else:
                    f, d = _run(self._steps, self._frees, xs)
                f = np.broadcast_to(np.asarray(f, dtype=np.float64), xs.shape)
                d = np.broadcast_to(np.asarray(d, dtype=np.float64), xs.shape)
                finite = np.isfinite(f)
                value = np.where(finite, f, np.nan)
                slope = np.where(finite & np.isfinite(d), d, np.nan)
            except Exception:  # a plot with gaps, never a crash
                value = np.full(xs.shape, np.nan)
                slope = np.full(xs.shape, np.nan)
        return value, slope


def parse_expression(text: str) -> Expression:
    """Check ``text`` and compile it; raises :class:`ExpressionError` only.

    ``Expression.text`` is ``text`` with surrounding whitespace removed;
    error offsets count from the start of ``text`` as given.
    """
    if not isinstance(text, str):
        raise ExpressionError("empty", None)
    stripped = text.strip()
    if not stripped:
        raise ExpressionError("empty", None)
    try:
        return _parse(stripped, len(text) - len(text.lstrip()))
    except ExpressionError:
        raise
    except Exception as error:
        # Not expected for any text; the promise is ExpressionError only.
        raise ExpressionError("unreadable", None) from error


def _parse(text: str, lead: int) -> Expression:
    if len(text) > MAX_EXPRESSION_CHARS:
        raise ExpressionError(
            "too_long",
            lead + MAX_EXPRESSION_CHARS,
            {"length": f"{len(text):,}", "max": str(MAX_EXPRESSION_CHARS)},
        )
    try:
        _check_characters(text)
    except ExpressionError as error:
        raise error.at(lead + (error.offset or 0)) from None
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as error:
        err = _syntax_error(text, error)
        raise err.at(lead + (err.offset or 0)) from None
    except (RecursionError, MemoryError, ValueError, OverflowError):
        raise ExpressionError("too_deep", None, _TOO_DEEP) from None

    compiler = _Compiler(text, lead)
    try:
        root = compiler.visit(tree.body, 1)
    except RecursionError:
        raise ExpressionError("too_deep", None, _TOO_DEEP) from None
    if isinstance(root, float):
        return Expression(text, (), (), root)

    # Folding (x*1 is x) can leave steps the root does not read; drop them.
    steps = _reachable(compiler.steps, root)
    _check_cost(steps, lead)
    return Expression(text, steps, _free_lists(steps))


def _reachable(steps: list[_Step], root: int) -> tuple[_Step, ...]:
    """The steps the root reads, in order, with the root last and indices renumbered."""
    needed = {root}
    for i in range(root, -1, -1):
        if i in needed:
            s = steps[i]
            needed.update(j for j in (s.a, s.b) if j >= 0)
    order = sorted(needed)
    new = {old: k for k, old in enumerate(order)}
    kept = (steps[i] for i in order)
    return tuple(replace(s, a=new.get(s.a, -1), b=new.get(s.b, -1)) for s in kept)


def _free_lists(steps: tuple[_Step, ...]) -> tuple[tuple[int, ...], ...]:
    """For each step, the earlier results no later step reads (freed to save memory)."""
    last_use = {}
    for i, s in enumerate(steps):
        for j in (s.a, s.b):
            if j >= 0:
                last_use[j] = i
    frees: list[list[int]] = [[] for _ in steps]
    for j, i in last_use.items():
        frees[i].append(j)
    return tuple(tuple(f) for f in frees)
