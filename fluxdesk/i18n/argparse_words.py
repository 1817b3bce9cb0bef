"""argparse's own words ("usage: ", "options", "error: ..."), said from fluxdesk's catalogue.

argparse (Python 3.11) says its words through the names `_` and `ngettext` it imported from the
standard `gettext` module (the default domain, which fluxdesk ships nothing for). `bind_argparse`
points those two names of the `argparse` module at fluxdesk's own functions, so the Arabic or Korean
catalogue translates "usage: " like any other sentence; the msgids stay argparse's, byte for byte.

The msgids argparse 3.11 looks up (read from its source), listed in `ARGPARSE_WORDS` /
`ARGPARSE_COUNTED` below with `N_()` so `make pot` extracts them:

- help screens: 'usage: ', 'positional arguments', 'options', 'show this help message and exit',
  'subcommands' (the default title of a sub-command group);
- errors a user can meet: '%(prog)s: error: %(message)s\\n', 'argument %(argument_name)s: %(message)s',
  'the following arguments are required: %s', 'one of the arguments %s is required',
  'unrecognized arguments: %s', 'invalid choice: %(value)r (choose from %(choices)s)',
  'invalid %(type)s value: %(value)r', 'expected one argument', 'expected at most one argument',
  'expected at least one argument', 'expected %s argument' / 'expected %s arguments' (counted),
  'ambiguous option: %(option)s could match %(matches)s', 'not allowed with argument %s',
  'ignored explicit argument %r', 'unexpected option string: %s', "can't open '%(filename)s': %(error)s",
  'unknown parser %(parser_name)r (choices: %(choices)s)', 'argument "-" with mode %r';
- a programmer's mistakes, raised while a parser is built (listed so the list is whole):
  '.__call__() not defined', 'conflicting subparser: %s', 'conflicting subparser alias: %s',
  'cannot merge actions - two groups are named %r', "'required' is an invalid argument for positionals",
  'invalid option string %(option)r: must start with a character %(prefix_chars)r',
  'dest= is required for options like %r', 'invalid conflict_resolution value: %r',
  'conflicting option string: %s' / 'conflicting option strings: %s' (counted),
  'mutually exclusive arguments must be optional', 'cannot have multiple subparser arguments',
  '%r is not callable'.

argparse's "show program's version number and exit" is a default argument, never looked up: the
parser passes that help itself, through `_()`.
"""

from __future__ import annotations

import argparse

from fluxdesk.i18n.messages import N_, _, ngettext

ARGPARSE_WORDS: list[str] = [
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("subcommands"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("unexpected option string: %s"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_('argument "-" with mode %r'),
    N_(".__call__() not defined"),
    N_("conflicting subparser: %s"),
    N_("conflicting subparser alias: %s"),
    N_("cannot merge actions - two groups are named %r"),
    N_("'required' is an invalid argument for positionals"),
    N_("invalid option string %(option)r: must start with a character %(prefix_chars)r"),
    N_("dest= is required for options like %r"),
    N_("invalid conflict_resolution value: %r"),
    N_("mutually exclusive arguments must be optional"),
    N_("cannot have multiple subparser arguments"),
    N_("%r is not callable"),
]


def _counted(singular: str, plural: str) -> tuple[str, str]:
    # marks a counted pair for extraction (`ngettext` is a keyword of `make pot`) without translating it
    return singular, plural


ARGPARSE_COUNTED: list[tuple[str, str]] = [
    _counted("expected %s argument", "expected %s arguments"),
    _counted("conflicting option string: %s", "conflicting option strings: %s"),
]


def _argparse_gettext(message: str | None) -> str | None:
    # argparse passes None through `_` (a sub-command group without a description)
    return None if message is None else _(message)


def bind_argparse() -> None:
    """argparse says its words from fluxdesk's active catalogue from now on (`activate` calls it)."""
    argparse._ = _argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
