"""fluxdesk: a desktop studio for the Flux image models."""

__version__ = "0.2.0"
