"""Typed failures a user can tell apart, each with one plain sentence.

`str(error)` is always the plain sentence; it never contains the API key (the client scrubs every
text it puts into an error). `retryable` says whether trying the same HTTP call again may help.
`reached_provider` says whether the request may have reached the provider: False means it surely
never left this computer (so a submit cost nothing and may be sent again), True that it did or may
have, None that the question does not apply.
"""

from __future__ import annotations

from dataclasses import dataclass

from fluxdesk.i18n import _


@dataclass(frozen=True)
class FieldError:
    field: str  # the parameter name ("width"), or "" for the whole request
    message: str  # one plain sentence

    def __str__(self) -> str:
        return self.message


class FluxError(Exception):
    """Base of every failure fluxdesk reports. Its text is one plain sentence for the user."""

    retryable = False
    #: short machine-readable code, stable across versions (used in --json and the library)
    code = "error"
    reached_provider: bool | None = None

    def __init__(
        self, message: str, *, details: str | None = None, reached_provider: bool | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        if reached_provider is not None:
            self.reached_provider = reached_provider

    def __str__(self) -> str:
        return self.message


class InvalidRequest(FluxError):
    code = "invalid_request"

    def __init__(self, errors: list[FieldError] | str, *, details: str | None = None) -> None:
        if isinstance(errors, str):
            errors = [FieldError("", errors)]
        self.errors = list(errors)
        text = " ".join(e.message for e in self.errors) or _("The request was refused as invalid.")
        super().__init__(text, details=details)

    def for_field(self, name: str) -> list[str]:
        return [e.message for e in self.errors if e.field == name]


class AuthError(FluxError):
    code = "auth"

    def __init__(self, message: str | None = None, **kw: object) -> None:
        super().__init__(
            message or _("The API key was refused: check it in Settings."),
            **kw)  # type: ignore[arg-type]


class OutOfCredits(FluxError):
    code = "out_of_credits"

    def __init__(
        self, message: str | None = None, **kw: object
    ) -> None:
        super().__init__(
            message or _("Your account is out of credits: top it up with the provider."),
            **kw)  # type: ignore[arg-type]


class RateLimited(FluxError):
    code = "rate_limited"
    retryable = True

    def __init__(
        self,
        message: str | None = None,
        *,
        retry_after: float | None = None,
        details: str | None = None,
    ) -> None:
        super().__init__(
            message or _("The provider is busy with too many of your tasks; try again shortly."),
            details=details)
        self.retry_after = retry_after


class ProviderUnavailable(FluxError):
    code = "provider_unavailable"
    retryable = True

    def __init__(
        self,
        message: str | None = None,
        *,
        status: int | None = None,
        details: str | None = None,
        reached_provider: bool | None = None,
    ) -> None:
        super().__init__(
            message or _("The provider is having trouble right now; try again in a minute."),
            details=details, reached_provider=reached_provider)
        self.status = status


class RequestModerated(FluxError):
    code = "request_moderated"

    def __init__(
        self,
        message: str | None = None,
        **kw: object,
    ) -> None:
        super().__init__(
            message or _("The prompt or input image was refused by moderation (not charged)."),
            **kw)  # type: ignore[arg-type]


class ContentModerated(FluxError):
    code = "content_moderated"

    def __init__(
        self, message: str | None = None, **kw: object
    ) -> None:
        super().__init__(
            message or _("The generated image was withheld by moderation (not charged)."),
            **kw)  # type: ignore[arg-type]


class TaskNotFound(FluxError):
    code = "task_not_found"

    def __init__(
        self, message: str | None = None, **kw: object
    ) -> None:
        super().__init__(
            message or _("The provider no longer knows this task; it may have aged out."),
            **kw)  # type: ignore[arg-type]


class GenerationFailed(FluxError):
    code = "generation_failed"

    def __init__(self, message: str | None = None, **kw: object) -> None:
        super().__init__(
            message or _("The provider failed to generate the image."),
            **kw)  # type: ignore[arg-type]


class ResultExpired(FluxError):
    code = "result_expired"

    def __init__(
        self,
        message: str | None = None,
        **kw: object,
    ) -> None:
        super().__init__(
            message or _("The result link has expired; the image can no longer be downloaded."),
            **kw)  # type: ignore[arg-type]


class NetworkError(FluxError):
    code = "network"
    retryable = True

    def __init__(
        self, message: str | None = None, **kw: object
    ) -> None:
        super().__init__(
            message or _("Could not reach the provider: check your internet connection."),
            **kw)  # type: ignore[arg-type]


class NeverSent(NetworkError):
    """The request surely never reached the provider (no connection was made): nothing was charged."""

    code = "never_sent"
    reached_provider = False

    def __init__(
        self, message: str | None = None, **kw: object
    ) -> None:
        kw.pop("reached_provider", None)
        super().__init__(message or _("Could not connect to the provider; nothing was sent."), **kw)


class Timeout(FluxError):
    code = "timeout"
    retryable = True

    def __init__(self, message: str | None = None, **kw: object) -> None:
        super().__init__(
            message or _("The provider took too long to answer."),
            **kw)  # type: ignore[arg-type]


class InvalidResponse(FluxError):
    """The provider answered something fluxdesk cannot read (HTML page, malformed JSON, missing fields)."""

    code = "invalid_response"

    def __init__(
        self, message: str | None = None, **kw: object
    ) -> None:
        super().__init__(
            message or _("The provider sent a reply fluxdesk could not read."),
            **kw)  # type: ignore[arg-type]


class CorruptImage(FluxError):
    code = "corrupt_image"

    def __init__(self, message: str | None = None, **kw: object) -> None:
        super().__init__(
            message or _("The downloaded image is damaged or incomplete."),
            **kw)  # type: ignore[arg-type]


class UnsafeUrl(FluxError):
    """A URL from the provider points somewhere fluxdesk will not send the key (or will not go at all)."""

    code = "unsafe_url"

    def __init__(
        self,
        message: str | None = None,
        **kw: object,
    ) -> None:
        super().__init__(
            message or _("The provider pointed to a host fluxdesk does not trust; nothing was sent."),
            **kw)  # type: ignore[arg-type]


class InvalidKey(FluxError):
    """An API key no provider issues (a line break, a space, a character outside printable ASCII)."""

    code = "invalid_key"
    reached_provider = False

    def __init__(
        self,
        message: str | None = None,
        **kw: object,
    ) -> None:
        kw.pop("reached_provider", None)
        super().__init__(
            message or _("The API key has characters no key has (a space, a line break...); enter it again."),
            **kw)  # type: ignore[arg-type]


class NotSupported(FluxError):
    """The provider does not offer this (CometAPI has no balance endpoint fluxdesk may use)."""

    code = "not_supported"
    reached_provider = False

    def __init__(self, message: str | None = None, **kw: object) -> None:
        kw.pop("reached_provider", None)
        super().__init__(message or _("The provider does not offer this."), **kw)  # type: ignore[arg-type]


class Cancelled(FluxError):
    code = "cancelled"

    def __init__(self, message: str | None = None, **kw: object) -> None:
        super().__init__(message or _("Cancelled."), **kw)  # type: ignore[arg-type]


#: every error code, for the library and the --json output
ERROR_CODES = {
    cls.code: cls
    for cls in (
        FluxError,
        InvalidRequest,
        AuthError,
        OutOfCredits,
        RateLimited,
        ProviderUnavailable,
        RequestModerated,
        ContentModerated,
        TaskNotFound,
        GenerationFailed,
        ResultExpired,
        NetworkError,
        NeverSent,
        Timeout,
        InvalidResponse,
        CorruptImage,
        UnsafeUrl,
        InvalidKey,
        NotSupported,
        Cancelled,
    )
}
