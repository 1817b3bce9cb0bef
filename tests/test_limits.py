"""The concurrency windows (engine/limits.py): the AIMD rule on a fake clock, the async windows with a
fake sleep, what is remembered per account, and the engine's answer to a 429 on submit."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from engine_fakes import FakeClock, ScriptedClient, finish, until

from fluxdesk.api.catalog import BFL, COMETAPI, Catalog, default_catalog
from fluxdesk.api.errors import RateLimited
from fluxdesk.api.request import GenerationRequest, build_request
from fluxdesk.api.types import SubmittedTask
from fluxdesk.engine import Engine
from fluxdesk.engine.limits import (
    CAUTIOUS_START,
    Aimd,
    ConcurrencyLimits,
    LimitStore,
    account_id,
)
from fluxdesk.library.library import Library
from fluxdesk.library.records import JobState

# ---- the rule, on a fake clock ---------------------------------------------------------------------


def test_growth_only_when_the_window_was_full_one_per_accept_until_the_first_429() -> None:
    rule = Aimd(limit=4, cap=24)
    assert not rule.accepted(in_flight=3)  # the window was never full: no evidence about 5
    assert rule.window == 4
    assert rule.accepted(in_flight=4) and rule.window == 5
    assert rule.accepted(in_flight=5) and rule.window == 6


def test_a_429_halves_once_per_burst_then_growth_is_additive() -> None:
    rule = Aimd(limit=24, cap=24)
    epoch = rule.epoch  # 24 submits sent in the same burst
    assert rule.refused(epoch, now=100.0)
    assert rule.window == 12
    for _ in range(15):  # the other refusals of that burst change nothing more
        assert not rule.refused(epoch, now=100.0)
    assert rule.window == 12 and not rule.probing
    # additive increase: a whole window of accepted submits at full window adds one
    for _ in range(12):
        rule.accepted(in_flight=12)
    assert rule.window == 13
    assert rule.refused(rule.epoch, now=200.0) and rule.window == 6  # a later burst halves again


def test_a_429_never_halves_below_what_the_provider_is_running_for_us() -> None:
    rule = Aimd(limit=24, cap=24)
    assert rule.refused(rule.epoch, now=0.0, running=8)  # 8 accepted, the rest of the burst refused
    assert rule.window == 12
    assert rule.refused(rule.epoch, now=1.0, running=8)  # 4 more tried: still 8 running
    assert rule.window == 8  # not 6: the provider has just shown it runs 8
    for _ in range(8):
        rule.accepted(in_flight=8)
    assert rule.window == 9  # probing for one more...
    assert rule.refused(rule.epoch, now=5.0, running=8) and rule.window == 8  # ...refused: back to 8


def test_the_window_stays_between_one_and_its_cap() -> None:
    rule = Aimd(limit=100, cap=6)
    assert rule.window == 6 and not rule.accepted(in_flight=6)
    for _ in range(10):
        rule.refused(rule.epoch, now=0.0)
    assert rule.window == 1


def test_the_pause_after_a_429_is_retry_after_else_doubling_per_burst() -> None:
    clock = FakeClock(1000.0)
    rule = Aimd(limit=8, cap=24)
    rule.refused(rule.epoch, clock(), retry_after=3.0)
    assert rule.wait(clock()) == 3.0
    clock.advance(3.0)
    assert rule.wait(clock()) == 0.0
    rule.refused(rule.epoch, clock())  # no Retry-After: 1 s, then 2 s, 4 s for bursts refused in a row
    assert rule.wait(clock()) == 2.0
    stale = rule.epoch - 1
    rule.refused(stale, clock())  # a straggler of the last burst does not double it
    assert rule.wait(clock()) == 2.0
    clock.advance(2.0)
    rule.accepted(in_flight=1)  # accepted: the row of refusals is over
    rule.refused(rule.epoch, clock())
    assert rule.wait(clock()) == 1.0


# ---- windows and the ceiling, with a fake sleep ---------------------------------------------------


class FakeSleep:
    """An injected sleep that moves the fake clock instead of waiting."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.slept: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.clock.advance(seconds)
        await asyncio.sleep(0)


def limits_for(
    provider: str, ceiling: int = 24, **kw: object
) -> tuple[ConcurrencyLimits, FakeClock, FakeSleep]:
    clock = FakeClock(0.0)
    sleep = FakeSleep(clock)
    limits = ConcurrencyLimits(provider, ceiling=ceiling, catalog=default_catalog(), clock=clock,
                               sleep=sleep, **kw)  # type: ignore[arg-type]
    return limits, clock, sleep


def test_windows_start_from_the_documented_limit_or_cautiously() -> None:
    bfl, _, _ = limits_for(BFL)
    assert bfl.window("flux-dev").rule.window == 24
    assert bfl.window("flux-kontext-max").rule.window == 6
    comet, _, _ = limits_for(COMETAPI)
    assert comet.window("flux-dev").rule.window == CAUTIOUS_START
    low, _, _ = limits_for(BFL, ceiling=3)  # the user's setting is a ceiling
    assert low.window("flux-dev").rule.window == 3 and low.window("flux-dev").rule.cap == 3


@pytest.mark.asyncio
async def test_a_paused_window_holds_submits_until_retry_after_on_the_fake_clock() -> None:
    limits, clock, sleep = limits_for(BFL)
    reasons: list[str] = []
    async with limits.slot("flux-dev", reasons.append) as slot:
        slot.refused(retry_after=5.0)
        assert limits.window("flux-dev").rule.window == 12
        async with limits.slot("flux-dev", reasons.append):
            assert clock() == 5.0 and sleep.slept == [5.0]
    assert reasons == ["The provider refused more flux-dev tasks for now; sending again in 5 s."]


@pytest.mark.asyncio
async def test_a_full_window_waits_for_a_release_and_says_why() -> None:
    limits, _, _ = limits_for(BFL)
    reasons: list[str] = []
    held = [limits.slot("flux-kontext-max", reasons.append) for _ in range(6)]
    for cm in held:
        await cm.__aenter__()
    seventh = asyncio.ensure_future(limits.slot("flux-kontext-max", reasons.append).__aenter__())
    await until(lambda: bool(reasons), what="the seventh to wait")
    assert reasons == ["6 flux-kontext-max jobs are already running (the provider's limit for it)."]
    assert not seventh.done()
    await held[0].__aexit__(None, None, None)
    await asyncio.wait_for(seventh, 5)
    for cm in held[1:]:
        await cm.__aexit__(None, None, None)


@pytest.mark.asyncio
async def test_the_ceiling_holds_across_models_and_a_requeued_job_gives_its_places_back() -> None:
    limits, _, _ = limits_for(BFL, ceiling=2)
    reasons: list[str] = []
    a = limits.slot("flux-dev", reasons.append)
    slot_a = await a.__aenter__()
    b = limits.slot("flux-pro-1.1", reasons.append)
    await b.__aenter__()
    c = limits.slot("flux-2-pro", reasons.append)
    third = asyncio.ensure_future(c.__aenter__())
    await until(lambda: bool(reasons), what="the third to wait")
    assert "Settings" in reasons[-1] and limits.running == 2
    slot_a.refused(retry_after=None)
    again = asyncio.ensure_future(slot_a.again(reasons.append))  # back to waiting: its places go on
    await asyncio.wait_for(third, 5)
    assert limits.running == 2 and not again.done()
    await b.__aexit__(None, None, None)
    await asyncio.wait_for(again, 5)
    for cm in (a, c):
        await cm.__aexit__(None, None, None)
    assert limits.running == 0


# ---- remembered per account ----------------------------------------------------------------------


def test_learned_limits_are_kept_under_a_hash_never_the_key(tmp_path: Path) -> None:
    path = tmp_path / "limits.json"
    key = "bfl-secret-key-0123456789abcdef"
    LimitStore(path, account_id(BFL, "another-key-0000000000")).write({"flux-dev": {"limit": 3.0}})
    store = LimitStore(path, account_id(BFL, key))
    store.write({"flux-dev": {"limit": 8.5, "probing": False}})
    text = path.read_text()
    assert key not in text and account_id(BFL, key) in text
    assert store.read() == {"flux-dev": {"limit": 8.5, "probing": False}}
    assert len(json.loads(text)["accounts"]) == 2  # the other account is kept
    assert account_id(BFL, key) != account_id(COMETAPI, key)
    again = ConcurrencyLimits.load(path, BFL, key, ceiling=24, catalog=default_catalog())
    assert again.window("flux-dev").rule.window == 8 and not again.window("flux-dev").rule.probing


def test_an_unreadable_limits_file_means_starting_fresh(tmp_path: Path) -> None:
    path = tmp_path / "limits.json"
    path.write_text("{not json")
    limits = ConcurrencyLimits.load(path, BFL, "k" * 20, ceiling=24, catalog=default_catalog())
    assert limits.window("flux-dev").rule.window == 24


# ---- the engine's answer to a 429 on submit ---------------------------------------------------------


@pytest_asyncio.fixture
async def library(tmp_path: Path) -> AsyncIterator[Library]:
    lib = await Library.open(tmp_path / "lib")
    yield lib
    await lib.close()


def dev(cat: Catalog, seed: int) -> GenerationRequest:
    return build_request(cat, "flux-dev", f"a fox {seed}", {"seed": seed, "width": 256, "height": 256})


@pytest.mark.asyncio
async def test_a_429_on_submit_puts_the_job_back_to_wait_and_never_fails_it(library: Library) -> None:
    cat = default_catalog()
    client = ScriptedClient(hold={"submit"}, provider=BFL)
    limits, _clock, sleep = limits_for(BFL)
    engine = Engine(client, library, catalog=cat, max_concurrent=24, limits=limits)
    try:
        job = engine.enqueue(dev(cat, 1))
        states: list[JobState] = []
        engine.subscribe(lambda j: states.append(j.state))
        for refusal in range(3):  # the provider refuses three times in a row, then takes it
            await until(lambda n=refusal: len(client.made("submit")) == n + 1
                        and bool(client.pending("submit")), what="a submit")
            client.pending("submit")[0].fail(RateLimited(retry_after=None))
        await until(lambda: len(client.made("submit")) == 4, what="the fourth submit")
        client.hold.discard("submit")
        client.pending("submit")[0].reply(SubmittedTask("task-ok", BFL))
        await finish(client, [job])
        done = await engine.wait(job.id)
        assert done.state is JobState.DONE and done.error is None
        assert JobState.QUEUED in states and JobState.FAILED not in states
        assert client.retries_429 == [False] * 4  # the engine paces itself; the client does not retry
        assert sleep.slept == [1.0, 2.0, 4.0]  # a pause that doubles with each refusal in a row
        assert limits.window("flux-dev").rule.window == 3  # 24 -> 12 -> 6 -> 3
    finally:
        await engine.aclose()


# ---- over sockets, against the simulator's hidden limit ----------------------------------------------


@pytest.mark.asyncio
async def test_24_jobs_against_a_hidden_limit_of_8_all_end_done_and_the_limit_is_learned(
    tmp_path: Path,
) -> None:
    from fluxdesk.api.client import FluxClient, PollPolicy
    from fluxdesk.api.providers import ProviderConfig
    from fluxdesk.sim.server import SimConfig, SimServer

    cat = default_catalog()
    key = "bfl-hidden-limit-key-0123456789"
    path = tmp_path / "config" / "limits.json"
    with SimServer(SimConfig(latency=0.4, max_active=8, retry_after=0.05)) as sim:
        library = await Library.open(tmp_path / "lib")
        poll = PollPolicy(interval=0.05, max_interval=0.1)
        client = FluxClient(ProviderConfig(BFL, key, sim.base_url), poll=poll)
        limits = await asyncio.to_thread(ConcurrencyLimits.load, path, BFL, key, ceiling=24, catalog=cat)
        engine = Engine(client, library, catalog=cat, max_concurrent=24, limits=limits)
        try:
            jobs = engine.enqueue_many(dev(cat, seed) for seed in range(24))
            done = await asyncio.wait_for(engine.wait_all(j.id for j in jobs), 60)
            await limits.flush()
        finally:
            await engine.aclose()
            await client.aclose()
            await library.close()
        submits = [r for r in sim.received if r.route == "submit"]
        tasks = sim.tasks()
    assert [j.state for j in done] == [JobState.DONE] * 24
    assert len(tasks) == 24  # one task per job: a refused submit made none
    assert len(submits) > 24  # the provider did refuse some, and they were sent again
    learned = LimitStore(path, account_id(BFL, key)).read()["flux-dev"]
    assert learned["limit"] <= 12 and learned["probing"] is False
    assert key not in path.read_text()


# ---- the client's part and the runtime's ------------------------------------------------------------


@pytest.mark.asyncio
async def test_told_not_to_the_client_raises_a_submit_429_at_once_for_the_engine_to_pace() -> None:
    from fluxdesk.api.client import FluxClient
    from fluxdesk.api.providers import ProviderConfig
    from fluxdesk.sim.server import SimConfig, SimServer

    cat = default_catalog()
    with SimServer(SimConfig(latency=0.1, faults="submit429:1:retry=2")) as sim:
        async with FluxClient(ProviderConfig(BFL, "k" * 24, sim.base_url)) as client:
            with pytest.raises(RateLimited) as refused:
                await client.submit(dev(cat, 1), retry_rate_limited=False)
            assert refused.value.retry_after == 2.0
            assert len([r for r in sim.received if r.route == "submit"]) == 1  # not tried again here


@pytest.mark.asyncio
async def test_the_runtime_starts_from_what_an_earlier_run_learned(tmp_path: Path) -> None:
    from fluxdesk.engine.limits import LIMITS_FILE
    from fluxdesk.runtime import open_runtime
    from fluxdesk.settings import Settings

    key = "bfl-runtime-key-000111222333"
    env = {"FLUXDESK_HOME": str(tmp_path), "BFL_API_KEY": key, "FLUXDESK_PROVIDER": BFL,
           "FLUXDESK_API_BASE": "http://127.0.0.1:9"}
    settings = Settings.load(env)
    LimitStore(settings.paths.config_dir / LIMITS_FILE, account_id(BFL, key)).write(
        {"flux-dev": {"limit": 5.0, "probing": False}}
    )
    runtime = await open_runtime(settings, max_concurrent=24)
    try:
        assert runtime.engine.limits.window("flux-dev").rule.window == 5
        assert runtime.engine.limits.window("flux-pro-1.1").rule.window == 24  # nothing learned: documented
        assert runtime.engine.limits.ceiling == 24
    finally:
        await runtime.aclose()
