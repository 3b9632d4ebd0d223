r"""The kink lab's pure parts: validation, the training run, figures and CSV text.

The study note asks why ReLU, which is "カクカク" (angular), trains well when
smoothness was said to matter. The page answers in three steps, each built
here from numbers the libraries compute (nothing is typed in):

1. softplus with sharpness β becomes ReLU (within :math:`\ln 2/\beta`,
   :func:`networks.measured_sup_distance`), and the sigmoid with gain ``a``
   becomes the step (its :math:`f'` peaks at :math:`a/4`);
2. at ReLU's kink every slope in :math:`[0, 1]` is a subgradient, and the
   frameworks pick :math:`\mathrm{relu}'(0) = 0`;
3. ReLU, softplus and sigmoid networks trained alike
   (:func:`networks.kink_lab_states`, :func:`networks.train_chunk`).

Untrusted input (the page URL, the controls, the CSV queries) becomes a
:class:`KinkView` or a :class:`~components.state.ViewState` here, through
the same number parsing and problem messages as the explorer; every output
is computed from that validated value by the pure functions below.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

import activations
from components.curves import compute_curves
from components.figures import PRIME, axis_style, curve_marks, explorer_figure, fmt
from components.i18n import DEFAULT_LANGUAGE, Translate, translator
from components.state import (
    KEY_LANGUAGE,
    KEY_POINTS,
    KEY_XMAX,
    KEY_XMIN,
    Problem,
    RawQuery,
    ViewState,
    format_number,
    parse_language,
    parse_query,
    read_number,
    single_values,
)
from components.theme import colour, marker
from networks import (
    TrainConfig,
    chunk_epoch_limit,
    evaluate,
    kink_lab_states,
    measured_sup_distance,
    sup_distance_softplus_relu,
    train_chunk,
)
from networks.limits import DATASETS, LEARNING_RATE, SEED
from networks.mlp import forward
from networks.training import dataset_for

Figure = dict[str, Any]

# --- the morphs: slider steps -----------------------------------------------------

# Roughly even steps on a log scale (1, 1.2, 1.5, 2, ... per decade), so the
# slider moves β and a by about the same factor at every notch.
_MANTISSAS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)


def log_steps(low: float, high: float) -> tuple[float, ...]:
    """Every ``m·10^e`` (m in 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8) from ``low`` to ``high``."""
    steps = []
    for exponent in range(math.floor(math.log10(low)) - 1, math.ceil(math.log10(high)) + 1):
        for mantissa in _MANTISSAS:
            value = float(f"{mantissa}e{exponent}")  # 0.6, not 0.6000000000000001
            if low <= value <= high:
                steps.append(value)
    return tuple(steps)


#: Softplus sharpness β offered by the slider.
BETA_STEPS = log_steps(0.5, 50.0)
#: Sigmoid gain ``a`` offered by the slider (the catalogue's whole range).
GAIN_STEPS = log_steps(0.1, 100.0)
DEFAULT_BETA = 1.0
DEFAULT_GAIN = 1.0
BETA_MARKS = (0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0)
GAIN_MARKS = (0.1, 1.0, 10.0, 100.0)

# Where the morphs are drawn: 0 is a sample, and the spacing (0.01) still
# shows the sigmoid's spike at a = 100 (width about 4/a) with a few points.
PLOT_XMIN = -3.0
PLOT_XMAX = 3.0
PLOT_POINTS = 601


def nearest_step(value: float, steps: Sequence[float]) -> float:
    """The step closest to ``value`` on a log scale; 0 or less gives the smallest step."""
    target = math.log(value) if value > 0 else -math.inf
    return min(steps, key=lambda step: abs(math.log(step) - target))


def step_marks(steps: Sequence[float], marked: Sequence[float]) -> dict[int, str]:
    """Slider marks: the index of each value in ``marked``, labelled with the value."""
    return {steps.index(value): fmt(value) for value in marked}


def step_value(index: Any, steps: Sequence[float]) -> float | None:
    """The value at a slider position, or ``None`` if ``index`` is not one.

    The browser may send the position as a number or as text ("3"): a form
    control's value is untrusted either way, and both are read alike.
    """
    if isinstance(index, str):
        try:
            index = float(index) if len(index) <= 20 else math.nan
        except ValueError:
            return None
    if isinstance(index, bool) or not isinstance(index, (int, float)):
        return None
    if not (math.isfinite(index) and index == int(index) and 0 <= index < len(steps)):
        return None
    return steps[int(index)]


# --- the training run ---------------------------------------------------------------

#: Epochs every network is trained for. All three together take about 85 ms
#: of CPU (2-CPU x86_64, Python 3.12, NumPy 2.5), within a request's 200 ms;
#: each is trained in chunks no larger than the engine allows.
TRAIN_EPOCHS = 150
#: The loss of answering ½ for every point (the starting point of a balanced
#: data set); half of it counts as "learned" when the runs are compared. A
#: fixed level, not half the run's own start: softplus starts higher (its
#: units output ln 2 at z = 0), which would flatter it.
CHANCE_LOSS = math.log(2.0)
LEARNED_LOSS = CHANCE_LOSS / 2.0
#: Softplus in the training run: the catalogue's (and PyTorch's) default.
TRAIN_SOFTPLUS_BETA = 1.0
#: Full-batch gradient descent: the step is the gradient itself, so the size
#: of f′ shows directly (Adam would rescale it and narrow the gaps).
TRAIN_OPTIMISER = "sgd"


@dataclass(frozen=True)
class TrainingSettings:
    """What the visitor chooses for the training run; the rest is ``TrainConfig``'s defaults.

    The defaults show the point: on circles ReLU's loss falls within a few
    dozen epochs while the sigmoid's stays near ln 2.
    """

    dataset: str = "circles"
    seed: int = 0
    learning_rate: float = 0.3

    def config(self) -> TrainConfig:
        """The run's config (with ReLU; :func:`networks.kink_lab_states` swaps the activation).

        Data size, noise and network are :class:`~networks.TrainConfig`'s
        defaults: 200 points, 2 hidden layers of 16 units, He initialisation.
        """
        return TrainConfig(
            dataset=self.dataset,
            seed=self.seed,
            learning_rate=self.learning_rate,
            optimiser=TRAIN_OPTIMISER,
            batch_size=None,
        )


@dataclass(frozen=True)
class KinkRun:
    """One network of the run: its loss after each epoch and its final weights' evaluation.

    ``losses[e]`` is the loss on the whole data set after ``e`` updates
    (``losses[0]``: the initial weights); it has ``epochs + 1`` entries, fewer
    than ``TRAIN_EPOCHS + 1`` only if the run diverged.
    """

    name: str
    losses: np.ndarray
    accuracy: float
    dead_fraction: float
    dead_units: int
    hidden_units: int
    at_kink: int
    pre_activations: int
    diverged: bool

    @property
    def epochs(self) -> int:
        return len(self.losses) - 1

    def learned_at(self) -> int | None:
        """The first epoch whose loss is below :data:`LEARNED_LOSS` (``None``: never)."""
        hits = np.flatnonzero(self.losses < LEARNED_LOSS)
        return int(hits[0]) if hits.size else None


@functools.lru_cache(maxsize=32)
def kink_runs(settings: TrainingSettings) -> tuple[KinkRun, ...]:
    """Train ReLU, softplus and sigmoid alike for :data:`TRAIN_EPOCHS` epochs.

    Deterministic: the same settings give the same bits (the page and the CSV
    share this). The networks come from :func:`networks.kink_lab_states` and
    are trained by :func:`networks.train_chunk` in chunks of at most
    :func:`networks.chunk_epoch_limit` epochs. Cached: results are small
    (151 losses each) and a download usually follows the page's request.
    """
    states = kink_lab_states(settings.config(), beta=TRAIN_SOFTPLUS_BETA)
    runs = []
    for name, state in states.items():
        while state.epoch < TRAIN_EPOCHS and not state.diverged:
            before = state.epoch
            todo = min(chunk_epoch_limit(state.config), TRAIN_EPOCHS - state.epoch)
            state = train_chunk(state, todo)
            if state.epoch == before:  # the engine's own epoch limit
                break
        final = evaluate(state)
        hidden = state.config.depth * state.config.width
        # Every z of every hidden unit on every point, at the final weights.
        pre = forward(
            state.network, dataset_for(state.config).x, state.config.spec, slopes=False
        ).pre
        losses = np.append(state.loss_history, final.loss)
        losses.flags.writeable = False
        runs.append(
            KinkRun(
                name=name,
                losses=losses,
                accuracy=final.accuracy,
                dead_fraction=final.dead_fraction,
                dead_units=round(final.dead_fraction * hidden),
                hidden_units=hidden,
                at_kink=sum(int(np.count_nonzero(z == 0.0)) for z in pre),
                pre_activations=sum(z.size for z in pre),
                diverged=state.diverged,
            )
        )
    return tuple(runs)


def first_to_learn(runs: Sequence[KinkRun]) -> KinkRun | None:
    """The run whose loss fell below :data:`LEARNED_LOSS` first (ties: display order), if any."""
    done = [run for run in runs if run.learned_at() is not None]
    return min(done, key=lambda run: run.learned_at() or 0) if done else None


def training_csv(runs: Sequence[KinkRun]) -> str:
    """``epoch,loss_relu,loss_softplus,loss_sigmoid``, one row per epoch (0 to 150).

    Values at full float64 precision (``repr``); ``nan`` after a run diverged.
    """
    rows = max(len(run.losses) for run in runs)
    out = io.StringIO()
    out.write(",".join(["epoch", *(f"loss_{run.name}" for run in runs)]) + "\n")
    for epoch in range(rows):
        values = [
            repr(float(run.losses[epoch])) if epoch < len(run.losses) else "nan" for run in runs
        ]
        out.write(",".join([str(epoch), *values]) + "\n")
    return out.getvalue()


# --- validation -------------------------------------------------------------------

KEY_BETA = "beta"
KEY_GAIN = "a"
KEY_DATASET = "dataset"
KEY_SEED = "seed"
KEY_LEARNING_RATE = "lr"
TRAINING_KEYS = frozenset({KEY_DATASET, KEY_SEED, KEY_LEARNING_RATE, KEY_LANGUAGE})
PAGE_KEYS = TRAINING_KEYS | {KEY_BETA, KEY_GAIN}
MORPH_KEYS = frozenset({KEY_BETA, KEY_XMIN, KEY_XMAX, KEY_POINTS, KEY_LANGUAGE})
SIGMOID_KEYS = frozenset({KEY_GAIN, KEY_XMIN, KEY_XMAX, KEY_POINTS, KEY_LANGUAGE})
DISTANCE_KEYS = frozenset({KEY_BETA, KEY_LANGUAGE})
SUBGRADIENT_KEYS = frozenset({KEY_LANGUAGE})
# Problems name their field "smoothness.<key>", so their labels
# ("field.smoothness.<key>") cannot clash with another page's.
_FIELD = "smoothness."


@dataclass(frozen=True)
class KinkView:
    """Everything the page's URL holds: both sliders, the training settings and the language."""

    beta: float = DEFAULT_BETA
    gain: float = DEFAULT_GAIN
    training: TrainingSettings = TrainingSettings()
    lang: str = DEFAULT_LANGUAGE

    def to_query_dict(self) -> dict[str, str]:
        return {
            KEY_BETA: format_number(self.beta),
            KEY_GAIN: format_number(self.gain),
            KEY_DATASET: self.training.dataset,
            KEY_SEED: str(self.training.seed),
            KEY_LEARNING_RATE: format_number(self.training.learning_rate),
            KEY_LANGUAGE: self.lang,
        }

    def to_query(self) -> str:
        return "&".join(f"{key}={value}" for key, value in self.to_query_dict().items())

    def training_query(self) -> str:
        query = self.to_query_dict()
        return "&".join(f"{key}={query[key]}" for key in sorted(TRAINING_KEYS))


def _unknown_keys(raw: RawQuery, allowed: Collection[str]) -> list[Problem]:
    return [Problem(key[:40], "unknown_key", remedy="ignored") for key in raw if key not in allowed]


def _parse_step(
    text: str | None, key: str, steps: Sequence[float], default: float, problems: list[Problem]
) -> float:
    value = read_number(text, _FIELD + key, default, problems)
    if value is None:
        return default
    snapped = nearest_step(value, steps)
    if snapped != value:
        problems.append(
            Problem(
                _FIELD + key,
                "smoothness.problem.step",
                {"low": fmt(steps[0]), "high": fmt(steps[-1])},
                "using",
                {"value": fmt(snapped)},
            )
        )
    return snapped


def _parse_dataset(text: str | None, default: str, problems: list[Problem]) -> str:
    if text is None:
        return default
    if text in DATASETS:
        return text
    problems.append(
        Problem(
            _FIELD + KEY_DATASET,
            "smoothness.problem.dataset",
            {"text": repr(text[:40]), "valid": ", ".join(DATASETS)},
            "using",
            {"value": default},
        )
    )
    return default


def _parse_seed(text: str | None, default: int, problems: list[Problem]) -> int:
    value = read_number(text, _FIELD + KEY_SEED, default, problems)
    if value is None:
        return default
    if value != int(value):
        problems.append(
            Problem(_FIELD + KEY_SEED, "whole", remedy="using", remedy_values={"value": default})
        )
        return default
    if int(value) not in SEED:
        problems.append(
            Problem(
                _FIELD + KEY_SEED,
                "between",
                {"low": SEED.low, "high": f"{SEED.high:,}"},
                "using",
                {"value": default},
            )
        )
        return default
    return int(value)


def _parse_learning_rate(text: str | None, default: float, problems: list[Problem]) -> float:
    value = read_number(text, _FIELD + KEY_LEARNING_RATE, default, problems)
    if value is None:
        return default
    clamped = min(max(value, LEARNING_RATE.low), LEARNING_RATE.high)
    if clamped != value:
        problems.append(
            Problem(
                _FIELD + KEY_LEARNING_RATE,
                "between",
                {"low": fmt(LEARNING_RATE.low), "high": fmt(LEARNING_RATE.high)},
                "using",
                {"value": fmt(clamped)},
            )
        )
    return clamped


def parse_kink_query(
    raw: RawQuery,
    default_lang: str = DEFAULT_LANGUAGE,
    allowed: Collection[str] = PAGE_KEYS,
) -> tuple[KinkView, tuple[Problem, ...]]:
    """Validate the page's query (or the training CSV's, with ``allowed=TRAINING_KEYS``).

    As the explorer's :func:`~components.state.parse_query`: missing keys
    take their defaults silently; invalid ones are replaced (β and ``a`` go
    to the nearest slider step, the learning rate is clamped) and reported.
    """
    problems: list[Problem] = []
    values = single_values(raw, problems)
    problems.extend(_unknown_keys(values, allowed))
    lang = parse_language(values.get(KEY_LANGUAGE), default_lang, problems)
    default = KinkView()
    beta = _parse_step(values.get(KEY_BETA), KEY_BETA, BETA_STEPS, default.beta, problems)
    gain = _parse_step(values.get(KEY_GAIN), KEY_GAIN, GAIN_STEPS, default.gain, problems)
    training = TrainingSettings(
        dataset=_parse_dataset(values.get(KEY_DATASET), default.training.dataset, problems),
        seed=_parse_seed(values.get(KEY_SEED), default.training.seed, problems),
        learning_rate=_parse_learning_rate(
            values.get(KEY_LEARNING_RATE), default.training.learning_rate, problems
        ),
    )
    return KinkView(beta, gain, training, lang), tuple(problems)


def _pair_state(functions: tuple[str, str], param: str, value: float, lang: str) -> ViewState:
    """The explorer's view of two functions, the first with ``param`` at ``value``."""
    return ViewState(
        functions=functions,
        xmin=PLOT_XMIN,
        xmax=PLOT_XMAX,
        n=PLOT_POINTS,
        deriv=True,
        params=((functions[0], ((param, float(value)),)),),
        lang=lang,
    )


def morph_state(beta: float, lang: str = DEFAULT_LANGUAGE) -> ViewState:
    """Softplus (with ``beta``) and ReLU over the plotted range."""
    return _pair_state(("softplus", "relu"), "beta", beta, lang)


def sigmoid_state(gain: float, lang: str = DEFAULT_LANGUAGE) -> ViewState:
    """The sigmoid (with gain ``a``) and the step over the plotted range."""
    return _pair_state(("sigmoid", "step"), "a", gain, lang)


def _parse_pair_query(
    raw: RawQuery,
    functions: tuple[str, str],
    key: str,
    param: str,
    default_lang: str,
) -> tuple[ViewState, tuple[Problem, ...]]:
    """A pair morph's CSV query (``key``, ``xmin``, ``xmax``, ``n``, ``lang``) as an explorer view.

    ``key`` is the first function's ``param``; everything goes through the
    explorer's own validator, and missing keys take the page's plot.
    """
    allowed = frozenset({key, KEY_XMIN, KEY_XMAX, KEY_POINTS, KEY_LANGUAGE})
    unknown = _unknown_keys(raw, allowed)
    query: dict[str, Sequence[str]] = {
        KEY_XMIN: [format_number(PLOT_XMIN)],
        KEY_XMAX: [format_number(PLOT_XMAX)],
        KEY_POINTS: [str(PLOT_POINTS)],
    }
    query.update({k: raw[k] for k in allowed & raw.keys() if k != key})
    query.update({"fn": [",".join(functions)], "deriv": ["1"]})
    param_key = f"{functions[0]}.{param}"
    if key in raw:
        query[param_key] = raw[key]
    state, problems = parse_query(query, default_lang)
    renamed = tuple(replace(p, field=_FIELD + key) if p.field == param_key else p for p in problems)
    return state, (*unknown, *renamed)


def parse_morph_query(
    raw: RawQuery, default_lang: str = DEFAULT_LANGUAGE
) -> tuple[ViewState, tuple[Problem, ...]]:
    """``/export/softplus-morph.csv``'s query as the explorer's view of softplus and ReLU.

    ``beta`` (the catalogue's range, 0.01 to 100), ``xmin``, ``xmax``, ``n``
    and ``lang`` go through the explorer's own validator; missing keys take
    the page's plot (β = 1, x from -3 to 3, 601 points).
    """
    return _parse_pair_query(raw, ("softplus", "relu"), KEY_BETA, "beta", default_lang)


def parse_sigmoid_query(
    raw: RawQuery, default_lang: str = DEFAULT_LANGUAGE
) -> tuple[ViewState, tuple[Problem, ...]]:
    """``/export/sigmoid-morph.csv``'s query as the explorer's view of the sigmoid and the step.

    ``a`` (the sigmoid's gain, the catalogue's range), ``xmin``, ``xmax``,
    ``n`` and ``lang``; missing keys take the page's plot (a = 1, x from -3
    to 3, 601 points).
    """
    return _parse_pair_query(raw, ("sigmoid", "step"), KEY_GAIN, "a", default_lang)


def parse_distance_query(
    raw: RawQuery, default_lang: str = DEFAULT_LANGUAGE
) -> tuple[KinkView, tuple[Problem, ...]]:
    """``/export/softplus-distance.csv``'s query: ``beta`` (marked on the chart) and ``lang``."""
    return parse_kink_query(raw, default_lang, DISTANCE_KEYS)


def parse_subgradient_query(
    raw: RawQuery, default_lang: str = DEFAULT_LANGUAGE
) -> tuple[KinkView, tuple[Problem, ...]]:
    """``/export/kink-subgradients.csv``'s query: only ``lang`` (the figure has no control)."""
    return parse_kink_query(raw, default_lang, SUBGRADIENT_KEYS)


def morph_query(beta: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """The download's query for the page's plot at ``beta``."""
    return (
        f"{KEY_BETA}={format_number(beta)}&{KEY_XMIN}={format_number(PLOT_XMIN)}"
        f"&{KEY_XMAX}={format_number(PLOT_XMAX)}&{KEY_POINTS}={PLOT_POINTS}&{KEY_LANGUAGE}={lang}"
    )


def sigmoid_query(gain: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """The sigmoid download's query for the page's plot at gain ``gain``."""
    return (
        f"{KEY_GAIN}={format_number(gain)}&{KEY_XMIN}={format_number(PLOT_XMIN)}"
        f"&{KEY_XMAX}={format_number(PLOT_XMAX)}&{KEY_POINTS}={PLOT_POINTS}&{KEY_LANGUAGE}={lang}"
    )


def distance_query(beta: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """The distance download's query: the β marked on the chart and the language."""
    return f"{KEY_BETA}={format_number(beta)}&{KEY_LANGUAGE}={lang}"


def subgradient_query(lang: str = DEFAULT_LANGUAGE) -> str:
    return f"{KEY_LANGUAGE}={lang}"


def sigmoid_filename(state: ViewState) -> str:
    gain = format_number(state.params_for("sigmoid")["a"])
    return f"sigmoid-morph_a-{gain}_{format_number(state.xmin)}_{format_number(state.xmax)}.csv"


def distance_filename(view: KinkView) -> str:
    return f"softplus-distance_beta-{format_number(view.beta)}.csv"


SUBGRADIENT_FILENAME = "kink-subgradients.csv"


def morph_filename(state: ViewState) -> str:
    beta = format_number(state.params_for("softplus")["beta"])
    return f"softplus-morph_beta-{beta}_{format_number(state.xmin)}_{format_number(state.xmax)}.csv"


def training_filename(settings: TrainingSettings) -> str:
    return (
        f"kink-training_{settings.dataset}_seed-{settings.seed}"
        f"_lr-{format_number(settings.learning_rate)}.csv"
    )


# --- figures --------------------------------------------------------------------------

#: One place per activation on the whole page: ReLU is the same colour and the
#: same marker symbol in every chart (Okabe–Ito, as the explorer).
CURVE_INDEX = {"relu": 0, "softplus": 1, "sigmoid": 2, "step": 3}
COLOURS = {name: colour(index) for name, index in CURVE_INDEX.items()}
MARKERS = {name: marker(index) for name, index in CURVE_INDEX.items()}
# Guides (formula line, the fan of subgradients, chance level): the theme's
# axis grey and annotation grey, both of which components.theme re-colours
# for the dark background.
_GREY = "#6b7280"
_NOTE = "#444444"
_OUTLINE = "#ffffff"


def marks(name: str, dash: str = "solid") -> dict[str, Any]:
    """Line, colour and marker symbol of activation ``name``: f solid, f′ dashed."""
    return curve_marks(CURVE_INDEX[name], dash)


def _page_marks(figure: Figure) -> Figure:
    """Give each function of an explorer figure its page-wide colour and marker symbol.

    Curves keep their dash (f solid, f′ dashed); the explorer's max-|f′| point
    keeps its diamond and only takes the function's colour.
    """
    for trace in figure["data"]:
        name = trace.get("legendgroup", "")
        if name not in CURVE_INDEX:
            continue
        if "line" in trace:
            trace.update(marks(name, trace["line"].get("dash", "solid")))
        else:
            trace["marker"] = {**trace["marker"], "color": COLOURS[name]}
    return figure


def _layout(top: int) -> dict[str, Any]:
    """What every figure of the page shares with the explorer's: fonts, colours, legend on top."""
    return {
        "margin": {"l": 64, "r": 16, "t": top, "b": 48},
        "font": {"family": "system-ui, sans-serif", "size": 13},
        "plot_bgcolor": _OUTLINE,
        "paper_bgcolor": "rgba(0,0,0,0)",
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
    }


def morph_figure(beta: float, lang: str) -> Figure:
    """The explorer's f / f′ figure of softplus and ReLU, with the gap at 0 drawn."""
    tr = translator(lang)
    state = morph_state(beta, lang)
    figure = _page_marks(explorer_figure(compute_curves(state), state, exact=True))
    gap = sup_distance_softplus_relu(beta)
    figure["data"].append(
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": tr("smoothness.gap.trace", value=fmt(gap)),
            "x": [0.0, 0.0],
            "y": [0.0, gap],
            "line": {"color": _GREY, "width": 3},
            "marker": {"symbol": "line-ew", "size": 12, "line": {"color": _GREY, "width": 2}},
            "hovertemplate": tr("smoothness.gap.trace", value=fmt(gap)) + "<extra></extra>",
        }
    )
    return figure


def sigmoid_figure(gain: float, lang: str) -> Figure:
    """The explorer's f / f′ figure of the sigmoid with gain ``a`` and the step."""
    state = sigmoid_state(gain, lang)
    return _page_marks(explorer_figure(compute_curves(state), state, exact=True))


@dataclass(frozen=True)
class Distance:
    """The largest gap between softplus and ReLU at one β: formula and measurement."""

    beta: float
    formula: float
    measured: float
    where: float


@functools.cache
def distance_table() -> tuple[Distance, ...]:
    """:func:`networks.measured_sup_distance` beside the formula, at every slider step."""
    return tuple(
        Distance(beta, sup_distance_softplus_relu(beta), *measured_sup_distance(beta))
        for beta in BETA_STEPS
    )


def distance_at(beta: float) -> Distance:
    for row in distance_table():
        if row.beta == beta:
            return row
    return Distance(beta, sup_distance_softplus_relu(beta), *measured_sup_distance(beta))


def distance_csv() -> str:
    """``beta,formula,measured``: one row per slider step, values as ``repr``.

    ``formula`` is ln 2 / β (:func:`networks.sup_distance_softplus_relu`),
    ``measured`` the largest gap found (:func:`networks.measured_sup_distance`).
    """
    out = io.StringIO()
    out.write("beta,formula,measured\n")
    for row in distance_table():
        out.write(f"{row.beta!r},{row.formula!r},{row.measured!r}\n")
    return out.getvalue()


def distance_figure(beta: float, lang: str) -> Figure:
    """ln 2 / β against β (log–log: a line of slope −1), measured points, the current β."""
    tr = translator(lang)
    betas = np.geomspace(BETA_STEPS[0], BETA_STEPS[-1], 200)
    table = distance_table()
    current = distance_at(beta)
    data = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": tr("smoothness.distance.formula"),
            "x": betas,
            "y": np.log(2.0) / betas,
            "line": {"color": _GREY, "width": 2},
            "hovertemplate": "β = %{x:.3g}<br>ln 2 / β = %{y:.6g}<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "name": tr("smoothness.distance.measured"),
            "x": [row.beta for row in table],
            "y": [row.measured for row in table],
            "marker": {"color": COLOURS["softplus"], "size": 7, "symbol": "circle-open"},
            "hovertemplate": "β = %{x:.3g}<br>"
            + tr("smoothness.distance.measured")
            + " = %{y:.6g}<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "name": tr("smoothness.distance.current", beta=fmt(beta)),
            "x": [current.beta],
            "y": [current.measured],
            "marker": {"color": COLOURS["softplus"], "size": 13, "symbol": "diamond"},
            "hovertemplate": "β = %{x:.3g}<br>%{y:.6g}<extra></extra>",
        },
    ]
    layout = _layout(top=32) | {
        "uirevision": "distance",
        "xaxis": axis_style(title="β") | {"type": "log"},
        "yaxis": axis_style(title=tr("smoothness.distance.axis")) | {"type": "log"},
    }
    return {"data": data, "layout": layout}


# The fan: lines through the origin with these slopes, all below ReLU.
FAN_SLOPES = (0.0, 0.25, 0.5, 0.75, 1.0)
_KINK_X = 1.5


KINK_POINTS = 301


def kink_lines() -> tuple[np.ndarray, np.ndarray, dict[float, np.ndarray]]:
    """The kink figure's upper panel: x, ReLU from the catalogue, and each fan line g·x."""
    x = np.linspace(-_KINK_X, _KINK_X, KINK_POINTS)
    return (
        x,
        activations.get("relu")(x),
        {slope: slope * x + 0.0 for slope in FAN_SLOPES},
    )  # + 0.0: no -0.0


@dataclass(frozen=True)
class SubgradientInterval:
    """The lower panel at x = 0: every slope in [low, high] is a subgradient of ReLU there."""

    low: float
    high: float
    framework: float
    softplus: float


def subgradient_interval() -> SubgradientInterval:
    """[0, 1] (the fan's slopes), relu′(0) as the catalogue (and frameworks) pick, softplus′(0)."""
    zero = np.array([0.0])
    return SubgradientInterval(
        low=min(FAN_SLOPES),
        high=max(FAN_SLOPES),
        framework=float(activations.get("relu").derivative(zero)[0]),
        softplus=float(activations.get("softplus").derivative(zero)[0]),
    )


def subgradient_csv() -> str:
    """Two tables separated by a blank line, values as ``repr``.

    First ``x,relu,slope_<g>,...``: the lines drawn, one row per sample
    (301 from -1.5 to 1.5). Then ``x,subgradient_low,subgradient_high,
    d_relu_framework,d_softplus``: one row at x = 0, the interval of
    subgradients and the two slopes marked on the f′ panel.
    """
    x, relu_y, fan = kink_lines()
    out = io.StringIO()
    out.write(",".join(["x", "relu", *(f"slope_{format_number(g)}" for g in fan)]) + "\n")
    columns = [x, relu_y, *fan.values()]
    for row in zip(*(column.astype(float).tolist() for column in columns), strict=True):
        out.write(",".join(map(repr, row)) + "\n")
    interval = subgradient_interval()
    out.write("\nx,subgradient_low,subgradient_high,d_relu_framework,d_softplus\n")
    values = (0.0, interval.low, interval.high, interval.framework, interval.softplus)
    out.write(",".join(repr(float(v)) for v in values) + "\n")
    return out.getvalue()


def relu_slopes(x: np.ndarray) -> np.ndarray:
    """ReLU′ as the kink figure draws it: 0 left of 0, 1 right of it, no value at 0."""
    slopes = np.where(x > 0, 1.0, 0.0)
    slopes[np.abs(x) < 1e-12] = np.nan
    return slopes


def kink_figure(lang: str) -> Figure:
    """ReLU at its kink: the fan of subgradient lines on f, the interval [0, 1] on f′."""
    tr = translator(lang)
    relu = activations.get("relu")
    x, relu_y, fan = kink_lines()
    label = relu.label(lang)
    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            **marks("relu"),
            "name": label,
            "x": x,
            "y": relu_y,
            "hovertemplate": f"<b>{label}</b><br>x = %{{x:.3g}}<br>f(x) = %{{y:.3g}}"
            "<extra></extra>",
        }
    ]
    for i, (slope, line) in enumerate(fan.items()):
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": tr("smoothness.kink.fan"),
                "legendgroup": "fan",
                "showlegend": i == 0,
                "x": x,
                "y": line,
                "line": {"color": _GREY, "width": 1, "dash": "dash"},
                "hovertemplate": tr("smoothness.kink.fan_line", slope=fmt(slope))
                + "<extra></extra>",
            }
        )
    # f′: 0 on the left, 1 on the right, and at 0 the whole interval [0, 1]
    # (drawn below), so the dashed line has a gap there.
    data.append(
        {
            "type": "scatter",
            **marks("relu", dash="dash"),
            "name": f"{label} f{PRIME}",
            "showlegend": False,
            "x": x,
            "y": relu_slopes(x),
            "xaxis": "x2",
            "yaxis": "y2",
            "hoverinfo": "skip",
        }
    )
    data.append(
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": tr("smoothness.kink.interval"),
            "x": [0.0] * len(FAN_SLOPES),
            "y": list(FAN_SLOPES),
            "xaxis": "x2",
            "yaxis": "y2",
            "line": {"color": _GREY, "width": 5},
            "marker": {"color": _GREY, "size": 7, "symbol": "line-ew-open"},
            "hovertemplate": tr("smoothness.kink.interval") + "<extra></extra>",
        }
    )
    interval = subgradient_interval()
    framework, softplus_slope = interval.framework, interval.softplus
    for name, value, symbol, marker_colour in (
        (tr("smoothness.kink.framework"), framework, "circle", COLOURS["relu"]),
        (tr("smoothness.kink.softplus"), softplus_slope, "diamond", COLOURS["softplus"]),
    ):
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": name,
                "x": [0.0],
                "y": [value],
                "xaxis": "x2",
                "yaxis": "y2",
                "marker": {
                    "color": marker_colour,
                    "size": 13,
                    "symbol": symbol,
                    "line": {"color": _OUTLINE, "width": 1.5},
                },
                "hovertemplate": name + "<extra></extra>",
            }
        )
    layout = _layout(top=40) | {
        "hovermode": "closest",
        "xaxis": axis_style(range_=[-_KINK_X, _KINK_X]) | {"anchor": "y", "showticklabels": False},
        "yaxis": axis_style(title=tr("axis.f")) | {"domain": [0.56, 1.0]},
        "xaxis2": axis_style(title=tr("axis.x"), range_=[-_KINK_X, _KINK_X])
        | {"anchor": "y2", "matches": "x"},
        "yaxis2": axis_style(title=tr("axis.df")) | {"domain": [0.0, 0.44], "range": [-0.15, 1.15]},
    }
    return {"data": data, "layout": layout}


def loss_figure(runs: Sequence[KinkRun], lang: str) -> Figure:
    """The three loss curves against the epoch, with the chance level ln 2 dotted."""
    tr = translator(lang)
    data = []
    for run in runs:
        label = activations.get(run.name).label(lang)
        data.append(
            {
                "type": "scatter",
                **marks(run.name),
                "name": label,
                "x": np.arange(len(run.losses)),
                "y": run.losses,
                "hovertemplate": f"<b>{label}</b><br>"
                + tr("smoothness.train.hover")
                + "<extra></extra>",
            }
        )
    chance = CHANCE_LOSS
    layout = _layout(top=32) | {
        "hovermode": "x unified",
        "xaxis": axis_style(title=tr("smoothness.train.epoch"), range_=[0, TRAIN_EPOCHS]),
        "yaxis": axis_style(title=tr("smoothness.train.loss")) | {"rangemode": "tozero"},
        "shapes": [
            {
                "type": "line",
                "xref": "x domain",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": chance,
                "y1": chance,
                "line": {"color": _GREY, "width": 1, "dash": "dot"},
            }
        ],
        "annotations": [
            {
                "xref": "x domain",
                "yref": "y",
                "x": 1,
                "y": chance,
                "xanchor": "right",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 11, "color": _NOTE},
                "text": tr("smoothness.train.chance"),
            }
        ],
    }
    return {"data": data, "layout": layout}


# --- text ---------------------------------------------------------------------------


def distance_text(beta: float, tr: Translate) -> str:
    row = distance_at(beta)
    return tr(
        "smoothness.distance.text",
        beta=fmt(beta),
        formula=fmt(row.formula),
        measured=fmt(row.measured),
        where=fmt(row.where),
    )


def sigmoid_text(gain: float, tr: Translate) -> str:
    peak = activations.grad_peak(activations.get("sigmoid"), PLOT_XMIN, PLOT_XMAX, {"a": gain})
    return tr(
        "smoothness.sigmoid.readout",
        a=fmt(gain),
        formula=fmt(gain / 4.0),
        measured=fmt(peak.abs_value),
        where=fmt(peak.x),
    )


def run_cells(run: KinkRun, tr: Translate) -> dict[str, str]:
    """The text of one row of the results table."""
    learned = run.learned_at()
    if run.name == "relu":
        dead = tr(
            "smoothness.train.dead_count",
            dead=run.dead_units,
            total=run.hidden_units,
            percent=f"{100.0 * run.dead_fraction:.0f}",
        )
    else:
        dead = tr("smoothness.train.cannot_die")
    return {
        "start": f"{run.losses[0]:.3f}",
        "end": f"{run.losses[-1]:.3f}",
        "accuracy": f"{100.0 * run.accuracy:.0f}%",
        "learned": str(learned)
        if learned is not None
        else tr("smoothness.train.not_within", epochs=TRAIN_EPOCHS),
        "dead": dead,
    }


def verdict_text(runs: Sequence[KinkRun], tr: Translate, lang: str) -> str:
    """One sentence on this run: whose loss fell below ln 2 / 2 first, or that none did."""
    first = first_to_learn(runs)
    if first is None:
        return tr("smoothness.train.verdict_none", epochs=TRAIN_EPOCHS)
    return tr(
        "smoothness.train.verdict",
        name=activations.get(first.name).label(lang),
        epoch=first.learned_at(),
    )


# --- text alternatives: what each chart shows, and its numbers as table rows ------------

#: Rows of a chart's table at most: enough to read the shape, the CSV has the rest.
TABLE_ROWS = 11


def sample_rows(count: int, rows: int = TABLE_ROWS) -> list[int]:
    """``rows`` evenly spaced indices from 0 to ``count - 1``, both ends included."""
    return sorted({round(i * (count - 1) / (rows - 1)) for i in range(rows)}) if count > 1 else [0]


def distance_summary(beta: float, tr: Translate) -> str:
    """The distance chart in words: axes, the line of slope −1, the current β and its gap."""
    return tr(
        "smoothness.distance.summary",
        low=fmt(BETA_STEPS[0]),
        high=fmt(BETA_STEPS[-1]),
        count=len(BETA_STEPS),
        beta=fmt(beta),
        measured=fmt(distance_at(beta).measured),
    )


def distance_rows() -> list[tuple[str, str, str]]:
    """β, ln 2 / β and the measured gap at every slider step (21 rows)."""
    return [(fmt(row.beta), fmt(row.formula), fmt(row.measured)) for row in distance_table()]


def kink_summary(tr: Translate) -> str:
    """The kink figure in words: the fan on f, the interval and the two slopes on f′."""
    interval = subgradient_interval()
    return tr(
        "smoothness.kink.summary",
        xmin=fmt(-_KINK_X),
        xmax=fmt(_KINK_X),
        slopes=tr("smoothness.list_join").join(fmt(g) for g in FAN_SLOPES),
        low=fmt(interval.low),
        high=fmt(interval.high),
        framework=fmt(interval.framework),
        softplus=fmt(interval.softplus),
    )


#: Samples of the kink figure's table: every half unit from -1.5 to 1.5.
KINK_TABLE_ROWS = 7


def kink_rows() -> list[list[str]]:
    """x, ReLU and each line g·x at a few evenly spaced samples of the figure."""
    x, relu_y, fan = kink_lines()
    return [
        [fmt(float(x[i])), fmt(float(relu_y[i])), *(fmt(float(line[i])) for line in fan.values())]
        for i in sample_rows(len(x), KINK_TABLE_ROWS)
    ]


def loss_summary(runs: Sequence[KinkRun], tr: Translate, lang: str) -> str:
    """The loss chart in words, with each network's final loss."""
    finals = tr("smoothness.list_join").join(
        tr(
            "smoothness.loss.final",
            name=activations.get(run.name).label(lang),
            loss=f"{run.losses[-1]:.3f}",
        )
        for run in runs
    )
    return tr("smoothness.loss.summary", epochs=TRAIN_EPOCHS, finals=finals)


def loss_rows(runs: Sequence[KinkRun]) -> list[list[str]]:
    """The loss of every network at every ``TRAIN_EPOCHS / 10``-th epoch ("—" after divergence)."""
    return [
        [str(epoch)]
        + [f"{run.losses[epoch]:.4f}" if epoch < len(run.losses) else "—" for run in runs]
        for epoch in sample_rows(TRAIN_EPOCHS + 1)
    ]
