"""The annual activity report, by the seven decree missions. Each app contributes its sections through
the `activity` hook (pli/app_hooks.py): `<app>/activity.py` defines `sections(year, user)` returning
dicts {"mission", "topic", "title", "paragraphs", "tables"} with figures it computes from its own
records. The report names the topics it must cover: a topic no app contributes (the expertise and
advocacy apps before they exist, or a year without records) is printed as "nothing recorded"."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pli.app_hooks import hook_results
from reports.content import Document, _date
from reports.missions import MISSIONS

# The topics the issue asks for, each under its mission. An app's section names its topic.
TOPICS = [
    ("ili_pli", "platform_meetings", gettext_lazy("Meetings of the statutory platforms, with attendance")),
    ("ili_pli", "plan_progress", gettext_lazy("Progress of the plan")),
    ("ili_pli", "findings_reviewed", gettext_lazy("Findings reviewed")),
    (
        "coordination",
        "space_meetings",
        gettext_lazy("Meetings of the other concertation spaces, with attendance"),
    ),
    ("coordination", "decisions", gettext_lazy("Decisions taken and done")),
    ("coordination", "expertise", gettext_lazy("Expertise requests answered, with the reactivity figures")),
    ("participation", "advocacy", gettext_lazy("Alerts and interpellations, with their answers")),
    ("statistics", "imports", gettext_lazy("Statistics imported")),
]


def activity_document(year: int, user, texts: dict, progress=lambda *a: None) -> Document:
    from jobs.services import JobRefused

    if not 1990 <= year <= timezone.localdate().year:
        raise JobRefused(
            _("The year %(year)s is outside the years the platform can report on (1990 to %(last)s).")
            % {"year": year, "last": timezone.localdate().year}
        )
    progress(0.1, _("Reading the records of the year"))
    contributed = hook_results("activity", "sections", year, user)
    chapters = []
    for number, key, title in MISSIONS:
        sections = [s for s in contributed if s["mission"] == key]
        covered = {s["topic"] for s in sections}
        for mission, topic, label in TOPICS:
            if mission == key and topic not in covered:
                sections.append(
                    {
                        "mission": key,
                        "topic": topic,
                        "title": str(label),
                        "paragraphs": [
                            _("Nothing is recorded on the platform for %(year)s.") % {"year": year}
                        ],
                        "tables": [],
                        "empty": True,
                    }
                )
        chapters.append(
            {
                "number": number,
                "key": key,
                "title": _("Mission %(number)s — %(title)s") % {"number": number, "title": title},
                "text": texts.get(key, ""),
                "sections": sections,
            }
        )
    progress(0.6, _("Laying out the chapters"))
    recorded = any(not s.get("empty") for c in chapters for s in c["sections"])
    return Document(
        kind="activity",
        title=_("Activity report %(year)s") % {"year": year},
        subtitle=_("By the missions of the decree"),
        facts=[(_("Year"), str(year))],
        data={"year": year, "chapters": chapters, "recorded": recorded},
        sources=[],
        built_at=_date(timezone.localdate()),
    )
