"""The queue: jobs in flight and finished, from the engine's events."""
