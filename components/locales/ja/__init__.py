"""日本語のカタログ: このフォルダーの各モジュールの ``TEXT`` を 1 つにまとめます。"""

import sys

from components.locales.merge import merged_text

TEXT: dict[str, str] = merged_text(sys.modules[__name__])
