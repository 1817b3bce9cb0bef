"""One registry for every asyncio task the window starts.

qasync's `asyncSlot` may stop returning its task, and a task nobody holds can be garbage collected
mid-flight, so the window keeps its own strong references here. A task that fails is reported to
the user through `failed` (never only to stderr); `shutdown()` cancels what is left and waits for it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from fluxdesk.api.errors import FluxError
from fluxdesk.ui.i18n import translate

log = logging.getLogger(__name__)
T = TypeVar("T")


class TaskRegistry(QObject):
    #: (what was being done, one plain sentence)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closing = False

    def spawn(self, coro: Coroutine[Any, Any, T], *, name: str = "task") -> asyncio.Task[T]:
        """Run `coro` on the loop; failures (not cancellations) are reported through `failed`."""
        if self._closing:
            coro.close()
            raise RuntimeError("the window is closing")
        task = asyncio.get_event_loop().create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def slot(
        self, factory: Callable[..., Coroutine[Any, Any, Any]], *, name: str = ""
    ) -> Callable[..., None]:
        """A plain callable for Qt signals that spawns `factory(*args)` as a registered task."""

        def run(*args: Any) -> None:
            self.spawn(factory(*args), name=name or getattr(factory, "__name__", "slot"))

        return run

    @property
    def active(self) -> int:
        return sum(1 for t in self._tasks if not t.done())

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        if isinstance(exc, FluxError):
            message = str(exc)
        else:
            log.error("task %s failed", task.get_name(), exc_info=exc)
            message = translate("Tasks", "Something went wrong ({kind}): {reason}").format(
                kind=type(exc).__name__, reason=exc
            )
        self.failed.emit(task.get_name(), message)

    async def shutdown(self, timeout: float = 5.0) -> None:
        """Cancel every task still running and wait (bounded) until they have unwound."""
        self._closing = True
        pending = [t for t in self._tasks if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=timeout)
