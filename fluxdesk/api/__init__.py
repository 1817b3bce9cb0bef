"""The Flux protocol: catalogue, requests, typed errors and the async client.

Kept light on purpose: importing `fluxdesk.api` does not import httpx (the library layer uses the
catalogue and requests without knowing HTTP).
"""
