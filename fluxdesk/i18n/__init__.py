"""The sentences fluxdesk says, in the user's language (Qt-free: engine, api, library, draft, cli).

Every sentence a user can read that a Qt-free layer produces goes through these functions:

- `_("Plain sentence.")` — translated at the moment it is said;
- `ngettext("{n} image", "{n} images", n).format(n=n)` — counted (Arabic has six plural forms);
- `N_("Label")` — marks data (catalogue labels, descriptions) for extraction; the front that shows it
  translates it with `_()` then.

Placeholders are named (`{name}`) and filled with `.format()` after translation, so a translator can
move them. The window's own words go through Qt's translator (`fluxdesk.ui.i18n.translate`); the
sentences below it come from here, so the window and the CLI say the same thing in the same words.

The active catalogue is process-wide, as the locale is: it is chosen once at start
(`fluxdesk.i18n.languages`), before any sentence is said.
"""

from __future__ import annotations

from fluxdesk.i18n.messages import N_, _, activate, active_language, ngettext

__all__ = ["N_", "_", "activate", "active_language", "ngettext"]
