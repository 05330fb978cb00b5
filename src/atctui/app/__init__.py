"""The Textual layer: it displays the pure views and dispatches keys, nothing more."""
