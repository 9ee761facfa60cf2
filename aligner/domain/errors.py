"""Errors the core raises. Each carries a machine code and the values a message needs.

The core words a plain English message (for the CLI and logs); the UI may translate by code.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable codes for every failure a user can meet."""

    FILE_NOT_FOUND = "file_not_found"
    NOT_SQLITE = "not_sqlite"
    NOT_ALIGNER = "not_aligner"
    DAMAGED = "damaged"
    SCHEMA_TOO_NEW = "schema_too_new"
    LOCKED = "locked"
    RECOVERY_AVAILABLE = "recovery_available"
    SAVE_FAILED = "save_failed"
    VALIDATION = "validation"
    NOT_FOUND = "not_found"
    IN_USE = "in_use"
    COMPUTE = "compute"
    IMPORT_FAILED = "import_failed"


class AlignerError(Exception):
    """Base of every error the core raises on purpose."""

    code: ErrorCode = ErrorCode.VALIDATION

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


class ProjectFileError(AlignerError):
    """A file could not be opened as a project; the file was not changed."""

    def __init__(self, code: ErrorCode, message: str, **params: object) -> None:
        super().__init__(message, **params)
        self.code = code


class ProjectLockedError(AlignerError):
    """Someone else has the project open; opening again needs an explicit take-over."""

    code = ErrorCode.LOCKED

    def __init__(self, *, user: str, host: str, pid: int, since: str) -> None:
        super().__init__(
            f"in use by {user} on {host} since {since} (process {pid}); "
            "open it anyway only if that copy of Aligner is no longer running",
            user=user,
            host=host,
            pid=pid,
            since=since,
        )
        self.user, self.host, self.pid, self.since = user, host, pid, since


class RecoveryAvailableError(AlignerError):
    """A working copy with unsaved changes survived a crash; the caller must choose."""

    code = ErrorCode.RECOVERY_AVAILABLE

    def __init__(self, *, working_copy: str, last_change: str) -> None:
        super().__init__(
            f"unsaved changes from {last_change} were found; recover them or discard them",
            working_copy=working_copy,
            last_change=last_change,
        )
        self.working_copy, self.last_change = working_copy, last_change


class SaveFailedError(AlignerError):
    """Publishing failed; the target is unchanged and the working copy intact."""

    code = ErrorCode.SAVE_FAILED


class ValidationError(AlignerError):
    """A value a user gave is not acceptable; says which field and why."""

    code = ErrorCode.VALIDATION

    def __init__(self, field: str, message: str, **params: object) -> None:
        super().__init__(f"{field}: {message}", field=field, **params)
        self.field = field


class NotFoundError(AlignerError):
    """A record named by id does not exist (any more)."""

    code = ErrorCode.NOT_FOUND


class InUseError(AlignerError):
    """A record cannot be deleted because governance records point at it."""

    code = ErrorCode.IN_USE


class ComputeError(AlignerError):
    """Inputs to a computation are unusable; the message says what to fix."""

    code = ErrorCode.COMPUTE


class FileRejectedError(AlignerError):
    """An incoming file (workbook, CSV, packet) was refused; nothing was written.

    The message names the file and the place in it (sheet, row, column or zip part) and says
    what to do; ``problems`` holds every problem found when more than one was collected.
    """

    code = ErrorCode.IMPORT_FAILED

    def __init__(self, message: str, *, problems: tuple[str, ...] = (), **params: object) -> None:
        super().__init__(message, **params)
        self.problems = problems or (message,)
