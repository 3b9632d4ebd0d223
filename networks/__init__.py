"""Small neural networks in pure NumPy for the Activation Explorer's labs.

Every activation and its derivative come from the catalogue
(:func:`activations.get`), the same functions the plots draw, so a lab can
only ever show what the explorer shows. Nothing here imports Dash or Plotly.

* :mod:`networks.mlp`: initialisation, forward pass, cross-entropy, backprop;
* :mod:`networks.datasets`: the toy 2-D data sets;
* :mod:`networks.limits`: every bound the labs accept.
"""

from networks import limits
from networks.datasets import Dataset, gradient_dataset, make_dataset
from networks.mlp import ActivationSpec, Layer, Network

__all__ = [
    "ActivationSpec",
    "Dataset",
    "Layer",
    "Network",
    "gradient_dataset",
    "limits",
    "make_dataset",
]
