"""The Zensical side of termbook: ``termbook zensical build`` and ``termbook zensical serve``
write the pages (``termbook generate``), then run Zensical on them."""
