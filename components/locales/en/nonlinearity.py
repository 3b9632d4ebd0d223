"""English text of the nonlinearity lab (keys shared with ``ja/nonlinearity.py``)."""

TEXT: dict[str, str] = {
    "nav.nonlinearity": "Why nonlinear?",
    # Controls
    "nonlinearity.fn.label": "Activation",
    "nonlinearity.fn.hint": "Used by every hidden unit. Try identity, then ReLU, then tanh.",
    "nonlinearity.depth.label": "Depth (hidden layers)",
    "nonlinearity.depth.hint": "{low} to {high} layers.",
    "nonlinearity.width.label": "Width (units per layer)",
    "nonlinearity.width.hint": "{low} to {high} units.",
    "nonlinearity.seed.label": "Random seed",
    "nonlinearity.seed.next": "New weights",
    "nonlinearity.seed.hint": "The same seed, depth and width always give the same weights, "
    "whatever the activation.",
    "nonlinearity.range.hint": "The input x runs from {low} to {high} at most.",
    "nonlinearity.field.fn": "activation (fn)",
    "nonlinearity.field.depth": "depth (depth)",
    "nonlinearity.field.width": "width (width)",
    "nonlinearity.field.seed": "seed (seed)",
    "nonlinearity.field.xmin": "x min (xmin)",
    "nonlinearity.field.xmax": "x max (xmax)",
    "nonlinearity.field.n": "sample points (n)",
    # What the network computes
    "nonlinearity.verdict.title": "What this network computes",
    "nonlinearity.verdict.identity": "With the identity activation, all {depth} layers of "
    "{width} units together are exactly one straight line:",
    "nonlinearity.verdict.identity_gap": "The dashed line w·x + b lies on the network's output: "
    "the largest gap on [{xmin}, {xmax}] is {gap}, rounding error only. "
    "Change the depth: it is still one line.",
    "nonlinearity.verdict.pieces": "With {fn}, the output is made of straight segments. "
    "On [{xmin}, {xmax}] there are",
    "nonlinearity.pieces.one": "1 linear piece (one straight line on this interval).",
    "nonlinearity.pieces.count": "{count} linear pieces.",
    "nonlinearity.verdict.breakpoints": "The {count} points where one piece meets the next "
    "are marked ◆ on the chart.",
    "nonlinearity.verdict.grows": "Add layers or units and the count grows: each unit can bend "
    "the line, and every layer bends the bends again.",
    "nonlinearity.verdict.smooth": "{fn} is smooth, so the output is a smooth curve: "
    "no linear pieces are found.",
    "nonlinearity.verdict.curved": "{fn} has kinks but curves between them, so the output is "
    "curved: no linear pieces are found.",
    "nonlinearity.verdict.too_many": "The output changes direction so often (more than {max} "
    "regions) that its pieces are not counted.",
    # Charts
    "nonlinearity.axis.x": "input x",
    "nonlinearity.axis.y": "network output y",
    "nonlinearity.trace.output": "network with {fn}",
    "nonlinearity.trace.affine": "one line: {line}",
    "nonlinearity.trace.breakpoints": "breakpoints ({count})",
    "nonlinearity.hover.breakpoint": "<b>breakpoint</b>",
    "nonlinearity.comparison.title": "The same weights, three activations",
    "nonlinearity.comparison.hint": "One network, the same random weights and biases, with "
    "identity, ReLU and tanh: a straight line, a bent line and a smooth curve.",
    # The charts in words, and their numbers
    "nonlinearity.summary.lab": "The chart shows the output y of the network ({depth} hidden "
    "layers of {width} units, {fn}) for x from {xmin} to {xmax} ({n} points); y runs from "
    "{ymin} to {ymax}.",
    "nonlinearity.summary.identity": "It is exactly the straight line y = {line}, drawn dashed "
    "over it.",
    "nonlinearity.summary.pieces": "It is made of {count} straight pieces, joined at {breaks} "
    "breakpoints (the diamonds).",
    "nonlinearity.summary.curved": "It is a curve with no straight pieces.",
    "nonlinearity.summary.too_many": "It changes direction too often for its pieces to be counted.",
    "nonlinearity.summary.comparison": "The chart shows the same network with {names}, for x "
    "from {xmin} to {xmax}.",
    "nonlinearity.summary.list_join": ", ",
    "nonlinearity.summary.range": "{fn}: y from {ymin} to {ymax}.",
    "nonlinearity.table.caption": "The output at {rows} of the {n} sample points (the CSV has "
    "them all)",
    "nonlinearity.table.comparison_caption": "Each activation's output at {rows} of the {n} "
    "sample points (the CSV has them all)",
    "nonlinearity.table.output": "y ({fn})",
    "nonlinearity.table.line": "w·x + b",
    # Explanation
    "nonlinearity.why.title": "Why a network needs a nonlinear activation",
    "nonlinearity.why.note": "The study note says: a linear function is drawn as one straight "
    "line; the step function and the sigmoid are a staircase and a curve, so they are "
    "called nonlinear, and a neural network needs a nonlinear function. This page shows why.",
    "nonlinearity.why.line": "Each layer of a network multiplies its input by weights and adds "
    "a bias, then applies the activation f to every unit. Without f, a layer is a linear map "
    "(strictly, affine): its graph is a straight line.",
    "nonlinearity.why.stack": "Feed a straight line into another straight line and you still "
    "get a straight line. For two layers of one unit:",
    "nonlinearity.why.depth": "So with f = identity, a stack of any number of layers is still "
    "one layer, y = w·x + b: depth adds nothing. Choose identity above and watch the line stay "
    "straight however deep the network is.",
    "nonlinearity.why.relu": "ReLU bends the line once per unit, at its kink at 0. Stacked "
    "layers bend it again and again, so the output becomes many straight pieces; with enough "
    "of them a network can follow any curve. That is what depth and width buy.",
    "nonlinearity.why.smooth": "Sigmoid and tanh bend the line everywhere, a little at a time, "
    "so the output is a smooth curve without straight pieces.",
}
