"""The window and money, against the simulator over real sockets: the estimate on Generate, what the
provider reported in the details, the Advanced webhook fields, FLUX.2 sizes that match the input image,
the balance and spend in the status bar, the daily budget and the ask-before question."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sim_helpers import hook_receiver, wait_until
from ui_window_helpers import close_window, run, submits

from fluxdesk.api.catalog import BFL, default_catalog
from fluxdesk.api.client import FluxClient, PollPolicy
from fluxdesk.api.providers import ProviderConfig
from fluxdesk.draft import ImageSource
from fluxdesk.engine import Engine
from fluxdesk.library.library import Library
from fluxdesk.library.records import GenerationRecord, JobState
from fluxdesk.library.thumbs import ThumbnailCache
from fluxdesk.runtime import Runtime
from fluxdesk.settings import Settings
from fluxdesk.sim.server import SimConfig, SimServer

# the offscreen platform cannot do these; the message box and the status bar ask for them
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")
KEY = "bfl-window-key-Qm2xK9pLw4sVb8nRt3yZ"
SECRET = "whsec-window-canary-5566778899"


@pytest.fixture
def bfl_sim() -> Iterator[SimServer]:
    with SimServer(SimConfig(latency=0.3, credits=500.0)) as server:
        yield server


def make_bfl_window(loop: asyncio.AbstractEventLoop, qtbot: Any, sim: SimServer) -> Any:
    """The real main window on Black Forest Labs' shape (prices and a balance), aimed at the simulator."""
    from fluxdesk.ui.main_window import MainWindow
    from fluxdesk.ui.tasks import TaskRegistry

    settings = Settings.load()
    catalog = default_catalog()
    thumbs = ThumbnailCache(settings.paths.thumbnails_dir)
    library = run(loop, qtbot, Library.open(settings.paths.library_dir, thumbs=thumbs))
    config = ProviderConfig(BFL, KEY, sim.base_url)
    client = FluxClient(config, poll=PollPolicy(interval=0.05, max_interval=0.1))
    engine = Engine(client, library, max_concurrent=24, catalog=catalog)
    runtime = Runtime(settings=settings, catalog=catalog, config=config, client=client, library=library,
                      engine=engine, thumbs=thumbs)
    tasks = TaskRegistry()
    failures: list[tuple[str, str]] = []
    tasks.failed.connect(lambda what, msg: failures.append((what, msg)))
    window = MainWindow(runtime, tasks)
    window.task_failures = failures  # type: ignore[attr-defined]
    window.show()
    qtbot.waitExposed(window)
    run(loop, qtbot, window.start())
    return window


@pytest.fixture
def bfl_window(qloop: asyncio.AbstractEventLoop, qtbot: Any, bfl_sim: SimServer) -> Iterator[Any]:
    window = make_bfl_window(qloop, qtbot, bfl_sim)
    yield window
    close_window(qloop, qtbot, window)


def compose(window: Any, prompt: str, model: str = "flux-pro-1.1", batch: int = 1) -> None:
    window.draft.set_model(model)
    window.draft.set_prompt(prompt)
    window.draft.set_batch(batch)


def finished_jobs(qtbot: Any, window: Any, count: int, timeout: int = 15_000) -> list[Any]:
    # the engine drops a job once it ends (the library has it); the queue keeps showing it
    def done() -> bool:
        jobs = window.queue.model.jobs
        return len(jobs) == count and all(j.is_final for j in jobs)

    qtbot.waitUntil(done, timeout=timeout)
    return list(window.queue.model.jobs)


def status(window: Any) -> str:
    return str(window.statusBar().currentMessage())


# ---- the estimate on Generate ------------------------------------------------------------------------


def test_generate_shows_the_batch_estimate_and_its_tooltip_says_estimate(bfl_window: Any) -> None:
    button = bfl_window.generate_button
    compose(bfl_window, "a kite", batch=4)
    assert button.text() == "Generate 4 · ≈ 16 credits"
    assert "About 16 credits ($0.16) for 4 images, an estimate." in button.toolTip()
    assert "(Ctrl+Return)" in button.toolTip()
    bfl_window.draft.set_batch(2)
    assert button.text() == "Generate 2 · ≈ 8 credits"
    bfl_window.draft.set_model("flux-2-pro")  # by the megapixel: 1024x1024 is 3 credits
    assert button.text() == "Generate 2 · ≈ 6 credits"
    bfl_window.draft.set_batch(1)
    assert button.text() == "Generate · ≈ 3 credits"


def test_without_published_prices_the_button_says_no_amount(window: Any) -> None:
    compose(window, "a kite", batch=3)  # the shared fixture's window is CometAPI
    assert window.generate_button.text() == "Generate 3"
    assert "No price known for 3 images." in window.generate_button.toolTip()


# ---- what the provider reported, in the details ---------------------------------------------------


def test_details_show_the_providers_prompt_and_use_this_prompt_fills_the_draft(
    bfl_window: Any, qtbot: Any
) -> None:
    compose(bfl_window, "a kite over the sea", model="flux-2-pro")  # FLUX.2 [pro] rewrites prompts
    bfl_window.generate()
    (job,) = finished_jobs(qtbot, bfl_window, 1)
    record = job.record
    assert record is not None and record.rewritten_prompt is not None
    details = bfl_window.details
    details.show_record(record)
    assert details.provider_prompt.text() == record.result_prompt != "a kite over the sea"
    assert details.form.isRowVisible(details.provider_prompt_box)
    assert details.cost.text() == "3 credits ($0.03)"
    assert details.megapixels.text() == "out 1"
    details.use_prompt_button.click()
    assert bfl_window.draft.prompt == record.result_prompt
    assert bfl_window.prompt.text() == record.result_prompt


def test_details_hide_what_did_not_differ_and_show_a_providers_seed(qapp: Any) -> None:
    from fluxdesk.api.request import build_request
    from fluxdesk.ui.details.panel import DetailsPanel

    cat = default_catalog()
    request = build_request(cat, "flux-kontext-pro", "a kite", {"seed": 0})  # 0: the provider picks
    panel = DetailsPanel(catalog=cat)
    try:
        same = GenerationRecord(id="a", provider=BFL, model=request.model, request=request,
                                status=JobState.DONE, result_prompt="a kite", result_seed=0)
        panel.show_record(same)
        assert not panel.form.isRowVisible(panel.provider_prompt_box)
        assert not panel.form.isRowVisible(panel.provider_seed)
        assert panel.cost.text() == "Not reported by the provider"
        picked = same.evolve(result_seed=1234, cost=4.0, input_mp=0.25, output_mp=1.0)
        panel.show_record(picked)
        assert panel.form.isRowVisible(panel.provider_seed) and panel.provider_seed.text() == "1234"
        assert panel.megapixels.text() == "in 0.25 · out 1"
    finally:
        panel.deleteLater()


def test_the_queue_shows_a_finished_jobs_cost(bfl_window: Any, qtbot: Any) -> None:
    from fluxdesk.ui.queue.model import COL_COST, HEADERS

    compose(bfl_window, "a kite")
    bfl_window.generate()
    finished_jobs(qtbot, bfl_window, 1)
    model = bfl_window.queue.model
    assert HEADERS[COL_COST] == "Cost"
    qtbot.waitUntil(lambda: model.data(model.index(0, COL_COST)) == "4 cr", timeout=5000)


# ---- Advanced: the webhook -----------------------------------------------------------------------


def test_advanced_is_collapsed_and_its_webhook_fields_reach_the_request(
    bfl_window: Any, bfl_sim: SimServer, qtbot: Any
) -> None:
    params = bfl_window.params
    assert params.advanced_toggle is not None and not params.advanced_toggle.isChecked()
    assert params.advanced_body is not None and params.advanced_body.isHidden()
    params.advanced_toggle.click()
    assert not params.advanced_body.isHidden()
    compose(bfl_window, "a kite")
    with hook_receiver() as hooks:
        url_field = params.advanced_fields["webhook_url"]
        qtbot.keyClicks(url_field, f"{hooks.url}/done")
        qtbot.keyClicks(params.advanced_fields["webhook_secret"], SECRET)
        assert bfl_window.draft.webhook_url == f"{hooks.url}/done"
        assert params.advanced_toggle.text() == "Advanced · webhook on"
        bfl_window.generate()
        (job,) = finished_jobs(qtbot, bfl_window, 1)
        (call,) = wait_until(hooks.received)
    assert job.state is JobState.DONE  # saved by polling, whatever the hook did
    body = json.loads(submits(bfl_sim)[0].body)
    assert body["webhook_url"] == f"{hooks.url}/done" and body["webhook_secret"] == SECRET
    assert call.headers["x-webhook-secret"] == SECRET
    assert SECRET not in job.record.request.to_json()  # never recorded


def test_a_bad_webhook_address_is_marked_under_its_field(bfl_window: Any, qtbot: Any) -> None:
    params = bfl_window.params
    params.advanced_toggle.click()
    compose(bfl_window, "a kite")
    qtbot.keyClicks(params.advanced_fields["webhook_url"], "http://example.com/hook")
    assert "must use https" in params.error_text("webhook_url")
    assert not bfl_window.generate_button.isEnabled()


# ---- FLUX.2 sizes that match the input image --------------------------------------------------------


def test_a_flux2_edit_matching_the_input_sends_no_size_and_keeps_the_inputs_size(
    bfl_window: Any, bfl_sim: SimServer, qtbot: Any, tmp_path: Path
) -> None:
    source = tmp_path / "photo.png"
    Image.new("RGB", (640, 480), (30, 90, 160)).save(source)
    compose(bfl_window, "make it snow", model="flux-2-pro")
    size = bfl_window.params.size_field
    assert size is not None and size.match_input is not None
    assert size.matching and not size.width_field.isEnabled()
    assert size.note.text() == "No input image: 1024 × 1024. With one, its size is kept."
    bfl_window.draft.set_input(0, ImageSource.file(source))
    qtbot.waitUntil(lambda: bfl_window.draft.inputs[0].size == (640, 480), timeout=5000)
    assert bfl_window.params.size_field.note.text() == (
        "The image keeps the input image's size (640 × 480); no size is sent."
    )
    bfl_window.generate()
    (job,) = finished_jobs(qtbot, bfl_window, 1)
    body = json.loads(submits(bfl_sim)[0].body)
    assert "width" not in body and "height" not in body and body["input_image"]
    assert job.state is JobState.DONE and (job.record.width, job.record.height) == (640, 480)


def test_clearing_match_input_sends_the_size_shown(bfl_window: Any) -> None:
    compose(bfl_window, "a kite", model="flux-2-pro")
    size = bfl_window.params.size_field
    size.match_input.setChecked(False)
    assert size.width_field.isEnabled()
    assert (bfl_window.draft.param("width"), bfl_window.draft.param("height")) == (1024, 1024)
    size.match_input.setChecked(True)
    assert bfl_window.draft.param("width") is None and bfl_window.draft.param("height") is None


# ---- the status bar ----------------------------------------------------------------------------------


def test_the_balance_goes_down_after_a_batch_and_the_spend_goes_up(bfl_window: Any, qtbot: Any) -> None:
    money = bfl_window.money
    qtbot.waitUntil(lambda: money.balance_label.text() == "Balance: 500 credits", timeout=5000)
    assert money.balance_label.isVisible()
    compose(bfl_window, "a kite", batch=2)
    bfl_window.generate()
    finished_jobs(qtbot, bfl_window, 2)
    qtbot.waitUntil(lambda: money.balance_label.text() == "Balance: 492 credits", timeout=5000)
    qtbot.waitUntil(lambda: money.spend_label.text() == "Spent today 8 · this month 8 credits", timeout=5000)


def test_cometapi_shows_no_balance(window: Any, sim: SimServer, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: window.money.spend_label.text() != "", timeout=5000)
    assert window.money.balance_label.isHidden()
    assert not [r for r in sim.received if r.route == "credits"]


# ---- budgets ------------------------------------------------------------------------------------


def test_a_batch_over_the_daily_budget_is_refused_and_nothing_is_sent(
    bfl_window: Any, bfl_sim: SimServer, qtbot: Any
) -> None:
    bfl_window.runtime.settings.prefs.daily_budget_credits = 10.0
    compose(bfl_window, "a kite", batch=3)  # 12 credits
    assert bfl_window.generate() == []
    expected = ("This batch (about 12 credits) would take today's spend from 0 to 12 credits, over the "
                "daily budget of 10; nothing was sent.")
    qtbot.waitUntil(lambda: status(bfl_window) == expected, timeout=5000)
    assert submits(bfl_sim) == [] and not bfl_window.runtime.engine.jobs
    bfl_window.draft.set_batch(2)  # 8 credits fit
    bfl_window.generate()
    finished_jobs(qtbot, bfl_window, 2)
    bfl_window.draft.set_batch(1)  # 8 spent + 4 > 10
    bfl_window.generate()
    qtbot.waitUntil(lambda: "from 8 to 12 credits" in status(bfl_window), timeout=5000)
    assert len(submits(bfl_sim)) == 2


def test_ask_before_a_big_batch_is_a_non_modal_question(
    bfl_window: Any, bfl_sim: SimServer, qtbot: Any
) -> None:
    money = bfl_window.money
    bfl_window.runtime.settings.prefs.ask_above_credits = 5.0
    compose(bfl_window, "a kite", batch=2)  # 8 credits
    bfl_window.generate()
    qtbot.waitUntil(lambda: money.question is not None and money.question.isVisible(), timeout=5000)
    box = money.question  # open() returned at once: this test runs on the loop while the box waits
    assert box.text() == "These 2 images will cost about 8 credits ($0.08), an estimate. Send them?"
    assert submits(bfl_sim) == []
    box.button(box.StandardButton.No).click()
    qtbot.waitUntil(lambda: status(bfl_window) == "Nothing was sent.", timeout=5000)
    assert submits(bfl_sim) == [] and money.question is None
    bfl_window.generate()
    qtbot.waitUntil(lambda: money.question is not None and money.question.isVisible(), timeout=5000)
    money.question.button(money.question.StandardButton.Yes).click()
    finished_jobs(qtbot, bfl_window, 2)
    assert len(submits(bfl_sim)) == 2
    bfl_window.draft.set_batch(1)  # 4 credits: under the threshold, sent without a question
    bfl_window.generate()
    finished_jobs(qtbot, bfl_window, 3)
    assert money.question is None


def test_the_default_window_sends_at_once_without_any_budget(window: Any, qtbot: Any) -> None:
    compose(window, "a kite")
    jobs = window.generate()
    assert len(jobs) == 1 and window.money.question is None


def test_the_budget_rows_of_settings_are_saved_and_used(bfl_window: Any, qtbot: Any) -> None:
    dialog = bfl_window.open_settings()
    try:
        assert dialog.ask_above.text() == "Off" and dialog.daily_budget.text() == "Off"
        dialog.ask_above.setValue(5)
        dialog.daily_budget.setValue(100)
        assert dialog.apply()
        saved = Settings.load().prefs
        assert (saved.ask_above_credits, saved.daily_budget_credits) == (5.0, 100.0)
        compose(bfl_window, "a kite", batch=2)
        bfl_window.generate()
        qtbot.waitUntil(lambda: bfl_window.money.question is not None, timeout=5000)
        bfl_window.money.question.button(bfl_window.money.question.StandardButton.No).click()
        qtbot.waitUntil(lambda: bfl_window.money.question is None, timeout=5000)
    finally:
        dialog.close()
