"""The ``kg`` command: a thin argparse front over the library API.

Each sub-command lives in its own module under ``kg.commands`` and exposes
``register(subparsers)``; the parser is assembled from whatever modules are
there, so adding a command is adding one file. Errors are handled here and
nowhere else: the library raises ``KgError``s (``kg.exceptions``) and ``main``
prints ``kg COMMAND: message`` and returns the error's exit code, the same
code for the same kind of failure in every command.
"""
from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

import kg
from kg import __version__, commands
from kg.exceptions import EXIT_BROKEN_PIPE, EXIT_CODES, EXIT_INTERRUPTED, EXIT_USAGE, KgError


def build_parser() -> argparse.ArgumentParser:
    epilog = "exit status:\n" + "\n".join(f"  {code:<3} {meaning}" for code, meaning in EXIT_CODES)
    parser = argparse.ArgumentParser(prog="kg", description=(kg.__doc__ or "").strip(), epilog=epilog,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def _discard_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush does not fail again (Python's
    documented recipe for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is no real file (captured, or closed already)
        pass


def main(argv: list[str] | None = None) -> int:
    """Run one ``kg`` command and return its exit status (``kg.exceptions.EXIT_CODES``); never exits."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error argparse has printed
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        return code
    except KgError as exc:
        print(f"kg {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # `kg … | head`: the reader has what it wanted
        _discard_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as exc:  # a file or folder that cannot be read or written
        print(f"kg {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
