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
    "relu6",
    "elu",
    "selu",
    "celu",
    "softplus",
    "softsign",
    "gelu",
    "gelu_tanh",
    "silu",
    "mish",
    "hard_sigmoid",
    "hard_sigmoid_keras2",
    "hard_swish",
    "hard_tanh",
    "log_sigmoid",
    "squareplus",
    "tanhshrink",
    "softshrink",
    "hardshrink",
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
    message = str(info.value)
    assert "x" * 38 not in message and "'" + "x" * 37 + "...'" in message
    assert len(message) < 100 + len(", ".join(activations.names()))


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
        "relu6": "ReLU6",
        "selu": "SELU",
        "celu": "CELU",
        "softplus": "ソフトプラス",
        "softsign": "ソフトサイン",
        "gelu": "GELU",
        "gelu_tanh": "GELU (tanh 近似)",
        "silu": "SiLU (Swish)",
        "mish": "Mish",
        "hard_sigmoid": "ハードシグモイド",
        "hard_sigmoid_keras2": "ハードシグモイド (Keras 2)",
        "hard_swish": "ハードスウィッシュ",
        "hard_tanh": "ハード tanh",
        "log_sigmoid": "対数シグモイド",
        "squareplus": "スクエアプラス",
        "tanhshrink": "Tanhshrink",
        "softshrink": "ソフトしきい値 (Softshrink)",
        "hardshrink": "ハードしきい値 (Hardshrink)",
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
        ("sigmoid", "a"): (1.0, 0.1, 100.0, 0.1),
        ("leaky_relu", "alpha"): (0.01, 0.0, 1.0, 0.01),
        ("elu", "alpha"): (1.0, 0.01, 10.0, 0.01),
        ("celu", "alpha"): (1.0, 0.01, 10.0, 0.01),
        ("softplus", "beta"): (1.0, 0.01, 100.0, 0.01),
        ("silu", "beta"): (1.0, 0.1, 10.0, 0.1),
        ("squareplus", "b"): (4.0, 0.0, 100.0, 0.1),
        ("softshrink", "lambd"): (0.5, 0.0, 10.0, 0.01),
        ("hardshrink", "lambd"): (0.5, 0.0, 10.0, 0.01),
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


SMOOTH = (
    "identity",
    "sigmoid",
    "tanh",
    "softplus",
    "gelu",
    "gelu_tanh",
    "silu",
    "mish",
    "log_sigmoid",
    "tanhshrink",
)


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
    assert get("relu6").singular_points() == (0.0, 6.0)
    assert get("selu").singular_points() == (0.0,)
    for alpha in (0.01, 1.0, 2.0, 10.0):
        assert get("celu").singular_points(alpha=alpha) == ()  # C1 for every alpha
    assert get("hard_sigmoid").singular_points() == (-3.0, 3.0)
    assert get("hard_sigmoid_keras2").singular_points() == (-2.5, 2.5)
    assert get("hard_swish").singular_points() == (-3.0, 3.0)
    assert get("hard_tanh").singular_points() == (-1.0, 1.0)
    assert get("squareplus").singular_points() == ()
    assert get("squareplus").singular_points(b=0.0) == (0.0,)
    assert get("squareplus").singular_points(b=1e-300) == ()
    softshrink, hardshrink = get("softshrink"), get("hardshrink")
    assert softshrink.kinks(lambd=0.5) == (-0.5, 0.5) and softshrink.jumps(lambd=0.5) == ()
    assert hardshrink.jumps(lambd=0.5) == (-0.5, 0.5) and hardshrink.kinks(lambd=0.5) == ()
    assert softshrink.singular_points(lambd=2.0) == (-2.0, 2.0)
    assert hardshrink.singular_points(lambd=10.0) == (-10.0, 10.0)
    assert softshrink.singular_points(lambd=0.0) == ()  # the identity
    assert hardshrink.singular_points(lambd=0.0) == ()
    for name in (*SMOOTH, "softsign"):
        assert get(name).singular_points() == (), name


def test_conventions_say_what_happens_at_the_kink() -> None:
    conv = {a.name: a.convention["en"] for a in ALL}
    assert conv["relu"] == "f′(0) is taken as 0, as PyTorch, TensorFlow and JAX define it."
    assert conv["step"].startswith("The jump at 0 has no derivative")
    assert "α" in conv["leaky_relu"] and "JAX" in conv["leaky_relu"]
    assert "α" in conv["elu"]
    assert "x = 0 and x = 6" in conv["relu6"] and "PyTorch" in conv["relu6"]
    assert "λα" in conv["selu"] and "left-hand limit" in conv["selu"]
    assert "±3" in conv["hard_sigmoid"] and "1/6" in conv["hard_sigmoid"]
    assert "±2.5" in conv["hard_sigmoid_keras2"]
    assert "f′(−3) = −1/2 and f′(3) = 3/2" in conv["hard_swish"]
    assert "±1" in conv["hard_tanh"]
    assert "±λ" in conv["softshrink"] and "λ = 0" in conv["softshrink"]
    assert "jumps at x = ±λ" in conv["hardshrink"] and "λ = 0" in conv["hardshrink"]
    assert "b = 0" in conv["squareplus"] and "1/2" in conv["squareplus"]
    assert "every x" in conv["celu"] and "every x" in conv["softsign"]
    for name in SMOOTH:
        assert conv[name] == "Smooth everywhere: f′ exists at every x.", name


@pytest.mark.parametrize("act", ALL, ids=lambda a: a.name)
def test_every_record_names_its_source_in_both_languages(act: Activation) -> None:
    for lang in ("en", "ja"):
        line = act.source[lang].strip()
        assert line and "\n" not in line
        assert act.describe_source(lang) == act.source[lang]
        assert re.search(r"\b(1[89]|20)\d\d\b", line), line  # a year
    assert act.describe_source("fr") == act.source["en"]


def test_sources_name_the_papers() -> None:
    src = {a.name: a.source["en"] for a in ALL}
    assert "Klambauer" in src["selu"] and "Self-Normalizing Neural Networks (2017)" in src["selu"]
    assert "Hendrycks & Gimpel" in src["gelu"] and "2016" in src["gelu"]
    assert "Misra" in src["mish"] and "2019" in src["mish"]
    for name in ("hard_sigmoid", "hard_swish"):
        assert src[name] == "Howard et al., Searching for MobileNetV3 (2019)"
    assert "Ramachandran" in src["silu"] and "Elfwing" in src["silu"]
    assert "Barron, Squareplus" in src["squareplus"] and "2021" in src["squareplus"]
    assert "Barron" in src["celu"] and "2017" in src["celu"]


FRAMEWORK_PREFIX = {"PyTorch": "torch.", "Keras": "keras.", "Keras 2": "keras.", "JAX": "jax."}


@pytest.mark.parametrize("act", ALL, ids=lambda a: a.name)
def test_framework_names_are_well_formed(act: Activation) -> None:
    # Every entry here exists in at least one framework (step and identity as
    # plain tensor functions or pass-through layers).
    assert act.frameworks, act.name
    seen = [fw.framework for fw in act.frameworks]
    assert len(seen) == len(set(seen)), seen
    for fw in act.frameworks:
        assert fw.api.startswith(FRAMEWORK_PREFIX[fw.framework]), fw
        assert fw.api.count("(") == fw.api.count(")"), fw
        assert "\n" not in fw.note


def test_framework_names_and_defaults() -> None:
    apis = {(a.name, fw.framework): fw for a in ALL for fw in a.frameworks}
    keras_leaky = apis["leaky_relu", "Keras"]
    assert keras_leaky.api == "keras.activations.leaky_relu(x, negative_slope=0.2)"
    assert keras_leaky.note == "keras.layers.LeakyReLU defaults to negative_slope=0.3"
    assert apis["leaky_relu", "PyTorch"].api == "torch.nn.LeakyReLU(negative_slope=0.01)"
    assert apis["gelu", "PyTorch"].api == "torch.nn.GELU(approximate='none')"
    assert apis["gelu_tanh", "PyTorch"].api == "torch.nn.GELU(approximate='tanh')"
    assert apis["gelu_tanh", "JAX"].api == "jax.nn.gelu(x, approximate=True)"
    assert "default" in apis["gelu_tanh", "JAX"].note
    assert "approximate=True" in apis["gelu", "JAX"].note
    softplus = apis["softplus", "PyTorch"]
    assert softplus.api == "torch.nn.Softplus(beta=1.0, threshold=20.0)"
    assert "βx > 20" in softplus.note and "exact" in softplus.note
    assert apis["hard_sigmoid", "PyTorch"].api == "torch.nn.Hardsigmoid()"
    assert apis["hard_sigmoid", "Keras"].api == "keras.activations.hard_sigmoid(x)"
    assert "0.2x + 0.5" in apis["hard_sigmoid", "Keras"].note
    assert apis["hard_sigmoid", "JAX"].api == "jax.nn.hard_sigmoid(x)"
    assert apis["hard_tanh", "PyTorch"].api == "torch.nn.Hardtanh(min_val=-1.0, max_val=1.0)"
    assert apis["softshrink", "PyTorch"].api == "torch.nn.Softshrink(lambd=0.5)"
    assert apis["hardshrink", "PyTorch"].api == "torch.nn.Hardshrink(lambd=0.5)"
    assert [fw.framework for fw in activations.get("hard_sigmoid_keras2").frameworks] == ["Keras 2"]


def test_framework_defaults_spelled_like_ours_are_ours() -> None:
    # torch.nn.ELU(alpha=1.0), jax.nn.squareplus(x, b=4), torch.nn.Softshrink(lambd=0.5)...
    checked = 0
    for act in ALL:
        for fw in act.frameworks:
            for p in act.params:
                match = re.search(rf"\b{p.name}=([-0-9.]+)", fw.api)
                if match:
                    assert float(match.group(1)) == p.default, (act.name, fw.api)
                    checked += 1
    assert checked >= 8


def test_approximations_name_an_existing_exact_function() -> None:
    approx = {a.name: a.approximates for a in ALL if a.approximates}
    assert approx == {"gelu_tanh": "gelu"}
    for exact in approx.values():
        assert activations.get(exact).approximates is None


def test_gelu_tanh_is_within_half_a_thousandth_of_gelu() -> None:
    xs = np.linspace(-10.0, 10.0, 400_001)
    gap = np.max(np.abs(F.gelu_tanh(xs) - F.gelu(xs)))
    assert 4.6e-4 < gap < 4.8e-4


@pytest.mark.parametrize("act", ALL, ids=lambda a: a.name)
def test_every_record_has_a_snippet_for_its_functions(act: Activation) -> None:
    assert f"def {act.name}(x" in act.snippet
    assert f"def d_{act.name}(x" in act.snippet


def test_records_are_frozen() -> None:
    act = activations.get("relu")
    with pytest.raises(AttributeError):
        act.name = "other"  # type: ignore[misc]


def test_every_framework_note_reads_in_japanese_too() -> None:
    for act in activations.all_activations():
        for fw in act.frameworks:
            if fw.note:
                japanese = fw.describe_note("ja")
                assert japanese and japanese != fw.note
                assert any("\u3040" <= ch <= "\u30ff" for ch in japanese)
            assert fw.describe_note("en") == fw.note
