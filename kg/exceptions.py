"""The one exception every error of the library derives from, and the exit codes of the ``kg`` command.

Each stage raises its own ``KgError`` subclass (``IngestError``, ``QueryError``,
``GraphNotFound``…) with a message a user can act on; ``kg.cli.main`` prints
that message and exits with the error's ``exit_code``, so no command handles
errors on its own (as click's ``ClickException`` does for click programs).
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_PARTIAL = 1  # the command ran, but not on everything: files skipped, a graph that does not conform
EXIT_USAGE = 2  # nothing done: bad usage, missing or unusable input, or a KgError
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
EXIT_BROKEN_PIPE = 141  # the reader of our output went away (128 + SIGPIPE), as `yes | head` reports

EXIT_CODES: tuple[tuple[int, str], ...] = (
    (EXIT_OK, "ok"),
    (EXIT_PARTIAL, "partial: some input files skipped, or the graph does not conform to the shapes"),
    (EXIT_USAGE, "nothing done: bad usage, missing input (no graph, no such file), or an error"),
    (EXIT_INTERRUPTED, "interrupted (Ctrl-C)"),
    (EXIT_BROKEN_PIPE, "output pipe closed early (e.g. `kg … | head`); nothing is printed"),
)


class KgError(Exception):
    """An error with a one-line ``message`` for the user and the ``exit_code`` the CLI exits with."""

    exit_code: int = EXIT_USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
