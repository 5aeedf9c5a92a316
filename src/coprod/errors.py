"""coprod's exceptions: one base class and the few kinds a caller can act on.

The CLI turns each into one clear line on stderr and the exit code below; the JSON API
into one error shape, {"error": {"code", "message"}}, with an HTTP status per kind.
"""


class CoprodError(Exception):
    """Base of every error coprod raises on purpose."""

    exit_code = 1


class InputError(CoprodError):
    """A file or argument given by the user cannot be used (missing, unreadable, malformed)."""

    exit_code = 2


class StoreError(CoprodError):
    """The ledger cannot be opened or written."""

    exit_code = 3


class StrictModeError(CoprodError):
    """`--strict` was given and some inputs were skipped."""

    exit_code = 4


class StaleError(CoprodError):
    """An edit was based on a version of a fact that has changed since (HTTP 412)."""

    exit_code = 5


class NotFoundError(CoprodError):
    """The fact, entry or document asked for does not exist (HTTP 404)."""

    exit_code = 6
