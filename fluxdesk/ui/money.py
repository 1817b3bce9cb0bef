"""Money in the window: the balance and the spend in the status bar, and the checks before a batch.

- The balance (BFL's `/v1/credits`) is asked for at start and after each batch finishes, as a task:
  the window never waits for it. CometAPI has no balance fluxdesk can ask for, so none is shown.
- Today's and this month's spend are the costs the provider reported, from the library
  (`Library.spend`), refreshed shortly after jobs are confirmed or end.
- Before a batch: the rule of `draft/budget.py` (the command line's too). A batch over the daily budget
  is refused with one sentence; one over "ask before" waits for an answer in a non-modal question
  (`QMessageBox.open()`, never `exec()`), and nothing is sent unless the answer is yes.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine, Sequence
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from fluxdesk.api.errors import FluxError
from fluxdesk.api.pricing import estimate
from fluxdesk.api.request import GenerationRequest
from fluxdesk.draft.budget import (
    BatchCheck,
    SpendLimits,
    batch_estimate,
    check_batch,
    credits_text,
    day_start,
    month_start,
)
from fluxdesk.library.records import JobState
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.tasks import TaskRegistry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from fluxdesk.runtime import Runtime

log = logging.getLogger(__name__)
SPEND_DELAY_MS = 300  # jobs of a batch are confirmed within moments of each other: one query for them


def limits_of(runtime: Runtime) -> SpendLimits:
    prefs = runtime.settings.prefs
    return SpendLimits.of(ask_above=prefs.ask_above_credits, daily=prefs.daily_budget_credits)


class MoneyStatus(QObject):
    """The balance and spend labels of the status bar, and the checks before a batch is sent."""

    #: the balance label was updated (tests wait for it)
    balanceShown = Signal()
    #: the spend label was updated
    spendShown = Signal()

    def __init__(self, window: QWidget, tasks: TaskRegistry, bar: QStatusBar) -> None:
        super().__init__(window)
        self._window = window
        self._tasks = tasks
        self._runtime: Runtime | None = None
        self.balance_label = QLabel(window)
        self.balance_label.setObjectName("balance")
        self.balance_label.hide()
        self.spend_label = QLabel(window)
        self.spend_label.setObjectName("spend")
        self.spend_label.hide()
        bar.addPermanentWidget(self.spend_label)
        bar.addPermanentWidget(self.balance_label)
        self.spent_today = 0.0
        self.spent_month = 0.0
        self.question: QMessageBox | None = None  # the open "send this batch?" question
        self.last_check: BatchCheck | None = None
        self._lock = asyncio.Lock()
        self._spend_timer = QTimer(self)
        self._spend_timer.setSingleShot(True)
        self._spend_timer.setInterval(SPEND_DELAY_MS)
        self._spend_timer.timeout.connect(self.refresh_spend)

    # -- the labels -------------------------------------------------------------------------------

    def set_runtime(self, runtime: Runtime) -> None:
        self._runtime = runtime
        if runtime.config.credits_path() is None:
            self.balance_label.hide()  # CometAPI: no balance endpoint fluxdesk uses

    def refresh(self) -> None:
        self.refresh_balance()
        self.refresh_spend()

    def refresh_balance(self) -> None:
        runtime = self._runtime
        if runtime is not None and runtime.config.credits_path() is not None:
            self._spawn(self._show_balance(runtime), "read the balance")

    def refresh_spend(self) -> None:
        if self._runtime is not None:
            self._spawn(self._show_spend(self._runtime), "read the spend")

    def _spawn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        # the spend timer (or a late job event) may fire while the window closes: nothing to show then
        try:
            self._tasks.spawn(work, name=name)
        except RuntimeError:
            work.close()
            self._spend_timer.stop()

    def job_changed(self, job: Any) -> None:
        """A job was confirmed (its cost is known) or ended: the spend changed."""
        if job.state is JobState.PENDING or job.state.is_final:
            self._spend_timer.start()

    async def _show_balance(self, runtime: Runtime) -> None:
        try:
            balance = await runtime.client.credits()
        except FluxError as exc:
            text, tip = translate("Money", "Balance: unavailable"), str(exc)
        except Exception as exc:  # the runtime was replaced meanwhile (its client closed): not news
            log.info("balance not read: %s", type(exc).__name__)
            return
        else:
            # amounts of credits (2.5 is one): a unit after a number, not a count of things
            text = translate("Money", "Balance: {amount} credits").format(
                amount=credits_text(balance.credits)
            )
            tip = translate(
                "Money", "${usd} at {provider}, as it said at {time}; updated after each batch"
            ).format(usd=f"{balance.usd:.2f}", provider=runtime.config.label, time=time.strftime("%H:%M"))
        if not shiboken6.isValid(self.balance_label) or runtime is not self._runtime:
            return
        self.balance_label.setText(text)
        self.balance_label.setToolTip(tip)
        self.balance_label.show()
        self.balanceShown.emit()

    async def _show_spend(self, runtime: Runtime) -> None:
        try:
            today = await runtime.library.spend(day_start())
            month = await runtime.library.spend(month_start())
        except Exception as exc:  # a closed or failing library: the label stays as it was
            log.info("spend not read: %s", type(exc).__name__)
            return
        if not shiboken6.isValid(self.spend_label):
            return
        self.spent_today, self.spent_month = today, month
        spent = translate("Money", "Spent today {today} · this month {month} credits")
        self.spend_label.setText(spent.format(today=credits_text(today), month=credits_text(month)))
        self.spend_label.setToolTip(
            translate("Money", "What the provider reported charging, from the library")
        )
        self.spend_label.setVisible(bool(month) or runtime.config.credits_path() is not None)
        self.spendShown.emit()

    # -- before a batch -----------------------------------------------------------------------------

    def needs_check(self) -> bool:
        runtime = self._runtime
        if runtime is None:
            return False
        limits = limits_of(runtime)
        return limits.ask_above is not None or limits.daily is not None

    async def check(self, requests: Sequence[GenerationRequest], jobs: Callable[[], Sequence[Any]]) -> bool:
        """The rules for `requests` (`jobs()`: the engine's jobs, for what is queued and not charged yet).
        True: send them. False: refused (the status says why) or the user said no."""
        async with self._lock:  # two quick Generates: the second counts the first one's jobs
            runtime = self._runtime
            if runtime is None:
                return False
            limits = limits_of(runtime)
            spent = 0.0
            if limits.daily is not None:
                spent = await runtime.library.spend(day_start()) + self._unconfirmed(runtime, jobs())
            result = check_batch(batch_estimate(requests, runtime.config.provider), limits, spent_today=spent)
            self.last_check = result
            if result.refusal is not None:
                self._status(result.refusal)
                return False
            if result.question is not None and not await self._ask(result.question):
                self._status(translate("Money", "Nothing was sent."))
                return False
            return True

    @staticmethod
    def _unconfirmed(runtime: Runtime, jobs: Sequence[Any]) -> float:
        """The estimate of today's jobs that are queued or being sent (no cost reported yet)."""
        since = day_start()
        waiting = [
            j.request for j in jobs if not j.is_final and j.current.cost is None and j.created_at >= since
        ]
        return estimate(waiting, runtime.config.provider).known if waiting else 0.0

    async def _ask(self, question: str) -> bool:
        from PySide6.QtWidgets import QMessageBox  # loaded when a question opens, not at start-up

        box = QMessageBox(QMessageBox.Icon.Question, translate("Money", "Send this batch?"), question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self._window)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("ask-before-batch")
        answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        yes = box.button(QMessageBox.StandardButton.Yes)

        def finished(_result: int) -> None:
            if not answer.done():
                answer.set_result(box.clickedButton() is yes)

        box.finished.connect(finished)
        self.question = box
        box.open()  # non-modal to the event loop: the window goes on while the question is open
        try:
            return await answer
        finally:
            self.question = None

    def _status(self, text: str) -> None:
        show = getattr(self._window, "show_status", None)
        if callable(show):
            show(text)
