"""English: why a custom function of x was refused (``expression.<key>``).

The texts are the expression library's own, by the same keys
(:data:`activations.expression.MESSAGES`), so the two cannot drift apart.
"""

from activations.expression import MESSAGES

TEXT: dict[str, str] = {f"expression.{key}": template for key, template in MESSAGES.items()}
