"""coprod's exceptions: one base class and the few kinds a caller can act on.

The CLI turns each into one clear line on stderr and the exit code below.
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
