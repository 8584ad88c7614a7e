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


def say(line: str) -> None:
    """One line on stderr, with any control character in it made visible. A closed or
    full stderr is no error: it must never change the exit code."""
    from pic.core.errors import capped
    from pic.render.safe import visible

    line = capped(line, 2000)  # a message quoting a huge argument or key stays readable
    stream = sys.stderr
    if stream is None:  # started with stderr closed (`pic ... 2>&-`)
        return
    try:
        stream.write(f"{visible(line)}\n")
        stream.flush()
    except (OSError, ValueError):
        _silence(stream)


def _say(line: str) -> None:
    say(f"pic: {line}")


def _silence(stream: Any) -> None:
    """Point a stream that cannot be written at /dev/null, so that the interpreter's last
    flush at exit finds nothing to fail on (which would turn the exit code into 120)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _quiet_stdout() -> None:
    """After the reader closed the pipe, make the interpreter's final flush harmless."""
    _silence(sys.stdout)


def _is_closed_pipe(exc: BaseException) -> bool:
    return isinstance(exc, BrokenPipeError) or (isinstance(exc, OSError) and exc.errno == errno.EPIPE)


class ClosedPipe(Exception):
    """The reader of stdout went away (`pic ... | head -1`): not an error, exit 0.

    Raised in place of the BrokenPipeError itself, which Typer would turn into exit 1."""


class Terminated(SystemExit):
    """SIGTERM (or SIGHUP) arrived: unwind like Ctrl-C, then exit 128 + the signal."""


def _on_signal(signum: int, frame: Any) -> None:
    # Unwind like Ctrl-C, so that a file being written is removed, not left half done.
    raise Terminated(128 + signum)


def install_signal_handlers() -> None:
    """SIGTERM and SIGHUP end pic the way Ctrl-C does: files being written are removed.
    A signal the parent process ignores (`nohup`) stays ignored."""
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        try:
            if signal.getsignal(signum) is signal.SIG_IGN:
                continue
            signal.signal(signum, _on_signal)
        except (ValueError, OSError):  # not the main thread (embedded use): leave it
            pass


def _unknown_home(exc: BaseException) -> str | None:
    """The `~user` that Path.expanduser could not find, when that is what `exc` is."""
    if not isinstance(exc, RuntimeError):
        return None
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None or tb.tb_frame.f_code.co_name != "expanduser":
        return None
    path = tb.tb_frame.f_locals.get("self")
    parts = getattr(path, "parts", None)
    return str(parts[0]) if parts else "~"


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


def sanitize_environment() -> None:
    """COLUMNS and LINES as a terminal library can read them. A value that is not a
    plain ASCII number (`²`, `٣٣`, `1e9`, `-5`) means "not known", as the README says:
    COLUMNS becomes 80 and LINES is dropped (rich would otherwise take `²` for a digit and
    fail on it); a huge one is cut to a number that still parses."""
    for name, fallback in (("COLUMNS", "80"), ("LINES", None)):
        raw = os.environ.get(name)
        if raw is None:
            continue
        value = raw.strip()
        if value.isascii() and value.isdigit():
            if value != raw or len(value) > 6:
                os.environ[name] = str(min(int(value), 999999))
            continue
        if fallback is None or not value:
            del os.environ[name]
        else:
            os.environ[name] = fallback


def run(call: Callable[[], Any], debug: bool = False) -> int:
    """Run the command line; return its exit code."""
    import typer

    try:
        from typer import _click as click  # Typer >= 0.22 vendors click
    except ImportError:  # pragma: no cover - older Typer uses click itself
        import click  # type: ignore[no-redef]

    prepare_streams()
    try:
        sanitize_environment()
        result = call()
        code = result if isinstance(result, int) else 0
        _flush_stdout()
        return code
    except PicError as exc:
        lines = [str(p) for p in exc.problems] if isinstance(exc, DataError) else str(exc).split("\n")
        for line in lines:
            if line:
                _say(f"error: {line}")
        return int(exc.exit_code)
    except click.exceptions.NoArgsIsHelpError as exc:
        _write_help(exc)
        return 0
    except click.exceptions.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        _say(f"error: {_usage_message(exc)}{hint}")
        return int(ExitCode.USAGE)
    except click.exceptions.ClickException as exc:
        _say(f"error: {exc.format_message()}")
        return int(ExitCode.USAGE)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        _say("interrupted")
        return 130
    except Terminated as exc:
        _say("terminated")
        return int(exc.code) if isinstance(exc.code, int) else 143
    except ClosedPipe:
        _quiet_stdout()
        return 0
    except SystemExit as exc:
        if _typer_saw_a_closed_pipe():  # help or --version into a closed pipe
            _quiet_stdout()
            return 0
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except OSError as exc:
        if _is_closed_pipe(exc):
            _quiet_stdout()
            return 0
        if debug:
            _traceback()
        from pic.core.paths import CWD_GONE, working_folder_gone

        if isinstance(exc, FileNotFoundError) and working_folder_gone():
            # A relative path (or the working folder itself) was needed, and it is gone.
            _say(f"error: {CWD_GONE}.")
            return int(ExitCode.USAGE)
        if exc.filename is not None:
            _say(f"error: {exc.filename}: cannot be read or written ({exc.strerror or exc})")
        else:
            # Not a failed check (1): a script must not read a full disk as a low grade.
            _say(f"error: cannot write the output ({exc.strerror or exc})")
            _quiet_stdout()
        return int(ExitCode.DATA)
    except Exception as exc:
        home = _unknown_home(exc)
        if home is not None:  # `~nosuchuser/x.yaml`, `--data ~nosuchuser`: a path the user gave
            _say(f"error: no home folder for '{home}': there is no such user.")
            return int(ExitCode.USAGE)
        # a bug in pic
        if debug:
            _traceback()
        _say(f"internal error: {type(exc).__name__}: {exc}. This is a bug in pic; {BUG_REPORT}"
             + ("." if debug else " (run again with --debug for the traceback)."))
        return int(ExitCode.INTERNAL)


def _typer_saw_a_closed_pipe() -> bool:
    """Typer answers a closed pipe by wrapping stdout in click's PacifyFlushWrapper and
    exiting 1; unwrap the streams and say whether that is what happened."""
    seen = False
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if type(stream).__name__ == "PacifyFlushWrapper":
            setattr(sys, name, stream.wrapped)
            seen = seen or name == "stdout"
    return seen


def _usage_message(exc: Any) -> str:
    """Click's message in pic's words: without the "Value error, " its type conversion
    adds, and with the commands a mistyped one may have meant."""
    import difflib
    import re

    message = re.sub(r"\bValue error, ", "", str(exc.format_message()))
    unknown = re.match(r"No such command '(.+?)'\.", message)
    if unknown:  # click's own suggestion, if any, gives way to pic's form of it
        message = unknown.group(0)
    ctx = getattr(exc, "ctx", None)
    extra = re.search(r"unexpected extra argument(?:\(s\)|s)? \((.+)\)", message)
    if extra and ctx is not None and getattr(ctx.command, "name", None) == "score":
        first = (getattr(ctx, "params", None) or {}).get("state") or "STATE"
        message += (f". To set states side by side, use compare: pic compare {first} {extra.group(1)}"
                    if first != "STATE" else ". To set states side by side, use: pic compare STATE STATE...")
    if unknown and ctx is not None and hasattr(ctx.command, "list_commands"):
        close = difflib.get_close_matches(unknown.group(1), ctx.command.list_commands(ctx), n=3, cutoff=0.5)
        if close:
            message += " Did you mean: " + ", ".join(close) + "?"
    return message


def _flush_stdout() -> None:
    if sys.stdout is None:  # stdout closed, and nothing was written to it (--output)
        return
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

    if sys.stderr is None:  # print_exc would fall back to stdout
        return
    try:
        traceback.print_exc(file=sys.stderr)
    except (OSError, ValueError):
        pass
