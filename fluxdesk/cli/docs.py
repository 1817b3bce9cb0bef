"""Shell completions (bash, zsh, fish) and the man page, generated from the command line's own parser.

    fluxdesk --print-completion bash|zsh|fish      # what a user puts where their shell looks
    python -m fluxdesk.cli.docs                    # rewrites the shipped copies in fluxdesk/resources/

One walk of the argparse tree (`command_tree`) feeds all four, so every subcommand, flag and choice
the parser knows is in each of them, and nothing else; `tests/test_cli_docs.py` checks that, runs the
scripts in the shells that are installed and checks the shipped copies are current. Written here
rather than with shtab (no fish) and argparse-manpage (a second walk of the same tree, with its own
ideas of layout): about as much code as gluing the two, and one model for all four outputs.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fluxdesk.i18n import _

SHELLS = ("bash", "zsh", "fish")
#: where the shipped copies live in the package, by output
OUTPUTS = {"bash": "completions/fluxdesk.bash", "zsh": "completions/_fluxdesk",
           "fish": "completions/fluxdesk.fish", "man": "man/fluxdesk.1"}
PROG = "fluxdesk"


# -- the model ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    flags: tuple[str, ...]  # long first: ("--model", "-m")
    help: str
    metavar: str | None = None  # None: a switch, it takes no value
    choices: tuple[str, ...] = ()
    paths: str | None = None  # "file" or "dir": the value is a path

    @property
    def takes_value(self) -> bool:
        return self.metavar is not None


@dataclass(frozen=True)
class Positional:
    name: str
    help: str
    many: bool = False  # nargs + or *
    optional: bool = False
    paths: str | None = None
    suffixes: tuple[str, ...] = ()  # only files ending so (and folders, to get there)


@dataclass(frozen=True)
class Command:
    path: tuple[str, ...]  # () for fluxdesk itself, ("history", "show")
    help: str
    description: str
    options: tuple[Option, ...]
    positionals: tuple[Positional, ...] = ()
    subcommands: tuple[Command, ...] = field(default=())

    @property
    def name(self) -> str:
        return " ".join(self.path)

    def walk(self) -> Iterator[Command]:
        yield self
        for sub in self.subcommands:
            yield from sub.walk()


def _help_text(parser: argparse.ArgumentParser, action: argparse.Action) -> str:
    if not action.help:
        return ""
    formatter = parser._get_formatter()
    # argparse's own expansion (%(default)s, %% -> %), as --help shows it
    return " ".join(formatter._expand_help(action).split())


def _paths_of(action: argparse.Action) -> str | None:
    # the metavars are words, said in the parser's language
    metavar = action.metavar if isinstance(action.metavar, str) else ""
    if metavar == _("DIR"):
        return "dir"
    if action.type is Path or metavar in (_("FILE"), _("PATH|URL")):
        return "file"
    return None


def _value_hints() -> dict[str, tuple[str, ...]]:
    """Values an option takes that argparse does not list as choices (it would refuse others)."""
    from fluxdesk.api.catalog import default_catalog

    return {"--model": tuple(default_catalog().ids)}


def command_tree(parser: argparse.ArgumentParser, path: tuple[str, ...] = (), help: str = "") -> Command:
    hints = _value_hints()
    options: list[Option] = []
    positionals: list[Positional] = []
    subcommands: list[Command] = []
    for action in parser._actions:
        if action.help == argparse.SUPPRESS:
            continue
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                subcommands.append(command_tree(sub, (*path, name), helps.get(name, "")))
            continue
        text = _help_text(parser, action)
        if action.option_strings:
            flags = tuple(sorted(action.option_strings, key=lambda f: (not f.startswith("--"), f)))
            if action.nargs == 0:
                options.append(Option(flags, text))
                continue
            choices = tuple(str(c) for c in action.choices) if action.choices else ()
            if not choices:
                choices = next((hints[f] for f in flags if f in hints), ())
            metavar = action.metavar if isinstance(action.metavar, str) else action.dest.upper()
            options.append(Option(flags, text, metavar, choices, _paths_of(action)))
        else:
            name = action.metavar if isinstance(action.metavar, str) else action.dest
            positionals.append(Positional(name, text, many=action.nargs in ("+", "*"),
                                          optional=action.nargs in ("?", "*"), paths=_paths_of(action)))
    return Command(path, help, parser.description or help, tuple(options), tuple(positionals),
                   tuple(subcommands))


def root_command() -> Command:
    from fluxdesk.cli import build_parser

    tree = command_tree(build_parser())
    # `fluxdesk FILE...` opens the window on an image's settings (main.py): the parser never sees it
    from fluxdesk.identity import IMAGE_SUFFIXES

    images = Positional("FILE", "images whose settings the window reads (Open with fluxdesk)",
                        many=True, optional=True, paths="file", suffixes=IMAGE_SUFFIXES)
    return Command(tree.path, tree.help, tree.description, tree.options, (images,), tree.subcommands)


_SENTENCE_END = re.compile(r"(?<=[a-z0-9)])\. (?=[A-Z])")


def _short(text: str, limit: int = 90) -> str:
    """The first sentence, for a one-line description."""
    text = _SENTENCE_END.split(text)[0].rstrip(".")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- bash --------------------------------------------------------------------------------------------------


def _bash_words(words: Sequence[str]) -> str:
    return " ".join(words).replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("`", "\\`")


def _suffix_pattern(suffixes: Sequence[str]) -> str:
    return r"\.(" + "|".join(s.lstrip(".") for s in suffixes) + ")$"


def _bash_positional(command: Command) -> str:
    suffixes = next((p.suffixes for p in command.positionals if p.suffixes), ())
    return f"suffix:{_suffix_pattern(suffixes)}" if suffixes else "file"


def render_bash(root: Command) -> str:
    commands = list(root.walk())
    subs = "\n".join(f'        "{c.name}") echo "{_bash_words([s.path[-1] for s in c.subcommands])}" ;;'
                     for c in commands if c.subcommands)
    opts = "\n".join(f'        "{c.name}") echo "{_bash_words([f for o in c.options for f in o.flags])}" ;;'
                     for c in commands)
    values = []
    for c in commands:
        for o in c.options:
            if not o.takes_value:
                continue
            kind = f"choices:{_bash_words(o.choices)}" if o.choices else (o.paths or "any")
            keys = "|".join(f'"{c.name} {f}"' for f in o.flags)
            values.append(f'        {keys}) echo "{kind}" ;;')
    positional = "\n".join(f'        "{c.name}") echo "{_bash_positional(c)}" ;;' for c in commands
                           if any(p.paths for p in c.positionals))
    return f"""# bash completion for {PROG}                                  -*- shell-script -*-
# Generated from fluxdesk's argument parser by `fluxdesk --print-completion bash`; do not edit.
# Install: copy to ~/.local/share/bash-completion/completions/{PROG} (or /usr/share/bash-completion/...).

_fluxdesk_commands() {{
    case "$1" in
{subs}
    esac
}}

_fluxdesk_options() {{
    case "$1" in
{opts}
    esac
}}

# how the value of option $2 of command "$1" completes; fails for a switch (no value)
_fluxdesk_value() {{
    case "$1 $2" in
{chr(10).join(values)}
        *) return 1 ;;
    esac
}}

_fluxdesk_positional() {{
    case "$1" in
{positional}
    esac
}}

_fluxdesk() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" path="" i w kind
    COMPREPLY=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        w="${{COMP_WORDS[i]}}"
        if [[ $w == -* ]]; then
            [[ $w == *=* ]] && continue
            if kind=$(_fluxdesk_value "$path" "$w"); then i=$((i + 1)); fi
            continue
        fi
        if [[ " $(_fluxdesk_commands "$path") " == *" $w "* ]]; then
            path="${{path:+$path }}$w"
        fi
    done
    if ((COMP_CWORD > 1)); then
        local prev="${{COMP_WORDS[COMP_CWORD - 1]}}"
        if [[ $prev == -* ]] && kind=$(_fluxdesk_value "$path" "$prev"); then
            case "$kind" in
                choices:*) mapfile -t COMPREPLY < <(compgen -W "${{kind#choices:}}" -- "$cur") ;;
                file) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
                dir) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- "$cur") ;;
            esac
            return 0
        fi
    fi
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_fluxdesk_options "$path")" -- "$cur")
        return 0
    fi
    local subs
    subs="$(_fluxdesk_commands "$path")"
    if [[ -n $subs ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$subs" -- "$cur")
        [[ ${{#COMPREPLY[@]}} -gt 0 || -n $path ]] && return 0
    fi
    kind="$(_fluxdesk_positional "$path")"
    if [[ $kind == file ]]; then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    elif [[ $kind == suffix:* ]]; then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -d -- "$cur"; compgen -f -- "$cur" | grep -iE "${{kind#suffix:}}")
    fi
    return 0
}}
complete -F _fluxdesk {PROG}
"""


# -- zsh ---------------------------------------------------------------------------------------------------


def _zsh_quote(text: str) -> str:
    return text.replace("'", "'\\''")


def _zsh_desc(text: str) -> str:
    return _zsh_quote(_short(text).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
                      .replace(":", "\\:"))


def _zsh_function(command: Command) -> str:
    return "_fluxdesk" + "".join("_" + p.replace("-", "_") for p in command.path)


def _zsh_action(option: Option | Positional) -> str:
    if isinstance(option, Option) and option.choices:
        return "(" + " ".join(_zsh_quote(c) for c in option.choices) + ")"
    if isinstance(option, Positional) and option.suffixes:
        names = "|".join(s.lstrip(".") for s in option.suffixes)
        return f"_files -g \"*.({names}|{names.upper()})\""
    if option.paths == "dir":
        return "_files -/"
    if option.paths == "file":
        return "_files"
    return " "


def _zsh_specs(command: Command) -> list[str]:
    specs = []
    for o in command.options:
        flags = o.flags[0] if len(o.flags) == 1 else "{" + ",".join(o.flags) + "}"
        exclusive = f"'({' '.join(o.flags)})'" if len(o.flags) > 1 else ""
        value = ""
        if o.takes_value:
            value = f":{_zsh_quote((o.metavar or 'value').replace(':', ''))}:{_zsh_action(o)}"
        specs.append(f"{exclusive}{flags}'[{_zsh_desc(o.help)}]{value}'")
    for i, p in enumerate(command.positionals, start=1):
        where = "*" if p.many else str(i)
        optional = ":" if p.optional and not p.many else ""
        specs.append(f"'{where}:{optional}{_zsh_quote(p.name)}:{_zsh_action(p)}'")
    return specs


def render_zsh(root: Command) -> str:
    functions = []
    for command in root.walk():
        lines = [f"{_zsh_function(command)}() {{"]
        specs = _zsh_specs(command)
        if command.subcommands:
            specs = [s for s in specs if not s.startswith(("'1:", "'*:"))]
            subs = command.subcommands
            described = " ".join(f"'{_zsh_quote(s.path[-1])}:{_zsh_desc(s.help)}'" for s in subs)
            cases = "\n".join(f"                {s.path[-1]}) {_zsh_function(s)} ;;" for s in subs)
            lines += [
                "    local curcontext=\"$curcontext\" state line",
                "    typeset -A opt_args",
                "    _arguments -C -s \\",
                *[f"        {s} \\" for s in specs],
                "        ': :->command' \\",
                "        '*:: :->argument'",
                "    case $state in",
                "        command)",
                f"            local -a commands=({described})",
                f"            _describe -t commands '{_zsh_quote(command.name or PROG)} command' commands",
                *[f"            {_zsh_action(p)}" for p in command.positionals if p.paths],
                "            ;;",
                "        argument)",
                "            case $words[1] in",
                cases,
                "            esac",
                "            ;;",
                "    esac",
            ]
        else:
            lines += ["    _arguments -s \\", *[f"        {s} \\" for s in specs[:-1]]]
            lines.append(f"        {specs[-1]}")
        lines.append("}")
        functions.append("\n".join(lines))
    body = "\n\n".join(functions)
    return f"""#compdef {PROG}
# zsh completion for {PROG}. Generated from fluxdesk's argument parser by
# `fluxdesk --print-completion zsh`; do not edit. Install: copy to a folder in $fpath as _{PROG}.

{body}

{_zsh_function(root)} "$@"
"""


# -- fish --------------------------------------------------------------------------------------------------


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def render_fish(root: Command) -> str:
    commands = list(root.walk())
    paths = " ".join(_fish_quote(c.name) for c in commands if c.path)
    valued = " ".join(_fish_quote(f"{c.name} {f}".strip()) for c in commands for o in c.options
                      if o.takes_value for f in o.flags)
    lines = [
        f"# fish completion for {PROG}. Generated from fluxdesk's argument parser by",
        "# `fluxdesk --print-completion fish`; do not edit.",
        "# Install: copy to ~/.config/fish/completions/fluxdesk.fish",
        "",
        f"set -g __fluxdesk_commands {paths}",
        f"set -g __fluxdesk_valued {valued}",
        "",
        "# the subcommand the command line is in ('' for fluxdesk itself, 'history show'...)",
        "function __fluxdesk_path",
        "    set -l tokens (commandline -opc)",
        "    set -e tokens[1]",
        "    set -l path ''",
        "    set -l skip 0",
        "    for t in $tokens",
        "        if test $skip = 1",
        "            set skip 0",
        "            continue",
        "        end",
        "        switch $t",
        "            case '-*'",
        "                if contains -- (string trim -- \"$path $t\") $__fluxdesk_valued",
        "                    set skip 1",
        "                end",
        "            case '*'",
        "                set -l next (string trim -- \"$path $t\")",
        "                if contains -- $next $__fluxdesk_commands",
        "                    set path $next",
        "                end",
        "        end",
        "    end",
        "    echo $path",
        "end",
        "",
        "# folders, and the files whose names end in one of $argv (case does not matter)",
        "function __fluxdesk_files",
        "    set -l pattern (string join '|' -- (string replace -- . '' $argv))",
        "    for f in (commandline -ct)*",
        "        if test -d $f",
        "            echo $f/",
        "        else if string match -qir -- \"\\\\.($pattern)\\$\" $f",
        "            echo $f",
        "        end",
        "    end",
        "end",
        "",
        "function __fluxdesk_in",
        "    test (__fluxdesk_path) = \"$argv[1]\"",
        "end",
        "",
        f"complete -c {PROG} -f",
    ]
    for c in commands:
        where = f"-n {_fish_quote('__fluxdesk_in ' + _fish_quote(c.name))}"
        for s in c.subcommands:
            name, text = _fish_quote(s.path[-1]), _fish_quote(_short(s.help))
            lines.append(f"complete -c {PROG} {where} -a {name} -d {text}")
        for o in c.options:
            parts = [f"complete -c {PROG} {where}"]
            for f in o.flags:
                parts.append(f"-l {f[2:]}" if f.startswith("--") else f"-s {f[1:]}")
            if o.takes_value:
                if o.choices:
                    parts.append(f"-x -a {_fish_quote(' '.join(o.choices))}")
                elif o.paths:
                    parts.append("-r -F")
                else:
                    parts.append("-x")
            parts.append(f"-d {_fish_quote(_short(o.help or (o.metavar or '')))}")
            lines.append(" ".join(parts))
        for p in c.positionals:
            if p.suffixes:
                lines.append(f"complete -c {PROG} {where} -a '(__fluxdesk_files {' '.join(p.suffixes)})'")
            elif p.paths:
                lines.append(f"complete -c {PROG} {where} -F")
    return "\n".join(lines) + "\n"


# -- the man page --------------------------------------------------------------------------------------


def _roff(text: str) -> str:
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join("\\&" + line if line.startswith((".", "'")) else line for line in text.splitlines())


def _roff_option(o: Option) -> str:
    flags = ", ".join(f"\\fB{_roff(f)}\\fR" for f in o.flags)
    if o.takes_value:
        flags += f" \\fI{_roff(o.metavar or '')}\\fR"
    text = o.help or ""
    if o.choices and o.choices != _value_hints().get(o.flags[0]):
        text = (text.rstrip(".") + ". " if text else "") + f"One of: {', '.join(o.choices)}."
    return f".TP\n{flags}\n{_roff(text)}"


def _synopsis(c: Command) -> str:
    parts = [f"\\fB{_roff(PROG + (' ' + c.name if c.name else ''))}\\fR"]
    if c.options:
        parts.append("[\\fIOPTIONS\\fR]")
    if c.subcommands:
        parts.append("\\fICOMMAND\\fR" if not c.path else "[\\fIACTION\\fR]")
    for p in c.positionals:
        name = f"\\fI{_roff(p.name)}\\fR" + ("..." if p.many else "")
        parts.append(f"[{name}]" if p.optional else name)
    return " ".join(parts)


ENVIRONMENT = (
    ("COMETAPI_KEY", "the CometAPI key (none: demo mode, against the built-in simulator)"),
    ("BFL_API_KEY", "the Black Forest Labs key"),
    ("FLUXDESK_PROVIDER", "cometapi (the default) or bfl"),
    ("FLUXDESK_API_BASE", "another base URL for the provider's API"),
    ("FLUXDESK_HOME", "where the library, cache, settings and log live (default: the platform's folders)"),
    ("FLUXDESK_WEBHOOK_SECRET", "the webhook secret when --webhook-secret is not given"),
)


def render_man(root: Command, version: str, date: str) -> str:
    out = [
        f'.TH FLUXDESK 1 "{date}" "{PROG} {version}" "User Commands"',
        ".\\\" Generated from fluxdesk's argument parser by `python -m fluxdesk.cli.docs`; do not edit.",
        ".SH NAME",
        f"{PROG} \\- make images with the Flux models (CometAPI or Black Forest Labs)",
        # flag names must not be hyphenated at a line's end, nor stretched
        ".nh",
        ".ad l",
        ".SH SYNOPSIS",
        f"\\fB{PROG}\\fR [\\fIFILE\\fR...]",
        ".br",
        f"\\fB{PROG}\\fR \\fICOMMAND\\fR [\\fIOPTIONS\\fR] ...",
        ".br",
        f"\\fB{PROG}\\fR \\fB\\-\\-version\\fR | \\fB\\-\\-print\\-completion\\fR \\fISHELL\\fR",
        ".SH DESCRIPTION",
        _roff("With no arguments, fluxdesk opens its window; with image files, the window opens and reads "
              "the first one's generation settings. With a command, it works on the command line, with the "
              "same engine and library as the window. Without an API key it runs in demo mode, against its "
              "built-in Flux-compatible simulator."),
        ".SH OPTIONS",
        *[_roff_option(o) for o in root.options],
        ".SH COMMANDS",
    ]
    for c in root.walk():
        if not c.path:
            continue
        out += [f'.SS "{_roff(PROG + " " + c.name)}"', _synopsis(c), ".PP", _roff(c.description or c.help)]
        for p in c.positionals:
            out += [".TP", f"\\fI{_roff(p.name)}\\fR", _roff(p.help or "")]
        out += [_roff_option(o) for o in c.options]
        if c.subcommands:
            out += [".PP", _roff("Actions: " + ", ".join(s.path[-1] for s in c.subcommands) + ".")]
    out += [".SH ENVIRONMENT"]
    for name, text in ENVIRONMENT:
        out += [".TP", f"\\fB{_roff(name)}\\fR", _roff(text)]
    out += [
        ".SH FILES",
        _roff("The library (library.sqlite3 and images/), thumbnails, settings and the log file fluxdesk.log "
              "live in the platform's data, cache, config and log folders, or under $FLUXDESK_HOME; "
              "Help, About in the window names them."),
        ".SH EXIT STATUS",
        _roff("0 on success; 1 when something failed (one sentence on standard error, details in the log); "
              "2 for a command line that cannot be read; 130 when interrupted."),
        ".SH SEE ALSO",
        _roff(f"{PROG} COMMAND --help, which lists every parameter flag with each model's own range."),
    ]
    return "\n".join(out) + "\n"


# -- output ------------------------------------------------------------------------------------------------


def release_date(version: str) -> str:
    from fluxdesk.identity import RELEASES

    return dict(RELEASES).get(version, RELEASES[0][1])


def render(what: str, root: Command | None = None) -> str:
    from fluxdesk import __version__

    root = root or root_command()
    renderers: dict[str, Callable[[Command], str]] = {
        "bash": render_bash, "zsh": render_zsh, "fish": render_fish,
        "man": lambda r: render_man(r, __version__, release_date(__version__)),
    }
    return renderers[what](root)


class PrintCompletion(argparse.Action):
    """`--print-completion SHELL`: print the script and exit, as --version does."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: str | Sequence[object] | None, option_string: str | None = None) -> None:
        sys.stdout.write(render(str(values)))
        parser.exit()


def write_all(folder: Path) -> list[Path]:
    root = root_command()
    written = []
    for what, relative in OUTPUTS.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(what, root), encoding="utf-8")
        written.append(target)
    return written


def main() -> int:
    folder = Path(__file__).resolve().parents[1] / "resources"
    for path in write_all(folder):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
