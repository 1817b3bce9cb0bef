"""See docs/interfaces.md."""
