"""What fluxdesk runs on, and under which licences: read from the installed distributions' metadata.

The list is walked at run time from fluxdesk's own requirements (and theirs, and so on), so it stays
true as dependencies change and shows what this installation (a venv, a wheel, the bundle) carries.
A requirement counts when it is not an optional extra's and its distribution is installed: platform
markers (`sys_platform == "linux"`) then sort themselves out. Blocking (it reads small files): call
it off the GUI thread. No Qt here.
"""

from __future__ import annotations

import importlib.metadata as md
import re
from dataclasses import dataclass

from fluxdesk.i18n import N_
from fluxdesk.identity import DISTRIBUTION

_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_EXTRA = re.compile(r"\bextra\s*==")
_CLASSIFIER = "License :: OSI Approved :: "
#: a `License:` field longer than this is the licence's whole text, not its name
_SHORT = 80
#: the project addresses worth showing, best first
_URL_LABELS = ("homepage", "source", "repository", "source code", "documentation")
#: what a distribution declaring no licence shows: data, translated where it is shown (gettext: no Qt here)
UNKNOWN_LICENCE = N_("see the distribution's licence file")


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str
    url: str | None
    summary: str


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _field(meta: md.PackageMetadata, name: str) -> str:
    values = meta.get_all(name)
    return str(values[0]).strip() if values else ""


def licence_of(meta: md.PackageMetadata) -> str:
    """The SPDX expression where the distribution declares one, else the short License field, else
    its trove classifiers."""
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    field = _field(meta, "License")
    if field and len(field) <= _SHORT and "\n" not in field:
        return field
    trove = meta.get_all("Classifier") or []
    classifiers = [c[len(_CLASSIFIER):] for c in trove if c.startswith(_CLASSIFIER)]
    if classifiers:
        return " / ".join(classifiers)
    return UNKNOWN_LICENCE


def url_of(meta: md.PackageMetadata) -> str | None:
    urls: dict[str, str] = {}
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = str(entry).partition(",")
        urls.setdefault(label.strip().lower(), url.strip())
    for label in _URL_LABELS:
        if urls.get(label):
            return urls[label]
    return _field(meta, "Home-page") or next(iter(urls.values()), None)


def runtime_requirements(dist: md.Distribution) -> list[str]:
    """The names a distribution needs at run time (its optional extras left out)."""
    names = []
    for requirement in dist.requires or []:
        spec, _, marker = requirement.partition(";")
        if _EXTRA.search(marker):
            continue
        match = _NAME.match(spec)
        if match:
            names.append(match.group(1))
    return names


def runtime_components(root: str = DISTRIBUTION) -> list[Component]:
    """Every installed distribution `root` needs at run time, directly or not, by name."""
    seen: dict[str, Component] = {}
    try:
        todo = runtime_requirements(md.distribution(root))
    except md.PackageNotFoundError:
        return []
    while todo:
        name = todo.pop()
        key = _normal(name)
        if key in seen or key == _normal(root):
            continue
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue  # a marker left it out here (another platform or Python)
        meta = dist.metadata
        seen[key] = Component(
            name=_field(meta, "Name") or name, version=dist.version, licence=licence_of(meta),
            url=url_of(meta), summary=_field(meta, "Summary"),
        )
        todo.extend(runtime_requirements(dist))
    return sorted(seen.values(), key=lambda c: c.name.lower())
