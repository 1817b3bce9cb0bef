"""The fields of the parameter panel, one kind per `ParamSpec` kind (each in the module of its kind).

Numbers and sizes: `number_fields`; aspect ratios, toggles, choices, text: `choice_fields`; the
seed: `seed_field`; images: `image_field`; the size arithmetic: `sizing`. Value fields have
`value()`, `set_value()` and a `changed` signal; the seed and image fields are views of the draft.
"""

from __future__ import annotations

from fluxdesk.ui.compose.choice_fields import AspectField, ChoiceField, TextField, ToggleField, identify
from fluxdesk.ui.compose.image_field import ImageField
from fluxdesk.ui.compose.number_fields import NumberField, SizeField, SnapSpinBox
from fluxdesk.ui.compose.seed_field import SeedField

#: a field whose value the panel writes into the draft
ValueField = NumberField | AspectField | ToggleField | ChoiceField | TextField
Field = ValueField | ImageField | SeedField

__all__ = [
    "AspectField",
    "ChoiceField",
    "Field",
    "ImageField",
    "NumberField",
    "SeedField",
    "SizeField",
    "SnapSpinBox",
    "TextField",
    "ToggleField",
    "ValueField",
    "identify",
]
