r"""The vanishing-gradient lab's pure part: queries, numbers, figures and CSV.

Nothing here talks to Dash; the page (:mod:`components.pages.gradients`)
and the CSV routes call these functions, and so do the tests. As in the
explorer there is one path for every input: a raw query (strings, as a URL
carries them; the page's controls are turned into the same strings) goes
through :func:`parse_network_query` or :func:`parse_training_query`, which
return a typed, bounded query and the problems found. The CSV routes answer
400 when there is any problem; the page keeps its last good view and says
what to fix. Every number then comes from :mod:`networks`.

Three parts:

1. the bound :math:`(\max|f'|)^L` beside the same product measured on a real
   initialised network (:func:`bound_table`);
2. the per-layer gradient norms at initialisation (:func:`gradient_table`);
3. training side by side, in chunks whose size keeps each request within
   :data:`networks.limits.CHUNK_SECONDS` (:func:`chunk_epochs`,
   :func:`advance`), with the runs kept by the browser as checked JSON
   (:func:`runs_to_store`, :func:`runs_from_store`).
"""

from __future__ import annotations

import dataclasses
import io
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any
from urllib.parse import urlencode

import numpy as np

import activations
from components.downloads import csv_table
from components.figures import axis_style, curve_marks
from components.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translate, translator
from networks import limits
from networks.datasets import Dataset
from networks.gradients import init_gradient_norms, layer_mean_slopes, max_abs_slope
from networks.mlp import ActivationSpec
from networks.state_json import StateError, state_from_json, state_to_json
from networks.training import (
    DecisionGrid,
    TrainConfig,
    TrainState,
    dataset_for,
    decision_grid,
    new_state,
    train_chunk,
)

# --- choices and defaults ------------------------------------------------------

#: "recommended": Xavier for saturating and odd activations, He for the ReLU family.
INIT_RECOMMENDED = "recommended"
INIT_CHOICES: tuple[str, ...] = (INIT_RECOMMENDED, *limits.INITS)
#: Activations that zero (or nearly zero) one side, as ReLU does: He et al. (2015)
#: derived their initialisation for them. Every other activation gets Xavier.
HE_FAMILY = frozenset(
    {
        "relu",
        "leaky_relu",
        "relu6",
        "elu",
        "celu",
        "gelu",
        "gelu_tanh",
        "silu",
        "mish",
        "hard_swish",
        "softplus",
        "squareplus",
    }
)

MAX_FUNCTIONS = 8  # compared in parts 1 and 2
MAX_TRAIN_FUNCTIONS = 3  # trained side by side (each chunk's budget is split between them)
DEFAULT_FUNCTIONS: tuple[str, ...] = ("sigmoid", "relu")

DEFAULT_BOUND_DEPTH = 10
DEFAULT_DEPTH = 8
DEFAULT_WIDTH = 32
DEFAULT_INIT = "xavier"
DEFAULT_SIGMA = 1.0
DEFAULT_SEED = 0

# Training defaults: deep enough for the sigmoid to stall at ln 2 with plain
# SGD while ReLU separates the circles within a few hundred epochs.
DEFAULT_DATASET = "circles"
DEFAULT_POINTS = 200
DEFAULT_NOISE = 0.1
DEFAULT_TRAIN_DEPTH = 4
DEFAULT_TRAIN_WIDTH = 16
DEFAULT_TRAIN_INIT = INIT_RECOMMENDED
DEFAULT_OPTIMISER = "sgd"
DEFAULT_LEARNING_RATE = 0.5
DEFAULT_EPOCHS = 300
EPOCHS = limits.IntRange(1, limits.MAX_EPOCHS)
BATCH_FULL = "full"

# --- time budgets ------------------------------------------------------------------

# Measured (2-CPU x86_64, Python 3.12, NumPy 2.5), one chunk's whole answer
# (load and check the store, train, grids, figures, JSON) at the largest
# settings: 95-115 ms of CPU (GELU alone; sigmoid and ReLU side by side, with
# Adam) when the machine is idle, 180-190 ms while other processes compete for
# it; about 50 ms at the page's defaults. The training CSV at its cap: 0.6-0.7 s.

#: A training CSV may cost this many chunks' worth of epochs (each calibrated
#: by :func:`networks.limits.max_chunk_epochs` at about half of
#: CHUNK_SECONDS at the largest settings): about 1 s at worst.
CSV_CHUNK_BUDGETS = 10
#: The decision boundaries may take this fraction of one chunk's calibrated
#: training budget...
GRID_SHARE = Fraction(1, 2)
#: ...where one grid point (a forward pass only) costs at most this many data
#: points of a training epoch (measured: 0.6 for ReLU, 1.3 for exact GELU).
GRID_POINT_COST = 2
MIN_GRID = 12

# --- query keys --------------------------------------------------------------------

KEY_FUNCTIONS = "fn"
KEY_DEPTH = "depth"
KEY_WIDTH = "width"
KEY_INIT = "init"
KEY_SIGMA = "sigma"
KEY_SEED = "seed"
KEY_DATASET = "dataset"
KEY_POINTS = "points"
KEY_NOISE = "noise"
KEY_OPTIMISER = "optimiser"
KEY_LEARNING_RATE = "lr"
KEY_BATCH = "batch"
KEY_EPOCHS = "epochs"
KEY_LANGUAGE = "lang"

MAX_VALUE_CHARS = 40
MAX_QUERY_CHARS = 2_000
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")

RawQuery = Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class LabProblem:
    """One thing wrong with a query: the query key and a catalogue message.

    The message is ``gradients.problem.<key>`` filled with ``values``; the
    field's name is ``gradients.field.<field>`` (the raw key if unknown).
    """

    field: str
    key: str
    values: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        tr = translator(lang)
        try:
            label = tr(f"gradients.field.{self.field}")
        except KeyError:
            label = self.field
        return f"{label}: {tr(f'gradients.problem.{self.key}', **self.values)}"

    def __str__(self) -> str:
        return self.text()


class _Invalid(ValueError):
    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


# --- the two queries ---------------------------------------------------------------


@dataclass(frozen=True)
class NetworkQuery:
    """Parts 1 and 2: activations and an initialised network of ``depth`` x ``width``.

    For the bound (part 1) ``depth`` is L, up to 50; width, init, σ and seed
    define the network the product is measured on.
    """

    functions: tuple[str, ...] = DEFAULT_FUNCTIONS
    depth: int = DEFAULT_DEPTH
    width: int = DEFAULT_WIDTH
    init: str = DEFAULT_INIT
    sigma: float = DEFAULT_SIGMA
    seed: int = DEFAULT_SEED
    lang: str = DEFAULT_LANGUAGE

    def to_query(self) -> str:
        query = {
            KEY_FUNCTIONS: ",".join(self.functions),
            KEY_DEPTH: str(self.depth),
            KEY_WIDTH: str(self.width),
            KEY_INIT: self.init,
        }
        if self.init == "normal":
            query[KEY_SIGMA] = format_number(self.sigma)
        query[KEY_SEED] = str(self.seed)
        query[KEY_LANGUAGE] = self.lang
        return urlencode(query, safe=",")


@dataclass(frozen=True)
class TrainingQuery:
    """Part 3: the data set, the network, the optimiser and the epochs to reach."""

    functions: tuple[str, ...] = DEFAULT_FUNCTIONS
    dataset: str = DEFAULT_DATASET
    points: int = DEFAULT_POINTS
    noise: float = DEFAULT_NOISE
    depth: int = DEFAULT_TRAIN_DEPTH
    width: int = DEFAULT_TRAIN_WIDTH
    init: str = DEFAULT_TRAIN_INIT
    sigma: float = DEFAULT_SIGMA
    optimiser: str = DEFAULT_OPTIMISER
    learning_rate: float = DEFAULT_LEARNING_RATE
    batch_size: int | None = None
    seed: int = DEFAULT_SEED
    epochs: int = DEFAULT_EPOCHS
    lang: str = DEFAULT_LANGUAGE

    def config(self, function: str) -> TrainConfig:
        return TrainConfig(
            dataset=self.dataset,
            points=self.points,
            noise=self.noise,
            activation=function,
            depth=self.depth,
            width=self.width,
            init=resolved_init(self.init, function),
            sigma=self.sigma,
            optimiser=self.optimiser,
            learning_rate=self.learning_rate,
            batch_size=self.batch_size,
            seed=self.seed,
        )

    def configs(self) -> tuple[TrainConfig, ...]:
        """One :class:`~networks.training.TrainConfig` per activation, in order."""
        return tuple(self.config(name) for name in self.functions)

    def data_query(self) -> str:
        """The query of the training points alone (see :func:`parse_data_query`)."""
        query = {
            KEY_DATASET: self.dataset,
            KEY_POINTS: str(self.points),
            KEY_NOISE: format_number(self.noise),
            KEY_SEED: str(self.seed),
            KEY_LANGUAGE: self.lang,
        }
        return urlencode(query)

    def to_query(self, epochs: int | None = None) -> str:
        query = {
            KEY_FUNCTIONS: ",".join(self.functions),
            KEY_DATASET: self.dataset,
            KEY_POINTS: str(self.points),
            KEY_NOISE: format_number(self.noise),
            KEY_DEPTH: str(self.depth),
            KEY_WIDTH: str(self.width),
            KEY_INIT: self.init,
        }
        if self.init == "normal":
            query[KEY_SIGMA] = format_number(self.sigma)
        query |= {
            KEY_OPTIMISER: self.optimiser,
            KEY_LEARNING_RATE: format_number(self.learning_rate),
            KEY_BATCH: BATCH_FULL if self.batch_size is None else str(self.batch_size),
            KEY_SEED: str(self.seed),
            KEY_EPOCHS: str(self.epochs if epochs is None else epochs),
            KEY_LANGUAGE: self.lang,
        }
        return urlencode(query, safe=",")


def resolved_init(init: str, function: str) -> str:
    """The initialisation ``function`` gets: ``init`` itself, or the recommended one."""
    if init != INIT_RECOMMENDED:
        return init
    return "he" if function in HE_FAMILY else "xavier"


def format_number(value: float) -> str:
    """Shortest text that reads back as the same float ("0.5", "1" rather than "1.0")."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


# --- parsing -----------------------------------------------------------------------


def _shown(text: str) -> str:
    return repr(text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS] + "…")


def _number(text: str) -> float:
    text = text.strip()
    if not text:
        raise _Invalid("empty")
    if len(text) > MAX_VALUE_CHARS or not _NUMBER.match(text):
        raise _Invalid("not_number", text=_shown(text))
    value = float(text)
    if not math.isfinite(value):
        raise _Invalid("not_number", text=_shown(text))
    return value


def _integer(span: limits.IntRange) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = _number(text)
        if value != int(value):
            raise _Invalid("whole")
        if not span.low <= value <= span.high:
            raise _Invalid("int_range", low=span.low, high=f"{span.high:,}")
        return int(value)

    return parse


def _real(span: limits.FloatRange) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = _number(text)
        if not span.low <= value <= span.high:
            raise _Invalid("range", low=format_number(span.low), high=format_number(span.high))
        return value

    return parse


def _choice(options: Sequence[str]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = text.strip().lower()
        if value not in options:
            raise _Invalid("choice", text=_shown(text), valid=", ".join(options))
        return value

    return parse


def _functions(most: int) -> Callable[[str], tuple[str, ...]]:
    def parse(text: str) -> tuple[str, ...]:
        chosen: list[str] = []
        for name in (part.strip() for part in text.split(",")):
            if not name:
                continue
            if name not in activations.names():
                raise _Invalid("unknown_function", name=_shown(name))
            if name in chosen:
                raise _Invalid("listed_twice", name=repr(name))
            chosen.append(name)
        if not chosen:
            raise _Invalid("no_function")
        if len(chosen) > most:
            raise _Invalid("too_many", max=most)
        return tuple(chosen)

    return parse


def _batch(text: str) -> int | None:
    if text.strip().lower() == BATCH_FULL:
        return None
    try:
        return _integer(limits.BATCH_SIZE)(text)
    except _Invalid:
        span = limits.BATCH_SIZE
        raise _Invalid("batch", low=span.low, high=span.high) from None


_NETWORK_FIELDS: dict[str, Callable[[str], Any]] = {
    KEY_FUNCTIONS: _functions(MAX_FUNCTIONS),
    KEY_WIDTH: _integer(limits.GRADIENT_WIDTH),
    KEY_INIT: _choice(INIT_CHOICES),
    KEY_SIGMA: _real(limits.SIGMA),
    KEY_SEED: _integer(limits.SEED),
}

_TRAINING_FIELDS: dict[str, Callable[[str], Any]] = {
    KEY_FUNCTIONS: _functions(MAX_TRAIN_FUNCTIONS),
    KEY_DATASET: _choice(limits.DATASETS),
    KEY_POINTS: _integer(limits.POINTS),
    KEY_NOISE: _real(limits.NOISE),
    KEY_DEPTH: _integer(limits.TRAIN_DEPTH),
    KEY_WIDTH: _integer(limits.TRAIN_WIDTH),
    KEY_INIT: _choice(INIT_CHOICES),
    KEY_SIGMA: _real(limits.SIGMA),
    KEY_OPTIMISER: _choice(limits.OPTIMISERS),
    KEY_LEARNING_RATE: _real(limits.LEARNING_RATE),
    KEY_BATCH: _batch,
    KEY_SEED: _integer(limits.SEED),
    KEY_EPOCHS: _integer(EPOCHS),
}


def _parse(
    raw: RawQuery,
    fields: Mapping[str, Callable[[str], Any]],
    default_lang: str = DEFAULT_LANGUAGE,
) -> tuple[dict[str, Any], str, list[LabProblem]]:
    """Parsed values of the keys present, the language, and every problem."""
    problems: list[LabProblem] = []
    lang = default_lang if default_lang in LANGUAGES else DEFAULT_LANGUAGE
    total = sum(len(k) + sum(len(v) for v in vs) for k, vs in raw.items())
    if total > MAX_QUERY_CHARS:
        return {}, lang, [LabProblem("query", "too_long", {"max": MAX_QUERY_CHARS})]
    values: dict[str, Any] = {}
    for key, given in raw.items():
        if not given:
            continue
        if len(given) > 1:
            problems.append(LabProblem(key[:MAX_VALUE_CHARS], "repeated"))
            continue
        text = given[0]
        if key == KEY_LANGUAGE:
            if text.strip().lower() in LANGUAGES:
                lang = text.strip().lower()
            else:
                problems.append(LabProblem(key, "language", {"text": _shown(text)}))
            continue
        parse = fields.get(key)
        if parse is None:
            problems.append(LabProblem(key[:MAX_VALUE_CHARS], "unknown_key"))
            continue
        try:
            values[key] = parse(text)
        except _Invalid as error:
            problems.append(LabProblem(key, error.key, error.values))
    return values, lang, problems


def parse_network_query(
    raw: RawQuery, depth_range: limits.IntRange, default_depth: int
) -> tuple[NetworkQuery, tuple[LabProblem, ...]]:
    """The query of part 1 (``depth_range`` = BOUND_DEPTH) or part 2 (GRADIENT_DEPTH).

    Missing keys take their defaults; every invalid value is a problem and
    leaves the default in its place (callers refuse a query with problems).
    """
    values, lang, problems = _parse(raw, {**_NETWORK_FIELDS, KEY_DEPTH: _integer(depth_range)})
    query = NetworkQuery(
        functions=values.get(KEY_FUNCTIONS, DEFAULT_FUNCTIONS),
        depth=values.get(KEY_DEPTH, default_depth),
        width=values.get(KEY_WIDTH, DEFAULT_WIDTH),
        init=values.get(KEY_INIT, DEFAULT_INIT),
        sigma=values.get(KEY_SIGMA, DEFAULT_SIGMA),
        seed=values.get(KEY_SEED, DEFAULT_SEED),
        lang=lang,
    )
    return query, tuple(problems)


def parse_bound_query(raw: RawQuery) -> tuple[NetworkQuery, tuple[LabProblem, ...]]:
    return parse_network_query(raw, limits.BOUND_DEPTH, DEFAULT_BOUND_DEPTH)


def parse_gradient_query(raw: RawQuery) -> tuple[NetworkQuery, tuple[LabProblem, ...]]:
    return parse_network_query(raw, limits.GRADIENT_DEPTH, DEFAULT_DEPTH)


def parse_training_query(
    raw: RawQuery, cap_epochs: bool = False
) -> tuple[TrainingQuery, tuple[LabProblem, ...]]:
    """The query of part 3; with ``cap_epochs`` (the CSV), epochs beyond
    :func:`csv_epoch_cap` are a problem too."""
    values, lang, problems = _parse(raw, _TRAINING_FIELDS)
    query = TrainingQuery(
        functions=values.get(KEY_FUNCTIONS, DEFAULT_FUNCTIONS),
        dataset=values.get(KEY_DATASET, DEFAULT_DATASET),
        points=values.get(KEY_POINTS, DEFAULT_POINTS),
        noise=values.get(KEY_NOISE, DEFAULT_NOISE),
        depth=values.get(KEY_DEPTH, DEFAULT_TRAIN_DEPTH),
        width=values.get(KEY_WIDTH, DEFAULT_TRAIN_WIDTH),
        init=values.get(KEY_INIT, DEFAULT_TRAIN_INIT),
        sigma=values.get(KEY_SIGMA, DEFAULT_SIGMA),
        optimiser=values.get(KEY_OPTIMISER, DEFAULT_OPTIMISER),
        learning_rate=values.get(KEY_LEARNING_RATE, DEFAULT_LEARNING_RATE),
        batch_size=values.get(KEY_BATCH),
        seed=values.get(KEY_SEED, DEFAULT_SEED),
        epochs=values.get(KEY_EPOCHS, DEFAULT_EPOCHS),
        lang=lang,
    )
    if query.batch_size is not None and query.batch_size > query.points:
        problems.append(
            LabProblem(
                KEY_BATCH, "batch_points", {"batch": query.batch_size, "points": query.points}
            )
        )
    if cap_epochs and not problems:
        cap = csv_epoch_cap(query.configs())
        if query.epochs > cap:
            problems.append(LabProblem(KEY_EPOCHS, "epochs_cap", {"max": cap}))
    return query, tuple(problems)


_DATA_FIELDS = {
    key: _TRAINING_FIELDS[key] for key in (KEY_DATASET, KEY_POINTS, KEY_NOISE, KEY_SEED)
}


def parse_data_query(raw: RawQuery) -> tuple[TrainingQuery, tuple[LabProblem, ...]]:
    """The data keys of part 3 only (``dataset``, ``points``, ``noise``, ``seed``,
    ``lang``): the training points do not depend on the network. Any other key is a
    problem; the other settings keep their defaults."""
    values, lang, problems = _parse(raw, _DATA_FIELDS)
    query = TrainingQuery(
        dataset=values.get(KEY_DATASET, DEFAULT_DATASET),
        points=values.get(KEY_POINTS, DEFAULT_POINTS),
        noise=values.get(KEY_NOISE, DEFAULT_NOISE),
        seed=values.get(KEY_SEED, DEFAULT_SEED),
        lang=lang,
    )
    return query, tuple(problems)


# --- the page's address: every control of the three parts ---------------------------

# Parts 1 and 2 share the activations and the network; each part has its own
# depth. Part 3's keys that would clash with them carry a ``t`` prefix.
PAGE_BOUND_DEPTH = "bdepth"
PAGE_GRADIENT_DEPTH = "gdepth"
PAGE_TRAIN_FUNCTIONS = "tfn"
PAGE_TRAIN_DEPTH = "tdepth"
PAGE_TRAIN_WIDTH = "twidth"
PAGE_TRAIN_INIT = "tinit"
PAGE_TRAIN_SIGMA = "tsigma"
PAGE_TRAIN_SEED = "tseed"
#: The training batch choices the page offers (the CSV accepts any size in range).
PAGE_BATCH_CHOICES = (BATCH_FULL, "32", "64", "128")

#: Page key -> the training query key it stands for.
PAGE_TRAINING_KEYS: dict[str, str] = {
    PAGE_TRAIN_FUNCTIONS: KEY_FUNCTIONS,
    KEY_DATASET: KEY_DATASET,
    KEY_POINTS: KEY_POINTS,
    KEY_NOISE: KEY_NOISE,
    PAGE_TRAIN_DEPTH: KEY_DEPTH,
    PAGE_TRAIN_WIDTH: KEY_WIDTH,
    PAGE_TRAIN_INIT: KEY_INIT,
    PAGE_TRAIN_SIGMA: KEY_SIGMA,
    KEY_OPTIMISER: KEY_OPTIMISER,
    KEY_LEARNING_RATE: KEY_LEARNING_RATE,
    KEY_BATCH: KEY_BATCH,
    PAGE_TRAIN_SEED: KEY_SEED,
    KEY_EPOCHS: KEY_EPOCHS,
}

_PAGE_FIELDS: dict[str, Callable[[str], Any]] = {
    **_NETWORK_FIELDS,
    PAGE_BOUND_DEPTH: _integer(limits.BOUND_DEPTH),
    PAGE_GRADIENT_DEPTH: _integer(limits.GRADIENT_DEPTH),
    **{
        page_key: _TRAINING_FIELDS[key]
        for page_key, key in PAGE_TRAINING_KEYS.items()
        if key != KEY_BATCH
    },
    KEY_BATCH: _choice(PAGE_BATCH_CHOICES),
}


@dataclass(frozen=True)
class GradientsView:
    """The whole page: part 1's and part 2's networks and part 3's training settings.

    Training progress (the weights) is not part of it: a link reproduces the
    settings and training starts again from the seed.
    """

    bound: NetworkQuery = NetworkQuery(depth=DEFAULT_BOUND_DEPTH)
    norms: NetworkQuery = NetworkQuery(depth=DEFAULT_DEPTH)
    training: TrainingQuery = TrainingQuery()
    lang: str = DEFAULT_LANGUAGE

    def to_query(self) -> str:
        """The page's address query (keys in the order of the page's controls)."""
        net, train = self.norms, self.training
        query = {
            KEY_FUNCTIONS: ",".join(net.functions),
            PAGE_BOUND_DEPTH: str(self.bound.depth),
            PAGE_GRADIENT_DEPTH: str(net.depth),
            KEY_WIDTH: str(net.width),
            KEY_INIT: net.init,
        }
        if net.init == "normal":
            query[KEY_SIGMA] = format_number(net.sigma)
        query |= {
            KEY_SEED: str(net.seed),
            PAGE_TRAIN_FUNCTIONS: ",".join(train.functions),
            KEY_DATASET: train.dataset,
            KEY_POINTS: str(train.points),
            KEY_NOISE: format_number(train.noise),
            PAGE_TRAIN_DEPTH: str(train.depth),
            PAGE_TRAIN_WIDTH: str(train.width),
            PAGE_TRAIN_INIT: train.init,
        }
        if train.init == "normal":
            query[PAGE_TRAIN_SIGMA] = format_number(train.sigma)
        query |= {
            KEY_OPTIMISER: train.optimiser,
            KEY_LEARNING_RATE: format_number(train.learning_rate),
            KEY_BATCH: BATCH_FULL if train.batch_size is None else str(train.batch_size),
            PAGE_TRAIN_SEED: str(train.seed),
            KEY_EPOCHS: str(train.epochs),
            KEY_LANGUAGE: self.lang,
        }
        return urlencode(query, safe=",")


def parse_gradients_query(
    raw: RawQuery, default_lang: str = DEFAULT_LANGUAGE
) -> tuple[GradientsView, tuple[LabProblem, ...]]:
    """The page's one validator: its address, or its controls as a raw query.

    Missing keys take their defaults; an invalid value is a problem (named by
    its page key) and its default stands in (a link is repaired, controls
    are refused by the callers). ``sigma``/``tsigma`` only count with the
    normal initialisation. A batch larger than the points becomes the full batch.
    """
    values, lang, problems = _parse(raw, _PAGE_FIELDS, default_lang)
    network = {
        key: values[key]
        for key in (KEY_FUNCTIONS, KEY_WIDTH, KEY_INIT, KEY_SIGMA, KEY_SEED)
        if key in values
    }
    bound = NetworkQuery(depth=values.get(PAGE_BOUND_DEPTH, DEFAULT_BOUND_DEPTH), lang=lang)
    norms = NetworkQuery(depth=values.get(PAGE_GRADIENT_DEPTH, DEFAULT_DEPTH), lang=lang)
    bound = dataclasses.replace(bound, **_network_attributes(network))
    norms = dataclasses.replace(norms, **_network_attributes(network))
    train = {key: values[page] for page, key in PAGE_TRAINING_KEYS.items() if page in values}
    batch = train.pop(KEY_BATCH, BATCH_FULL)
    training = TrainingQuery(
        functions=train.get(KEY_FUNCTIONS, DEFAULT_FUNCTIONS),
        dataset=train.get(KEY_DATASET, DEFAULT_DATASET),
        points=train.get(KEY_POINTS, DEFAULT_POINTS),
        noise=train.get(KEY_NOISE, DEFAULT_NOISE),
        depth=train.get(KEY_DEPTH, DEFAULT_TRAIN_DEPTH),
        width=train.get(KEY_WIDTH, DEFAULT_TRAIN_WIDTH),
        init=train.get(KEY_INIT, DEFAULT_TRAIN_INIT),
        sigma=train.get(KEY_SIGMA, DEFAULT_SIGMA),
        optimiser=train.get(KEY_OPTIMISER, DEFAULT_OPTIMISER),
        learning_rate=train.get(KEY_LEARNING_RATE, DEFAULT_LEARNING_RATE),
        batch_size=None if batch == BATCH_FULL else int(batch),
        seed=train.get(KEY_SEED, DEFAULT_SEED),
        epochs=train.get(KEY_EPOCHS, DEFAULT_EPOCHS),
        lang=lang,
    )
    if training.batch_size is not None and training.batch_size > training.points:
        problems.append(
            LabProblem(
                KEY_BATCH,
                "batch_points",
                {"batch": training.batch_size, "points": training.points},
            )
        )
        training = dataclasses.replace(training, batch_size=None)
    return GradientsView(bound, norms, training, lang), tuple(problems)


def _network_attributes(values: Mapping[str, Any]) -> dict[str, Any]:
    names = {
        KEY_FUNCTIONS: "functions",
        KEY_WIDTH: "width",
        KEY_INIT: "init",
        KEY_SIGMA: "sigma",
        KEY_SEED: "seed",
    }
    return {names[key]: value for key, value in values.items()}


def control_text(value: Any) -> str:
    """A control's JSON value as the text a URL would carry (floats via ``repr``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return ",".join(control_text(v) for v in value if v is not None)
    return str(value)[: MAX_VALUE_CHARS + 1]


def raw_from_controls(values: Mapping[str, Any], lang: str) -> dict[str, list[str]]:
    """Controls (query key -> JSON value) as a raw query; ``None`` is an empty box."""
    raw = {key: [control_text(value)] for key, value in values.items()}
    raw[KEY_LANGUAGE] = [lang if lang in LANGUAGES else DEFAULT_LANGUAGE]
    return raw


# --- part 1: the bound -------------------------------------------------------------


@dataclass(frozen=True)
class BoundTable:
    """``bound[name][d - 1]`` and ``measured[name][d - 1]`` for depths d = 1..L."""

    depths: np.ndarray
    max_slope: Mapping[str, float]
    bound: Mapping[str, np.ndarray]
    measured: Mapping[str, np.ndarray]


def bound_table(query: NetworkQuery) -> BoundTable:
    r"""For every depth :math:`d \le L`: :math:`(\max|f'|)^d` and the measured product.

    The values are those of :func:`networks.gradients.bound_product` and
    :func:`~networks.gradients.measured_product`, computed once for all depths:
    the bound as ``max_abs_slope ** d`` (the same expression), the measured
    product as the product of the first ``d`` of the depth-L network's mean
    slopes. Its first ``d`` hidden layers are the depth-d network's (same
    seed, same draws, same fan-in and fan-out), so the numbers are the same
    bits at a cost of one forward pass instead of L (a test checks this).
    """
    depths = np.arange(1, query.depth + 1)
    max_slope: dict[str, float] = {}
    bound: dict[str, np.ndarray] = {}
    measured: dict[str, np.ndarray] = {}
    for name in query.functions:
        spec = ActivationSpec.of(name)
        peak = max_abs_slope(spec)
        slopes = layer_mean_slopes(
            spec, query.depth, query.width, resolved_init(query.init, name), query.seed, query.sigma
        )
        max_slope[name] = peak
        bound[name] = np.array([peak**d for d in depths.tolist()], dtype=np.float64)
        measured[name] = np.array(
            [float(np.prod(slopes[:d])) for d in depths.tolist()], dtype=np.float64
        )
    return BoundTable(depths, max_slope, bound, measured)


def bound_csv(table: BoundTable) -> str:
    """``depth,<fn>_bound,<fn>_measured,...``: one row per depth, values as ``repr``."""
    header = ["depth"]
    columns: list[np.ndarray] = [table.depths]
    for name in table.bound:
        header += [f"{name}_bound", f"{name}_measured"]
        columns += [table.bound[name], table.measured[name]]
    return csv_table(header, columns, integer_columns=1)


# --- part 2: gradient norms at initialisation ----------------------------------------


@dataclass(frozen=True)
class GradientTable:
    r""":math:`\lVert\partial\mathcal{L}/\partial W_l\rVert_F` of the hidden layers l = 1..L.

    ``inits`` is the initialisation each activation got (``recommended``
    resolved). The output layer is left out, so the first and last entries
    give the first-to-last hidden-layer ratio (:meth:`ratio`).
    """

    layers: np.ndarray
    inits: Mapping[str, str]
    norms: Mapping[str, np.ndarray]

    def ratio(self, name: str) -> float:
        """``norms[0] / norms[L - 1]``: how much the gradient shrinks on its way back."""
        norms = self.norms[name]
        return float(norms[0] / norms[-1]) if norms[-1] != 0 else math.nan


def gradient_table(query: NetworkQuery) -> GradientTable:
    """Per-layer gradient norms of :func:`networks.gradients.init_gradient_norms`."""
    inits = {name: resolved_init(query.init, name) for name in query.functions}
    norms = {
        name: np.asarray(
            init_gradient_norms(
                ActivationSpec.of(name),
                query.depth,
                query.width,
                inits[name],
                query.seed,
                query.sigma,
            )[: query.depth],
            dtype=np.float64,
        )
        for name in query.functions
    }
    return GradientTable(np.arange(1, query.depth + 1), inits, norms)


def gradient_csv(table: GradientTable) -> str:
    """``layer,<fn>,...``: one row per hidden layer (input side first)."""
    header = ["layer", *table.norms]
    return csv_table(header, [table.layers, *table.norms.values()], integer_columns=1)


# --- part 3: training --------------------------------------------------------------


def _inverse_limits(configs: Sequence[TrainConfig], minibatch: bool | None = None) -> Fraction:
    """Σ 1 / max_chunk_epochs: the share of one chunk's budget one epoch of them all costs."""
    return sum(
        (
            Fraction(
                1,
                limits.max_chunk_epochs(
                    c.activation, c.batch_size is not None if minibatch is None else minibatch
                ),
            )
            for c in configs
        ),
        start=Fraction(0),
    )


def chunk_epochs(configs: Sequence[TrainConfig]) -> int:
    """Epochs each run advances in one chunk: the calibrated budget, split between runs.

    An epoch of activation ``a`` costs at most ``1 / max_chunk_epochs(a)`` of
    the budget, so ``n`` epochs of every run fit when
    ``n * Σ 1/max_chunk_epochs <= 1`` (sigmoid and ReLU: 30 each).
    """
    return max(1, math.floor(1 / _inverse_limits(configs)))


def csv_epoch_cap(configs: Sequence[TrainConfig]) -> int:
    """The most epochs ``/export/training.csv`` recomputes: CSV_CHUNK_BUDGETS chunks' worth."""
    return max(1, math.floor(CSV_CHUNK_BUDGETS / _inverse_limits(configs)))


def grid_points(configs: Sequence[TrainConfig]) -> int:
    """Points per axis of the decision grids, so that all of them fit in GRID_SHARE.

    A grid of G² points costs about GRID_POINT_COST·G²/400 epochs at the
    largest settings (400 points), so G² <= GRID_SHARE·400 / (GRID_POINT_COST
    · Σ 1/max_chunk_epochs): 54 for sigmoid and ReLU, 24 for the exact GELU.
    """
    inverse = _inverse_limits(configs, minibatch=False)
    most = GRID_SHARE * limits.POINTS.high / (GRID_POINT_COST * inverse)
    return max(MIN_GRID, min(limits.DECISION_GRID, math.isqrt(math.floor(most))))


def new_runs(query: TrainingQuery) -> tuple[TrainState, ...]:
    """Epoch 0 of every activation's run."""
    return tuple(new_state(config) for config in query.configs())


def run_done(run: TrainState, target: int) -> bool:
    """No more epochs to run: target or MAX_EPOCHS reached, or diverged."""
    return run.diverged or run.epoch >= min(target, limits.MAX_EPOCHS)


def all_done(runs: Sequence[TrainState], target: int) -> bool:
    return all(run_done(run, target) for run in runs)


def advance(runs: Sequence[TrainState], target: int) -> tuple[TrainState, ...]:
    """One chunk: every unfinished run gains up to :func:`chunk_epochs` epochs, never past
    ``target``."""
    step = chunk_epochs([run.config for run in runs])
    return tuple(
        run
        if run_done(run, target)
        else train_chunk(run, min(step, min(target, limits.MAX_EPOCHS) - run.epoch))
        for run in runs
    )


def progress_epoch(runs: Sequence[TrainState]) -> int:
    """The epoch the counter shows: the furthest run (a diverged run stops early)."""
    return max((run.epoch for run in runs), default=0)


def trained_runs(query: TrainingQuery) -> tuple[TrainState, ...]:
    """Every run after ``query.epochs`` epochs (or its divergence), recomputed from the seed.

    The chunking does not change a bit (:mod:`networks.training`), so these
    are the runs the page shows after the same number of epochs.
    """
    runs = new_runs(query)
    while not all_done(runs, query.epochs):
        runs = advance(runs, query.epochs)
    return runs


def training_losses(query: TrainingQuery) -> dict[str, np.ndarray]:
    """Every run's loss history over ``query.epochs`` epochs, recomputed from the seed."""
    return {run.config.activation: np.asarray(run.loss_history) for run in trained_runs(query)}


def training_csv(losses: Mapping[str, np.ndarray], epochs: int) -> str:
    """``epoch,<fn>,...``: the loss on the whole data set after ``epoch`` epochs
    (0 = at initialisation); ``nan`` once a run has diverged."""
    columns: list[np.ndarray] = [np.arange(epochs)]
    for loss in losses.values():
        padded = np.full(epochs, np.nan)
        padded[: len(loss)] = loss[:epochs]
        columns.append(padded)
    return csv_table(["epoch", *losses], columns, integer_columns=1)


def gradient_norm_columns(run: TrainState) -> list[str]:
    """``<fn>_layer1`` ... ``<fn>_layer<depth>`` (hidden layers, input side first), then
    ``<fn>_output`` (the output layer): the lines of one panel of the norms chart."""
    name = run.config.activation
    hidden = [f"{name}_layer{layer}" for layer in range(1, run.config.depth + 1)]
    return [*hidden, f"{name}_output"]


def training_gradients_csv(runs: Sequence[TrainState], epochs: int) -> str:
    """``epoch,<fn>_layer1,...,<fn>_output,...``: ‖∂L/∂W‖ of every layer of every run,
    measured on the whole data set before that epoch's update; ``nan`` once a run has
    diverged."""
    header = ["epoch"]
    columns: list[np.ndarray] = [np.arange(epochs)]
    for run in runs:
        history = np.asarray(run.grad_norm_history)
        padded = np.full((epochs, run.config.depth + 1), np.nan)
        padded[: len(history)] = history[:epochs]
        header += gradient_norm_columns(run)
        columns += list(padded.T)
    return csv_table(header, columns, integer_columns=1)


def decision_boundary_csv(runs: Sequence[TrainState], grids: Sequence[DecisionGrid]) -> str:
    """``x1,x2,<fn>,...``: P(y = 1) of every run on the chart's grid, one row per grid
    point (x2 outer, x1 inner). The runs share their data, hence the grid."""
    xs, ys = np.meshgrid(np.asarray(grids[0].xs), np.asarray(grids[0].ys))
    columns = [xs.ravel(), ys.ravel()]
    columns += [np.asarray(grid.probability).ravel() for grid in grids]
    return csv_table(["x1", "x2", *(run.config.activation for run in runs)], columns)


def training_data_csv(data: Dataset) -> str:
    """``x1,x2,label``: the training points as :mod:`networks.datasets` makes them
    (label 0 or 1)."""
    out = io.StringIO()
    out.write("x1,x2,label\n")
    points = np.asarray(data.x, dtype=np.float64).tolist()
    labels = np.asarray(data.y).astype(int).tolist()
    for (x1, x2), value in zip(points, labels, strict=True):
        out.write(f"{x1!r},{x2!r},{value}\n")
    return out.getvalue()


class StoreError(ValueError):
    """The training runs sent back by the browser cannot be used."""


def runs_to_store(runs: Sequence[TrainState]) -> dict[str, Any]:
    """The runs as the JSON the page keeps in its ``dcc.Store``."""
    return {"runs": [state_to_json(run) for run in runs]}


_SHARED_CONFIG = (
    "dataset",
    "points",
    "noise",
    "depth",
    "width",
    "sigma",
    "optimiser",
    "learning_rate",
    "batch_size",
    "seed",
)


def runs_from_store(data: object) -> tuple[TrainState, ...]:
    """Every run in ``data``, each checked by :func:`networks.state_from_json`.

    The runs must also belong together: 1 to MAX_TRAIN_FUNCTIONS different
    activations trained on the same data with the same settings. Anything
    else raises :class:`StoreError` naming what is wrong.
    """
    if not isinstance(data, dict) or set(data) != {"runs"}:
        raise StoreError("the store must be an object with the single key 'runs'")
    items = data["runs"]
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_TRAIN_FUNCTIONS:
        raise StoreError(f"'runs' must be a list of 1 to {MAX_TRAIN_FUNCTIONS} training states")
    runs = []
    for index, item in enumerate(items):
        try:
            runs.append(state_from_json(item))
        except StateError as error:
            raise StoreError(f"run {index + 1}: {error}") from None
    first = runs[0].config
    for index, run in enumerate(runs[1:], start=2):
        for name in _SHARED_CONFIG:
            if getattr(run.config, name) != getattr(first, name):
                raise StoreError(f"run {index}: {name} differs from run 1")
    names = [run.config.activation for run in runs]
    if len(set(names)) != len(names):
        raise StoreError("an activation is trained twice")
    return tuple(runs)


def query_matches_runs(query: TrainingQuery, runs: Sequence[TrainState]) -> bool:
    """Whether ``runs`` are the runs ``query`` starts (same settings, ignoring epochs)."""
    wanted = [new_state(config).config for config in query.configs()]
    return [run.config for run in runs] == wanted


# --- figures -----------------------------------------------------------------------

Figure = dict[str, Any]

# Every line and mark uses the light colours that components.theme knows how to
# turn dark (curve_marks, and the black, white and greys it maps), so
# theme.for_display can restyle any figure here.

# Decision boundary: P(y = 1) from blue (0) to red (1) through a mid grey at
# 0.5, where the boundary line runs: the line has at least 3:1 contrast with
# the grey in both themes (#111827 in light, #e6edf3 in dark). A colour scale
# is not recoloured by the theme, so this one is chosen to read on both.
BOUNDARY_SCALE = [[0.0, "#2166ac"], [0.5, "#767b82"], [1.0, "#b2182b"]]
BOUNDARY_LINE = "#111827"
# The two classes: a white circle outlined in black and a black diamond outlined
# in white, legible on any part of the fill (and swapped by the dark theme).
LABEL_MARKERS = (
    {"color": "#ffffff", "symbol": "circle", "line": {"color": "#000000", "width": 1}},
    {"color": "#000000", "symbol": "diamond", "line": {"color": "#ffffff", "width": 1}},
)
# At most this many points per line of the gradient-norm history (the browser
# redraws it after every chunk).
MAX_HISTORY_POINTS = 400


def label(name: str, lang: str) -> str:
    return activations.get(name).label(lang)


def fmt(value: float) -> str:
    """Three significant digits, for sentences (9.54e-07, 0.25, 1)."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    return f"{value:.3g}"


def _positive(values: np.ndarray) -> list[float | None]:
    """Values for a log axis: 0 (or a non-finite value) becomes a gap."""
    return [v if v > 0 and math.isfinite(v) else None for v in np.asarray(values).tolist()]


def _base_layout(**extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "margin": {"l": 70, "r": 20, "t": 50, "b": 90},
        "legend": {"orientation": "h", "y": -0.28, "yanchor": "top"},
        "hovermode": "closest",
        "font": {"family": "system-ui, sans-serif", "size": 13},
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "rgba(0,0,0,0)",
    }
    layout.update(extra)
    # Grid, zero line and frame in the colours the dark theme maps.
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")):
            layout[key] = {**axis_style(), **axis}
    if "title" in layout:
        # Long titles in two languages: a little smaller than Plotly's 17 px.
        layout["title"] = {"font": {"size": 15}, **layout["title"]}
    return layout


def bound_figure(table: BoundTable, tr: Translate, lang: str) -> Figure:
    """The bound (solid) and the measured product (dashed) against depth, log y."""
    traces = []
    for index, name in enumerate(table.bound):
        shown = label(name, lang)
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": tr("gradients.trace.bound", label=shown),
                "x": table.depths.tolist(),
                "y": _positive(table.bound[name]),
                **curve_marks(index),
                "hovertemplate": f"<b>{shown}</b><br>L = %{{x}}<br>"
                + tr("gradients.hover.bound")
                + " = %{y:.3e}<extra></extra>",
            }
        )
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": tr("gradients.trace.measured", label=shown),
                "x": table.depths.tolist(),
                "y": _positive(table.measured[name]),
                **curve_marks(index, dash="dash"),
                "hovertemplate": f"<b>{shown}</b><br>L = %{{x}}<br>"
                + tr("gradients.hover.measured")
                + " = %{y:.3e}<extra></extra>",
            }
        )
    layout = _base_layout(
        title={"text": tr("gradients.bound.chart_title")},
        xaxis={
            "title": {"text": tr("gradients.axis.depth")},
            "dtick": 5 if len(table.depths) > 20 else 1,
        },
        yaxis={
            "title": {"text": tr("gradients.axis.product")},
            "type": "log",
            "exponentformat": "power",
        },
    )
    return {"data": traces, "layout": layout}


def bound_sentences(table: BoundTable, tr: Translate, lang: str) -> list[str]:
    """One line per activation: max |f′|, the bound and the measured product at L."""
    depth = int(table.depths[-1])
    return [
        tr(
            "gradients.bound.line",
            label=label(name, lang),
            peak=fmt(table.max_slope[name]),
            depth=depth,
            bound=fmt(float(table.bound[name][-1])),
            measured=fmt(float(table.measured[name][-1])),
        )
        for name in table.bound
    ]


def gradient_figure(table: GradientTable, tr: Translate, lang: str) -> Figure:
    """‖∂L/∂W_l‖ against the layer l, one line per activation, log y."""
    traces = []
    for index, (name, norms) in enumerate(table.norms.items()):
        shown = tr(
            "gradients.trace.norms",
            label=label(name, lang),
            init=tr(f"gradients.init_short.{table.inits[name]}"),
        )
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": shown,
                "x": table.layers.tolist(),
                "y": _positive(norms),
                **curve_marks(index),
                "hovertemplate": f"<b>{shown}</b><br>"
                + tr("gradients.hover.layer")
                + " %{x}<br>‖∂L/∂W‖ = %{y:.3e}<extra></extra>",
            }
        )
    layout = _base_layout(
        title={"text": tr("gradients.norms.chart_title")},
        xaxis={
            "title": {"text": tr("gradients.axis.layer")},
            "dtick": 1 if len(table.layers) <= 15 else 5,
        },
        yaxis={
            "title": {"text": tr("gradients.axis.norm")},
            "type": "log",
            "exponentformat": "power",
        },
    )
    return {"data": traces, "layout": layout}


def subscript(number: int) -> str:
    """``12`` as ``₁₂`` (for W₁₂)."""
    return str(number).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def fmt_factor(value: float) -> str:
    """A "times smaller" factor in words: 6.13, 43,400, 2.1e+09."""
    if not math.isfinite(value):
        return "∞"
    if value < 100:
        return f"{value:.3g}"
    if value < 1e6:
        return f"{float(f'{value:.3g}'):,.0f}"
    return f"{value:.2g}"


def ratio_sentences(table: GradientTable, tr: Translate, lang: str) -> list[str]:
    """First-to-last hidden-layer ratio of each activation, in words."""
    depth = int(table.layers[-1])
    lines = []
    for name in table.norms:
        ratio = table.ratio(name)
        if not math.isfinite(ratio) or ratio == 0:
            key = "gradients.ratio.none"
        elif ratio < 1:
            key = "gradients.ratio.shrinks"
        else:
            key = "gradients.ratio.grows"
        lines.append(
            tr(
                key,
                label=label(name, lang),
                init=tr(f"gradients.init_short.{table.inits[name]}"),
                depth=depth,
                sub=subscript(depth),
                ratio=fmt(ratio),
                factor=fmt_factor(1 / ratio) if ratio > 0 and math.isfinite(ratio) else "∞",
            )
        )
    return lines


def _thin(count: int) -> np.ndarray:
    """Indices of at most MAX_HISTORY_POINTS entries of ``count``, always with the last."""
    if count <= MAX_HISTORY_POINTS:
        return np.arange(count)
    index = np.linspace(0, count - 1, MAX_HISTORY_POINTS).round().astype(int)
    return np.unique(index)


def _domains(count: int, gap: float = 0.06) -> list[list[float]]:
    width = (1.0 - gap * (count - 1)) / count
    return [[i * (width + gap), i * (width + gap) + width] for i in range(count)]


def loss_figure(runs: Sequence[TrainState], target: int, tr: Translate, lang: str) -> Figure:
    """The loss on the whole data set per epoch, every run on one log axis."""
    traces = []
    for index, run in enumerate(runs):
        shown = label(run.config.activation, lang)
        traces.append(
            {
                "type": "scatter",
                **curve_marks(index),
                "name": shown,
                "x": np.arange(run.epoch),
                "y": np.asarray(run.loss_history),
                "hovertemplate": f"<b>{shown}</b><br>"
                + tr("gradients.hover.epoch")
                + " %{x}<br>"
                + tr("gradients.hover.loss")
                + " = %{y:.4g}<extra></extra>",
            }
        )
    layout = _base_layout(
        title={"text": tr("gradients.train.loss_title")},
        xaxis={"title": {"text": tr("gradients.axis.epoch")}, "range": [0, max(target, 1)]},
        yaxis={
            "title": {"text": tr("gradients.axis.loss")},
            "type": "log",
            "exponentformat": "power",
        },
        # ln 2: the loss of a network that has learnt nothing (P = 0.5 everywhere).
        shapes=[
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": math.log(2),
                "y1": math.log(2),
                "line": {"color": "#6b7280", "dash": "dot", "width": 1},
            }
        ],
        annotations=[
            {
                "xref": "paper",
                "x": 1,
                "y": math.log10(math.log(2)),
                "yref": "y",
                "text": tr("gradients.train.chance"),
                "showarrow": False,
                "xanchor": "right",
                "yanchor": "bottom",
                "font": {"color": "#4b5563", "size": 12},
            }
        ],
        uirevision="loss",
    )
    return {"data": traces, "layout": layout}


def norms_figure(runs: Sequence[TrainState], target: int, tr: Translate, lang: str) -> Figure:
    """Per-layer gradient norms over training: one panel per run, one line per layer."""
    traces: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    layout = _base_layout(
        title={"text": tr("gradients.train.norms_title")},
        uirevision="norms",
        # room for the chart's title and each panel's two-line title
        margin={"l": 70, "r": 20, "t": 85, "b": 90},
    )
    domains = _domains(len(runs))
    for panel, run in enumerate(runs):
        suffix = "" if panel == 0 else str(panel + 1)
        history = np.asarray(run.grad_norm_history)
        keep = _thin(run.epoch)
        depth = run.config.depth
        for layer in range(depth + 1):
            output = layer == depth
            name = (
                tr("gradients.train.output_layer")
                if output
                else tr("gradients.train.layer", layer=layer + 1)
            )
            traces.append(
                {
                    "type": "scatter",
                    # One colour and marker per layer; the output layer dotted.
                    **curve_marks(layer, dash="dot" if output else "solid"),
                    "name": name,
                    "legendgroup": name,
                    "showlegend": panel == 0,
                    "x": keep,
                    "y": np.where(history[keep, layer] > 0, history[keep, layer], np.nan)
                    if len(keep)
                    else [],
                    "xaxis": f"x{suffix}",
                    "yaxis": f"y{suffix}",
                    "hovertemplate": f"<b>{label(run.config.activation, lang)}</b> · {name}<br>"
                    + tr("gradients.hover.epoch")
                    + " %{x}<br>‖∂L/∂W‖ = %{y:.3e}<extra></extra>",
                }
            )
        layout[f"xaxis{suffix}"] = {
            **axis_style(),
            "domain": domains[panel],
            "anchor": f"y{suffix}",
            "range": [0, max(target, 1)],
            "title": {"text": tr("gradients.axis.epoch")},
        }
        layout[f"yaxis{suffix}"] = {
            **axis_style(),
            "anchor": f"x{suffix}",
            "type": "log",
            "exponentformat": "power",
            **({"title": {"text": tr("gradients.axis.norm")}} if panel == 0 else {}),
            **({"matches": "y"} if panel else {}),
        }
        annotations.append(_panel_title(run, panel, domains, tr, lang))
    layout["annotations"] = annotations
    return {"data": traces, "layout": layout}


def _panel_title(
    run: TrainState, panel: int, domains: list[list[float]], tr: Translate, lang: str
) -> dict[str, Any]:
    text = tr(
        "gradients.train.panel",
        label=label(run.config.activation, lang),
        init=tr(f"gradients.init_short.{run.config.init}"),
    )
    if run.diverged:
        text += " — " + tr("gradients.train.diverged_short", epoch=run.epoch)
    return {
        "xref": "paper",
        "yref": "paper",
        "x": sum(domains[panel]) / 2,
        "y": 1.0,
        "yanchor": "bottom",
        "showarrow": False,
        "text": f"<b>{text}</b>",
    }


def boundary_figure(
    runs: Sequence[TrainState], grids: Sequence[DecisionGrid], tr: Translate, lang: str
) -> Figure:
    """Each run's P(y = 1) over the plane (the 0.5 line drawn) with the data."""
    traces: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    layout = _base_layout(
        title={"text": tr("gradients.train.boundary_title")},
        uirevision="boundary",
        margin={"l": 50, "r": 20, "t": 85, "b": 40},
    )
    domains = _domains(len(runs))
    data: Dataset | None = dataset_for(runs[0].config) if runs else None
    for panel, (run, grid) in enumerate(zip(runs, grids, strict=True)):
        suffix = "" if panel == 0 else str(panel + 1)
        axes = {"xaxis": f"x{suffix}", "yaxis": f"y{suffix}"}
        traces.append(
            {
                # A smooth fill ("heatmap" colouring) with one line: the boundary
                # P = 0.5. Four decimals are plenty for a picture and keep the
                # answer small (Dash sends the grid as JSON text every chunk).
                "type": "contour",
                "x": np.asarray(grid.xs),
                "y": np.asarray(grid.ys),
                "z": np.round(np.asarray(grid.probability), 4),
                "zmin": 0,
                "zmax": 1,
                "colorscale": BOUNDARY_SCALE,
                "contours": {"coloring": "heatmap", "start": 0.5, "end": 0.5, "size": 1},
                "line": {"width": 2.5, "color": BOUNDARY_LINE},
                "showscale": panel == 0,
                "colorbar": {"title": {"text": "P(y = 1)"}, "len": 0.8, "thickness": 12},
                "name": label(run.config.activation, lang),
                "hovertemplate": "x₁ = %{x:.2f}<br>x₂ = %{y:.2f}<br>P(y = 1) = %{z:.3f}"
                "<extra></extra>",
                **axes,
            }
        )
        if data is not None:
            for value, marker in enumerate(LABEL_MARKERS):
                chosen = data.y == float(value)
                name = tr("gradients.train.class", value=value)
                traces.append(
                    {
                        "type": "scatter",
                        "mode": "markers",
                        "name": name,
                        "legendgroup": name,
                        "showlegend": panel == 0,
                        "x": data.x[chosen, 0],
                        "y": data.x[chosen, 1],
                        "marker": {**marker, "size": 7},
                        "hovertemplate": f"{name}<br>x₁ = %{{x:.2f}}<br>x₂ = %{{y:.2f}}"
                        "<extra></extra>",
                        **axes,
                    }
                )
        layout[f"xaxis{suffix}"] = {
            **axis_style(),
            "domain": domains[panel],
            "anchor": f"y{suffix}",
            "title": {"text": "x₁"},
            "showgrid": False,
            "zeroline": False,
        }
        layout[f"yaxis{suffix}"] = {
            **axis_style(),
            "anchor": f"x{suffix}",
            "scaleanchor": f"x{suffix}",
            "showgrid": False,
            "zeroline": False,
            **({"title": {"text": "x₂"}} if panel == 0 else {}),
        }
        annotations.append(_panel_title(run, panel, domains, tr, lang))
    layout["annotations"] = annotations
    return {"data": traces, "layout": layout}


def decision_grids(runs: Sequence[TrainState]) -> list[DecisionGrid]:
    """Every run's decision grid, at the resolution the chunk budget allows."""
    points = grid_points([run.config for run in runs])
    return [decision_grid(run, points=points) for run in runs]


@dataclass(frozen=True)
class TrainingView:
    """What part 3 shows for some runs: each chart with its summary and its table."""

    loss: Figure
    norms: Figure
    boundary: Figure
    epoch: int
    target: int
    summary: list[str]
    loss_text: ChartText
    norms_text: ChartText
    boundary_text: ChartText


def training_view(
    runs: Sequence[TrainState], target: int, tr: Translate, lang: str
) -> TrainingView:
    epoch = progress_epoch(runs)
    return TrainingView(
        loss=loss_figure(runs, target, tr, lang),
        norms=norms_figure(runs, target, tr, lang),
        boundary=boundary_figure(runs, decision_grids(runs), tr, lang),
        epoch=epoch,
        target=target,
        summary=run_summaries(runs, tr, lang),
        loss_text=loss_text(runs, target, tr, lang),
        norms_text=training_norms_text(runs, tr, lang),
        boundary_text=boundary_text(runs, tr, lang),
    )


def run_summaries(runs: Sequence[TrainState], tr: Translate, lang: str) -> list[str]:
    """Per run: the latest loss and accuracy, or that it diverged."""
    lines = []
    for run in runs:
        shown = label(run.config.activation, lang)
        if run.diverged:
            lines.append(tr("gradients.train.diverged", label=shown, epoch=run.epoch))
        elif run.epoch == 0:
            lines.append(tr("gradients.train.not_started", label=shown))
        else:
            lines.append(
                tr(
                    "gradients.train.summary",
                    label=shown,
                    loss=f"{float(run.loss_history[-1]):.4g}",
                    accuracy=f"{100 * float(run.accuracy_history[-1]):.0f}",
                    epoch=run.epoch,
                )
            )
    return lines


# --- text alternatives: what each chart shows, in words and as a table ---------------

#: At most this many rows in a chart's table (evenly spaced, first and last
#: included); the chart's CSV download has every row.
TABLE_ROWS = 21


@dataclass(frozen=True)
class NumberTable:
    """A chart's numbers as text: caption, column headings, rows (each row's first
    cell heads the row)."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ChartText:
    """A chart's text alternative: a summary (sentences) and its numbers as a table."""

    summary: str
    lines: tuple[str, ...]
    table: NumberTable


def table_indices(count: int, rows: int = TABLE_ROWS) -> list[int]:
    """At most ``rows`` evenly spaced indices of ``count`` entries, first and last kept."""
    if count <= rows:
        return list(range(count))
    return np.unique(np.linspace(0, count - 1, rows).round().astype(int)).tolist()


def cell(value: float | None) -> str:
    """A number for a table cell: four significant digits; a gap as a dash."""
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value:.4g}"


def _caption(tr: Translate, title: str, shown: int, total: int) -> str:
    if total == 0:
        rows = tr("gradients.table.no_rows")
    elif shown == total:
        rows = tr("gradients.table.all_rows", total=f"{total:,}")
    else:
        rows = tr("gradients.table.some_rows", shown=shown, total=f"{total:,}")
    return tr("gradients.table.caption", title=title, rows=rows)


def _names(labels: Sequence[str], tr: Translate) -> str:
    return tr("gradients.list_separator").join(labels)


def bound_text(table: BoundTable, query: NetworkQuery, tr: Translate, lang: str) -> ChartText:
    """Part 1's chart in words: what is plotted, and per activation its numbers at L."""
    names = [label(name, lang) for name in table.bound]
    summary = tr(
        "gradients.bound.summary",
        depth=int(table.depths[-1]),
        names=_names(names, tr),
        width=query.width,
        init=tr(f"gradients.init.{query.init}"),
        seed=query.seed,
    )
    keep = table_indices(len(table.depths))
    header = [tr("gradients.table.depth")]
    for shown in names:
        header += [
            tr("gradients.trace.bound", label=shown),
            tr("gradients.trace.measured", label=shown),
        ]
    rows = []
    for i in keep:
        row = [str(int(table.depths[i]))]
        for name in table.bound:
            row += [cell(float(table.bound[name][i])), cell(float(table.measured[name][i]))]
        rows.append(tuple(row))
    caption = _caption(tr, tr("gradients.table.bound"), len(keep), len(table.depths))
    return ChartText(
        summary,
        tuple(bound_sentences(table, tr, lang)),
        NumberTable(caption, tuple(header), tuple(rows)),
    )


def norms_text(table: GradientTable, query: NetworkQuery, tr: Translate, lang: str) -> ChartText:
    """Part 2's chart in words: what is plotted, the first and last layer's norms, the
    ratio between them."""
    depth = int(table.layers[-1])
    names = [
        tr(
            "gradients.trace.norms",
            label=label(name, lang),
            init=tr(f"gradients.init_short.{table.inits[name]}"),
        )
        for name in table.norms
    ]
    values = " ".join(
        tr(
            "gradients.norms.summary_line",
            label=shown,
            first=fmt(float(norms[0])),
            last=fmt(float(norms[-1])),
            depth=depth,
        )
        for shown, norms in zip(names, table.norms.values(), strict=True)
    )
    summary = tr("gradients.norms.summary", depth=depth, width=query.width, seed=query.seed)
    keep = table_indices(len(table.layers))
    rows = tuple(
        (str(int(table.layers[i])), *(cell(float(n[i])) for n in table.norms.values()))
        for i in keep
    )
    caption = _caption(tr, tr("gradients.table.norms"), len(keep), len(table.layers))
    return ChartText(
        f"{summary} {values}",
        tuple(ratio_sentences(table, tr, lang)),
        NumberTable(caption, (tr("gradients.table.layer"), *names), rows),
    )


def _epoch_rows(runs: Sequence[TrainState]) -> tuple[list[int], int]:
    """The epochs a training table shows, and how many there are in all."""
    total = max((run.epoch for run in runs), default=0)
    return table_indices(total), total


def loss_text(runs: Sequence[TrainState], target: int, tr: Translate, lang: str) -> ChartText:
    """The loss chart in words: the range of epochs, each run's first and latest loss."""
    keep, total = _epoch_rows(runs)
    if total:
        summary = tr("gradients.train.loss_summary", last=total - 1, target=f"{target:,}")
    else:
        summary = tr("gradients.train.loss_summary_empty", target=f"{target:,}")
    lines = []
    for run in runs:
        shown = label(run.config.activation, lang)
        if run.epoch == 0:
            continue  # the summary says the chart is empty; the run list says why
        lines.append(
            tr(
                "gradients.train.loss_line",
                label=shown,
                first=fmt(float(run.loss_history[0])),
                last=fmt(float(run.loss_history[-1])),
                epoch=run.epoch - 1,
            )
        )
    header = (tr("gradients.table.epoch"), *(label(r.config.activation, lang) for r in runs))
    rows = tuple(
        (
            str(i),
            *(cell(float(r.loss_history[i])) if i < r.epoch else "—" for r in runs),
        )
        for i in keep
    )
    caption = _caption(tr, tr("gradients.table.loss"), len(keep), total)
    return ChartText(summary, tuple(lines), NumberTable(caption, header, rows))


def training_norms_text(runs: Sequence[TrainState], tr: Translate, lang: str) -> ChartText:
    """The per-layer norms during training in words: layer 1 and the output layer at
    the first and latest epoch of each run; every layer in the table."""
    depth = runs[0].config.depth if runs else 0
    summary = tr("gradients.train.norms_summary", depth=depth)
    lines = []
    header = [tr("gradients.table.epoch")]
    for run in runs:
        shown = label(run.config.activation, lang)
        header += [
            tr(
                "gradients.table.run_layer",
                label=shown,
                layer=tr("gradients.train.layer", layer=layer),
            )
            for layer in range(1, run.config.depth + 1)
        ]
        header.append(
            tr("gradients.table.run_layer", label=shown, layer=tr("gradients.train.output_layer"))
        )
        if run.epoch == 0:
            continue
        history = np.asarray(run.grad_norm_history)
        lines.append(
            tr(
                "gradients.train.norms_line",
                label=shown,
                first_layer=fmt(float(history[0, 0])),
                first_output=fmt(float(history[0, -1])),
                last_layer=fmt(float(history[-1, 0])),
                last_output=fmt(float(history[-1, -1])),
                epoch=run.epoch - 1,
            )
        )
    keep, total = _epoch_rows(runs)
    rows = []
    for i in keep:
        row = [str(i)]
        for run in runs:
            width = run.config.depth + 1
            if i < run.epoch:
                row += [cell(float(v)) for v in np.asarray(run.grad_norm_history)[i]]
            else:
                row += ["—"] * width
        rows.append(tuple(row))
    caption = _caption(tr, tr("gradients.table.train_norms"), len(keep), total)
    return ChartText(summary, tuple(lines), NumberTable(caption, tuple(header), tuple(rows)))


def boundary_text(runs: Sequence[TrainState], tr: Translate, lang: str) -> ChartText:
    """The decision boundaries in words: the data, and how well each run separates it."""
    config = runs[0].config if runs else TrainingQuery().config(DEFAULT_FUNCTIONS[0])
    summary = tr(
        "gradients.train.boundary_summary",
        points=config.points,
        dataset=tr(f"gradients.dataset.{config.dataset}"),
    )
    lines = []
    rows = []
    for run in runs:
        shown = label(run.config.activation, lang)
        if run.diverged:
            lines.append(tr("gradients.train.diverged", label=shown, epoch=run.epoch))
        elif run.epoch > 0:
            lines.append(
                tr(
                    "gradients.train.boundary_line",
                    label=shown,
                    accuracy=f"{100 * float(run.accuracy_history[-1]):.0f}",
                    epoch=run.epoch,
                )
            )
        trained = run.epoch > 0
        rows.append(
            (
                shown,
                str(run.epoch),
                cell(float(run.loss_history[-1])) if trained else "—",
                f"{100 * float(run.accuracy_history[-1]):.1f}" if trained else "—",
            )
        )
    header = tuple(
        tr(f"gradients.table.col_{key}") for key in ("activation", "epochs", "loss", "accuracy")
    )
    caption = tr("gradients.table.boundary")
    return ChartText(summary, tuple(lines), NumberTable(caption, header, tuple(rows)))
