"""The English catalogue: every module's ``TEXT`` here, merged into one ``TEXT``."""

import sys

from components.locales.merge import merged_text

TEXT: dict[str, str] = merged_text(sys.modules[__name__])
