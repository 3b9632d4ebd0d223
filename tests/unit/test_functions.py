"""Values and derivatives of every activation against 50-digit mpmath references.

Tolerances: 1e-12 relative wherever the true value is a normal float64; an
absolute 1e-300 where the true value is below the normal range (there the
correctly rounded answer is a subnormal or 0). Two derivatives are a sum of
terms that cancel near a root of f' (gelu' at x = -0.7518, silu' at
x = -1.2785); for those the 1e-12 is relative to the size of the terms rather
than of the result, and ``test_derivative_near_its_root`` pins down what that
means in absolute terms.
"""

from __future__ import annotations

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
TINY = np.finfo(np.float64).tiny  # smallest normal float64
SUBNORMAL_ATOL = 1e-300

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


REF: dict[str, tuple[Callable[..., Any], Callable[..., Any]]] = {
    "step": (lambda x: mpf(1) if x > 0 else mpf(0), lambda x: _kink(x, mpf(0), mpf(0))),
    "identity": (lambda x: x, lambda x: mpf(1)),
    "sigmoid": (_sig, _d_sig),
    "tanh": (mp.tanh, lambda x: mp.sech(x) ** 2),
    "relu": (lambda x: max(x, mpf(0)), lambda x: _kink(x, mpf(1), mpf(0))),
    "leaky_relu": (
        lambda x, alpha: x if x > 0 else alpha * x,
        lambda x, alpha: _kink(x, mpf(1), alpha),
    ),
    "elu": (
        lambda x, alpha: x if x > 0 else alpha * mp.expm1(x),
        lambda x, alpha: _kink(x, mpf(1), alpha * mp.exp(x)),
    ),
    "softplus": (
        lambda x, beta: mp.log1p(mp.exp(beta * x)) / beta,
        lambda x, beta: _sig(beta * x),
    ),
    "gelu": (lambda x: x * _cdf(x), lambda x: _cdf(x) + x * _phi(x)),
    "silu": (lambda x: x * _sig(x), lambda x: _sig(x) * (1 + x * _sig(-x))),
}

# Size of the terms that cancel near a root of f' (see the module docstring).
TERM_SCALE: dict[str, Callable[[Any], Any]] = {
    "gelu": lambda x: abs(_cdf(x)) + abs(x * _phi(x)),
    "silu": lambda x: abs(_sig(x)) * (1 + abs(x * _sig(-x))),
}

PARAM_CASES: list[tuple[str, dict[str, float]]] = [
    *((name, {}) for name in ("step", "identity", "sigmoid", "tanh", "relu", "gelu", "silu")),
    *(("leaky_relu", {"alpha": a}) for a in (0.01, 0.0, 0.2, 1.0)),
    *(("elu", {"alpha": a}) for a in (1.0, 0.01, 0.5, 3.7, 10.0)),
    *(("softplus", {"beta": b}) for b in (1.0, 0.01, 0.5, 7.0, 100.0)),
]
CASE_IDS = [
    f"{n}-{'-'.join(f'{k}={v:g}' for k, v in p.items()) or 'default'}" for n, p in PARAM_CASES
]


def _fns(name: str) -> tuple[Callable[..., np.ndarray], Callable[..., np.ndarray]]:
    return getattr(F, name), getattr(F, f"d_{name}")


def _check_against(
    got: np.ndarray, refs: list[Any], xs: np.ndarray, scales: list[Any] | None = None
) -> None:
    bad = []
    for i, ref in enumerate(refs):
        if ref is None:
            continue
        exact = float(ref)
        err = abs(mpf(float(got[i])) - ref)
        size = abs(exact) if scales is None else max(abs(exact), float(scales[i]))
        tol = RTOL * size if abs(exact) >= TINY else SUBNORMAL_ATOL
        if not err <= tol:
            bad.append((float(xs[i]), float(got[i]), exact, float(err)))
    assert not bad, f"{len(bad)} points off, worst few (x, got, want, err): {bad[:5]}"


# --- against mpmath -------------------------------------------------------------


@pytest.mark.parametrize(("name", "params"), PARAM_CASES, ids=CASE_IDS)
def test_value_matches_mpmath(name: str, params: dict[str, float]) -> None:
    fn, _ = _fns(name)
    ref, _ = REF[name]
    mparams = {k: mpf(v) for k, v in params.items()}
    refs = [ref(mpf(float(x)), **mparams) for x in GRID]
    _check_against(fn(GRID, **params), refs, GRID)


@pytest.mark.parametrize(("name", "params"), PARAM_CASES, ids=CASE_IDS)
def test_derivative_matches_mpmath(name: str, params: dict[str, float]) -> None:
    _, grad = _fns(name)
    _, dref = REF[name]
    mparams = {k: mpf(v) for k, v in params.items()}
    xs = [mpf(float(x)) for x in GRID]
    refs = [dref(x, **mparams) for x in xs]
    scales = [TERM_SCALE[name](x) for x in xs] if name in TERM_SCALE else None
    _check_against(grad(GRID, **params), refs, GRID, scales)


def test_grid_covers_the_required_regimes() -> None:
    a = np.abs(GRID)
    assert GRID.size >= 200
    assert np.any((a > 0) & (a <= 1e-7)) and np.any((a >= 0.1) & (a <= 10))
    assert np.any((a > 10) & (a <= 100)) and 1e3 in GRID and -1e3 in GRID


@pytest.mark.parametrize(("name", "root"), [("gelu", -0.7517915241), ("silu", -1.2784645428)])
def test_derivative_near_its_root(name: str, root: float) -> None:
    # Cancellation makes the relative error grow as f' -> 0, but the absolute
    # error stays at rounding level of the terms (about 1e-16 here).
    _, grad = _fns(name)
    _, dref = REF[name]
    xs = root + np.linspace(-1e-3, 1e-3, 201)
    got = grad(xs)
    err = max(abs(mpf(float(g)) - dref(mpf(float(x)))) for x, g in zip(xs, got, strict=True))
    assert err <= 1e-15


# --- derivatives against finite differences -------------------------------------


@pytest.mark.parametrize(("name", "params"), PARAM_CASES, ids=CASE_IDS)
def test_derivative_matches_central_difference(name: str, params: dict[str, float]) -> None:
    fn, grad = _fns(name)
    xs = np.linspace(-6.0, 6.0, 241)
    xs = xs[np.abs(xs) > 1e-3]  # away from the kinks and the jump at 0
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
    assert F.d_silu(0.0) == 0.5
    assert F.d_sigmoid(40.0) == pytest.approx(4.248354255291589e-18, rel=1e-12)
    assert F.d_sigmoid(-40.0) == pytest.approx(4.248354255291589e-18, rel=1e-12)


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
    np.testing.assert_array_equal(F.elu(x), F.elu(x, alpha=1.0))
    np.testing.assert_array_equal(F.softplus(x), F.softplus(x, beta=1.0))


@pytest.mark.parametrize("beta", [0.0, -1.0, float("nan"), float("inf")])
def test_softplus_rejects_a_non_positive_beta(beta: float) -> None:
    with pytest.raises(ValueError, match="beta"):
        F.softplus(1.0, beta=beta)
    with pytest.raises(ValueError, match="beta"):
        F.d_softplus(1.0, beta=beta)


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


@pytest.mark.parametrize(("name", "params"), EXTREME_CASES, ids=EXTREME_IDS)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_no_warning_and_finite_for_any_finite_input(
    name: str, params: dict[str, float], dtype: type[np.floating[Any]]
) -> None:
    inputs = [WIDE.astype(dtype), SPECIALS_64 if dtype is np.float64 else SPECIALS_32]
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


@pytest.mark.parametrize("fn", ALL_FNS, ids=FN_IDS)
def test_float32_is_the_float64_result_rounded(fn: Callable[..., np.ndarray]) -> None:
    x32 = np.linspace(-50, 50, 1001, dtype=np.float32)
    np.testing.assert_array_equal(fn(x32), fn(x32.astype(np.float64)).astype(np.float32))


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


# --- any allowed parameter, any finite x --------------------------------------------


def _finite_everywhere(name: str, params: dict[str, float], x: float, dtype: Any) -> None:
    arr = np.array([x], dtype=dtype)
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
