"""Composing a generation: prompt, model and its parameters."""
