"""Typed failures a user can tell apart, each with one plain sentence.

`str(error)` is always the plain sentence; it never contains the API key (the client scrubs every
text it puts into an error). `retryable` says whether trying the same HTTP call again may help.
"""

from __future__ import annotations

from dataclasses import dataclass


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

    def __init__(self, message: str, *, details: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message


class InvalidRequest(FluxError):
    code = "invalid_request"

    def __init__(self, errors: list[FieldError] | str, *, details: str | None = None) -> None:
        if isinstance(errors, str):
            errors = [FieldError("", errors)]
        self.errors = list(errors)
        text = " ".join(e.message for e in self.errors) or "The request was refused as invalid."
        super().__init__(text, details=details)

    def for_field(self, name: str) -> list[str]:
        return [e.message for e in self.errors if e.field == name]


class AuthError(FluxError):
    code = "auth"

    def __init__(self, message: str = "The API key was refused: check it in Settings.", **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]


class OutOfCredits(FluxError):
    code = "out_of_credits"

    def __init__(
        self, message: str = "Your account is out of credits: top it up with the provider.", **kw: object
    ) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]


class RateLimited(FluxError):
    code = "rate_limited"
    retryable = True

    def __init__(
        self,
        message: str = "The provider is busy with too many of your tasks; try again shortly.",
        *,
        retry_after: float | None = None,
        details: str | None = None,
    ) -> None:
        super().__init__(message, details=details)
        self.retry_after = retry_after


class ProviderUnavailable(FluxError):
    code = "provider_unavailable"
    retryable = True

    def __init__(
        self,
        message: str = "The provider is having trouble right now; try again in a minute.",
        *,
        status: int | None = None,
        details: str | None = None,
    ) -> None:
        super().__init__(message, details=details)
        self.status = status


class RequestModerated(FluxError):
    code = "request_moderated"

    def __init__(
        self,
        message: str = "The prompt or input image was refused by moderation (not charged).",
        **kw: object,
    ) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]


class ContentModerated(FluxError):
    code = "content_moderated"

    def __init__(
        self, message: str = "The generated image was withheld by moderation (not charged).", **kw: object
    ) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]


class TaskNotFound(FluxError):
    code = "task_not_found"

    def __init__(
        self, message: str = "The provider no longer knows this task; it may have aged out.", **kw: object
    ) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]


class GenerationFailed(FluxError):
    code = "generation_failed"

    def __init__(self, message: str = "The provider failed to generate the image.", **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]


class ResultExpired(FluxError):
    code = "result_expired"

    def __init__(
        self,
        message: str = "The result link has expired; the image can no longer be downloaded.",
        **kw: object,
    ) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]


class NetworkError(FluxError):
    code = "network"
    retryable = True

    def __init__(
        self, message: str = "Could not reach the provider: check your internet connection.", **kw: object
    ) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]


class Timeout(FluxError):
    code = "timeout"
    retryable = True

    def __init__(self, message: str = "The provider took too long to answer.", **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]


class InvalidResponse(FluxError):
    """The provider answered something fluxdesk cannot read (HTML page, malformed JSON, missing fields)."""

    code = "invalid_response"

    def __init__(
        self, message: str = "The provider sent a reply fluxdesk could not read.", **kw: object
    ) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]


class CorruptImage(FluxError):
    code = "corrupt_image"

    def __init__(self, message: str = "The downloaded image is damaged or incomplete.", **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]


class UnsafeUrl(FluxError):
    """A URL from the provider points somewhere fluxdesk will not send the key (or will not go at all)."""

    code = "unsafe_url"

    def __init__(
        self,
        message: str = "The provider pointed to a host fluxdesk does not trust; nothing was sent.",
        **kw: object,
    ) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]


class Cancelled(FluxError):
    code = "cancelled"

    def __init__(self, message: str = "Cancelled.", **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]


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
        Timeout,
        InvalidResponse,
        CorruptImage,
        UnsafeUrl,
        Cancelled,
    )
}
