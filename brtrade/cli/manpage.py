"""The man page, brtrade(1), written from the app itself: the same source as --help.

``brtrade --help-man`` prints it; ``man/brtrade.1`` is a copy that the wheel installs
into ``share/man/man1`` (a test keeps it equal to this output)."""

from __future__ import annotations

from typing import Any

from brtrade import __version__

EXIT_MEANINGS = {
    0: "Something was found (or the command has no result set).",
    1: "Nothing matched or answered; a name or id given matches nothing; check found "
    "problems; verify found a contradiction, misquote or misattribution.",
    2: "The command line is wrong, or a draft cannot be read.",
    3: "The fact base is missing, unreadable or invalid.",
    4: "check: the base is valid, but records marked draft still need an editor.",
    70: "A bug in brtrade: re-run with --debug and report it.",
    74: "stdout could not be written, as on a full disk.",
    130: "Interrupted by Ctrl-C.",
    141: "The reader of stdout went away, as in | head.",
}

ENVIRONMENT = (
    ("BRTRADE_FACTS", "The fact file or folder to read, as --facts."),
    ("BRTRADE_NO_CACHE", "Neither read nor write the persistent index, as --no-cache."),
    ("BRTRADE_DEBUG", "Show tracebacks, as --debug."),
    ("BRTRADE_PAGER", "The pager for long output on a terminal (then PAGER, then less -FRX)."),
    ("BRTRADE_NO_PAGER", "Never page, as --no-pager."),
    ("BRTRADE_CACHE_MAX", "The cache folder's size cap (default 1G)."),
    ("XDG_CACHE_HOME", "Where the cache folder is (default ~/.cache): $XDG_CACHE_HOME/brtrade."),
    ("NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE", "Colour, as --color auto honours them."),
)


def _esc(text: str) -> str:
    """Text for roff: backslashes and leading dots or quotes made harmless."""
    out = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(
        ("\\&" + line) if line.startswith((".", "'")) else line for line in out.splitlines()
    )


def _options(command: Any) -> list[str]:
    out: list[str] = []
    for param in command.params:
        if getattr(param, "hidden", False) or not getattr(param, "opts", None):
            continue
        if param.param_type_name != "option":
            continue
        names = ", ".join(param.opts + list(getattr(param, "secondary_opts", [])))
        out += [".TP", f"\\fB{_esc(names)}\\fR", _esc(param.help or "")]
    return out


def _help(command: Any) -> str:
    return " ".join((command.help or "").split("\n\n")[0].split())


def man_page(root: Any) -> str:
    """brtrade(1) in roff, from the root command's commands, options and help."""
    from brtrade.cli.errors import ExitCode

    lines = [
        f'.TH BRTRADE 1 "" "brtrade {__version__}" "User Commands"',
        ".SH NAME",
        "brtrade \\- " + _esc(_help(root).split(".")[0].lower()),
        ".SH SYNOPSIS",
        "\\fBbrtrade\\fR [\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]...",
        ".SH DESCRIPTION",
        _esc(" ".join((root.help or "").split())),
        ".SH OPTIONS",
        *_options(root),
        ".SH COMMANDS",
    ]
    for name, command in root.commands.items():
        lines += [
            ".SS " + _esc(f"brtrade {name}"),
            _esc(" ".join((command.help or "").split("Examples:")[0].split())),
        ]
        lines += _options(command)
        for sub_name, sub in getattr(command, "commands", {}).items():
            lines += [".SS " + _esc(f"brtrade {name} {sub_name}"), _esc(_help(sub))]
            lines += _options(sub)
    lines.append(".SH ENVIRONMENT")
    for var, what in ENVIRONMENT:
        lines += [".TP", f"\\fB{_esc(var)}\\fR", _esc(what)]
    lines.append(".SH EXIT STATUS")
    for code in ExitCode:
        lines += [".TP", f"\\fB{int(code)}\\fR", _esc(EXIT_MEANINGS[code])]
    lines += [
        ".SH SEE ALSO",
        "The manual in the docs/ folder of the source distribution: commands.md, matching.md,",
        "verify.md, fact-files.md, json-contract.md, security.md, performance.md.",
    ]
    return "\n".join(lines) + "\n"
