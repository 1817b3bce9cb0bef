"""Qt's own command-line options (`-style Fusion`, `-reverse`, `-platform offscreen`...), told apart
from fluxdesk's arguments, so that they reach QApplication instead of being refused as unknown commands.

No Qt import here: `fluxdesk.main` decides window or command line with it before anything loads Qt.
QApplication removes from its argv the options it consumes; those it does not know stay and are ignored.
The lists are Qt 6's (QGuiApplication, QApplication and the xcb platform's), each also accepted with two
dashes and, for those with a value, as `-option=value`.
"""

from __future__ import annotations

from collections.abc import Sequence

#: options followed by a value
WITH_VALUE = frozenset({
    "style", "stylesheet", "platform", "platformpluginpath", "platformtheme", "plugin", "qwindowgeometry",
    "qwindowicon", "qwindowtitle", "session", "display", "name", "title", "geometry", "qmljsdebugger",
    "visual", "bg", "background", "fg", "foreground", "btn", "button", "fn", "font", "ncols", "cmap",
})
#: options on their own
FLAGS = frozenset({"reverse", "widgetcount", "nograb", "dograb", "sync", "testability"})


def _option(arg: str) -> tuple[str, bool]:
    """(name, has "=value") of `-name`, `--name` or `-name=value`; ("", False) for anything else."""
    if not arg.startswith("-") or arg in ("-", "--"):
        return "", False
    name = arg[2:] if arg.startswith("--") else arg[1:]
    name, eq, _value = name.partition("=")
    return name, bool(eq)


def split_qt_options(args: Sequence[str]) -> tuple[list[str], list[str]]:
    """(Qt's options with their values, the rest), in their order. An option with a value that comes
    last without one is left to the rest (the command line then says what is wrong)."""
    qt: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        name, has_value = _option(arg)
        if (name in FLAGS and not has_value) or (name in WITH_VALUE and has_value):
            qt.append(arg)
        elif name in WITH_VALUE and i + 1 < len(args):
            qt.extend(args[i:i + 2])
            i += 1
        else:
            rest.append(arg)
        i += 1
    return qt, rest
