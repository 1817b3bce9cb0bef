"""Help -> About: version, folders, MIT licence, Qt's LGPL terms and every runtime dependency's licence,
read from the installed metadata; non-modal, one per window."""

from __future__ import annotations

from email.message import Message

from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication

from fluxdesk import __version__
from fluxdesk.ui.dialogs.about import LGPL_URL, AboutDialog
from fluxdesk.ui.dialogs.notices import licence_of, runtime_components, runtime_requirements, url_of


def test_about_lists_version_licence_and_what_fluxdesk_runs_on(window, qtbot) -> None:
    window.commands.about.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    assert not dialog.isModal() and QApplication.activeModalWidget() is None
    assert f"fluxdesk {__version__}" in dialog.title.text()
    about = dialog.about.toPlainText()
    assert str(window.runtime.settings.paths.library_dir) in about and "fluxdesk.log" in about
    assert "MIT" in about and "Copyright (c) 2026 the fluxdesk authors" in about
    qtbot.waitUntil(lambda: dialog.components is not None, timeout=10_000)
    licence = dialog.licence.toPlainText()
    assert licence.startswith("MIT License") and "Permission is hereby granted" in licence
    third = dialog.third_party.toHtml()
    text = dialog.third_party.toPlainText()
    assert f"Qt {qVersion()}" in text and "LGPL-3.0-only" in text and LGPL_URL in third
    assert "linked dynamically" in text and "replace" in text
    licences = {c.name.lower().replace("_", "-"): c.licence for c in dialog.components}
    assert licences["httpx"] == "BSD-3-Clause"
    assert licences["qasync"] == "BSD-2-Clause"
    assert "MIT-CMU" in licences["pillow"] or "HPND" in licences["pillow"]
    assert licences["platformdirs"] == "MIT" and licences["keyring"] == "MIT"
    assert "LGPL-3.0-only" in licences["pyside6-essentials"]
    for name in ("httpx", "qasync", "platformdirs", "keyring", "PySide6"):
        assert name.lower() in text.lower()
    # F1 again: the same box, raised, not a second one
    window.commands.about.trigger()
    assert window.findChildren(AboutDialog) == [dialog]
    dialog.close()


def test_the_dependency_walk_follows_runtime_requirements_only() -> None:
    names = {c.name.lower().replace("_", "-") for c in runtime_components()}
    # direct and indirect runtime needs
    assert {"httpx", "httpcore", "h11", "certifi", "qasync", "pillow", "keyring", "platformdirs"} <= names
    # the test and bundle extras are not what fluxdesk runs on
    assert not names & {"pytest", "mypy", "hypothesis", "ruff", "pyinstaller", "import-linter"}
    assert "fluxdesk" not in names


def _meta(**fields: object) -> Message:
    meta = Message()
    for key, value in fields.items():
        for v in value if isinstance(value, list) else [value]:
            meta[key.replace("_", "-")] = str(v)
    return meta


def test_licence_and_address_come_from_the_best_field_there_is() -> None:
    assert licence_of(_meta(License_Expression="BSD-3-Clause", License="BSD")) == "BSD-3-Clause"
    assert licence_of(_meta(License="MIT")) == "MIT"
    whole_text = "Permission is hereby granted...\n" * 20
    assert licence_of(_meta(License=whole_text, Classifier=["License :: OSI Approved :: MIT License"])) \
        == "MIT License"
    assert licence_of(_meta()) == "see the distribution's licence file"
    assert url_of(_meta(Project_URL=["Docs, https://d", "Source, https://s"])) == "https://s"
    assert url_of(_meta(Home_page="https://h")) == "https://h"


class _Dist:
    requires = ['a>=1', 'b; python_version < "3.12"', 'c[x]==2; extra == "test"', "d ; extra=='cli'", "e.f_g"]


def test_optional_extras_are_left_out_of_the_requirements() -> None:
    assert runtime_requirements(_Dist()) == ["a", "b", "e.f_g"]  # type: ignore[arg-type]
