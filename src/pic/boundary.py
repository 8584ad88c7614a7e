"""Where failures become messages and exit codes (in the manner of httpie's `main`).

One line on stderr for every failure a user can cause, the documented exit code, and
no traceback; an unexpected exception is a bug: exit 4 with one line saying how to
report it, and the traceback only under --debug or PIC_DEBUG=1.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
from typing import Any, Callable

from pic.core.errors import DataError, ExitCode, PicError

BUG_REPORT = "please report it, with the command you ran, to the pic maintainers"


def _say(line: str) -> None:
    from pic.render.safe import visible

    try:
        sys.stderr.write(f"pic: {visible(line)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed or full stderr keeps the exit code
        pass


def _quiet_stdout() -> None:
    """After the reader closed the pipe, make the interpreter's final flush harmless."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _is_closed_pipe(exc: BaseException) -> bool:
    return isinstance(exc, BrokenPipeError) or (isinstance(exc, OSError) and exc.errno == errno.EPIPE)


def _on_sigterm(signum: int, frame: Any) -> None:
    # Unwind like Ctrl-C, so that a file being written is removed, not left half done.
    raise SystemExit(128 + signum)


def install_signal_handlers() -> None:
    try:
        signal.signal(signal.SIGTERM, _on_sigterm)
    except (ValueError, OSError):  # not the main thread (embedded use): leave it
        pass


def prepare_streams() -> None:
    """Text that the locale's encoding cannot carry is replaced, never a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if reconfigure is not None and encoding not in ("utf-8", "utf8"):
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def run(call: Callable[[], Any], debug: bool = False) -> int:
    """Run the command line; return its exit code."""
    import typer

    try:
        from typer import _click as click  # Typer >= 0.22 vendors click
    except ImportError:  # pragma: no cover - older Typer uses click itself
        import click  # type: ignore[no-redef]

    prepare_streams()
    try:
        result = call()
        code = result if isinstance(result, int) else 0
        _flush_stdout()
        return code
    except PicError as exc:
        lines = [str(p) for p in exc.problems] if isinstance(exc, DataError) else [str(exc)]
        for line in lines:
            if line:
                _say(f"error: {line}")
        return int(exc.exit_code)
    except click.exceptions.NoArgsIsHelpError as exc:
        _write_help(exc)
        return 0
    except click.exceptions.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        _say(f"error: {exc.format_message()}{hint}")
        return int(ExitCode.USAGE)
    except click.exceptions.ClickException as exc:
        _say(f"error: {exc.format_message()}")
        return int(ExitCode.USAGE)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        _say("interrupted")
        return 130
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except OSError as exc:
        if _is_closed_pipe(exc):
            _quiet_stdout()
            return 0
        if debug:
            _traceback()
        if exc.filename is not None:
            _say(f"error: {exc.filename}: cannot be read or written ({exc.strerror or exc})")
        else:
            # Not a failed check (1): a script must not read a full disk as a low grade.
            _say(f"error: cannot write the output ({exc.strerror or exc})")
        return int(ExitCode.DATA)
    except Exception as exc:  # a bug in pic
        if debug:
            _traceback()
        _say(f"internal error: {type(exc).__name__}: {exc}. This is a bug in pic; {BUG_REPORT}"
             + ("." if debug else " (run again with --debug for the traceback)."))
        return int(ExitCode.INTERNAL)


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except Exception as exc:
        if _is_closed_pipe(exc):
            _quiet_stdout()
            return
        raise


def _write_help(exc: Any) -> None:
    try:
        exc.show()
    except Exception:
        pass


def _traceback() -> None:
    import traceback

    try:
        traceback.print_exc(file=sys.stderr)
    except (OSError, ValueError):
        pass
