"""The MkDocs side of termbook: one thin plugin, registered as the ``termbook`` entry point."""
