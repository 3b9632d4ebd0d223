"""Small neural networks in pure NumPy for the Activation Explorer's labs.

Every activation and its derivative come from the catalogue
(:func:`activations.get`), the same functions the plots draw, so a lab can
only ever show what the explorer shows. Nothing here imports Dash or Plotly.

* :mod:`networks.mlp`: initialisation, forward pass, cross-entropy, backprop;
* :mod:`networks.gradients`: the gradient lab (bound and measured products
  of :math:`|f'|`, per-layer gradient norms at initialisation);
* :mod:`networks.datasets`: the toy 2-D data sets;
* :mod:`networks.training`: training in bounded, stateless chunks;
* :mod:`networks.state_json`: the training state as checked JSON;
* :mod:`networks.kinks`: the kink lab (ReLU against softplus and sigmoid);
* :mod:`networks.nonlinearity`: 1-D networks, the affine collapse of
  identity layers and the linear pieces of ReLU networks;
* :mod:`networks.limits`: every bound the labs accept.

>>> from networks import ActivationSpec, init_gradient_norms
>>> norms = init_gradient_norms(ActivationSpec.of("sigmoid"), 8, 32, "xavier", seed=0)
>>> bool(norms[0] / norms[7] < 1e-3)
True
"""

from networks import limits
from networks.datasets import Dataset, gradient_dataset, make_dataset
from networks.gradients import (
    bound_product,
    init_gradient_norms,
    layer_mean_slopes,
    max_abs_slope,
    measured_product,
)
from networks.kinks import kink_lab_states, measured_sup_distance, sup_distance_softplus_relu
from networks.mlp import ActivationSpec, Layer, Network
from networks.nonlinearity import (
    PieceCount,
    affine_collapse,
    grid_pieces,
    linear_pieces,
    network_output,
    random_network_1d,
)
from networks.state_json import StateError, state_from_json, state_to_json
from networks.training import (
    DecisionGrid,
    Evaluation,
    TrainConfig,
    TrainState,
    chunk_epoch_limit,
    decision_grid,
    evaluate,
    new_state,
    train_chunk,
    validate_config,
)

__all__ = [
    "ActivationSpec",
    "Dataset",
    "DecisionGrid",
    "Evaluation",
    "Layer",
    "Network",
    "PieceCount",
    "StateError",
    "TrainConfig",
    "TrainState",
    "affine_collapse",
    "bound_product",
    "chunk_epoch_limit",
    "decision_grid",
    "evaluate",
    "gradient_dataset",
    "grid_pieces",
    "init_gradient_norms",
    "kink_lab_states",
    "layer_mean_slopes",
    "limits",
    "linear_pieces",
    "make_dataset",
    "max_abs_slope",
    "measured_product",
    "measured_sup_distance",
    "network_output",
    "new_state",
    "random_network_1d",
    "state_from_json",
    "state_to_json",
    "sup_distance_softplus_relu",
    "train_chunk",
    "validate_config",
]
