"""Command line: the same core as the window, for batch work and for tests.

``workbench`` alone (or ``workbench PROJECT``) opens the window; ``workbench <command> ...`` runs a
command from ``workbench.commands``. Every command returns an exit code: 0 success, 1 the project
has errors (validate), 2 the input could not be used — always with one clear line, never a
traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import importlib
import os
import re
import sys
from collections.abc import Sequence

from workbench import __version__
from workbench.commands._common import fail, unusable_line
from workbench.io.project_file import ProjectFileError

# Each module in workbench.commands defines NAME, HELP, add_arguments(parser) and run(args) -> int.
COMMANDS: tuple[str, ...] = (
    "info",
    "validate",
    "new",
    "export",
    "import_allocations",
    "template",
    "import_candidates",
    "projections",
    "stats",
    "params",
    "optimise",
    "compare",
    "report",
    "settlement",
    "sensitivity",
)


def command_names() -> set[str]:
    """The commands' names without importing them: opening the window must not wait for the
    commands' pandas and Excel imports (a test checks these are the modules' NAMEs)."""
    return {name.replace("_", "-") for name in COMMANDS}


def _modules(only: str | None = None) -> dict[str, object]:
    """The command modules (``only``: the one a command line names: ``workbench stats`` need
    not import the Excel writer and the other commands' libraries, ~0.2 s)."""
    mods = {}
    for name in COMMANDS:
        if only is not None and name != only.replace("-", "_"):
            continue
        mod = importlib.import_module(f"workbench.commands.{name}")
        mods[mod.NAME] = mod  # type: ignore[attr-defined]
    return mods


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="成渝微核规划工作台 — Chengdu–Chongqing micro-core planning workbench. "
        "Without a command, opens the window (on PROJECT, the last project, or the sample).",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, mod in _modules(only).items():
        p = sub.add_parser(name, help=mod.HELP, description=mod.HELP)  # type: ignore[attr-defined]
        mod.add_arguments(p)  # type: ignore[attr-defined]
        p.set_defaults(_run=mod.run)  # type: ignore[attr-defined]
    return parser


def _reconfigure_stdout() -> None:
    # Windows consoles default to a legacy code page; Chinese output must not crash a command.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]


def main(argv: Sequence[str] | None = None) -> int:
    _reconfigure_stdout()
    args_list = list(sys.argv[1:] if argv is None else argv)
    commands = command_names()
    if not args_list or (args_list[0] not in commands and not args_list[0].startswith("-")):
        if args_list and _looks_like_command(args_list[0]):
            return _unknown_command(args_list[0], commands)
        return launch_gui(args_list)
    parser = build_parser(args_list[0] if args_list[0] in commands else None)
    args = parser.parse_args(args_list)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        print("已取消 / cancelled", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` or a closed pager: stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except (OSError, ProjectFileError, MemoryError, RecursionError) as e:
        # read-only folder, full disk, a file changed under us: one line and exit 2, whichever
        # command it reached; anything else is a bug and keeps its traceback
        return fail(unusable_line(e))


def _looks_like_command(word: str) -> bool:
    """A bare word that is no file here (no folder, no suffix): a mistyped command, not a
    project to open — ``workbench parms x.wbp`` must not open the window on a file error."""
    return re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", word) is not None and not os.path.exists(word)


def _unknown_command(word: str, commands: set[str]) -> int:
    close = difflib.get_close_matches(word.replace("_", "-"), sorted(commands), n=1, cutoff=0.6)
    if close:
        print(
            f"未知命令“{word}”，是否要用 {close[0]}？ | unknown command '{word}'"
            f" (did you mean {close[0]}?)",
            file=sys.stderr,
        )
    else:
        names = ", ".join(sorted(commands))
        print(
            f"未知命令“{word}”；可用命令：{names} | unknown command '{word}'; commands: {names}",
            file=sys.stderr,
        )
    return 2


def launch_gui(argv: list[str]) -> int:
    """Open the window; where no GUI can start, print the project summary instead."""
    project = argv[0] if argv else None
    reason = _no_display_reason()
    if reason is None:
        try:
            app = importlib.import_module("workbench.ui.app")
        except ImportError as e:  # Qt or its system libraries are missing
            reason = str(e)
        else:
            return int(app.run(project))
    from workbench.bundled import SAMPLE_PROJECT
    from workbench.commands import info

    print(f"图形界面不可用 / GUI unavailable: {reason}。以下为项目摘要 / project summary:")
    return info.summarize(project or str(SAMPLE_PROJECT))


def _no_display_reason() -> str | None:
    """Why no window can open here (a Linux session without a display), else None.

    Qt would abort the process on such a machine; a planner's server or CI job gets the summary.
    """
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return "没有图形显示（DISPLAY/WAYLAND_DISPLAY 未设置） / no display"


if __name__ == "__main__":
    sys.exit(main())
