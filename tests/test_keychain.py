"""Keys where they are entered or read: a keychain that never answers, hostile keys, where the key is
kept. The hanging keychain is a real keyring backend whose calls block until the test lets them go."""

from __future__ import annotations

import asyncio
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import pytest

from fluxdesk.api.errors import InvalidKey
from fluxdesk.cli import main
from fluxdesk.settings import KeyStore, Settings

GOOD = "sk-keychain-0123456789abcdefXYZ"
HOSTILE = {
    "newline": "sk-abc\ndef0123456789",
    "non-ascii": "sk-clé-0123456789abcdef",
    "very long": "sk-" + "a" * 5000,
}


class HangingKeyring(keyring.backend.KeyringBackend):
    """A keychain on a D-Bus session with no Secret Service: every call waits, until released."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.calls = 0

    def _hang(self) -> None:
        self.calls += 1
        self.release.wait(30)

    def get_password(self, service: str, username: str) -> str | None:
        self._hang()
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self._hang()

    def delete_password(self, service: str, username: str) -> None:
        self._hang()


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def hanging() -> Iterator[HangingKeyring]:
    backend = HangingKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        backend.release.set()  # let the stuck threads end
        keyring.set_keyring(previous)


def _keychain_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "fluxdesk-keychain"]


def test_a_keychain_that_never_answers_counts_as_absent_within_the_bound(
    tmp_path: Path, hanging: HangingKeyring
) -> None:
    store = KeyStore(tmp_path, timeout=0.3)
    where = store.set("cometapi", GOOD)  # returns although the keychain never will
    assert where.startswith(f"in {tmp_path / 'keys.json'}")
    assert store.notice is not None and "did not answer" in store.notice and str(store.file) in store.notice
    assert json.loads((tmp_path / "keys.json").read_text()) == {"cometapi": GOOD}
    assert store.get("cometapi") == GOOD
    assert store.where("cometapi") == where
    assert hanging.calls == 1, "once it did not answer, it is not asked again"
    assert all(t.daemon for t in _keychain_threads()), "a stuck thread never blocks the exit"


def test_the_lookup_of_the_backend_itself_is_bounded_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def slow_backend() -> Any:  # keyring probing D-Bus while it picks a backend
        release.wait(30)
        return None

    monkeypatch.setattr("fluxdesk.settings._system_keyring", slow_backend)
    try:
        store = KeyStore(tmp_path, timeout=0.2)
        assert store.get("cometapi") is None and store.notice
        assert not store.uses_keychain
    finally:
        release.set()


def test_a_process_with_a_stuck_keychain_thread_still_exits(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import threading, keyring, keyring.backend\n"
        "from pathlib import Path\n"
        "class Hang(keyring.backend.KeyringBackend):\n"
        "    priority = 1\n"
        "    def get_password(self, s, u): threading.Event().wait()\n"
        "    def set_password(self, s, u, p): threading.Event().wait()\n"
        "    def delete_password(self, s, u): threading.Event().wait()\n"
        "keyring.set_keyring(Hang())\n"
        "from fluxdesk.settings import KeyStore\n"
        f"print(KeyStore(Path({str(tmp_path)!r}), timeout=0.2).get('cometapi'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHON_KEYRING_BACKEND": ""}, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "None" and "did not answer" in done.stderr


def test_a_working_keychain_keeps_the_key_and_says_so(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    store = KeyStore(tmp_path, backend=backend)
    assert store.set("bfl", GOOD) == "in the system keychain"
    assert backend.store == {("fluxdesk", "bfl"): GOOD} and not (tmp_path / "keys.json").exists()
    assert store.get("bfl") == GOOD and store.where("bfl") == "in the system keychain"
    store.delete("bfl")
    assert store.get("bfl") is None and store.where("bfl") is None


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_key_is_refused_where_it_is_entered(tmp_path: Path, kind: str) -> None:
    store = KeyStore(tmp_path)
    with pytest.raises(InvalidKey) as caught:
        store.set("cometapi", HOSTILE[kind])
    text = str(caught.value)
    assert "\n" not in text and HOSTILE[kind].strip() not in text and "sk-" not in text
    assert not (tmp_path / "keys.json").exists()


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_key_is_refused_where_it_is_read(tmp_path: Path, kind: str) -> None:
    env = {"FLUXDESK_HOME": str(tmp_path), "COMETAPI_KEY": HOSTILE[kind]}
    with pytest.raises(InvalidKey, match=r"\$COMETAPI_KEY") as caught:
        Settings.load(env).provider_config()
    assert HOSTILE[kind].strip()[:12] not in str(caught.value)
    # a bad key left in the key file by an older version: refused too, naming the file
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "keys.json").write_text(json.dumps({"cometapi": HOSTILE[kind]}))
    with pytest.raises(InvalidKey, match=r"keys\.json"):
        Settings.load({"FLUXDESK_HOME": str(tmp_path)}).provider_config()


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_generate_with_a_hostile_key_says_one_sentence_and_stores_nothing(
    _isolated_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], sim: Any,
    kind: str,
) -> None:
    monkeypatch.setenv("COMETAPI_KEY", HOSTILE[kind])
    monkeypatch.setenv("FLUXDESK_API_BASE", sim.base_url)
    assert main(["generate", "a fox", "--model", "flux-dev"]) != 0
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert "COMETAPI_KEY" in captured.err and "UnicodeEncodeError" not in captured.err
    piece = HOSTILE[kind].strip()[:12]
    assert piece not in captured.out + captured.err
    assert not [r for r in sim.received if r.route == "submit"], "nothing was sent"
    db = _isolated_home / "library.sqlite3"
    assert not db.exists() or piece.encode() not in db.read_bytes()
    log = _isolated_home / "logs" / "fluxdesk.log"
    assert not log.exists() or piece not in log.read_text(encoding="utf-8")


def test_open_runtime_with_a_hanging_keychain_comes_up_in_demo_mode_within_the_bound(
    _isolated_home: Path, hanging: HangingKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fluxdesk.runtime import open_runtime

    monkeypatch.setattr("fluxdesk.settings.KEYCHAIN_TIMEOUT", 0.3)

    async def start() -> bool:
        runtime = await open_runtime(Settings.load(), demo_latency=0.1)
        try:
            return runtime.demo
        finally:
            await runtime.aclose()

    assert asyncio.run(start()) is True
    assert hanging.calls == 1
