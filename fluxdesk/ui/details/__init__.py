"""The details pane: everything about one image."""
