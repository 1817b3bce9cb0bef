"""The simulator's routes: submit, poll, credits and delivery, in both providers' shapes.

- CometAPI: ``POST /flux/v1/{model}`` (``Authorization: Bearer``), ``GET /flux/v1/get_result?id=``;
  its balance ``GET /user/quota?key=`` (query.cometapi.com in reality, in US dollars).
- BFL: ``POST /v1/{model}`` (``x-key``), ``GET /v1/get_result?id=`` at the absolute ``polling_url`` of the
  submit reply (on `SimConfig.polling_base` when set, as BFL names a regional host), ``GET /v1/credits``.
- Delivery: ``GET /delivery/...`` (see `fluxdesk.sim.delivery`).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from fluxdesk.sim import replies
from fluxdesk.sim.delivery import Delivery
from fluxdesk.sim.faults import DELIVERY_KINDS, MAX_STALL, Fault, FaultPlan
from fluxdesk.sim.money import cost
from fluxdesk.sim.prompts import provider_prompt, provider_seed
from fluxdesk.sim.replies import Reply, json_reply
from fluxdesk.sim.sizes import input_megapixels, megapixels, output_size
from fluxdesk.sim.spec import ACCOUNT_ACTIVE_TASKS, BFL, COMETAPI, ProviderSpec, output_format
from fluxdesk.sim.tasks import (
    CONTENT_MODERATED,
    ERROR,
    FAILED,
    PENDING,
    READY,
    REQUEST_MODERATED,
    TASK_NOT_FOUND,
    TERMINAL,
    UNKNOWN_STATUSES,
    Task,
    TaskStore,
)
from fluxdesk.sim.validate import Problem, check_body
from fluxdesk.sim.webhooks import WebhookSender

if TYPE_CHECKING:
    from fluxdesk.sim.server import SimConfig

SUBMIT, POLL, DELIVERY, CREDITS, OTHER = "submit", "poll", "delivery", "credits", "other"
FOREIGN_HOST = "evil.example.invalid"
MODERATE_REQUEST = "[moderate-request]"
MODERATE_CONTENT = "[moderate-content]"


class Headers(dict[str, str]):
    """Header names (lower case) to values, looked up case-insensitively."""

    def __getitem__(self, key: str) -> str:
        return super().__getitem__(key.lower())

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key.lower() if isinstance(key, str) else key)

    def get(self, key: str, default: Any = None) -> Any:
        return super().get(key.lower(), default)


def route_of(method: str, path: str) -> tuple[str, str]:
    if path.startswith("/delivery/") and method == "GET":
        return DELIVERY, ""
    if path in ("/v1/credits", "/user/quota", "/user/quota/") and method == "GET":
        return CREDITS, ""
    for prefix in ("/flux/v1/", "/v1/"):
        if path.startswith(prefix):
            name = path[len(prefix) :]
            if not name or "/" in name:
                return OTHER, ""
            if name == "get_result":
                return (POLL, "") if method == "GET" else (OTHER, "")
            return (SUBMIT, name) if method == "POST" else (OTHER, "")
    return OTHER, ""


class Api:
    """Answers one request; shared by the handler threads (the store and plans lock themselves)."""

    def __init__(
        self,
        config: SimConfig,
        spec: ProviderSpec,
        store: TaskStore,
        delivery: Delivery,
        faults: FaultPlan,
        webhooks: WebhookSender,
        stopping: threading.Event,
        base_url: Callable[[], str],
        polling_base: Callable[[], str],
    ) -> None:
        self.config, self.spec, self.store, self.delivery = config, spec, store, delivery
        self.faults, self.webhooks, self.stopping = faults, webhooks, stopping
        self.base_url, self.polling_base = base_url, polling_base
        self._lock = threading.Lock()
        self._comet_submits = 0

    def handle(
        self, method: str, target: str, headers: Headers, body: bytes, route: str, model: str
    ) -> Reply | None:
        url = urlsplit(target)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        provider = COMETAPI if url.path.startswith("/flux/") else BFL
        fault = self.faults.take_request_fault(route) if route in (SUBMIT, POLL, DELIVERY) else None
        if fault is not None:
            if fault.kind == "reset" or (fault.kind == "outage" and fault.outage_code == "reset"):
                return None
            if fault.kind == "stall":
                self.stopping.wait(min(max(fault.option_float("secs", 5.0), 0.0), MAX_STALL))
            elif fault.kind not in DELIVERY_KINDS:
                return self._fault_reply(fault, provider, route, query)
        if route == SUBMIT:
            return self._submit(provider, model, headers, body)
        if route == POLL:
            return self._poll(provider, headers, query)
        if route == DELIVERY:
            return self.delivery.serve(url.path, headers, query, fault)
        if route == CREDITS:
            return self._credits(url.path, headers, query)
        if provider == COMETAPI:
            return replies.comet_error(404, f"Invalid URL ({method} {url.path})", code="")
        return json_reply(404, {"detail": "Not Found"})

    # ---- faults ---------------------------------------------------------------------------------------

    def _fault_reply(self, fault: Fault, provider: str, route: str, query: dict[str, str]) -> Reply:
        kind = fault.outage_code if fault.kind == "outage" else fault.kind
        headers, extra = self._pause(fault, kind)
        if kind == "429":
            return replies.error(
                provider,
                429,
                "Rate limit exceeded (simulated); retry later.",
                code="rate_limit_exceeded",
                headers=headers,
                extra=extra,
            )
        if kind == "html":
            return replies.html(int(fault.option_float("code", 502)))
        if kind == "badjson":
            return Reply(200, b'{"id": "x", "status": "Pen', "application/json")
        if kind == "empty":
            return Reply(200, b"", "application/json")
        if kind == "nostatus":
            data = {"id": query.get("id", ""), "progress": None} if route == POLL else {"status": PENDING}
            return json_reply(200, data)
        status = int(kind)
        if status == 402:
            return replies.out_of_credits(provider, 0.0, 0.0)
        if status in (401, 403):
            if provider == COMETAPI:
                return replies.comet_error(status, "Invalid token (simulated)")
            return json_reply(status, {"detail": "Not authenticated (simulated)"})
        if status == 400:
            if provider == COMETAPI:
                return replies.comet_error(400, "Bad request (simulated)", code="invalid_request")
            return json_reply(400, {"detail": "Bad request (simulated)."})
        return replies.error(
            provider,
            status,
            f"The upstream service failed (simulated {status}).",
            code=fault.options.get("errcode", str(status)),
            headers=headers,
            extra=extra,
        )

    @staticmethod
    def _pause(fault: Fault, kind: str) -> tuple[dict[str, str], dict[str, Any] | None]:
        """The Retry-After header and/or body `retry_after` a fault asks for: a 429 always (1 s by
        default), a 5xx only when given `retry=`."""
        if kind != "429" and "retry" not in fault.options:
            return {}, None
        retry = fault.option_float("retry", 1.0)
        where = fault.options.get("where", "header")
        headers = {"Retry-After": f"{retry:g}"} if where in ("header", "both") else {}
        extra = {"retry_after": retry} if where in ("body", "both") else None
        return headers, extra

    # ---- auth -----------------------------------------------------------------------------------------

    def _key(self, provider: str, headers: Headers) -> tuple[str, Reply | None]:
        if provider == COMETAPI:
            auth = headers.get("authorization") or ""
            key = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
        else:
            key = (headers.get("x-key") or "").strip()
        return key, self._check_key(provider, key)

    def _check_key(self, provider: str, key: str) -> Reply | None:
        if not self.config.require_key:
            return None
        valid = self.config.valid_keys
        if not key or (valid is not None and key not in valid):
            return replies.unauthorized(provider, missing=not key)
        return None

    # ---- submit ---------------------------------------------------------------------------------------

    def _submit(self, provider: str, model: str, headers: Headers, body: bytes) -> Reply:
        endpoint = self.spec.get(model, provider)
        if endpoint is None:
            return replies.not_offered(provider, model)
        key, refused = self._key(provider, headers)
        if refused is not None:
            return refused
        try:
            data = json.loads(body or b"{}")
        except ValueError as exc:
            error = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            pos = exc.pos if isinstance(exc, json.JSONDecodeError) else 0
            return replies.bad_json(provider, error, pos)
        checked, problems = check_body(endpoint, data, provider, unknown_fields=self.config.unknown_fields)
        if checked is None:
            return replies.validation(provider, problems)
        params = checked.params
        task_id = str(uuid.uuid4())
        prompt = str(params.get("prompt") or "")
        width, height = output_size(endpoint, params, checked.images)
        out_mp, in_mp = megapixels(width, height), input_megapixels(checked.images)
        task_faults = {f.kind: f for f in self.faults.take_task_faults()}
        now = self.config.clock()
        outcome = self._outcome(prompt, task_faults)
        pending: tuple[str, ...] = (PENDING,)
        if "unknown" in task_faults:
            name = task_faults["unknown"].options.get("name")
            pending = (name,) if name else UNKNOWN_STATUSES
        task = Task(
            id=task_id,
            provider=provider,
            key=key,
            model=endpoint.id,
            prompt=prompt,
            result_prompt=provider_prompt(endpoint, prompt, params),
            seed=provider_seed(endpoint, params, task_id),
            width=width,
            height=height,
            fmt=output_format(endpoint, params),
            params=params,
            submitted_at=now,
            ready_at=now
            if outcome in (REQUEST_MODERATED, TASK_NOT_FOUND)
            else now + max(0.0, self.config.latency),
            outcome=outcome,
            pending_names=pending,
            link_expired="expired" in task_faults,
            cost=cost(endpoint, out_mp, in_mp),
            input_mp=in_mp,
            output_mp=out_mp,
            webhook_url=params.get("webhook_url"),
            webhook_secret=params.get("webhook_secret"),
            ignored=checked.ignored,
        )
        account_limit = max(1, self.config.max_active)
        # a model's own, stricter limit (kontext-max: 6) holds whatever the account limit is set to
        own = endpoint.max_active if endpoint.max_active < ACCOUNT_ACTIVE_TASKS else account_limit
        refused_by = self.store.admit(task, account_limit=account_limit, model_limit=min(account_limit, own))
        if refused_by is not None:
            what, limit = refused_by
            if what == "credits":
                return replies.out_of_credits(provider, task.cost, self.store.balance(key, now))
            message = f"You have reached the limit of {limit} active tasks for {endpoint.id}; retry later."
            return replies.error(
                provider,
                429,
                message,
                code="too_many_active_tasks",
                headers={"Retry-After": f"{self.config.retry_after:g}"},
            )
        if self.config.prerender and task.outcome == READY:
            self.delivery.prerender(task)
        if task.webhook_url and task.outcome != TASK_NOT_FOUND:
            self.webhooks.schedule(task.id, task.ready_at)
        return json_reply(200, self._submit_reply(provider, task, task_faults))

    @staticmethod
    def _outcome(prompt: str, task_faults: dict[str, Fault]) -> str:
        if MODERATE_REQUEST in prompt or "reqmod" in task_faults:
            return REQUEST_MODERATED
        if MODERATE_CONTENT in prompt or "contentmod" in task_faults:
            return CONTENT_MODERATED
        for kind, outcome in (("notfound", TASK_NOT_FOUND), ("error", ERROR), ("failed", FAILED)):
            if kind in task_faults:
                return outcome
        return READY

    def _submit_reply(self, provider: str, task: Task, task_faults: dict[str, Fault]) -> dict[str, Any]:
        base = self.base_url() if provider == COMETAPI else self.polling_base()
        if "foreign" in task_faults:
            base = "http://" + task_faults["foreign"].options.get("host", FOREIGN_HOST)
        path = "/flux/v1/get_result" if provider == COMETAPI else "/v1/get_result"
        polling_url = f"{base}{path}?id={task.id}"
        money = {"cost": task.cost, "input_mp": task.input_mp, "output_mp": task.output_mp}
        if provider == COMETAPI:
            with self._lock:
                self._comet_submits += 1
                every = self.config.comet_pending_every
                pending = every > 0 and self._comet_submits % every == 0
            if task.webhook_url:
                return {"id": task.id, "status": PENDING, "webhook_url": task.webhook_url}
            if "nopolling" in task_faults or pending:
                return {"id": task.id, "status": PENDING}
            return {"id": task.id, "polling_url": polling_url}
        if task.webhook_url:
            return {"id": task.id, "status": PENDING, "webhook_url": task.webhook_url, **money}
        reply: dict[str, Any] = {"id": task.id, "polling_url": polling_url, **money}
        if "nopolling" in task_faults:
            reply.pop("polling_url")
        return reply

    # ---- poll -----------------------------------------------------------------------------------------

    def result(self, task: Task, now: float) -> dict[str, Any]:
        """The get_result reply for `task` at `now` (also the webhook's payload)."""
        status, progress = task.status(now)
        reply: dict[str, Any] = {
            "id": task.id,
            "status": status,
            "result": None,
            "progress": progress,
            "details": None,
            "preview": None,
        }
        if status == READY:
            reply["result"] = {
                "sample": self.delivery.sample_url(self.base_url(), task),
                "prompt": task.result_prompt,
                "seed": task.seed,
                "start_time": task.submitted_at,
                "end_time": task.ready_at,
                "duration": round(task.ready_at - task.submitted_at, 3),
            }
        elif status == REQUEST_MODERATED:
            reply["details"] = {"Moderation Reasons": ["Simulated: the prompt asked for moderation."]}
        elif status == CONTENT_MODERATED:
            reply["details"] = {"Moderation Reasons": ["Simulated: the output was flagged."]}
        elif status in (ERROR, FAILED):
            reply["details"] = {"error": f"Simulated generation failure ({status})."}
        return reply

    def webhook_payload(self, task_id: str) -> tuple[str, str | None, dict[str, Any]] | float | None:
        task = self.store.get(task_id)
        if task is None or not task.webhook_url or task.webhook_sent:
            return None
        now = self.config.clock()
        if task.status(now)[0] not in TERMINAL:
            return task.ready_at
        payload = self.result(task, now)
        # when the task ended, so every retry sends the same bytes
        payload["timestamp"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(task.ready_at))
        return task.webhook_url, task.webhook_secret, payload

    def _poll(self, provider: str, headers: Headers, query: dict[str, str]) -> Reply:
        key, refused = self._key(provider, headers)
        if refused is not None:
            return refused
        task_id = query.get("id", "")
        if not task_id:
            problem = Problem(("query", "id"), "Field required", "missing", input=None)
            return replies.validation(provider, [problem])
        task = self.store.get(task_id)
        if task is None or (self.config.require_key and task.key != key):
            return json_reply(
                200,
                {
                    "id": task_id,
                    "status": TASK_NOT_FOUND,
                    "result": None,
                    "progress": None,
                    "details": None,
                    "preview": None,
                },
            )
        return json_reply(200, self.result(task, self.config.clock()))

    # ---- balances -------------------------------------------------------------------------------------

    def _credits(self, path: str, headers: Headers, query: dict[str, str]) -> Reply:
        if path == "/v1/credits":
            key, refused = self._key(BFL, headers)
            if refused is not None:
                return refused
            return json_reply(200, {"credits": self.store.balance(key)})
        key = query.get("key", "").strip()
        if self._check_key(COMETAPI, key) is not None:
            return replies.comet_error(401, "Invalid token")
        left = self.store.balance(key) / 100.0
        used = (self.store.ledger.start / 100.0) - left
        account = self.store.ledger.account(key)
        return json_reply(
            200,
            {
                "username": "simulated",
                "total_quota": round(left, 6),
                "total_used_quota": round(used, 6),
                "request_count": account.requests,
                "keys": [{"name": "simulated", "remain_quota": round(left, 6), "used_quota": round(used, 6)}],
            },
        )


def headers_of(items: Iterable[tuple[str, str]]) -> Headers:
    return Headers((k.lower(), v) for k, v in items)
