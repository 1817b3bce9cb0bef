"""Compare with parent: an edit beside the image it was made from (its first parent), in the viewer's
side-by-side compare view, the parent on the left ("before") and the edit on the right ("after").

`compare_with_parent(record, library, tasks, open_compare, say)` is the one command: the gallery binds it
to B and its context menu, and the viewer can bind it too (`open_compare` opens a compare of two records
wherever the caller shows them; `say` puts a sentence in the status bar). The parent is read from the
library off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fluxdesk.library.records import GenerationRecord
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.tasks import TaskRegistry

#: the gallery's and the viewer's key for it (B for before/after)
COMPARE_WITH_PARENT_KEY = "B"


def no_parent() -> str:
    """Said when the image has no parent to compare it with."""
    return translate(
        "Compare", "This image was not made from another one, so there is nothing to compare it with."
    )


def parent_gone() -> str:
    """Said when the image's parent is no longer in the library."""
    return translate("Compare", "The image this one was made from is no longer in the library.")


def compare_with_parent(
    record: GenerationRecord | None,
    library: Any,
    tasks: TaskRegistry,
    open_compare: Callable[[list[GenerationRecord]], object],
    say: Callable[[str], None],
) -> bool:
    """Open `[first parent, record]` side by side; False (and a sentence said) when it has no parent."""
    if record is None:
        say(translate("Compare", "Select an image first."))
        return False
    if not record.parents:
        say(no_parent())
        return False
    tasks.spawn(_open(record, library, open_compare, say), name="compare with the parent")
    return True


async def _open(
    record: GenerationRecord,
    library: Any,
    open_compare: Callable[[list[GenerationRecord]], object],
    say: Callable[[str], None],
) -> None:
    parent = await library.get(record.parents[0])
    if parent is None or parent.file is None:
        say(parent_gone())
        return
    open_compare([parent, record])
