"""The image viewer: fit, zoom, pan, compare."""
