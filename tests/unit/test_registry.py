"""The catalogue: names, lookup errors, records complete in both languages, params."""

from __future__ import annotations

import re

import numpy as np
import pytest

import activations
from activations import functions as F
from activations.registry import Activation

EXPECTED_ORDER = (
    "step",
    "identity",
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "elu",
    "softplus",
    "gelu",
    "silu",
)
ALL = activations.all_activations()


def test_names_are_in_catalogue_order() -> None:
    assert activations.names() == EXPECTED_ORDER
    assert tuple(a.name for a in ALL) == EXPECTED_ORDER


@pytest.mark.parametrize("name", EXPECTED_ORDER)
def test_get_returns_the_record_with_that_name(name: str) -> None:
    act = activations.get(name)
    assert isinstance(act, Activation) and act.name == name
    assert act.fn is getattr(F, name)
    assert act.grad is getattr(F, f"d_{name}")


def test_a_typo_names_the_closest_match_and_every_valid_name() -> None:
    with pytest.raises(ValueError, match="Unknown activation") as info:
        activations.get("sigmoyd")
    message = str(info.value)
    assert "Did you mean 'sigmoid'?" in message
    assert "'sigmoyd'" in message
    for name in EXPECTED_ORDER:
        assert name in message


def test_a_wrong_case_is_not_accepted_but_gets_a_suggestion() -> None:
    with pytest.raises(ValueError, match="Did you mean 'relu'"):
        activations.get("ReLU")


def test_a_name_with_no_close_match_still_lists_valid_names() -> None:
    with pytest.raises(ValueError) as info:
        activations.get("zzzz")
    assert "Did you mean" not in str(info.value)
    assert "Valid names: step, identity, sigmoid" in str(info.value)


def test_a_very_long_name_is_shortened_in_the_message() -> None:
    with pytest.raises(ValueError) as info:
        activations.get("x" * 10_000)
    assert len(str(info.value)) < 300


@pytest.mark.parametrize("bad", [None, 3, 1.5, b"relu", ["relu"]])
def test_a_non_string_name_is_a_value_error(bad: object) -> None:
    with pytest.raises(ValueError, match="must be a string"):
        activations.get(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("act", ALL, ids=lambda a: a.name)
def test_every_record_is_complete_in_english_and_japanese(act: Activation) -> None:
    for lang in ("en", "ja"):
        assert act.labels[lang].strip()
        assert act.convention[lang].strip()
        assert act.label(lang) == act.labels[lang]
        assert act.describe_convention(lang) == act.convention[lang]
    assert act.label("fr") == act.labels["en"]
    assert act.describe_convention("fr") == act.convention["en"]
    assert act.latex.startswith("f(x) =")
    assert act.latex_grad.startswith("f'(x) =")


@pytest.mark.parametrize("act", ALL, ids=lambda a: a.name)
def test_latex_is_balanced_and_mathjax_safe(act: Activation) -> None:
    for tex in (act.latex, act.latex_grad):
        depth = 0
        for char in re.sub(r"\\[{}]", "", tex):
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth >= 0, tex
        assert depth == 0, tex
        assert "\\operatorname" not in tex
        assert tex.count("\\left") == tex.count("\\right"), tex
        assert tex.count("\\begin{cases}") == tex.count("\\end{cases}"), tex


def test_japanese_labels_are_the_agreed_ones() -> None:
    ja = {a.name: a.labels["ja"] for a in ALL}
    assert ja == {
        "step": "ステップ関数",
        "identity": "恒等関数",
        "sigmoid": "シグモイド関数",
        "tanh": "双曲線正接 (tanh)",
        "relu": "ReLU (ランプ関数)",
        "leaky_relu": "Leaky ReLU",
        "elu": "ELU",
        "softplus": "ソフトプラス",
        "gelu": "GELU",
        "silu": "SiLU (Swish)",
    }


@pytest.mark.parametrize("act", ALL, ids=lambda a: a.name)
def test_param_defaults_lie_in_their_ranges_and_on_their_steps(act: Activation) -> None:
    for p in act.params:
        assert p.low < p.high and p.step > 0
        assert p.low <= p.default <= p.high
        steps = (p.default - p.low) / p.step
        assert steps == pytest.approx(round(steps), abs=1e-9)
        assert p.label("en") and p.label("ja") and p.label("fr") == p.label("en")
    assert act.resolve() == act.defaults()


def test_parameter_ranges() -> None:
    ranges = {(a.name, p.name): (p.default, p.low, p.high, p.step) for a in ALL for p in a.params}
    assert ranges == {
        ("leaky_relu", "alpha"): (0.01, 0.0, 1.0, 0.01),
        ("elu", "alpha"): (1.0, 0.01, 10.0, 0.01),
        ("softplus", "beta"): (1.0, 0.01, 100.0, 0.01),
    }


def test_resolve_overlays_known_params_and_rejects_the_rest() -> None:
    leaky = activations.get("leaky_relu")
    assert leaky.resolve({"alpha": 0.5}) == {"alpha": 0.5}
    assert leaky.resolve({"alpha": "0.25"}) == {"alpha": 0.25}  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="no parameter 'beta'"):
        leaky.resolve({"beta": 1.0})
    with pytest.raises(ValueError, match="between 0 and 1"):
        leaky.resolve({"alpha": 1.5})
    with pytest.raises(ValueError, match="between"):
        leaky.resolve({"alpha": -0.01})
    with pytest.raises(ValueError, match="between"):
        leaky.resolve({"alpha": float("nan")})
    with pytest.raises(ValueError, match="must be a number"):
        leaky.resolve({"alpha": "a lot"})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="must be a number"):
        leaky.resolve({"alpha": None})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="its parameters: none"):
        activations.get("relu").resolve({"alpha": 0.1})


def test_calling_a_record_applies_defaults_and_validates() -> None:
    elu = activations.get("elu")
    x = np.array([-1.0, 2.0])
    np.testing.assert_array_equal(elu(x), F.elu(x, alpha=1.0))
    np.testing.assert_array_equal(elu(x, alpha=2.0), F.elu(x, alpha=2.0))
    np.testing.assert_array_equal(elu.derivative(x, alpha=2.0), F.d_elu(x, alpha=2.0))
    with pytest.raises(ValueError):
        elu(x, alpha=0.0)
    with pytest.raises(ValueError):
        elu(x, beta=1.0)


def test_kinks_jumps_and_singular_points() -> None:
    get = activations.get
    assert get("step").jumps() == (0.0,) and get("step").kinks() == ()
    assert get("step").singular_points() == (0.0,)
    assert get("relu").singular_points() == (0.0,)
    assert get("leaky_relu").singular_points() == (0.0,)
    assert get("leaky_relu").singular_points(alpha=1.0) == ()
    assert get("leaky_relu").singular_points(alpha=0.0) == (0.0,)
    assert get("elu").singular_points(alpha=2.0) == (0.0,)
    assert get("elu").singular_points() == ()  # alpha = 1 by default: f' continuous
    for name in ("identity", "sigmoid", "tanh", "softplus", "gelu", "silu"):
        assert get(name).singular_points() == (), name


def test_conventions_say_what_happens_at_the_kink() -> None:
    conv = {a.name: a.convention["en"] for a in ALL}
    assert conv["relu"] == "f′(0) is taken as 0, as PyTorch, TensorFlow and JAX define it."
    assert conv["step"].startswith("The jump at 0 has no derivative")
    assert "α" in conv["leaky_relu"] and "JAX" in conv["leaky_relu"]
    assert "α" in conv["elu"]
    for name in ("identity", "sigmoid", "tanh", "softplus", "gelu", "silu"):
        assert conv[name] == "Smooth everywhere: f′ exists at every x.", name


def test_records_are_frozen() -> None:
    act = activations.get("relu")
    with pytest.raises(AttributeError):
        act.name = "other"  # type: ignore[misc]
