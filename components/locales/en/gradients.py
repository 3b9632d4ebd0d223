"""English text of the vanishing-gradient lab (keys shared with ``ja/``)."""

TEXT: dict[str, str] = {
    "nav.gradients": "Vanishing gradients",
    "gradients.title": "Why gradients vanish",
    "gradients.intro": "Backpropagation multiplies the gradient by f′ once per layer on its "
    "way back to the input. Here you can see that product three ways: its upper bound, "
    "the real gradients of a freshly initialised network, and a small network in training.",
    # Shared controls
    "gradients.network.label": "Network settings for parts 1 and 2",
    "gradients.network.title": "Activations and network",
    "gradients.functions.label": "Activations",
    "gradients.functions.hint": "Compare 1 to {max} activations.",
    "gradients.width.label": "Width (units per layer)",
    "gradients.range_hint": "{low} to {high}.",
    "gradients.init.label": "Weight initialisation",
    "gradients.init.hint": "One choice for every activation; “recommended” gives each "
    "its usual one.",
    "gradients.init.recommended": "Recommended (Xavier for sigmoid/tanh, He for ReLU-like)",
    "gradients.init.xavier": "Xavier (Glorot)",
    "gradients.init.he": "He (Kaiming)",
    "gradients.init.normal": "Normal N(0, σ²)",
    "gradients.init_short.xavier": "Xavier",
    "gradients.init_short.he": "He",
    "gradients.init_short.normal": "N(0, σ²)",
    "gradients.sigma.label": "σ of the normal initialisation",
    "gradients.seed.label": "Random seed",
    "gradients.notice.controls": "Not updated — please fix:",
    "gradients.notice.link": "Some values in the link could not be used; "
    "their defaults are shown instead:",
    "gradients.notice.training": "Training settings need fixing:",
    # Part 1
    "gradients.bound.title": "1. The bound: (max |f′|)^L",
    "gradients.bound.lesson": "Sigmoid′ is at most 0.25, so through L sigmoid layers the f′ "
    "factors alone shrink the gradient at least fourfold per layer (0.25^10 ≈ 9.5 × 10⁻⁷ at "
    "L = 10), while ReLU′ is 1 wherever a unit is active, so its bound stays 1.",
    "gradients.bound.depth": "Depth L (layers)",
    "gradients.bound.chart_title": "Product of |f′| over L layers (log scale)",
    "gradients.bound.line": "{label}: max |f′| = {peak}; at L = {depth} the bound is {bound} "
    "and the measured product {measured}.",
    "gradients.bound.measured_note": "Measured: the mean |f′(z)| of each hidden layer of a "
    "real initialised network (the width, initialisation and seed above, on 100 points of "
    "the moons data), multiplied over the layers. ReLU’s is near 0.5^L because about half "
    "its units are off — the weights (He’s larger variance) make up for that, which is "
    "why its real gradients below do not vanish.",
    "gradients.trace.bound": "{label}: bound",
    "gradients.trace.measured": "{label}: measured",
    "gradients.trace.norms": "{label} ({init})",
    "gradients.hover.bound": "bound",
    "gradients.hover.measured": "measured",
    "gradients.hover.layer": "layer",
    "gradients.hover.epoch": "epoch",
    "gradients.hover.loss": "loss",
    "gradients.axis.depth": "depth L",
    "gradients.axis.product": "product of |f′| (log)",
    "gradients.axis.layer": "hidden layer l (1 = next to the input)",
    "gradients.axis.norm": "‖∂L/∂W‖ (log)",
    "gradients.axis.epoch": "epoch",
    "gradients.axis.loss": "cross-entropy loss (log)",
    # Part 2
    "gradients.norms.title": "2. Real backpropagation at initialisation",
    "gradients.norms.lesson": "The size of the gradient of the loss with respect to each "
    "hidden layer’s weights, for one batch through a freshly initialised network. A line "
    "that falls towards layer 1 is a vanishing gradient: the first layers hardly learn.",
    "gradients.norms.depth": "Hidden layers",
    "gradients.norms.chart_title": "‖∂L/∂W_l‖ per hidden layer at initialisation (log scale)",
    "gradients.ratio.shrinks": "{label} ({init}): ‖∂L/∂W₁‖ / ‖∂L/∂W{sub}‖ = {ratio} — "
    "the gradient at layer 1 is {factor} times smaller than at layer {depth}.",
    "gradients.ratio.grows": "{label} ({init}): ‖∂L/∂W₁‖ / ‖∂L/∂W{sub}‖ = {ratio} — "
    "the gradient does not shrink on its way back.",
    "gradients.ratio.none": "{label} ({init}): ‖∂L/∂W₁‖ / ‖∂L/∂W{sub}‖ = {ratio} — "
    "no gradient reaches layer 1 from layer {depth} (a factor of {factor}).",
    # Downloads
    "gradients.download.bound": "Download the bound (CSV)",
    "gradients.download.norms": "Download the gradient norms (CSV)",
    "gradients.download.training": "Download the losses (CSV)",
    "gradients.download.training_norms": "Download the gradient norms during training (CSV)",
    "gradients.download.boundary": "Download the decision boundaries (CSV)",
    "gradients.download.data": "Download the training points (CSV)",
    "gradients.download.training_hint": "Recomputed on the server from the seed: up to "
    "{max} epochs for these settings.",
    "gradients.export.invalid": "Invalid query:",
    # Part 3
    "gradients.train.title": "3. Training side by side",
    "gradients.train.lesson": "The same network, data and seed with each activation. "
    "Watch the loss: with plain SGD a deep sigmoid network stays near ln 2 (it has learnt "
    "nothing) while its first layers’ gradients are tiny; ReLU starts learning at once.",
    "gradients.train.controls": "Training settings",
    "gradients.train.functions_hint": "Train 1 to {max} activations side by side.",
    "gradients.train.depth": "Hidden layers",
    "gradients.train.start": "Start",
    "gradients.train.pause": "Pause",
    "gradients.train.reset": "Reset",
    "gradients.train.progress": "Training progress",
    "gradients.train.counter": "Epoch {epoch} / {target}",
    "gradients.train.ready": "Settings changed: the runs start again from epoch 0.",
    "gradients.train.reset_done": "Reset to epoch 0.",
    "gradients.train.running": "Training…",
    "gradients.train.paused": "Paused.",
    "gradients.train.finished": "Done: the target number of epochs is reached. Raise it to "
    "go on, or reset.",
    "gradients.train.all_diverged": "Every run diverged (the loss or the weights blew up). "
    "Try a smaller learning rate, then reset.",
    "gradients.train.bad_store": "The saved training state sent by the browser was refused, "
    "and training has stopped. Press Reset to start again.",
    "gradients.train.loss_title": "Loss on the whole data set (log scale)",
    "gradients.train.norms_title": "‖∂L/∂W_l‖ per layer during training (log scale)",
    "gradients.train.boundary_title": "Decision boundary: P(y = 1) with the data",
    "gradients.train.chance": "ln 2: nothing learnt",
    "gradients.train.layer": "layer {layer}",
    "gradients.train.output_layer": "output layer",
    "gradients.train.panel": "{label}<br>({init})",
    "gradients.train.diverged_short": "diverged at epoch {epoch}",
    "gradients.train.diverged": "{label}: diverged at epoch {epoch} — try a smaller learning rate.",
    "gradients.train.not_started": "{label}: not trained yet.",
    "gradients.train.summary": "{label}: loss {loss}, accuracy {accuracy} % after {epoch} epochs.",
    "gradients.train.class": "class {value}",
    "gradients.dataset.label": "Data set",
    "gradients.dataset.xor": "XOR",
    "gradients.dataset.circles": "Circles",
    "gradients.dataset.moons": "Moons",
    "gradients.dataset.spiral": "Spiral",
    "gradients.points.label": "Points",
    "gradients.noise.label": "Noise (σ)",
    "gradients.optimiser.label": "Optimiser",
    "gradients.optimiser.sgd": "SGD",
    "gradients.optimiser.adam": "Adam",
    "gradients.lr.label": "Learning rate",
    "gradients.batch.label": "Batch",
    "gradients.batch.full": "Full batch",
    "gradients.batch.32": "32 points",
    "gradients.batch.64": "64 points",
    "gradients.batch.128": "128 points",
    "gradients.epochs.label": "Epochs (target)",
    "gradients.epochs.hint": "1 to {high}; can be changed while training.",
    # What each chart shows, in words and as a table
    "gradients.list_separator": ", ",
    "gradients.bound.summary": "A log-scale chart of the product of |f′| over L layers, "
    "for L = 1 to {depth}, for {names}: the bound (max |f′|)^L as a solid line, and the "
    "product measured on a network {width} units wide ({init}, seed {seed}) as a dashed line.",
    "gradients.norms.summary": "A log-scale chart of ‖∂L/∂W_l‖ for the hidden layers "
    "l = 1 to {depth} (1 is next to the input) of a network {width} units wide just after "
    "initialisation (seed {seed}), one line per activation.",
    "gradients.norms.summary_line": "{label}: {first} at layer 1, {last} at layer {depth}.",
    "gradients.train.loss_summary": "A log-scale chart of the loss on the whole data set "
    "after each epoch, from epoch 0 to {last} (target {target}). A dotted line marks "
    "ln 2 ≈ 0.693, the loss of a network that has learnt nothing.",
    "gradients.train.loss_summary_empty": "A log-scale chart of the loss on the whole data "
    "set after each epoch, empty until training starts (target {target}). A dotted line "
    "marks ln 2 ≈ 0.693, the loss of a network that has learnt nothing.",
    "gradients.train.loss_line": "{label}: {first} at epoch 0, {last} at epoch {epoch}.",
    "gradients.train.norms_summary": "One panel per activation: ‖∂L/∂W‖ of each of the "
    "{depth} hidden layers and of the output layer (dotted) during training, on a log scale.",
    "gradients.train.norms_line": "{label}: at epoch 0, {first_layer} for layer 1 and "
    "{first_output} for the output layer; at epoch {epoch}, {last_layer} and {last_output}.",
    "gradients.train.boundary_summary": "One panel per activation: P(y = 1) over the plane, "
    "shaded from blue (0) through grey to red (1), with a line where P = 0.5 (the decision "
    "boundary), and the {points} training points of the {dataset} data set: class 0 as "
    "circles, class 1 as diamonds.",
    "gradients.train.boundary_line": "{label}: {accuracy} % of the points on the right side "
    "after {epoch} epochs.",
    "gradients.table.show": "Show the numbers as a table",
    "gradients.table.caption": "{title} ({rows})",
    "gradients.table.all_rows": "all {total} rows",
    "gradients.table.some_rows": "{shown} of {total} rows, evenly spaced; the CSV download "
    "has them all",
    "gradients.table.no_rows": "nothing trained yet",
    "gradients.table.bound": "The bound (max |f′|)^L and the measured product of |f′| "
    "for each depth L",
    "gradients.table.norms": "‖∂L/∂W_l‖ of each hidden layer just after initialisation",
    "gradients.table.loss": "The loss on the whole data set after each epoch",
    "gradients.table.train_norms": "‖∂L/∂W‖ of each layer during training",
    "gradients.table.boundary": "Each activation's result so far (the decision-boundary CSV "
    "has P(y = 1) at every point of the grid)",
    "gradients.table.depth": "L",
    "gradients.table.layer": "Layer l",
    "gradients.table.epoch": "Epoch",
    "gradients.table.run_layer": "{label}: {layer}",
    "gradients.table.col_activation": "Activation",
    "gradients.table.col_epochs": "Epochs trained",
    "gradients.table.col_loss": "Loss",
    "gradients.table.col_accuracy": "Accuracy (%)",
    # Problems: fields
    "gradients.field.fn": "activations (fn)",
    "gradients.field.depth": "depth (depth)",
    "gradients.field.width": "width (width)",
    "gradients.field.init": "initialisation (init)",
    "gradients.field.sigma": "σ (sigma)",
    "gradients.field.seed": "seed (seed)",
    "gradients.field.dataset": "data set (dataset)",
    "gradients.field.points": "points (points)",
    "gradients.field.noise": "noise (noise)",
    "gradients.field.optimiser": "optimiser (optimiser)",
    "gradients.field.lr": "learning rate (lr)",
    "gradients.field.batch": "batch (batch)",
    "gradients.field.epochs": "epochs (epochs)",
    "gradients.field.bdepth": "depth L of part 1 (bdepth)",
    "gradients.field.gdepth": "hidden layers of part 2 (gdepth)",
    "gradients.field.tfn": "activations to train (tfn)",
    "gradients.field.tdepth": "hidden layers to train (tdepth)",
    "gradients.field.twidth": "width to train (twidth)",
    "gradients.field.tinit": "initialisation to train (tinit)",
    "gradients.field.tsigma": "σ to train (tsigma)",
    "gradients.field.tseed": "training seed (tseed)",
    "gradients.field.lang": "language (lang)",
    "gradients.field.query": "query",
    # Problems: what is wrong
    "gradients.problem.too_long": "longer than {max} characters",
    "gradients.problem.repeated": "given more than once",
    "gradients.problem.language": "{text} is not a language of this app (en or ja)",
    "gradients.problem.unknown_key": "unknown query parameter",
    "gradients.problem.empty": "enter a number",
    "gradients.problem.not_number": "{text} is not a number",
    "gradients.problem.whole": "must be a whole number",
    "gradients.problem.int_range": "must be a whole number from {low} to {high}",
    "gradients.problem.range": "must be between {low} and {high}",
    "gradients.problem.choice": "{text} is not one of {valid}",
    "gradients.problem.unknown_function": "unknown activation {name}",
    "gradients.problem.listed_twice": "{name} is listed twice",
    "gradients.problem.no_function": "choose at least one activation",
    "gradients.problem.too_many": "at most {max} activations at once",
    "gradients.problem.batch": "must be “full” or a whole number from {low} to {high}",
    "gradients.problem.batch_points": "a batch of {batch} is more than the {points} points",
    "gradients.problem.epochs_cap": "at most {max} epochs for these settings (so that the "
    "download takes about a second)",
}
