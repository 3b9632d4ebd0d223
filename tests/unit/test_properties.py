"""properties(): what an activation outputs, how it rises, how smooth and steep it is.

Known values are checked against closed forms or 50-digit mpmath; every
catalogue entry, at its defaults and at each parameter's ends, is checked for
consistency with its own f and f′ sampled independently of the module.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from mpmath import mp  # type: ignore[import-untyped]

import activations
from activations.properties import Properties, _limit, properties
from activations.registry import Activation

mp.dps = 50

INF = math.inf


def _props(name: str, **params: float) -> Properties:
    return properties(activations.get(name), params or None)


def _argmin_mp(f: Callable[[Any], Any], guess: float) -> tuple[float, float]:
    """(f(x*), x*) at the root of f′ near ``guess``, in 50 digits."""
    x = mp.findroot(lambda t: mp.diff(f, t), guess)
    return float(f(x)), float(x)


def _custom(
    name: str,
    fn: Callable[[np.ndarray], np.ndarray],
    grad: Callable[[np.ndarray], np.ndarray],
    kinks: tuple[float, ...] = (),
) -> Activation:
    """An activation outside the catalogue, to test the rules on other shapes."""

    def f(x: Any) -> np.ndarray:
        return np.asarray(fn(np.asarray(x, dtype=np.float64)), dtype=np.float64)

    def d(x: Any) -> np.ndarray:
        return np.asarray(grad(np.asarray(x, dtype=np.float64)), dtype=np.float64)

    return Activation(
        name=name,
        labels={"en": name},
        fn=f,
        grad=d,
        latex="",
        latex_grad="",
        convention={"en": ""},
        kinks=lambda: kinks,
    )


# --- known values -------------------------------------------------------------


def test_sigmoid() -> None:
    p = _props("sigmoid")
    assert p.output_range == (0.0, 1.0)
    assert p.range_open == (True, True)
    assert p.monotonic == "increasing"
    assert not p.zero_centred
    assert p.smoothness == "C^∞"
    assert (p.max_abs_grad, p.max_abs_grad_at, p.max_abs_grad_approached) == (0.25, 0.0, False)
    assert p.saturates == ("left", "right")
    assert p.minimum is None
    assert (p.kinks, p.jumps, p.grad_at_kinks) == ((), (), ())


@pytest.mark.parametrize("a", [0.1, 2.0, 100.0])
def test_sigmoid_gain_scales_the_slope_only(a: float) -> None:
    p = _props("sigmoid", a=a)
    assert p.output_range == (0.0, 1.0) and p.range_open == (True, True)
    assert p.max_abs_grad == pytest.approx(a / 4, rel=1e-14)
    assert p.max_abs_grad_at == pytest.approx(0.0, abs=1e-9)


def test_tanh() -> None:
    p = _props("tanh")
    # tanh(20) rounds to 1.0, yet 1 is only approached.
    assert p.output_range == (-1.0, 1.0)
    assert p.range_open == (True, True)
    assert p.zero_centred
    assert p.monotonic == "increasing"
    assert (p.max_abs_grad, p.max_abs_grad_at) == (1.0, 0.0)
    assert p.saturates == ("left", "right")
    assert p.smoothness == "C^∞"


def test_relu() -> None:
    p = _props("relu")
    assert p.output_range == (0.0, INF)
    assert p.range_open == (False, True)
    assert p.monotonic == "non-decreasing"
    assert not p.zero_centred
    assert p.smoothness == "continuous"
    assert p.kinks == (0.0,) and p.jumps == ()
    assert p.grad_at_kinks == ((0.0, 0.0),)
    assert p.saturates == ("left",)
    assert p.minimum is None
    assert (p.max_abs_grad, p.max_abs_grad_at) == (1.0, (0.0, INF))


def test_step() -> None:
    p = _props("step")
    assert p.smoothness == "discontinuous"
    assert p.jumps == (0.0,) and p.kinks == ()
    assert p.grad_at_kinks == ((0.0, 0.0),)
    assert p.output_range == (0.0, 1.0) and p.range_open == (False, False)
    assert p.monotonic == "non-decreasing"
    assert p.max_abs_grad == 0.0
    assert p.saturates == ("left", "right")


def test_identity() -> None:
    p = _props("identity")
    assert p.output_range == (-INF, INF) and p.range_open == (True, True)
    assert p.monotonic == "increasing"
    assert p.zero_centred
    assert p.smoothness == "C^∞"
    assert (p.max_abs_grad, p.max_abs_grad_at) == (1.0, (-INF, INF))
    assert not p.max_abs_grad_approached
    assert p.saturates == ()


@pytest.mark.parametrize("alpha", [0.01, 0.3])
def test_leaky_relu(alpha: float) -> None:
    p = _props("leaky_relu", alpha=alpha)
    assert p.monotonic == "increasing"
    assert p.output_range == (-INF, INF)
    assert p.zero_centred
    assert p.smoothness == "continuous"
    assert p.kinks == (0.0,)
    assert p.grad_at_kinks == ((0.0, alpha),)
    assert p.saturates == ()
    assert p.max_abs_grad_at == (0.0, INF)


def test_leaky_relu_with_alpha_one_is_the_identity() -> None:
    p = _props("leaky_relu", alpha=1.0)
    assert (p.smoothness, p.kinks, p.max_abs_grad_at) == ("C^∞", (), (-INF, INF))


def test_leaky_relu_with_alpha_zero_is_relu() -> None:
    assert dataclasses.replace(_props("leaky_relu", alpha=0.0)) == _props("relu")


def test_elu_with_alpha_one_is_c1_not_c2() -> None:
    # f″ is e^x on the left and 0 on the right: a jump of 1 at 0.
    p = _props("elu", alpha=1.0)
    assert p.smoothness == "C¹"
    assert p.kinks == ()
    assert p.output_range == (-1.0, INF) and p.range_open == (True, True)
    assert p.saturates == ("left",)
    assert p.max_abs_grad_at == (0.0, INF)


@pytest.mark.parametrize("alpha", [0.5, 2.0])
def test_elu_with_another_alpha_has_a_kink(alpha: float) -> None:
    p = _props("elu", alpha=alpha)
    assert p.smoothness == "continuous"
    assert p.grad_at_kinks == ((0.0, alpha),)
    assert p.output_range == (-alpha, INF) and p.range_open == (True, True)
    assert p.max_abs_grad == max(1.0, alpha)


@pytest.mark.parametrize("alpha", [0.01, 1.0, 10.0])
def test_celu_is_c1(alpha: float) -> None:
    p = _props("celu", alpha=alpha)
    assert p.smoothness == "C¹"
    assert p.output_range == (-alpha, INF)
    assert p.monotonic == "increasing"


def test_selu_range_and_kink() -> None:
    lam = mp.mpf("1.0507009873554804934193349852946")
    alpha = mp.mpf("1.6732632423543772848170429916717")
    p = _props("selu")
    assert p.output_range[0] == pytest.approx(float(-lam * alpha), rel=1e-15)
    assert p.output_range[1] == INF
    assert p.range_open == (True, True)
    assert p.smoothness == "continuous" and p.kinks == (0.0,)
    assert p.zero_centred
    assert p.monotonic == "increasing"


def test_softsign_approaches_plus_and_minus_one_and_is_c1() -> None:
    # f′ = 1/(1+|x|)² is continuous; f″ = -2 sign(x)/(1+|x|)³ jumps at 0.
    p = _props("softsign")
    assert p.output_range == (-1.0, 1.0)
    assert p.range_open == (True, True)
    assert p.smoothness == "C¹"
    assert p.saturates == ("left", "right")
    assert (p.max_abs_grad, p.max_abs_grad_at) == (1.0, 0.0)


def test_hard_tanh_reaches_its_ends() -> None:
    p = _props("hard_tanh")
    assert p.output_range == (-1.0, 1.0)
    assert p.range_open == (False, False)
    assert p.monotonic == "non-decreasing"
    assert p.zero_centred
    assert p.minimum is None
    assert p.kinks == (-1.0, 1.0)
    assert (p.max_abs_grad, p.max_abs_grad_at) == (1.0, (-1.0, 1.0))
    assert p.saturates == ("left", "right")


@pytest.mark.parametrize(("name", "edge", "slope"), [
    ("hard_sigmoid", 3.0, 1 / 6),
    ("hard_sigmoid_keras2", 2.5, 0.2),
])  # fmt: skip
def test_hard_sigmoids(name: str, edge: float, slope: float) -> None:
    p = _props(name)
    assert p.output_range == (0.0, 1.0) and p.range_open == (False, False)
    assert p.monotonic == "non-decreasing"
    assert not p.zero_centred
    assert p.max_abs_grad == pytest.approx(slope, rel=1e-15)
    assert p.max_abs_grad_at == (-edge, edge)


def test_relu6() -> None:
    p = _props("relu6")
    assert p.output_range == (0.0, 6.0) and p.range_open == (False, False)
    assert p.max_abs_grad_at == (0.0, 6.0)
    assert p.saturates == ("left", "right")


def test_gelu_minimum_matches_mpmath() -> None:
    value, x = _argmin_mp(lambda t: t * mp.ncdf(t), -0.75)
    p = _props("gelu")
    assert p.minimum is not None
    assert p.minimum[1] == pytest.approx(x, abs=1e-9)
    assert p.minimum[0] == pytest.approx(value, rel=1e-12)
    assert p.minimum[0] == pytest.approx(-0.169971, abs=1e-6)
    assert p.minimum[1] == pytest.approx(-0.751791, abs=1e-6)
    assert p.output_range == (p.minimum[0], INF) and p.range_open == (False, True)
    assert p.monotonic == "no"
    assert p.zero_centred
    assert p.smoothness == "C^∞"
    assert p.saturates == ("left",)
    assert p.max_abs_grad_at == pytest.approx(math.sqrt(2.0), abs=1e-8)


def test_gelu_tanh_minimum_matches_mpmath() -> None:
    c = mp.sqrt(2 / mp.pi)
    value, x = _argmin_mp(
        lambda t: t / 2 * (1 + mp.tanh(c * (t + mp.mpf("0.044715") * t**3))), -0.75
    )
    p = _props("gelu_tanh")
    assert p.minimum is not None
    assert p.minimum[1] == pytest.approx(x, abs=1e-9)
    assert p.minimum[0] == pytest.approx(value, rel=1e-12)


def test_silu_minimum_is_lambert_w() -> None:
    # silu′(x) = 0 at x* = -1 - W(1/e), where silu(x*) = x* + 1 = -W(1/e).
    w = mp.lambertw(mp.exp(-1))
    p = _props("silu")
    assert p.minimum is not None
    assert p.minimum[0] == pytest.approx(-0.2784645427610738, abs=1e-9)
    assert p.minimum[1] == pytest.approx(-1.2784645427610738, abs=1e-9)
    assert p.minimum[0] == pytest.approx(float(-w), rel=1e-13)
    assert p.minimum[1] == pytest.approx(float(-1 - w), abs=1e-12)
    assert p.monotonic == "no"
    assert p.saturates == ("left",)


@pytest.mark.parametrize("beta", [0.1, 2.0, 10.0])
def test_swish_beta_scales_the_minimum(beta: float) -> None:
    # x σ(βx) = (1/β) silu(βx): the minimum moves to x*/β, its value to silu(x*)/β.
    w = float(mp.lambertw(mp.exp(-1)))
    p = _props("silu", beta=beta)
    assert p.minimum is not None
    assert p.minimum[0] == pytest.approx(-w / beta, rel=1e-12)
    assert p.minimum[1] == pytest.approx((-1 - w) / beta, abs=1e-9)


def test_mish_minimum_matches_mpmath() -> None:
    value, x = _argmin_mp(lambda t: t * mp.tanh(mp.log1p(mp.exp(t))), -1.19)
    p = _props("mish")
    assert p.minimum is not None
    assert p.minimum[0] == pytest.approx(-0.30884, abs=1e-5)
    assert p.minimum[1] == pytest.approx(-1.19243, abs=1e-5)
    assert p.minimum[0] == pytest.approx(value, abs=1e-9)
    assert p.minimum[1] == pytest.approx(x, abs=1e-9)
    assert p.smoothness == "C^∞"


def test_hard_swish_minimum_and_steepest_point() -> None:
    # x (x + 3) / 6 between the kinks: minimum -3/8 at -3/2, slope 3/2 at x = 3.
    p = _props("hard_swish")
    assert p.minimum is not None
    assert p.minimum[0] == pytest.approx(-0.375, rel=1e-15)
    assert p.minimum[1] == pytest.approx(-1.5, abs=1e-12)
    assert p.smoothness == "continuous" and p.kinks == (-3.0, 3.0)
    assert p.max_abs_grad == pytest.approx(1.5, rel=1e-15)
    assert p.max_abs_grad_at == 3.0
    assert p.monotonic == "no"


@pytest.mark.parametrize("beta", [0.01, 1.0, 100.0])
def test_softplus_slope_only_approaches_one(beta: float) -> None:
    p = _props("softplus", beta=beta)
    assert p.max_abs_grad == 1.0
    assert p.max_abs_grad_at == INF
    assert p.max_abs_grad_approached
    assert p.output_range == (0.0, INF) and p.range_open == (True, True)
    # With beta = 100, f′ is 0 in float64 for x < -7.5; f still rises everywhere.
    assert p.monotonic == "increasing"
    assert p.smoothness == "C^∞"
    assert p.saturates == ("left",)


def test_log_sigmoid() -> None:
    p = _props("log_sigmoid")
    assert p.output_range == (-INF, 0.0) and p.range_open == (True, True)
    assert p.monotonic == "increasing"
    assert p.saturates == ("right",)
    assert (p.max_abs_grad, p.max_abs_grad_at, p.max_abs_grad_approached) == (1.0, -INF, True)


def test_squareplus_is_smooth_unless_b_is_zero() -> None:
    p = _props("squareplus", b=4.0)
    assert p.smoothness == "C^∞"
    assert p.output_range == (0.0, INF) and p.range_open == (True, True)
    assert p.saturates == ("left",)
    relu_like = _props("squareplus", b=0.0)
    assert relu_like.smoothness == "continuous" and relu_like.kinks == (0.0,)
    assert relu_like.output_range == (0.0, INF) and relu_like.range_open == (False, True)
    assert relu_like.monotonic == "non-decreasing"


def test_tanhshrink_slope_approaches_one_at_both_ends() -> None:
    # f′ = tanh² x is 0 at 0 only, so f is still strictly increasing.
    p = _props("tanhshrink")
    assert p.monotonic == "increasing"
    assert p.zero_centred
    assert (p.max_abs_grad, p.max_abs_grad_at) == (1.0, (-INF, INF))
    assert p.max_abs_grad_approached
    assert p.saturates == ()


@pytest.mark.parametrize("lambd", [0.5, 2.0])
def test_shrinks(lambd: float) -> None:
    soft = _props("softshrink", lambd=lambd)
    assert soft.monotonic == "non-decreasing"
    assert soft.smoothness == "continuous" and soft.kinks == (-lambd, lambd)
    assert soft.output_range == (-INF, INF) and soft.zero_centred
    hard = _props("hardshrink", lambd=lambd)
    assert hard.monotonic == "non-decreasing"
    assert hard.smoothness == "discontinuous" and hard.jumps == (-lambd, lambd)
    # f′ = 1 on both |x| > λ; the leftmost stretch is the one reported.
    assert hard.max_abs_grad_at == (-INF, -lambd)


# --- rules on shapes outside the catalogue ------------------------------------


def test_an_unlisted_kink_is_found() -> None:
    relu = activations.get("relu")
    act = _custom("relu_unlisted", relu.fn, relu.grad)
    p = properties(act)
    assert p.kinks == (0.0,)
    assert p.smoothness == "continuous"
    assert p.output_range == (0.0, INF) and p.range_open == (False, True)


def test_a_curvature_break_away_from_zero_is_found() -> None:
    # f = (x - 1.3)|x - 1.3| / 2: f′ = |x - 1.3| is continuous, f″ jumps at 1.3.
    act = _custom(
        "half_square", lambda x: (x - 1.3) * np.abs(x - 1.3) / 2, lambda x: np.abs(x - 1.3)
    )
    p = properties(act)
    assert p.smoothness == "C¹"
    assert p.kinks == ()
    assert p.monotonic == "increasing"  # f′ = 0 at one point only


def test_a_decreasing_function_and_an_interior_maximum() -> None:
    sigmoid = activations.get("sigmoid")
    falling = _custom("falling", lambda x: -sigmoid.fn(x), lambda x: -sigmoid.grad(x))
    p = properties(falling)
    assert p.monotonic == "decreasing"
    assert p.output_range == (-1.0, 0.0) and p.range_open == (True, True)

    silu = activations.get("silu")
    upside_down = _custom("neg_silu", lambda x: -silu.fn(x), lambda x: -silu.grad(x))
    q = properties(upside_down)
    assert q.output_range[0] == -INF
    assert q.output_range[1] == pytest.approx(0.2784645427610738, rel=1e-13)
    assert q.range_open == (True, False)
    assert q.minimum is None


def test_a_flat_stretch_without_a_break_is_rounding() -> None:
    # Numerically flat tails (f′ underflows to 0) do not make f non-decreasing.
    act = _custom(
        "steep_tanh", lambda x: np.tanh(40 * x), lambda x: 40 * (1 - np.tanh(40 * x) ** 2)
    )
    p = properties(act)
    assert p.monotonic == "increasing"
    assert p.range_open == (True, True)


@pytest.mark.parametrize(("values", "limit"), [
    ((1 - 1e-6, 1 - 1e-9, 1 - 1e-12), 1.0),  # softsign-like 1 - 1/x
    ((0.5, 0.5, 0.5), 0.5),
    ((1e-6, 1e-9, 1e-12), 0.0),
    ((1e6, 1e9, 1e12), INF),  # linear
    ((-1e6, -1e9, -1e12), -INF),
    ((13.8, 20.7, 27.6), INF),  # logarithmic
])  # fmt: skip
def test_limit_at_infinity(values: tuple[float, float, float], limit: float) -> None:
    assert _limit(np.array(values)) == limit


def test_params_are_validated_and_the_result_is_frozen() -> None:
    with pytest.raises(ValueError, match="between"):
        _props("leaky_relu", alpha=2.0)
    with pytest.raises(ValueError, match="no parameter"):
        _props("tanh", alpha=0.5)
    p = _props("tanh")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.monotonic = "no"  # type: ignore[misc]


# --- every catalogue entry: consistent with its own f and f′ ------------------


def _cases() -> list[Any]:
    cases = []
    for act in activations.all_activations():
        variants: list[dict[str, float]] = [{}]
        for prm in act.params:
            variants += [{prm.name: prm.low}, {prm.name: prm.high}]
        for params in variants:
            label = act.name + "".join(f"-{k}={v:g}" for k, v in params.items())
            cases.append(pytest.param(act.name, params, id=label))
    return cases


CASES = _cases()
# Independent of the module's own grid: a different spacing, a wider window,
# and points far out.
X = np.concatenate([np.linspace(-60.0, 60.0, 24_679), [-1e9, -1e4, 1e4, 1e9]])


@pytest.mark.parametrize(("name", "params"), CASES)
def test_properties_agree_with_f_and_f_prime(name: str, params: dict[str, float]) -> None:
    act = activations.get(name)
    p = properties(act, params)
    resolved = act.resolve(params)
    points = np.sort(np.concatenate([X, p.kinks, p.jumps]))
    fx = np.asarray(act.fn(points, **resolved), dtype=np.float64)
    gx = np.asarray(act.grad(points, **resolved), dtype=np.float64)
    lo, hi = p.output_range

    # Range: every value inside; a closed end is attained, an open one only
    # rounded to.
    tol = 1e-12 * np.maximum(1.0, np.abs(fx))
    assert np.all(fx >= lo - tol) and np.all(fx <= hi + tol)
    for end, is_open in ((lo, p.range_open[0]), (hi, p.range_open[1])):
        if math.isinf(end):
            assert is_open
        elif not is_open:
            candidates = list(fx)
            if p.minimum is not None:
                candidates.append(p.minimum[0])
            assert min(abs(v - end) for v in candidates) <= 1e-12 * max(1.0, abs(end))
        else:
            # Where f rounds to an open end, f is still moving (f′ ≠ 0).
            near = np.abs(points) <= 5.0
            assert np.all(gx[near & (fx == end)] != 0.0)

    # Monotonic: consecutive differences of f agree with the claim.
    df = np.diff(fx)
    dtol = 1e-12 * np.maximum(1.0, np.abs(fx[1:]))
    if p.monotonic in ("increasing", "non-decreasing"):
        assert np.all(df >= -dtol)
    elif p.monotonic in ("decreasing", "non-increasing"):
        assert np.all(df <= dtol)
    else:
        assert p.monotonic == "no"
        assert np.any(df > dtol) and np.any(df < -dtol)
    if p.monotonic == "non-decreasing":
        inner = np.abs(points[1:]) <= 20.0
        assert np.any((df == 0.0) & inner)  # a genuinely flat stretch

    # Zero-centred: exactly the documented rule.
    f0 = float(act.fn(0.0, **resolved))
    assert p.zero_centred == (abs(f0) <= 1e-12 and lo < 0.0 < hi)

    # Smoothness agrees with the break points, and the catalogue lists every kink.
    assert p.kinks == tuple(sorted(set(act.kinks(**resolved)) - set(act.jumps(**resolved))))
    assert p.jumps == tuple(sorted(act.jumps(**resolved)))
    if p.jumps:
        assert p.smoothness == "discontinuous"
    elif p.kinks:
        assert p.smoothness == "continuous"
    else:
        assert p.smoothness in ("C¹", "C^∞")
    singular = sorted(set(p.kinks) | set(p.jumps))
    assert [x for x, _ in p.grad_at_kinks] == singular
    for x, v in p.grad_at_kinks:
        assert v == float(act.grad(x, **resolved))

    # Steepest slope: nothing sampled is steeper; where it is attained, it is.
    assert np.all(np.abs(gx) <= p.max_abs_grad * (1 + 1e-12))
    at = p.max_abs_grad_at
    if isinstance(at, tuple):
        start, end = at
        assert start < end
        inside = points[(points > start) & (points < end)]
        inside_g = np.abs(act.grad(inside, **resolved))
        if not p.max_abs_grad_approached:
            assert np.all(inside_g == pytest.approx(p.max_abs_grad, rel=1e-12))
    elif math.isinf(at):
        assert p.max_abs_grad_approached
        far = float(np.abs(act.grad(math.copysign(1e12, at), **resolved)))
        assert far == pytest.approx(p.max_abs_grad, rel=1e-9)
    elif not p.max_abs_grad_approached:
        assert abs(float(act.grad(at, **resolved))) == pytest.approx(p.max_abs_grad, rel=1e-9)

    # Saturation: f′ vanishes far out on exactly the sides listed.
    for side, sign in (("left", -1.0), ("right", 1.0)):
        far_g = abs(float(act.grad(sign * 1e12, **resolved)))
        assert (side in p.saturates) == (far_g <= 1e-12)

    # Minimum: f there is the lower end and no sampled value is lower.
    if p.minimum is not None:
        value, x = p.minimum
        assert value == lo and not p.range_open[0]
        assert float(act.fn(x, **resolved)) == pytest.approx(value, rel=1e-15, abs=1e-300)
        assert np.all(fx >= value - 1e-15 * max(1.0, abs(value)))
