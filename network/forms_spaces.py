"""Forms of the concertation spaces and their meetings: space, membership, meeting, attendance,
decision, document, and the filters of the list of spaces."""

from functools import partial
from pathlib import Path

from django import forms
from django.db import transaction
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from network.choices import AttendanceStatus, SpaceKind
from network.models import (
    Attendance,
    ConcertationSpace,
    Decision,
    Meeting,
    MeetingDocument,
    Membership,
    Organisation,
    Person,
)
from pli.concurrency import VersionedModelForm
from territory.choosers import territory_chooser

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        if person.organisation_id:
            return f"{person.display_name} ({person.organisation.name})"
        return person.display_name


def _people_for(user):
    """The people a user may pick (followers, members, guests): those they see, not erased."""
    return (
        Person.objects.filter(pk__in=Person.objects.visible_to(user).values("pk"), erased_at__isnull=True)
        .select_related("organisation")
        .order_by("full_name")
    )


class SpaceForm(VersionedModelForm):
    class Meta:
        model = ConcertationSpace
        fields = [
            "name",
            "kind",
            "theme",
            "description",
            "axes",
            "carried_by",
            "territory",
            "is_active",
            "is_published",
        ]

    def __init__(self, *args, **kwargs):
        from vocabulary.models import Axis

        super().__init__(*args, **kwargs)
        self.fields["axes"].queryset = Axis.objects.filter(is_active=True)
        self.fields["axes"].widget.attrs["size"] = 8
        self.fields["carried_by"].queryset = Organisation.objects.order_by("name")
        territory_chooser(
            self.fields["territory"], levels=["commune", "arrondissement", "province", "region"]
        )


class SpaceFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    active = forms.ChoiceField(
        label=_("Active"),
        required=False,
        choices=[("", _("All")), ("1", _("Active")), ("0", _("Inactive"))],
    )
    axis = forms.ModelChoiceField(label=_("Axis"), queryset=None, required=False, empty_label=_("All"))

    def __init__(self, *args, **kwargs):
        from vocabulary.models import Axis

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All")), *SpaceKind.choices]
        self.fields["axis"].queryset = Axis.objects.filter(is_active=True)

    def filter(self, spaces):
        if not self.is_valid():
            return spaces
        data = self.cleaned_data
        if data["q"]:
            spaces = spaces.filter(
                Q(name__icontains=data["q"])
                | Q(theme__icontains=data["q"])
                | Q(description__icontains=data["q"])
            )
        if data["kind"]:
            spaces = spaces.filter(kind=data["kind"])
        if data["active"]:
            spaces = spaces.filter(is_active=data["active"] == "1")
        if data["axis"]:
            spaces = spaces.filter(axes=data["axis"])
        return spaces


class MembershipForm(forms.ModelForm):
    person = PersonChoiceField(label=_("Person"), queryset=None)

    class Meta:
        model = Membership
        fields = ["person", "role", "since"]
        widgets = {"since": DATE_WIDGET}

    def __init__(self, *args, space, user, **kwargs):
        kwargs.setdefault("instance", Membership(space=space))
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _people_for(user).exclude(memberships__space=space)


class MeetingForm(VersionedModelForm):
    class Meta:
        model = Meeting
        fields = ["title", "kind", "starts_at", "ends_at", "place", "video_link", "agenda", "minutes"]
        field_classes = {"video_link": partial(forms.URLField, assume_scheme="https")}
        widgets = {
            "starts_at": _datetime_widget(),
            "ends_at": _datetime_widget(),
            "agenda": forms.Textarea(attrs={"rows": 8}),
            "minutes": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args, with_minutes: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
        if not with_minutes:
            del self.fields["minutes"]

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return cleaned


class AttendanceForm(forms.Form):
    """One status per member (and per guest already recorded), plus one guest to add."""

    guest = PersonChoiceField(
        label=_("Add a guest (not a member of the space)"), queryset=None, required=False
    )
    guest_status = forms.ChoiceField(
        label=_("Attendance of the guest"),
        choices=AttendanceStatus.choices,
        initial=AttendanceStatus.PRESENT,
        required=False,
    )

    def __init__(self, *args, meeting: Meeting, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        memberships = meeting.space.memberships.select_related("person__organisation").order_by(
            "person__full_name"
        )
        self.member_ids = {m.person_id for m in memberships}
        self.recorded = {a.person_id: a for a in meeting.attendances.select_related("person__organisation")}
        people = [(m.person, m.get_role_display()) for m in memberships]
        people += [(a.person, None) for a in self.recorded.values() if a.person_id not in self.member_ids]
        self.people = []
        blank = [("", _("not recorded"))]
        for person, role in people:
            name = f"person_{person.pk}"
            recorded = self.recorded.get(person.pk)
            self.fields[name] = forms.ChoiceField(
                label=person.display_name,
                choices=blank + list(AttendanceStatus.choices),
                required=False,
                initial=recorded.status if recorded else "",
            )
            is_guest = recorded.is_guest if recorded else person.pk not in self.member_ids
            self.people.append({"person": person, "role": role, "name": name, "is_guest": is_guest})
        self.fields["guest"].queryset = _people_for(user).exclude(pk__in=self.member_ids | set(self.recorded))
        self.order_fields([row["name"] for row in self.people] + ["guest", "guest_status"])

    def rows(self):
        return [{**row, "field": self[row["name"]]} for row in self.people]

    @transaction.atomic
    def save(self) -> None:
        for row in self.people:
            person, status = row["person"], self.cleaned_data.get(row["name"])
            recorded = self.recorded.get(person.pk)
            if status and recorded:
                if recorded.status != status:
                    recorded.status = status
                    recorded.save(update_fields=["status"])
            elif status:
                Attendance.objects.create(
                    meeting=self.meeting, person=person, status=status, is_guest=row["is_guest"]
                )
            elif recorded:
                recorded.delete()
        guest = self.cleaned_data.get("guest")
        if guest is not None:
            Attendance.objects.create(
                meeting=self.meeting,
                person=guest,
                status=self.cleaned_data["guest_status"] or AttendanceStatus.PRESENT,
                is_guest=guest.pk not in self.member_ids,
            )


class DecisionForm(VersionedModelForm):
    follow_up_by = PersonChoiceField(label=_("Followed up by"), queryset=None, required=False)

    class Meta:
        model = Decision
        fields = ["text", "follow_up_by", "due_on", "done"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4}), "due_on": DATE_WIDGET}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        people = _people_for(user)
        if self.instance.follow_up_by_id:  # keep the current follower, even if no longer visible
            people = (people | Person.objects.filter(pk=self.instance.follow_up_by_id)).distinct()
        self.fields["follow_up_by"].queryset = people
        if not self.instance.pk:
            del self.fields["done"]


MAX_DOCUMENT_SIZE = 10 * 1024 * 1024
ZIP = (b"PK\x03\x04",)
DOCUMENT_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "odp": ZIP,
    "txt": None,  # any text without NUL bytes
}
ALLOWED_LABEL = "PDF, DOCX, ODT, XLSX, ODS, PPTX, ODP, PNG, JPG, TXT"


class DocumentForm(forms.ModelForm):
    class Meta:
        model = MeetingDocument
        fields = ["title", "file"]
        help_texts = {"file": _("At most 10 MB: PDF, DOCX, ODT, XLSX, ODS, PPTX, ODP, PNG, JPG or TXT.")}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = Path(upload.name).suffix.lower().lstrip(".")
        if extension not in DOCUMENT_SIGNATURES:
            raise forms.ValidationError(
                _("Files of this type are not accepted. Accepted types: %(types)s.")
                % {"types": ALLOWED_LABEL},
                code="type",
            )
        if upload.size > MAX_DOCUMENT_SIZE:
            raise forms.ValidationError(
                _("The file is too large (%(size)s MB): the limit is 10 MB.")
                % {"size": number_format(upload.size / 1024 / 1024, decimal_pos=1)},
                code="size",
            )
        upload.seek(0)
        head = upload.read(2048)
        upload.seek(0)
        signatures = DOCUMENT_SIGNATURES[extension]
        matches = b"\x00" not in head if signatures is None else head.startswith(signatures)
        if not matches:
            raise forms.ValidationError(
                _("The content of this file is not that of a .%(extension)s file.")
                % {"extension": extension},
                code="content",
            )
        return upload
