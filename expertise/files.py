"""The limits of an attachment: those of meeting documents (size, accepted types, content matching the
extension), checked before anything is stored."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from network.forms_spaces import ALLOWED_LABEL, DOCUMENT_SIGNATURES, MAX_DOCUMENT_SIZE


def check_attachment(upload) -> None:
    """Raise ValidationError (in French, naming the file) unless the upload may be attached."""
    name = Path(upload.name).name
    extension = Path(name).suffix.lower().lstrip(".")
    if extension not in DOCUMENT_SIGNATURES:
        raise ValidationError(
            _("%(name)s: files of this type are not accepted. Accepted types: %(types)s.")
            % {"name": name, "types": ALLOWED_LABEL},
            code="type",
        )
    if upload.size > MAX_DOCUMENT_SIZE:
        raise ValidationError(
            _("%(name)s: the file is too large (%(size)s MB): the limit is 10 MB.")
            % {"name": name, "size": number_format(upload.size / 1024 / 1024, decimal_pos=1)},
            code="size",
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    signatures = DOCUMENT_SIGNATURES[extension]
    matches = b"\x00" not in head if signatures is None else head.startswith(signatures)
    if not matches:
        raise ValidationError(
            _("%(name)s: the content of this file is not that of a .%(extension)s file.")
            % {"name": name, "extension": extension},
            code="content",
        )
