"""One text catalogue per language (``en``, ``ja``), each merged from one module per part of
the app; both languages share every key."""
