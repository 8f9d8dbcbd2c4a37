"""The Zensical side of termbook: `termbook generate` writes the pages, Zensical builds them."""
