"""The log file, and the one place a failure's details go instead of the user's screen.

`setup_logging(folder)` is called once per process by a front (the CLI's `main`, the window's
`run_app`), never at import: a rotating file `fluxdesk.log` in the platform's log folder (under
`$FLUXDESK_HOME/logs` when that is set), at INFO for fluxdesk's own loggers (the engine's job states
among them) and WARNING for the rest. Every record passes a `SecretFilter` first: the configured key
(in every form `api.keys.redact` knows), the keys in the environment and key-shaped strings never reach
the file. Whoever reads a key registers it with `add_secret`, wherever the log was set up.

`notify_user(text)` is how code below the fronts gives the user a sentence that is not an error (the
keychain did not answer, say): the CLI prints it on stderr, the window shows it in its status bar.
Uncaught exceptions (`sys.excepthook`, `threading.excepthook`, the loop's handler from
`loop_exception_handler`) are logged with their traceback and the user reads one sentence.
"""

from __future__ import annotations

import asyncio
import logging
import logging.handlers
import os
import re
import sys
import threading
import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fluxdesk.api.keys import redact
from fluxdesk.i18n import _

LOG_FILENAME = "fluxdesk.log"
MAX_BYTES = 2 << 20
BACKUPS = 3
NOTICE_LOGGER = "fluxdesk.notice"
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"
#: a key as CometAPI issues them; BFL's (UUID-like) are known only when given (task ids look the same)
KEY_SHAPES = re.compile(r"\bsk-[A-Za-z0-9_\-]{16,}")
KEY_ENV_VARS = ("COMETAPI_KEY", "BFL_API_KEY")
#: shorter "secrets" (the simulator's "demo") would shred ordinary words
MIN_SECRET = 8
REDACTED = "[redacted]"

log = logging.getLogger(__name__)
OnError = Callable[[str], None]


class SecretFilter(logging.Filter):
    """Removes the known keys and key-shaped strings from a record's message, arguments and traceback.

    It formats the message itself (so a key passed as an argument is caught too) and leaves the record
    holding only scrubbed text.
    """

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._secrets: set[str] = set()
        for secret in secrets:
            self.add(secret)

    def add(self, secret: str | None) -> None:
        if secret and len(secret.strip()) >= MIN_SECRET:
            with self._lock:
                self._secrets.add(secret)

    @property
    def secrets(self) -> frozenset[str]:
        with self._lock:
            return frozenset(self._secrets)

    def scrub(self, text: str) -> str:
        return KEY_SHAPES.sub(REDACTED, redact(text, sorted(self.secrets, key=len, reverse=True)))

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed format must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = self.scrub(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = self.scrub(record.stack_info)
        return True


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log readable by its owner only: prompts and file names are nobody else's business."""

    def _open(self) -> Any:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return os.fdopen(fd, "a", encoding=self.encoding or "utf-8", errors=self.errors)


class _NoticeHandler(logging.Handler):
    """Hands notices (the `fluxdesk.notice` logger) to the front as plain sentences."""

    def __init__(self, show: Callable[[str], None]) -> None:
        super().__init__(logging.INFO)
        self.show = show

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.show(record.getMessage())
        except Exception:
            self.handleError(record)


class _OneLine(logging.Formatter):
    """A record as its message only: what reaches a terminal when there is no file (never a traceback)."""

    def format(self, record: logging.LogRecord) -> str:
        return " ".join(record.getMessage().split())


@dataclass
class LogSetup:
    """What `setup_logging` installed; `close()` takes it all away again (tests, and the end of main)."""

    path: Path | None  # the log file; None when it could not be opened (then `problem` says why)
    problem: str | None
    filter: SecretFilter
    handlers: list[logging.Handler] = field(default_factory=list)
    _levels: dict[str, int] = field(default_factory=dict)
    _restore: list[Callable[[], None]] = field(default_factory=list)

    def add_secret(self, secret: str | None) -> None:
        self.filter.add(secret)

    @property
    def where(self) -> str:
        """Where the details are, for a sentence."""
        return str(self.path) if self.path is not None else _("the terminal (no log file could be opened)")

    def close(self) -> None:
        for undo in reversed(self._restore):
            undo()
        self._restore.clear()
        root = logging.getLogger()
        notice = logging.getLogger(NOTICE_LOGGER)
        for handler in self.handlers:
            root.removeHandler(handler)
            notice.removeHandler(handler)
            handler.close()
        self.handlers.clear()
        for name, level in self._levels.items():
            logging.getLogger(name).setLevel(level)
        self._levels.clear()


def default_log_dir(env: Mapping[str, str] | None = None) -> Path:
    """`$FLUXDESK_HOME/logs` when set, else the platform's user log folder."""
    environ = os.environ if env is None else env
    home = environ.get("FLUXDESK_HOME")
    if home:
        return Path(home).expanduser() / "logs"
    import platformdirs

    return platformdirs.user_log_path("fluxdesk", appauthor=False)


def setup_logging(
    folder: Path,
    *,
    notices: Callable[[str], None] | None = None,
    env: Mapping[str, str] | None = None,
    level: int = logging.INFO,
) -> LogSetup:
    """Install the log file (and the notice handler) on the root logger; never raises.

    `notices`: where `notify_user` sentences go (the CLI: stderr; the window: its status bar; called
    from any thread). When the file cannot be opened, errors go to stderr, one line each.
    """
    environ = os.environ if env is None else env
    secrets = SecretFilter(environ.get(name, "") for name in KEY_ENV_VARS)
    root = logging.getLogger()
    setup = LogSetup(None, None, secrets)
    path = Path(folder) / LOG_FILENAME
    handler: logging.Handler
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.setLevel(level)
        setup.path = path
    except OSError as exc:
        setup.problem = _("The log file {path} could not be opened "
                          "({value}).").format(path=path, value=exc.strerror or type(exc).__name__)
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_OneLine())
        handler.setLevel(logging.ERROR)
    handler.addFilter(secrets)
    root.addHandler(handler)
    setup.handlers.append(handler)
    if notices is not None:
        notice = _NoticeHandler(notices)
        notice.addFilter(secrets)
        logging.getLogger(NOTICE_LOGGER).addHandler(notice)
        setup.handlers.append(notice)
    fluxdesk = logging.getLogger("fluxdesk")
    setup._levels["fluxdesk"] = fluxdesk.level
    if fluxdesk.getEffectiveLevel() > level or fluxdesk.level == logging.NOTSET:
        fluxdesk.setLevel(level)
    return setup


def _installed_filters() -> list[SecretFilter]:
    found: list[SecretFilter] = []
    for logger in (logging.getLogger(), logging.getLogger(NOTICE_LOGGER)):
        for handler in logger.handlers:
            found.extend(f for f in handler.filters if isinstance(f, SecretFilter))
    return found


def add_secret(secret: str | None) -> None:
    """Keep `secret` (a key just read or entered) out of every log this process writes."""
    for secret_filter in _installed_filters():
        secret_filter.add(secret)


def notify_user(text: str) -> None:
    """A sentence for the user that is not an error; the fronts show it (and the log keeps it)."""
    logging.getLogger(NOTICE_LOGGER).warning(text)


def unexpected_sentence(exc: BaseException, where: str) -> str:
    return (
        _("fluxdesk hit an unexpected problem ({value}); what happened is in the log file, "
          "{where}.").format(value=type(exc).__name__, where=where)
    )


def install_excepthooks(setup: LogSetup, on_error: OnError) -> None:
    """Uncaught exceptions in the main thread and in other threads: logged, one sentence for the user.

    Undone by `setup.close()`.
    """
    previous_sys, previous_threading = sys.excepthook, threading.excepthook

    def sys_hook(
        kind: type[BaseException], value: BaseException, tb: types.TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous_sys(kind, value, tb)
            return
        log.critical("uncaught exception", exc_info=(kind, value, tb))
        on_error(unexpected_sentence(value, setup.where))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        log.error("uncaught exception in thread %s", name,
                  exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        on_error(unexpected_sentence(args.exc_value, setup.where))

    sys.excepthook, threading.excepthook = sys_hook, thread_hook

    def restore() -> None:
        sys.excepthook, threading.excepthook = previous_sys, previous_threading

    setup._restore.append(restore)


def loop_exception_handler(
    setup: LogSetup, on_error: OnError
) -> Callable[[asyncio.AbstractEventLoop, dict[str, Any]], None]:
    """For `loop.set_exception_handler`: what reaches the loop is logged; the user reads one sentence."""

    def handle(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        message = str(context.get("message") or "unhandled error in the event loop")
        if isinstance(exc, BaseException):
            log.error("%s", message, exc_info=(type(exc), exc, exc.__traceback__))
            on_error(unexpected_sentence(exc, setup.where))
        else:
            log.error("%s", message)

    return handle
