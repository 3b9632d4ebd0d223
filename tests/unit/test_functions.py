"""Values and derivatives of every activation against 50-digit mpmath references.

Tolerances: 1e-12 relative wherever the true value is a normal float64; an
absolute 1e-300 where the true value is below the normal range (there the
correctly rounded answer is a subnormal or 0). The clip-based functions
(relu6, the hard_* family, the shrinks) are exact to an ulp or two and meet
the same 1e-12.

Four derivatives are a sum of terms that cancel near a root of f'
(gelu' at x = -0.7518, gelu_tanh' at x = -0.7525, silu' at βx = -1.2785,
mish' at x = -1.1924); for those the 1e-12 is relative to the size of the
terms rather than of the result, and ``test_derivative_near_its_root`` pins
down what that means in absolute terms (1e-15).

float32: results are the float64 results rounded once, and match mpmath
within 1e-6 relative (absolute: the smallest float32 subnormal, below the
float32 normal range).
"""

from __future__ import annotations

import ast
import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath import mp, mpf  # type: ignore[import-untyped]

import activations
from activations import functions as F

mp.dps = 50

RTOL = 1e-12
RTOL_32 = 1e-6
TINY = np.finfo(np.float64).tiny  # smallest normal float64
TINY_32 = float(np.finfo(np.float32).tiny)
SUBNORMAL_ATOL = 1e-300
SUBNORMAL_ATOL_32 = float(np.finfo(np.float32).smallest_subnormal)

# Every function of the catalogue and its derivative, as functions.py names them.
NAMES = activations.names()


def _grid() -> np.ndarray:
    small = np.logspace(-20, -7, 14)
    moderate = np.linspace(0.1, 10.0, 100)
    large = np.linspace(10.0, 100.0, 31)[1:]
    huge = np.array([200.0, 500.0, 700.0, 708.0, 709.5, 740.0, 745.5, 1000.0])
    positive = np.concatenate([small, moderate, large, huge])
    return np.concatenate([[0.0], positive, -positive])


GRID = _grid()


# --- references ---------------------------------------------------------------
# Each takes an mpf x and the parameters and returns an mpf, or None where the
# derivative does not exist (excluded here, tested on its own below).

SELU_ALPHA = mpf("1.6732632423543772848170429916717")
SELU_SCALE = mpf("1.0507009873554804934193349852946")
GELU_C = mp.sqrt(2 / mp.pi)
GELU_K = mpf("0.044715")


def _sig(x: Any) -> Any:
    return 1 / (1 + mp.exp(-x))


def _d_sig(x: Any) -> Any:
    e = mp.exp(-abs(x))
    return e / (1 + e) ** 2


def _phi(x: Any) -> Any:
    return mp.exp(-(x**2) / 2) / mp.sqrt(2 * mp.pi)


def _cdf(x: Any) -> Any:
    return mp.erfc(-x / mp.sqrt(2)) / 2


def _kink(x: Any, right: Any, left: Any) -> Any:
    if x == 0:
        return None
    return right if x > 0 else left


def _not_at(x: Any, points: tuple[float, ...], value: Callable[[], Any]) -> Any:
    """``value()``, or None when x is one of the singular ``points``."""
    return None if any(x == p for p in points) else value()


def _gelu_tanh_2u(x: Any) -> Any:
    return 2 * GELU_C * (x + GELU_K * x**3)


def _gelu_tanh_terms(x: Any) -> tuple[Any, Any]:
    # (1 + tanh u)/2 = sigma(2u): the sigmoid form keeps the 50 digits in the
    # left tail, where 1 + tanh u would cancel to 0.
    t = _gelu_tanh_2u(x)
    du = GELU_C * (1 + 3 * GELU_K * x**2)
    return _sig(t), 2 * x * du * _sig(t) * _sig(-t)


def _mish_terms(x: Any) -> tuple[Any, Any]:
    sp = mp.log1p(mp.exp(x))
    return mp.tanh(sp), x * mp.sech(sp) ** 2 * _sig(x)


def _tanhshrink(x: Any) -> Any:
    # x - tanh x loses 3 log10(1/|x|) digits near 0: 200 digits cover x = 1e-20.
    with mp.workdps(200):
        return +(x - mp.tanh(x))


def _squareplus(x: Any, b: Any) -> Any:
    s = mp.sqrt(x * x + b)
    return (x + s) / 2


def _d_squareplus(x: Any, b: Any) -> Any:
    if b == 0 and x == 0:
        return None
    return (1 + x / mp.sqrt(x * x + b)) / 2


def _shrink_grad(x: Any, lambd: Any) -> Any:
    if lambd == 0:
        return mpf(1)
    return _not_at(x, (-lambd, lambd), lambda: mpf(1) if abs(x) > lambd else mpf(0))


REF: dict[str, tuple[Callable[..., Any], Callable[..., Any]]] = {
    "step": (lambda x: mpf(1) if x > 0 else mpf(0), lambda x: _kink(x, mpf(0), mpf(0))),
    "identity": (lambda x: x, lambda x: mpf(1)),
    "sigmoid": (lambda x, a: _sig(a * x), lambda x, a: a * _d_sig(a * x)),
    "tanh": (mp.tanh, lambda x: mp.sech(x) ** 2),
    "relu": (lambda x: max(x, mpf(0)), lambda x: _kink(x, mpf(1), mpf(0))),
    "leaky_relu": (
        lambda x, alpha: x if x > 0 else alpha * x,
        lambda x, alpha: _kink(x, mpf(1), alpha),
    ),
    "relu6": (
        lambda x: min(max(x, mpf(0)), mpf(6)),
        lambda x: _not_at(x, (0, 6), lambda: mpf(1) if 0 < x < 6 else mpf(0)),
    ),
    "elu": (
        lambda x, alpha: x if x > 0 else alpha * mp.expm1(x),
        lambda x, alpha: _kink(x, mpf(1), alpha * mp.exp(x)),
    ),
    "selu": (
        lambda x: SELU_SCALE * (x if x > 0 else SELU_ALPHA * mp.expm1(x)),
        lambda x: _kink(x, SELU_SCALE, SELU_SCALE * SELU_ALPHA * mp.exp(x)),
    ),
    "celu": (
        lambda x, alpha: x if x > 0 else alpha * mp.expm1(x / alpha),
        lambda x, alpha: mpf(1) if x > 0 else mp.exp(x / alpha),
    ),
    "softplus": (
        lambda x, beta: mp.log1p(mp.exp(beta * x)) / beta,
        lambda x, beta: _sig(beta * x),
    ),
    "softsign": (lambda x: x / (1 + abs(x)), lambda x: 1 / (1 + abs(x)) ** 2),
    "gelu": (lambda x: x * _cdf(x), lambda x: _cdf(x) + x * _phi(x)),
    "gelu_tanh": (lambda x: x * _sig(_gelu_tanh_2u(x)), lambda x: sum(_gelu_tanh_terms(x))),
    "silu": (
        lambda x, beta: x * _sig(beta * x),
        lambda x, beta: _sig(beta * x) * (1 + beta * x * _sig(-beta * x)),
    ),
    "mish": (lambda x: x * _mish_terms(x)[0], lambda x: sum(_mish_terms(x))),
    "hard_sigmoid": (
        lambda x: min(max(x / 6 + mpf(1) / 2, mpf(0)), mpf(1)),
        lambda x: _not_at(x, (-3, 3), lambda: mpf(1) / 6 if -3 < x < 3 else mpf(0)),
    ),
    "hard_sigmoid_keras2": (
        lambda x: min(max(x / 5 + mpf(1) / 2, mpf(0)), mpf(1)),
        lambda x: _not_at(x, (-2.5, 2.5), lambda: mpf(1) / 5 if -2.5 < x < 2.5 else mpf(0)),
    ),
    "hard_swish": (
        lambda x: mpf(0) if x <= -3 else (x if x >= 3 else x * (x + 3) / 6),
        lambda x: _not_at(
            x, (-3, 3), lambda: mpf(0) if x < -3 else (mpf(1) if x > 3 else (2 * x + 3) / 6)
        ),
    ),
    "hard_tanh": (
        lambda x: min(max(x, mpf(-1)), mpf(1)),
        lambda x: _not_at(x, (-1, 1), lambda: mpf(1) if -1 < x < 1 else mpf(0)),
    ),
    "log_sigmoid": (lambda x: -mp.log1p(mp.exp(-x)), lambda x: _sig(-x)),
    "squareplus": (_squareplus, _d_squareplus),
    "tanhshrink": (_tanhshrink, lambda x: mp.tanh(x) ** 2),
    "softshrink": (
        lambda x, lambd: x - lambd if x > lambd else (x + lambd if x < -lambd else mpf(0)),
        _shrink_grad,
    ),
    "hardshrink": (lambda x, lambd: x if abs(x) > lambd else mpf(0), _shrink_grad),
}

# Size of the terms that cancel near a root of f' (see the module docstring).
TERM_SCALE: dict[str, Callable[..., Any]] = {
    "gelu": lambda x: abs(_cdf(x)) + abs(x * _phi(x)),
    "gelu_tanh": lambda x: sum(abs(t) for t in _gelu_tanh_terms(x)),
    "silu": lambda x, beta: abs(_sig(beta * x)) * (1 + abs(beta * x * _sig(-beta * x))),
    "mish": lambda x: sum(abs(t) for t in _mish_terms(x)),
}

PARAM_CASES: list[tuple[str, dict[str, float]]] = [
    *(
        (name, {})
        for name in NAMES
        if not activations.get(name).params  # the parameter-free ones
    ),
    *(("sigmoid", {"a": a}) for a in (1.0, 0.1, 2.5, 100.0)),
    *(("leaky_relu", {"alpha": a}) for a in (0.01, 0.0, 0.2, 1.0)),
    *(("elu", {"alpha": a}) for a in (1.0, 0.01, 0.5, 3.7, 10.0)),
    *(("celu", {"alpha": a}) for a in (1.0, 0.01, 0.5, 3.7, 10.0)),
    *(("softplus", {"beta": b}) for b in (1.0, 0.01, 0.5, 7.0, 100.0)),
    *(("silu", {"beta": b}) for b in (1.0, 0.1, 2.5, 10.0)),
    *(("squareplus", {"b": b}) for b in (4.0, 0.0, 0.01, 1.0, 100.0)),
    *(("softshrink", {"lambd": v}) for v in (0.5, 0.0, 1.3, 10.0)),
    *(("hardshrink", {"lambd": v}) for v in (0.5, 0.0, 1.3, 10.0)),
]


def _case_id(name: str, params: dict[str, float]) -> str:
    return f"{name}-{'-'.join(f'{k}={v:g}' for k, v in params.items()) or 'default'}"


CASE_IDS = [_case_id(n, p) for n, p in PARAM_CASES]


def test_every_activation_and_every_parameter_is_covered() -> None:
    assert set(REF) == set(NAMES)
    for act in activations.all_activations():
        cases = [p for n, p in PARAM_CASES if n == act.name]
        assert cases, act.name
        for param in act.params:
            values = {p[param.name] for p in cases}
            assert {param.default, param.low, param.high} <= values, (act.name, param.name)


def _fns(name: str) -> tuple[Callable[..., np.ndarray], Callable[..., np.ndarray]]:
    return getattr(F, name), getattr(F, f"d_{name}")


def _check_against(
    got: np.ndarray,
    refs: list[Any],
    xs: np.ndarray,
    scales: list[Any] | None = None,
    rtol: float = RTOL,
    tiny: float = TINY,
    atol: float = SUBNORMAL_ATOL,
) -> None:
    bad = []
    for i, ref in enumerate(refs):
        if ref is None:
            continue
        exact = float(ref)
        err = abs(mpf(float(got[i])) - ref)
        size = abs(exact) if scales is None else max(abs(exact), float(scales[i]))
        tol = rtol * size if abs(exact) >= tiny else atol
        if not err <= tol:
            bad.append((float(xs[i]), float(got[i]), exact, float(err)))
    assert not bad, f"{len(bad)} points off, worst few (x, got, want, err): {bad[:5]}"


def _refs(name: str, params: dict[str, float], xs: np.ndarray, which: int) -> list[Any]:
    ref = REF[name][which]
    mparams = {k: mpf(v) for k, v in params.items()}
    return [ref(mpf(float(x)), **mparams) for x in xs]


def _scales(name: str, params: dict[str, float], xs: np.ndarray) -> list[Any] | None:
    if name not in TERM_SCALE:
        return None
    mparams = {k: mpf(v) for k, v in params.items()}
    return [TERM_SCALE[name](mpf(float(x)), **mparams) for x in xs]


# --- against mpmath -------------------------------------------------------------


@pytest.mark.parametrize(("name", "params"), PARAM_CASES, ids=CASE_IDS)
def test_value_matches_mpmath(name: str, params: dict[str, float]) -> None:
    fn, _ = _fns(name)
    _check_against(fn(GRID, **params), _refs(name, params, GRID, 0), GRID)


@pytest.mark.parametrize(("name", "params"), PARAM_CASES, ids=CASE_IDS)
def test_derivative_matches_mpmath(name: str, params: dict[str, float]) -> None:
    _, grad = _fns(name)
    refs = _refs(name, params, GRID, 1)
    _check_against(grad(GRID, **params), refs, GRID, _scales(name, params, GRID))


GRID_32 = GRID.astype(np.float32)[::2]


@pytest.mark.parametrize(("name", "params"), PARAM_CASES, ids=CASE_IDS)
def test_float32_matches_mpmath_to_single_precision(name: str, params: dict[str, float]) -> None:
    for which, fn in enumerate(_fns(name)):
        got = fn(GRID_32, **params)
        assert got.dtype == np.float32
        refs = _refs(name, params, GRID_32, which)
        scales = _scales(name, params, GRID_32) if which == 1 else None
        _check_against(
            got, refs, GRID_32, scales, rtol=RTOL_32, tiny=TINY_32, atol=SUBNORMAL_ATOL_32
        )


def test_grid_covers_the_required_regimes() -> None:
    a = np.abs(GRID)
    assert GRID.size >= 200
    assert np.any((a > 0) & (a <= 1e-7)) and np.any((a >= 0.1) & (a <= 10))
    assert np.any((a > 10) & (a <= 100)) and 1e3 in GRID and -1e3 in GRID


@pytest.mark.parametrize(
    ("name", "root", "params"),
    [
        ("gelu", -0.7517915241, {}),
        ("gelu_tanh", -0.7524614221, {}),
        ("silu", -1.2784645428, {"beta": 1.0}),
        ("silu", -1.2784645428 / 2.5, {"beta": 2.5}),
        ("mish", -1.1924312145, {}),
    ],
)
def test_derivative_near_its_root(name: str, root: float, params: dict[str, float]) -> None:
    # Cancellation makes the relative error grow as f' -> 0, but the absolute
    # error stays at rounding level of the terms (about 1e-16 here).
    _, grad = _fns(name)
    xs = root + np.linspace(-1e-3, 1e-3, 201)
    got = grad(xs, **params)
    refs = _refs(name, params, xs, 1)
    assert min(abs(r) for r in refs) < 1e-4  # the root is inside the window
    err = max(abs(mpf(float(g)) - r) for g, r in zip(got, refs, strict=True))
    assert err <= 1e-15


def test_tanhshrink_is_accurate_on_both_sides_of_the_series_switch() -> None:
    # Below |x| = 0.3 a Taylor series is used, above it x - tanh x.
    xs = np.concatenate([np.linspace(0.25, 0.35, 201), np.logspace(-8, -0.5, 60)])
    xs = np.concatenate([xs, -xs, [0.29999999999999993, 0.3, 0.30000000000000004]])
    _check_against(F.tanhshrink(xs), [_tanhshrink(mpf(float(x))) for x in xs], xs)


# --- derivatives against finite differences -------------------------------------

# Points where f' exists but f'' jumps: a central difference straddling one is
# off by about h |Δf''| / 8, so they are kept clear of like the kinks.
C1_ONLY = {"celu": (0.0,), "softsign": (0.0,)}


@pytest.mark.parametrize(("name", "params"), PARAM_CASES, ids=CASE_IDS)
def test_derivative_matches_central_difference(name: str, params: dict[str, float]) -> None:
    fn, grad = _fns(name)
    xs = np.linspace(-6.0, 6.0, 241) + 0.0123  # off the round kink positions
    rough = activations.get(name).singular_points(**params) + C1_ONLY.get(name, ())
    for point in rough:
        xs = xs[np.abs(xs - point) > 1e-3]
    h = 1e-6
    numeric = (fn(xs + h, **params) - fn(xs - h, **params)) / (2 * h)
    np.testing.assert_allclose(grad(xs, **params), numeric, rtol=1e-7, atol=1e-9)


# --- known values ----------------------------------------------------------------


def test_known_values() -> None:
    assert F.d_sigmoid(0.0) == 0.25
    assert F.sigmoid(0.0) == 0.5
    assert F.softplus(0.0) == pytest.approx(np.log(2.0), rel=1e-15)
    assert F.softplus(0.0, beta=4.0) == pytest.approx(np.log(2.0) / 4.0, rel=1e-15)
    assert F.d_softplus(0.0, beta=4.0) == 0.5
    assert F.relu(0.0) == 0.0
    assert F.d_relu(0.0) == 0.0
    assert F.step(0.0) == 0.0
    assert F.step(1e-300) == 1.0
    assert F.d_step(0.0) == 0.0
    assert F.d_tanh(0.0) == 1.0
    assert F.gelu(0.0) == 0.0
    assert F.d_gelu(0.0) == 0.5
    assert F.gelu_tanh(0.0) == 0.0
    assert F.d_gelu_tanh(0.0) == 0.5
    assert F.d_silu(0.0) == 0.5
    assert F.d_sigmoid(40.0) == pytest.approx(4.248354255291589e-18, rel=1e-12)
    assert F.d_sigmoid(-40.0) == pytest.approx(4.248354255291589e-18, rel=1e-12)
    assert F.relu6(7.0) == 6.0
    assert F.relu6(-1.0) == 0.0
    assert F.relu6(2.5) == 2.5
    assert F.hard_sigmoid(0.0) == 0.5
    assert F.hard_sigmoid(3.0) == 1.0
    assert F.hard_sigmoid(-3.0) == 0.0
    assert F.hard_sigmoid_keras2(2.5) == 1.0
    assert F.hard_sigmoid_keras2(-2.5) == 0.0
    assert F.hard_sigmoid_keras2(0.0) == 0.5
    assert F.hard_swish(3.0) == 3.0
    assert F.hard_swish(-3.0) == 0.0
    assert F.hard_swish(1.0) == pytest.approx(2.0 / 3.0, rel=1e-15)
    assert F.hard_tanh(5.0) == 1.0
    assert F.hard_tanh(-5.0) == -1.0
    assert F.squareplus(0.0, b=4.0) == 1.0
    assert F.squareplus(0.0) == 1.0
    assert F.squareplus(0.0, b=0.0) == 0.0
    assert F.squareplus(-3.0, b=0.0) == 0.0
    assert F.softsign(1.0) == 0.5
    assert F.softsign(-3.0) == -0.75
    assert F.d_softsign(1.0) == 0.25
    assert F.log_sigmoid(0.0) == pytest.approx(-math.log(2.0), rel=1e-15)
    assert F.d_log_sigmoid(0.0) == 0.5
    assert F.tanhshrink(0.0) == 0.0
    assert F.tanhshrink(1e-5) == pytest.approx(1e-15 / 3.0, rel=1e-12)
    assert F.softshrink(0.7) == pytest.approx(0.2, rel=1e-15)
    assert F.softshrink(-0.7) == pytest.approx(-0.2, rel=1e-15)
    assert F.softshrink(0.3) == 0.0
    assert F.hardshrink(0.7) == 0.7
    assert F.hardshrink(0.3) == 0.0
    assert F.celu(-1e6, alpha=0.5) == -0.5


def test_selu_constants_are_the_papers() -> None:
    assert F.selu(1.0) == float(SELU_SCALE) == 1.0507009873554805
    assert F.d_selu(5.0) == float(SELU_SCALE)
    assert F.d_selu(0.0) == pytest.approx(float(SELU_SCALE * SELU_ALPHA), rel=1e-15)
    assert F.d_selu(0.0) == pytest.approx(1.7580993408473766, rel=1e-15)
    assert F.selu(-1000.0) == pytest.approx(-float(SELU_SCALE * SELU_ALPHA), rel=1e-15)
    assert F.selu(0.0) == 0.0
    # The fixed point the constants are chosen for: for x ~ N(0, 1),
    # E[selu(x)] = 0 and E[selu(x)^2] = 1.
    mean = mp.quad(lambda x: REF["selu"][0](x) * mp.npdf(x), [-mp.inf, 0, mp.inf])
    second = mp.quad(lambda x: REF["selu"][0](x) ** 2 * mp.npdf(x), [-mp.inf, 0, mp.inf])
    assert abs(mean) < 1e-15 and abs(second - 1) < 1e-15


def _minimum(fn: Callable[..., np.ndarray], lo: float, hi: float) -> tuple[float, float]:
    xs = np.linspace(lo, hi, 200_001)
    ys = fn(xs)
    i = int(np.argmin(ys))
    return float(xs[i]), float(ys[i])


def test_mish_minimum() -> None:
    # mpmath: the root of mish' is x = -1.19243121..., where mish = -0.30884341...
    x, y = _minimum(F.mish, -3.0, 0.0)
    assert x == pytest.approx(-1.19243, abs=1e-5)
    assert y == pytest.approx(-0.30884, abs=1e-5)
    assert abs(F.d_mish(-1.1924312145)) < 1e-10


def test_silu_minimum() -> None:
    x, y = _minimum(F.silu, -3.0, 0.0)
    assert x == pytest.approx(-1.27846, abs=1e-5)
    assert y == pytest.approx(-0.27846, abs=1e-5)
    # With beta the curve is silu(beta x) / beta: the minimum moves to x*/beta.
    x2, y2 = _minimum(lambda v: F.silu(v, beta=2.0), -3.0, 0.0)
    assert (x2, y2) == pytest.approx((x / 2.0, y / 2.0), abs=2e-5)


def test_sigmoid_gain_tends_to_the_step() -> None:
    xs = np.array([-2.0, -0.5, 0.5, 2.0])
    # sigma(50) rounds to 1; sigma(-50) = 1.9e-22 stays a (tiny) number.
    np.testing.assert_allclose(F.sigmoid(xs, a=100.0), F.step(xs), rtol=0, atol=2e-22)
    assert F.sigmoid(0.0, a=100.0) == 0.5
    for a in (0.1, 1.0, 2.5, 100.0):
        assert F.d_sigmoid(0.0, a=a) == a / 4.0
        assert F.sigmoid(1.0, a=a) == F.sigmoid(a)


def test_silu_beta_tends_to_relu_and_softplus_to_relu() -> None:
    xs = np.linspace(-5.0, 5.0, 101)
    np.testing.assert_allclose(F.silu(xs, beta=10.0), F.relu(xs), atol=0.03)
    np.testing.assert_allclose(F.squareplus(xs, b=0.0), F.relu(xs), rtol=0, atol=0)


def test_gelu_tanh_stays_close_to_gelu() -> None:
    xs = np.linspace(-10.0, 10.0, 200_001)
    assert 4.6e-4 < np.max(np.abs(F.gelu_tanh(xs) - F.gelu(xs))) < 4.8e-4


# Derivative conventions at every kink and jump (PyTorch's unless stated), and
# whether the point is singular for those parameters.
KINK_VALUES: list[tuple[str, float, dict[str, float], float, bool]] = [
    ("step", 0.0, {}, 0.0, True),
    ("relu", 0.0, {}, 0.0, True),
    ("leaky_relu", 0.0, {}, 0.01, True),
    ("elu", 0.0, {"alpha": 2.0}, 2.0, True),
    ("relu6", 0.0, {}, 0.0, True),
    ("relu6", 6.0, {}, 0.0, True),
    ("selu", 0.0, {}, float(SELU_SCALE * SELU_ALPHA), True),
    ("hard_sigmoid", -3.0, {}, 0.0, True),
    ("hard_sigmoid", 3.0, {}, 0.0, True),
    ("hard_sigmoid_keras2", -2.5, {}, 0.0, True),
    ("hard_sigmoid_keras2", 2.5, {}, 0.0, True),
    ("hard_swish", -3.0, {}, -0.5, True),
    ("hard_swish", 3.0, {}, 1.5, True),
    ("hard_tanh", -1.0, {}, 0.0, True),
    ("hard_tanh", 1.0, {}, 0.0, True),
    ("softshrink", -0.5, {}, 0.0, True),
    ("softshrink", 0.5, {}, 0.0, True),
    ("softshrink", -2.0, {"lambd": 2.0}, 0.0, True),
    ("softshrink", 0.0, {"lambd": 0.0}, 1.0, False),  # the identity
    ("hardshrink", -0.5, {}, 0.0, True),
    ("hardshrink", 0.5, {}, 0.0, True),
    ("hardshrink", 0.0, {"lambd": 0.0}, 1.0, False),  # the identity
    ("squareplus", 0.0, {"b": 0.0}, 0.5, True),
    ("squareplus", 0.0, {}, 0.5, False),
    ("celu", 0.0, {"alpha": 0.3}, 1.0, False),
    ("elu", 0.0, {}, 1.0, False),
    ("leaky_relu", 0.0, {"alpha": 1.0}, 1.0, False),
]


@pytest.mark.parametrize(("name", "x", "params", "want", "singular"), KINK_VALUES)
def test_derivative_convention_at_each_kink(
    name: str, x: float, params: dict[str, float], want: float, singular: bool
) -> None:
    _, grad = _fns(name)
    assert float(grad(x, **params)) == pytest.approx(want, rel=1e-15)
    points = activations.get(name).singular_points(**params)
    assert (x in points) is singular, points


def test_every_kink_has_a_stated_convention() -> None:
    listed = {(name, x, tuple(sorted(p.items()))) for name, x, p, _, _ in KINK_VALUES}
    for act in activations.all_activations():
        for point in act.singular_points():
            assert (act.name, point, ()) in listed, (act.name, point)


def test_hard_swish_boundaries_are_pytorchs() -> None:
    below, above = np.nextafter(-3.0, -4.0), np.nextafter(3.0, 4.0)
    assert F.d_hard_swish(below) == 0.0 and F.d_hard_swish(above) == 1.0
    assert F.d_hard_swish(-1.5) == 0.0
    assert F.hard_swish(below) == 0.0 and F.hard_swish(above) == above


def test_hardshrink_jumps_and_is_zero_at_the_threshold() -> None:
    assert F.hardshrink(0.5) == 0.0 and F.hardshrink(-0.5) == 0.0
    just = np.nextafter(0.5, 1.0)
    assert F.hardshrink(just) == just and F.d_hardshrink(just) == 1.0
    assert F.hardshrink(0.0, lambd=0.0) == 0.0


@pytest.mark.parametrize("alpha", [0.01, 0.5, 1.0, 10.0])
def test_celu_is_continuously_differentiable_for_any_alpha(alpha: float) -> None:
    assert F.d_celu(0.0, alpha=alpha) == 1.0
    left = np.nextafter(0.0, -1.0) * 1e300  # a small negative number
    assert F.d_celu(left, alpha=alpha) == pytest.approx(1.0, abs=1e-6)
    assert activations.get("celu").singular_points(alpha=alpha) == ()


@pytest.mark.parametrize("alpha", [0.0, 0.01, 0.3, 1.0])
def test_leaky_relu_derivative_at_zero_is_alpha(alpha: float) -> None:
    assert F.d_leaky_relu(0.0, alpha=alpha) == alpha
    assert F.d_leaky_relu(-0.0, alpha=alpha) == alpha


@pytest.mark.parametrize("alpha", [0.01, 1.0, 2.5, 10.0])
def test_elu_derivative_at_zero_is_alpha(alpha: float) -> None:
    assert F.d_elu(0.0, alpha=alpha) == alpha
    assert F.elu(0.0, alpha=alpha) == 0.0


def test_default_parameters() -> None:
    x = np.array([-2.0, 3.0])
    np.testing.assert_array_equal(F.leaky_relu(x), [-0.02, 3.0])
    for act in activations.all_activations():
        np.testing.assert_array_equal(act.fn(x), act.fn(x, **act.defaults()))
        np.testing.assert_array_equal(act.grad(x), act.grad(x, **act.defaults()))


@pytest.mark.parametrize(
    ("fn", "param"),
    [
        (F.softplus, "beta"),
        (F.d_softplus, "beta"),
        (F.silu, "beta"),
        (F.d_silu, "beta"),
        (F.sigmoid, "a"),
        (F.d_sigmoid, "a"),
        (F.celu, "alpha"),
        (F.d_celu, "alpha"),
    ],
)
@pytest.mark.parametrize("value", [0.0, -1.0, float("nan"), float("inf")])
def test_a_non_positive_parameter_is_rejected(
    fn: Callable[..., np.ndarray], param: str, value: float
) -> None:
    with pytest.raises(ValueError, match=param):
        fn(1.0, **{param: value})


@pytest.mark.parametrize(
    ("fn", "param"),
    [
        (F.squareplus, "b"),
        (F.d_squareplus, "b"),
        (F.softshrink, "lambd"),
        (F.d_softshrink, "lambd"),
        (F.hardshrink, "lambd"),
        (F.d_hardshrink, "lambd"),
    ],
)
@pytest.mark.parametrize("value", [-1e-300, -1.0, float("nan"), float("inf")])
def test_a_negative_parameter_is_rejected(
    fn: Callable[..., np.ndarray], param: str, value: float
) -> None:
    with pytest.raises(ValueError, match=param):
        fn(1.0, **{param: value})


# --- no overflow, no warning ------------------------------------------------------


def _param_extremes() -> list[tuple[str, dict[str, float]]]:
    cases: list[tuple[str, dict[str, float]]] = []
    for act in activations.all_activations():
        cases.append((act.name, act.defaults()))
        for p in act.params:
            cases += [(act.name, {p.name: p.low}), (act.name, {p.name: p.high})]
    return cases


EXTREME_CASES = _param_extremes()
EXTREME_IDS = [f"{n}-{p}" for n, p in EXTREME_CASES]
SPECIALS_64 = np.array([1e308, -1e308, 5e-324, -5e-324, 0.0, -0.0, 1e-320, -1e-320, 1e3, -1e3])
SPECIALS_32 = np.array(
    [3.4e38, -3.4e38, 1e-45, -1e-45, 0.0, -0.0, 1e-40, -1e-40, 1e3, -1e3], dtype=np.float32
)
WIDE = np.linspace(-1e3, 1e3, 20001)


def _largest_safe_input(name: str, dtype: Any) -> float:
    """Largest |x| whose true f(x) is a finite float of ``dtype``.

    Unbounded only for selu, whose slope λ > 1 takes f(x) past the largest
    float for |x| > max/λ (see functions' module docstring).
    """
    big = float(np.finfo(dtype).max)
    if name == "selu":
        return float(np.nextafter(dtype(big / float(SELU_SCALE)), dtype(0)))
    return big


@pytest.mark.parametrize(("name", "params"), EXTREME_CASES, ids=EXTREME_IDS)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_no_warning_and_finite_for_any_finite_input(
    name: str, params: dict[str, float], dtype: type[np.floating[Any]]
) -> None:
    specials = SPECIALS_64 if dtype is np.float64 else SPECIALS_32
    limit = _largest_safe_input(name, dtype)
    inputs = [WIDE.astype(dtype), np.clip(specials, -limit, limit).astype(dtype)]
    for fn in _fns(name):
        for x in inputs:
            with warnings.catch_warnings(), np.errstate(all="raise"):
                warnings.simplefilter("error")
                y = fn(x, **params)
            assert y.dtype == dtype
            assert np.all(np.isfinite(y)), (fn.__name__, x[~np.isfinite(y)])


def test_the_wide_inputs_reach_the_extremes() -> None:
    assert SPECIALS_64[0] == 1e308
    assert SPECIALS_64[2] == 5e-324 and SPECIALS_64[2] > 0
    assert SPECIALS_32[2] > 0 and np.isfinite(SPECIALS_32[0])


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_selu_overflows_only_where_its_true_value_does(dtype: Any) -> None:
    limit = _largest_safe_input("selu", dtype)
    with np.errstate(all="raise"):
        assert np.isfinite(F.selu(np.array([limit, -limit], dtype=dtype))).all()
        with pytest.raises(FloatingPointError):
            F.selu(np.array([np.finfo(dtype).max], dtype=dtype))
    with np.errstate(over="ignore"):
        assert F.selu(np.array([np.finfo(dtype).max], dtype=dtype))[0] == np.inf


# --- dtypes and shapes --------------------------------------------------------------


ALL_FNS = [getattr(F, n) for name in NAMES for n in (name, f"d_{name}")]
FN_IDS = [fn.__name__ for fn in ALL_FNS]


@pytest.mark.parametrize("fn", ALL_FNS, ids=FN_IDS)
def test_float_dtypes_are_kept(fn: Callable[..., np.ndarray]) -> None:
    for dtype in (np.float16, np.float32, np.float64):
        assert fn(np.array([-1.0, 0.5, 2.0], dtype=dtype)).dtype == dtype


@pytest.mark.parametrize("fn", ALL_FNS, ids=FN_IDS)
def test_ints_bools_and_lists_become_float64(fn: Callable[..., np.ndarray]) -> None:
    for x in ([-2, 0, 3], np.array([1, 2], dtype=np.int8), np.array([True, False]), [0.5, 1]):
        y = fn(x)
        assert y.dtype == np.float64
        np.testing.assert_array_equal(y, fn(np.asarray(x, dtype=np.float64)))


@pytest.mark.parametrize(("name", "params"), PARAM_CASES, ids=CASE_IDS)
def test_float32_is_the_float64_result_rounded(name: str, params: dict[str, float]) -> None:
    x32 = np.linspace(-50, 50, 1001, dtype=np.float32)
    for fn in _fns(name):
        expected = fn(x32.astype(np.float64), **params).astype(np.float32)
        np.testing.assert_array_equal(fn(x32, **params), expected)


@pytest.mark.parametrize("fn", ALL_FNS, ids=FN_IDS)
def test_scalar_input_gives_a_0d_array(fn: Callable[..., np.ndarray]) -> None:
    for x in (0.5, 2, np.float32(1.5)):
        y = fn(x)
        assert isinstance(y, np.ndarray) and y.shape == ()
        assert float(y) == float(fn(np.array([x]))[0])


@pytest.mark.parametrize("fn", ALL_FNS, ids=FN_IDS)
def test_shape_is_kept_and_input_is_not_modified(fn: Callable[..., np.ndarray]) -> None:
    x = np.linspace(-3, 3, 12).reshape(3, 4)
    before = x.copy()
    y = fn(x)
    assert y.shape == (3, 4)
    np.testing.assert_array_equal(x, before)
    assert not np.shares_memory(x, y)


def test_complex_and_non_numeric_input_is_rejected() -> None:
    with pytest.raises(TypeError, match="real numbers"):
        F.sigmoid(np.array([1 + 2j]))
    with pytest.raises(TypeError, match="real numbers"):
        F.relu(np.array(["a"]))


def test_functions_keep_their_names_and_docstrings() -> None:
    for fn in ALL_FNS:
        assert fn.__doc__ and ".. math::" in fn.__doc__, fn.__name__
    assert set(F.__all__) >= {n for name in NAMES for n in (name, f"d_{name}")}


# --- any allowed parameter, any finite x --------------------------------------------


def _finite_everywhere(name: str, params: dict[str, float], x: float, dtype: Any) -> None:
    limit = _largest_safe_input(name, dtype)
    arr = np.array([min(max(x, -limit), limit)], dtype=dtype)
    for fn in _fns(name):
        with warnings.catch_warnings(), np.errstate(all="raise"):
            warnings.simplefilter("error")
            y = fn(arr, **params)
        assert np.all(np.isfinite(y)), (fn.__name__, x, params, y)


@pytest.mark.parametrize("act", activations.all_activations(), ids=lambda a: a.name)
@settings(max_examples=250, deadline=None)
@given(data=st.data())
def test_any_allowed_parameter_and_finite_x_gives_finite_output(
    act: activations.Activation, data: st.DataObject
) -> None:
    params = {
        p.name: data.draw(st.floats(p.low, p.high, allow_nan=False), label=p.name)
        for p in act.params
    }
    single = data.draw(st.booleans(), label="float32")
    finite = st.floats(allow_nan=False, allow_infinity=False, width=32 if single else 64)
    x = data.draw(finite, label="x")
    _finite_everywhere(act.name, params, x, np.float32 if single else np.float64)


# --- the study-note snippets -----------------------------------------------------------

# One non-default parameter set per activation that has parameters.
SNIPPET_PARAMS: dict[str, dict[str, float]] = {
    "sigmoid": {"a": 2.5},
    "leaky_relu": {"alpha": 0.3},
    "elu": {"alpha": 2.0},
    "celu": {"alpha": 0.5},
    "softplus": {"beta": 3.0},
    "silu": {"beta": 2.0},
    "squareplus": {"b": 1.0},
    "softshrink": {"lambd": 1.3},
    "hardshrink": {"lambd": 1.3},
}
SNIPPET_CASES = [
    (act.name, params)
    for act in activations.all_activations()
    for params in ({}, *([SNIPPET_PARAMS[act.name]] if act.params else []))
]
SNIPPET_IDS = [_case_id(n, p) for n, p in SNIPPET_CASES]


def _snippet_fns(name: str) -> tuple[Callable[..., Any], Callable[..., Any]]:
    # The snippets are this project's own code (registry.py), not user input.
    namespace: dict[str, Any] = {"np": np}
    exec(activations.get(name).snippet, namespace)
    return namespace[name], namespace[f"d_{name}"]


def test_every_activation_with_parameters_has_a_snippet_case() -> None:
    assert {a.name for a in activations.all_activations() if a.params} == set(SNIPPET_PARAMS)


@pytest.mark.parametrize("act", activations.all_activations(), ids=lambda a: a.name)
def test_snippet_is_short_and_defines_both_functions_with_the_defaults(
    act: activations.Activation,
) -> None:
    lines = [line for line in act.snippet.splitlines() if line.strip()]
    assert 4 <= len(lines) <= 10, len(lines)
    tree = ast.parse(act.snippet)
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    assert all(isinstance(n, ast.Import) and n.names[0].name == "math" for n in imports)
    defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    assert set(defs) == {act.name, f"d_{act.name}"}
    for fn in defs.values():
        args = [a.arg for a in fn.args.args]
        assert args == ["x", *(p.name for p in act.params)]
        defaults = [ast.literal_eval(d) for d in fn.args.defaults]
        assert defaults == [p.default for p in act.params]


@pytest.mark.parametrize(("name", "params"), SNIPPET_CASES, ids=SNIPPET_IDS)
def test_snippet_matches_the_library(name: str, params: dict[str, float]) -> None:
    f, df = _snippet_fns(name)
    act = activations.get(name)
    xs = np.linspace(-10.0, 10.0, 2001)
    np.testing.assert_allclose(f(xs, **params), act(xs, **params), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(
        df(xs, **params), act.derivative(xs, **params), rtol=1e-9, atol=1e-12
    )


@pytest.mark.parametrize(("name", "params"), SNIPPET_CASES, ids=SNIPPET_IDS)
def test_snippet_runs_without_warnings_on_a_wide_range(name: str, params: dict[str, float]) -> None:
    xs = np.linspace(-1e3, 1e3, 2001)
    for fn in _snippet_fns(name):
        # Underflow to 0 (exp(-1e6)) is the right answer, not a problem.
        with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
            warnings.simplefilter("error")
            y = fn(xs, **params)
        assert np.all(np.isfinite(y))
