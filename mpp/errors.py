"""Errors a person can cause; the kiosk and central show their message. Exit codes follow the CLIs' rule."""


class RuleError(Exception):
    """Base of all errors with a message meant for a person (a runtime failure: exit code 1)."""

    exit_code = 1


class InputError(RuleError):
    """Bad input: nothing was changed (exit code 2)."""

    exit_code = 2


class NotFound(InputError):
    """A ticket, application, service... that does not exist."""


class IllegalTransition(InputError):
    """A state change the state machine does not allow."""
