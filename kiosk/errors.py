"""Errors a user can cause. The CLI and the UI show their message; everything else is a bug."""


class KioskError(Exception):
    """Base of all errors with a message meant for a person."""

    exit_code = 1


class InputError(KioskError):
    """Bad input: nothing was changed (CLI exit code 2)."""

    exit_code = 2


class NotFound(InputError):
    """A ticket, application, service... that does not exist."""


class IllegalTransition(InputError):
    """A state change the state machine does not allow."""


class QueueEmpty(KioskError):
    """No waiting ticket for this counter (a runtime condition, exit 1)."""


class NotInitialised(KioskError):
    """The data dir has no site yet (run `kiosk init` or `kiosk setup`)."""


class SchemaTooNew(KioskError):
    """The database was written by a newer version of the program."""


class AuthError(InputError):
    """Wrong operator, wrong PIN or a locked account."""
