"""Shell completion scripts brtrade installs in place of Typer's own, where Typer's
fall short (Typer 0.27, pinned): zsh's script and its install.

Where Typer's fall short:

- zsh: Typer's script, autoloaded from ``fpath`` by the first TAB, only defines the
  completer, so the first TAB of a new shell does nothing; and it hands candidates to
  ``_arguments``, which keeps only exact, case-sensitive prefixes. brtrade's completes
  at once when autoloaded, and adds brtrade's own matches unfiltered (``compadd -U``).
- ``--install-completion`` for zsh: Typer also adds ``zstyle ':completion:*' menu
  select`` to ``~/.zshrc``, changing completion for every command. brtrade adds only
  the ``fpath`` and ``compinit`` line it needs, and says what it wrote where.
"""

from __future__ import annotations

from pathlib import Path

ZSH_SCRIPT = """#compdef %(prog_name)s

%(complete_func)s() {
  local -a reply
  reply=("${(@f)$(env COMP_WORDS="${words[*]}" COMP_CWORD=$((CURRENT - 1)) \\
    %(autocomplete_var)s=complete_bash %(prog_name)s)}")
  # -U: brtrade has matched already (case, word starts, aliases); -Q: shell-quoted
  (( ${#reply} )) && compadd -U -Q -- "${reply[@]}"
}

if [[ "${funcstack[1]}" == "_%(prog_name)s" ]]; then
  %(complete_func)s "$@"  # autoloaded by the first TAB: complete now, not on the next
else
  compdef %(complete_func)s %(prog_name)s
fi
"""

ZSHRC_LINE = "fpath+=~/.zfunc; autoload -Uz compinit; compinit"


def install_zsh(*, prog_name: str, complete_var: str, shell: str) -> Path:
    """Typer's zsh install, less its global zstyle; says on stderr what it wrote where."""
    from brtrade.cli.output import warn
    from brtrade.cli.typer_compat import completion_script

    zshrc = Path.home() / ".zshrc"
    content = zshrc.read_text("utf-8") if zshrc.is_file() else ""
    if ZSHRC_LINE not in content:
        zshrc.write_text(content.rstrip("\n") + ("\n" if content else "") + ZSHRC_LINE + "\n")
        warn(f"added to {zshrc}: {ZSHRC_LINE}")
    target = Path.home() / ".zfunc" / f"_{prog_name}"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        completion_script(prog_name=prog_name, complete_var=complete_var, shell=shell)
    )
    warn(f"wrote {target}")
    return target


def use_brtrade_scripts() -> None:
    """Put brtrade's zsh script and zsh install in place of Typer's (only when asked
    for completion scripts: nothing of this runs on an ordinary command)."""
    from brtrade.cli.typer_compat import use_completion_scripts

    use_completion_scripts({"zsh": ZSH_SCRIPT}, {"zsh": install_zsh})
