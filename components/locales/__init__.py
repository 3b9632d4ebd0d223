"""One text catalogue per language: ``en.TEXT`` and ``ja.TEXT`` share every key."""
