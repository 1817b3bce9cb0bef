"""What the user is composing, for both fronts: `Draft` -> validated `GenerationRequest`s.

Qt-free and below the fronts: it may use `api` and `library`, never the engine, the runtime or Qt.
The window binds its compose widgets to one `Draft`; `fluxdesk generate` builds one from its flags.
"""

from fluxdesk.draft.draft import Draft
from fluxdesk.draft.inputs import ImageInput, ImageSource, LoadedImage, SourceKind
from fluxdesk.draft.loader import ImageLoadError, load_all, load_image, load_pending
from fluxdesk.draft.persist import DRAFT_FILE, read_draft_file, write_draft_file
from fluxdesk.draft.seeds import MAX_BATCH, SeedMode, batch_seeds

__all__ = [
    "DRAFT_FILE",
    "MAX_BATCH",
    "Draft",
    "ImageInput",
    "ImageLoadError",
    "ImageSource",
    "LoadedImage",
    "SeedMode",
    "SourceKind",
    "batch_seeds",
    "load_all",
    "load_image",
    "load_pending",
    "read_draft_file",
    "write_draft_file",
]
