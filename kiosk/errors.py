"""Errors a user can cause. The CLI and the UI show their message; everything else is a bug.

The base classes are the shared rules' own (`mpp.errors`), so a rule from `mpp` that refuses input
raises the kiosk's InputError too.
"""

from mpp.errors import IllegalTransition, InputError, NotFound
from mpp.errors import RuleError as KioskError

__all__ = ["AuthError", "IllegalTransition", "InputError", "KioskError", "NotFound", "NotInitialised",
           "QueueEmpty", "SchemaTooNew"]


class QueueEmpty(KioskError):
    """No waiting ticket for this counter (a runtime condition, exit 1)."""


class NotInitialised(KioskError):
    """The data dir has no site yet (run `kiosk init` or `kiosk setup`)."""


class SchemaTooNew(KioskError):
    """The database was written by a newer version of the program."""


class AuthError(InputError):
    """Wrong operator, wrong PIN or a locked account."""
