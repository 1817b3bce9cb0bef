"""An image field: a view of one of the draft's images (an input slot or the mask of the model).

Picking or dropping a file (or an image from the gallery: a library source) puts its source into the
draft; the window's loader reads it off the GUI thread and the draft's notification brings the preview
(a small PNG the loader made) back here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from fluxdesk.api.catalog import ParamSpec
from fluxdesk.draft import Draft, ImageInput, ImageSource, SourceKind
from fluxdesk.i18n import _
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.mime import record_ids

PREVIEW_PX = 56
#: the image files a picker offers (the word is translated, the patterns are not)
IMAGE_PATTERNS = "*.png *.jpg *.jpeg *.webp *.bmp *.gif *.tif *.tiff"


def image_filter() -> str:
    """The file dialog's filter for images: 'Images (*.png ...)'."""
    return translate("ImageField", "Images ({patterns})").format(patterns=IMAGE_PATTERNS)


class ImageField(QFrame):
    def __init__(self, spec: ParamSpec, draft: Draft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.draft = draft
        self._shown: ImageInput | None = None
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName(f"param-{spec.name}")
        drop = translate("ImageField", "Drop an image file here, or choose one.")
        self.setToolTip(f"{_(spec.help)}\n{drop}")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.preview = QLabel(self)
        self.preview.setFixedSize(QSize(PREVIEW_PX, PREVIEW_PX))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.caption.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.choose = QToolButton(self)
        self.choose.setText(translate("ImageField", "Choose…"))
        self.choose.setToolTip(
            translate("ImageField", "Choose the {image} from a file").format(image=self._name())
        )
        self.choose.clicked.connect(self.open_picker)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("✕")
        self.clear_button.setToolTip(translate("ImageField", "Remove the {image}").format(image=self._name()))
        self.clear_button.clicked.connect(self.clear)
        for widget in (self.preview, self.caption, self.choose, self.clear_button):
            lay.addWidget(widget, 1 if widget is self.caption else 0)
        self.sync()

    def _name(self) -> str:
        """The image's name inside a sentence ('reference image')."""
        return _(self.spec.label).lower()

    # what it shows
    @property
    def item(self) -> ImageInput | None:
        return self.draft.image(self.spec.name)

    @property
    def busy(self) -> bool:
        item = self.item
        return item is not None and item.loading

    def value(self) -> str | None:
        item = self.item
        return item.data if item is not None else None

    def sync(self) -> None:
        item = self.item
        if item == self._shown:
            return
        self._shown = item
        self.clear_button.setEnabled(item is not None)
        if item is None or item.error is not None:
            self._show(translate("ImageField", "drop\nimage"), translate("ImageField", "No image"))
        elif item.source.kind is SourceKind.URL:
            self._show(translate("ImageField", "link"), item.source.value)
        elif item.loading:
            self._show("…", translate("ImageField", "Reading {name}…").format(name=item.source.name))
        else:
            size = item.size
            name = item.label or ("" if item.source.kind is SourceKind.INLINE else item.source.name)
            described = translate("ImageField", "an image") if item.described else ""
            dims = f"{size[0]}×{size[1]}" if size else described
            caption = "\n".join(t for t in (name, dims) if t)
            caption = caption or translate("ImageField", "an image (no preview)")
            self._show("?", caption, item.loaded.preview if item.loaded is not None else b"")

    def _show(self, placeholder: str, caption: str, png: bytes = b"") -> None:
        image = QImage.fromData(png) if png else QImage()
        if image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(placeholder)
        else:
            self.preview.setPixmap(
                QPixmap.fromImage(image).scaled(
                    PREVIEW_PX, PREVIEW_PX, Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.caption.setText(caption)

    # what the user does
    def load_file(self, path: Path) -> None:
        self.draft.set_image(self.spec.name, ImageSource.file(path))

    def clear(self) -> None:
        self.draft.set_image(self.spec.name, None)

    def open_picker(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # loaded when it opens, not at start-up

        dialog = QFileDialog(self, translate("ImageField", "Choose the {image}").format(image=self._name()))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(image_filter())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.load_file(Path(name)))
        dialog.open()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if record_ids(event.mimeData()) or _dropped_path(event.mimeData().urls()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        ids = record_ids(event.mimeData())
        if ids:
            event.acceptProposedAction()
            self.draft.set_image(self.spec.name, ImageSource.library(ids[0]))
            return
        path = _dropped_path(event.mimeData().urls())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.load_file(path)


def _dropped_path(urls: Iterable[QUrl]) -> Path | None:
    for url in urls:
        if url.isLocalFile():
            return Path(url.toLocalFile())
    return None
