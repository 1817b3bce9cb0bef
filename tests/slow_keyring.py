"""A keyring backend for child processes (PYTHON_KEYRING_BACKEND=slow_keyring.SlowKeyring, with this
folder on PYTHONPATH): a keychain that takes `DELAY` seconds to say it holds no key -- slow, yet within
fluxdesk's bound, so the start-up really waits for it."""

from __future__ import annotations

import time

import keyring.backend

DELAY = 1.2


class SlowKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        time.sleep(DELAY)
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        time.sleep(DELAY)

    def delete_password(self, service: str, username: str) -> None:
        time.sleep(DELAY)
