"""Errors that reach a person, each tied to the CLI exit code the foundation fixes.

Exit codes: 0 success, 1 unexpected error, 2 usage error, 3 invalid input (nothing written),
4 permission denied, 5 conflict (changed or decided by someone else first), 6 store unavailable (the
server cannot be reached or refuses the role or database, the driver or the OS keyring is missing, the
file is not a store of this build or cannot be written), 130 cancelled (as a shell reports a run stopped
with Ctrl+C).
Messages are complete sentences in the current UI language: they say what is wrong and what to do.
"""

from __future__ import annotations

from crm_desktop.i18n import tr


class CrmError(Exception):
    """Base of every expected, user-facing error."""

    exit_code = 1

    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []

    def __str__(self) -> str:
        return self.message


class UsageError(CrmError):
    exit_code = 2


class InvalidInput(CrmError):
    """Bad input; nothing was written."""

    exit_code = 3


class NotFound(InvalidInput):
    """A referenced record does not exist (or the actor may not know it exists)."""


class PermissionDenied(CrmError):
    exit_code = 4


class AuthenticationFailed(PermissionDenied):
    pass


class SessionEnded(PermissionDenied):
    """The signed-in account was disabled, or its role or branch changed, since sign-in: sign in again."""


class PasswordChangeRequired(PermissionDenied):
    """The account's password is temporary (set by an administrator): change it before anything else."""


class Conflict(CrmError):
    """Someone else changed or decided the record first."""

    exit_code = 5


class StoreError(CrmError):
    """The store cannot be opened or used: unreachable, wrong revision, not a database, read-only."""

    exit_code = 6


class StoreUnavailable(StoreError):
    """The shared server stopped answering mid-session (down, network cut, connection dropped).

    Nothing of the action was written, unless ``in_doubt``: the connection dropped while the transaction
    was committing, so the server may have committed it. A service that can tell (by looking for what it
    wrote once the server answers again) resolves the doubt before the error reaches a person.
    """

    def __init__(self, message: str, *, in_doubt: bool = False, details: list[str] | None = None) -> None:
        super().__init__(message, details=details)
        self.in_doubt = in_doubt


class SaveInDoubt(StoreUnavailable):
    """A save whose commit was cut off, while the server is still unreachable: not known yet whether it
    was saved. ``record_id`` names what to look for once the server is back (never entered twice)."""

    def __init__(self, message: str, *, record_id: int) -> None:
        super().__init__(message, in_doubt=True)
        self.record_id = record_id


class StoreNotFound(InvalidInput):
    """An SQLite URL names a file that does not exist (a typo, most often); nothing was created."""


class UnsafeStoreLocation(InvalidInput):
    """An SQLite store on a network share, where its locking and journal are not safe."""


class Cancelled(CrmError):
    """The person stopped a long job (a Cancel button, Ctrl+C); whatever it had not committed is gone.

    The one way every long service call says "cancelled" (raised by ``Progress.check()``). A service
    may raise it again with a message that says what was kept, e.g. an import's "nothing was changed".
    """

    exit_code = 130

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or tr("已取消。", "Cancelled."))
