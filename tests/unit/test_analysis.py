"""grad_peak: the maximum of |f'| on an interval, checked against mpmath."""

from __future__ import annotations

import dataclasses
import math

import pytest
from mpmath import mp, mpf  # type: ignore[import-untyped]

import activations
from activations import GradPeak, grad_peak

mp.dps = 50


def _peak(name: str, xmin: float, xmax: float, **params: float) -> GradPeak:
    return grad_peak(activations.get(name), xmin, xmax, params or None)


def _gelu_grad(x: mpf) -> mpf:
    return mp.erfc(-x / mp.sqrt(2)) / 2 + x * mp.npdf(x)


def _silu_grad(x: mpf) -> mpf:
    s = 1 / (1 + mp.exp(-x))
    return s * (1 + x * (1 - s))


def test_sigmoid_peaks_at_zero_with_a_quarter() -> None:
    peak = _peak("sigmoid", -5.0, 5.0)
    assert (peak.x, peak.value, peak.abs_value, peak.plateau) == (0.0, 0.25, 0.25, None)


def test_sigmoid_peak_off_the_grid_is_still_found() -> None:
    peak = _peak("sigmoid", -5.0, 6.0)  # 0 is not a grid point here
    assert abs(peak.x) < 1e-9
    assert peak.value == 0.25


def test_tanh_peaks_at_zero_with_one() -> None:
    peak = _peak("tanh", -5.0, 5.0)
    assert (peak.x, peak.value, peak.plateau) == (0.0, 1.0, None)


@pytest.mark.parametrize(("xmin", "xmax"), [(-5.0, 5.0), (-5.0, 6.0), (0.0, 3.0), (1.3, 1.5)])
def test_gelu_peaks_at_root_two(xmin: float, xmax: float) -> None:
    # d/dx gelu'(x) = phi(x) (2 - x^2): the maximum is at sqrt(2).
    true_x = mp.sqrt(2)
    peak = _peak("gelu", xmin, xmax)
    assert peak.x == pytest.approx(float(true_x), abs=1e-8)
    assert peak.value == pytest.approx(float(_gelu_grad(true_x)), rel=1e-12)
    assert peak.value == pytest.approx(1.128904145, abs=1e-8)
    assert peak.plateau is None


def test_silu_peak_matches_mpmath() -> None:
    true_x = mp.findroot(lambda x: mp.diff(_silu_grad, x), 2.4)
    peak = _peak("silu", -10.0, 10.0)
    assert peak.x == pytest.approx(float(true_x), abs=1e-8)
    assert peak.value == pytest.approx(float(_silu_grad(true_x)), rel=1e-12)


def test_relu_has_a_plateau_covering_the_positive_half() -> None:
    peak = _peak("relu", -5.0, 5.0)
    h = 10.0 / 4000
    assert peak.abs_value == 1.0 and peak.value == 1.0
    assert peak.plateau is not None
    # The plateau starts at the kink, not at the first grid point after it.
    assert peak.plateau == (0.0, 5.0)
    assert 0.0 < peak.x <= h * (1 + 1e-9)


def test_identity_is_a_plateau_over_the_whole_interval() -> None:
    peak = _peak("identity", -3.0, 2.0)
    assert peak.plateau == (-3.0, 2.0)
    assert peak.value == 1.0


def test_leaky_relu_peak_is_the_plateau_of_the_positive_side() -> None:
    peak = _peak("leaky_relu", -5.0, 5.0, alpha=0.5)
    assert peak.plateau is not None and peak.plateau[1] == 5.0
    assert peak.value == 1.0


def test_step_has_zero_derivative_everywhere() -> None:
    peak = _peak("step", -1.0, 1.0)
    assert peak.abs_value == 0.0
    assert peak.plateau == (-1.0, 1.0)


def test_a_peak_at_a_kink_is_kept_as_sampled() -> None:
    # ELU with alpha = 2: f' = 2 e^x for x <= 0 (so 2 at 0), and 1 for x > 0.
    peak = _peak("elu", -5.0, 5.0, alpha=2.0)
    assert (peak.x, peak.value, peak.plateau) == (0.0, 2.0, None)


@pytest.mark.parametrize(("name", "xmin", "xmax", "at"), [
    ("sigmoid", 1.0, 5.0, 1.0),
    ("sigmoid", -5.0, -1.0, -1.0),
    ("tanh", 0.5, 3.0, 0.5),
    ("gelu", 2.0, 4.0, 2.0),
])  # fmt: skip
def test_a_range_without_the_peak_reports_the_nearest_end(
    name: str, xmin: float, xmax: float, at: float
) -> None:
    peak = _peak(name, xmin, xmax)
    assert peak.x == at
    assert peak.value == float(activations.get(name).derivative(at))
    assert peak.plateau is None


def test_softplus_beta_sharpens_the_peak_towards_one() -> None:
    peak = _peak("softplus", -5.0, 5.0, beta=0.5)
    assert peak.x == 5.0
    assert peak.value == pytest.approx(1 / (1 + math.exp(-2.5)), rel=1e-14)


def test_abs_value_is_the_magnitude_of_value() -> None:
    for act in activations.all_activations():
        peak = grad_peak(act, -4.0, 3.0)
        assert peak.abs_value == abs(peak.value)
        assert -4.0 <= peak.x <= 3.0


def test_samples_controls_the_grid() -> None:
    coarse = grad_peak(activations.get("relu"), -1.0, 1.0, samples=5)
    assert coarse.plateau == (0.0, 1.0)
    assert coarse.x == 0.5
    shifted = grad_peak(activations.get("relu"), 0.25, 1.0, samples=4)
    assert shifted.plateau == (0.25, 1.0)


@pytest.mark.parametrize(("xmin", "xmax", "samples"), [
    (1.0, 1.0, 11),
    (2.0, 1.0, 11),
    (float("nan"), 1.0, 11),
    (-math.inf, 1.0, 11),
    (-1e308, 1e308, 11),
    (0.0, 1.0, 2),
])  # fmt: skip
def test_bad_intervals_and_sample_counts_are_rejected(
    xmin: float, xmax: float, samples: int
) -> None:
    with pytest.raises(ValueError):
        grad_peak(activations.get("sigmoid"), xmin, xmax, samples=samples)


def test_params_are_validated() -> None:
    with pytest.raises(ValueError, match="between"):
        _peak("leaky_relu", -1.0, 1.0, alpha=2.0)
    with pytest.raises(ValueError, match="no parameter"):
        _peak("sigmoid", -1.0, 1.0, alpha=0.5)


def test_result_is_frozen() -> None:
    peak = _peak("sigmoid", -1.0, 1.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        peak.x = 1.0  # type: ignore[misc]


def test_max_difference_finds_the_largest_gap_and_where() -> None:
    relu, softplus = activations.get("relu"), activations.get("softplus")
    gap, where = activations.max_difference(softplus, relu, -5.0, 5.0, samples=1001)
    assert where == 0.0
    assert gap == pytest.approx(math.log(2.0), rel=1e-15)
