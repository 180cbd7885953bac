"""The documents as Word files (python-docx): real heading styles (Word's navigation pane and table of
contents work), tables as Word tables, charts and maps as PNG images with their alternative text, every
figure written as the PDF and the pages write it (`territory.templatetags.figures.figure`)."""

import io

from django.utils.translation import gettext as _
from docx import Document as WordFile
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from reports.typography import french
from territory.templatetags.figures import figure


class Writer:
    def __init__(self, document):
        self.document = document
        self.word = WordFile()
        core = self.word.core_properties
        core.title = document.title + (f" — {document.subtitle}" if document.subtitle else "")
        core.language = "fr-BE"
        core.author = _("PLI platform")
        normal = self.word.styles["Normal"]
        normal.font.name = "DejaVu Sans"
        normal.font.size = Pt(10)
        self._language(normal.element)
        section = self.word.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21)
        section.left_margin = section.right_margin = Cm(1.8)
        self._running_header(core.title)

    @staticmethod
    def _language(style_element):
        rpr = style_element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "fr-BE")
        rpr.append(lang)

    def _field(self, paragraph, instruction: str, placeholder: str = ""):
        run = paragraph.add_run()
        begin, text, separate, end = (
            OxmlElement("w:fldChar"),
            OxmlElement("w:instrText"),
            OxmlElement("w:fldChar"),
            OxmlElement("w:fldChar"),
        )
        begin.set(qn("w:fldCharType"), "begin")
        text.set(qn("xml:space"), "preserve")
        text.text = instruction
        separate.set(qn("w:fldCharType"), "separate")
        end.set(qn("w:fldCharType"), "end")
        run._r.append(begin)
        run._r.append(text)
        run._r.append(separate)
        shown = paragraph.add_run(placeholder)
        shown._r.append(end)

    def _running_header(self, title: str):
        section = self.word.sections[0]
        section.header.paragraphs[0].text = title
        footer = section.footer.paragraphs[0]
        footer.alignment = 2  # right
        self._field(footer, "PAGE", "1")

    # --- blocks ---------------------------------------------------------------------------------

    def heading(self, text, level=1):
        return self.word.add_heading(french(text), level=level)

    def paragraph(self, text, style=None, italic=False):
        paragraph = self.word.add_paragraph(style=style)
        run = paragraph.add_run(french(text))
        run.italic = italic
        return paragraph

    def source(self, text):
        paragraph = self.word.add_paragraph()
        run = paragraph.add_run(french(text))
        run.font.size = Pt(8)
        return paragraph

    def table(self, headers, rows, caption=""):
        if caption:
            self.word.add_paragraph(french(caption), style="Caption")
        table = self.word.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            cell.text = french(header)
            for run in cell.paragraphs[0].runs:
                run.bold = True
        self._repeat_header(table.rows[0])
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = french(value)
        return table

    @staticmethod
    def _repeat_header(row):
        properties = row._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        properties.append(header)

    def figure(self, item):
        self.word.add_paragraph(french(item.caption), style="Caption")
        shape = self.word.add_picture(io.BytesIO(item.png()), width=Cm(16))
        properties = shape._inline.docPr
        properties.set("descr", item.alt)
        properties.set("title", item.caption)
        self.source(item.source)

    def facts(self, pairs):
        for label, value in pairs:
            paragraph = self.word.add_paragraph()
            paragraph.add_run(french(f"{label} : ")).bold = True
            paragraph.add_run(french(value))

    def page_break(self):
        self.word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def cover_and_contents(self, kind_label, built_at):
        self.paragraph(kind_label)
        self.word.add_heading(self.document.title, level=0)
        if self.document.subtitle:
            self.paragraph(self.document.subtitle, style="Subtitle")
        self.facts(self.document.facts)
        self.paragraph(
            _("Built on %(date)s by the PLI platform from its records and the official statistics.")
            % {"date": built_at},
            italic=True,
        )
        self.page_break()
        self.word.add_paragraph(_("Contents"), style="TOC Heading") if "TOC Heading" in [
            s.name for s in self.word.styles
        ] else self.paragraph(_("Contents"))
        toc = self.word.add_paragraph()
        self._field(
            toc,
            'TOC \\o "1-3" \\h \\z \\u',
            _("Right-click and choose “Update field” to show the table of contents."),
        )
        settings = self.word.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.word.save(out)
        return out.getvalue()


# --- Shared pieces -------------------------------------------------------------------------------


def territory_section(w: Writer, t: dict):
    p = t["portrait"]
    if p:
        w.table(
            [_("Territory"), _("Population"), _("Non-Belgians"), _("Share"), _("Under 18"), _("65 and over")],
            [
                [
                    c.name,
                    figure(c.population),
                    figure(c.non_belgian),
                    figure(c.non_belgian_share, "share"),
                    figure(c.under_18_share, "share"),
                    figure(c.over_65_share, "share"),
                ]
                for c in t["comparison"]
            ],
            caption=_("Key figures on 1 January %(year)s, compared") % {"year": t["year"]},
        )
        w.source(str(p.source))
    for item in t["figures"]:
        w.figure(item)
    if t["communes"]:
        headers = [_("Commune"), _("Arrondissement"), _("Population"), _("Non-Belgians"), _("Share")]
        if t["base_year"]:
            headers.append(_("Non-Belgians since %(base)s") % {"base": t["base_year"]})
        headers.append(_("Rank (share)"))
        rows = []
        for r in t["communes"]:
            row = [
                r.portrait.name,
                r.arrondissement,
                figure(r.portrait.population),
                figure(r.portrait.non_belgian),
                figure(r.portrait.non_belgian_share, "share"),
            ]
            if t["base_year"]:
                row.append(figure(r.evolution.non_belgian, "signed") if r.evolution else "—")
            row.append(str(r.rank_share or "—"))
            rows.append(row)
        w.table(headers, rows, caption=_("The communes on 1 January %(year)s") % {"year": t["year"]})
        w.source(str(p.source) if p else "")


def sources_section(w: Writer, sources, level: int = 2):
    w.heading(_("Sources"), level)
    w.table(
        [_("Dataset"), _("Reference"), _("File"), _("Checksum (SHA-256)")],
        [[s.attribution or s.title, s.reference, s.file_name, s.sha256[:16] + "…"] for s in sources]
        or [[_("No statistics were used."), "", "", ""]],
    )


# --- The plan ------------------------------------------------------------------------------------


def _recommendation(w: Writer, rec):
    w.paragraph(f"{rec.number}. {rec.title}").runs[0].bold = True
    if rec.text:
        w.paragraph(rec.text)
    w.paragraph(
        _("Status:") + f" {rec.get_status_display()} — " + _("progress") + f" {rec.progress} %", italic=True
    )
    means = list(rec.means.all())
    if means:
        rows = [
            [
                str(m.get_kind_display()),
                m.description + (f" ({m.funder})" if m.funder else ""),
                figure(m.amount, "euro") if m.amount is not None else "",
                figure(m.fte, "fte") if m.fte is not None else "",
            ]
            for m in means
        ]
        rows.append([_("Total"), "", figure(rec.totals["euros"], "euro"), figure(rec.totals["fte"], "fte")])
        w.table([_("Kind"), _("Description"), _("Euro"), _("FTE")], rows, caption=_("Means"))
    resources = list(rec.resources.all())
    if resources:
        w.paragraph(
            _("Resources:")
            + " "
            + ", ".join(f"{r.organisation.name} ({r.get_role_display()})" for r in resources)
        )
    population = rec.population
    if population.rows:
        w.paragraph(
            _("Population in proportion:")
            + " "
            + _(
                "%(non_belgian)s non-Belgians out of %(population)s residents (%(share)s) on 1 January %(year)s"
            )
            % {
                "non_belgian": figure(population.non_belgian),
                "population": figure(population.population),
                "share": figure(population.share, "share"),
                "year": population.year,
            }
        )


def _summary(w: Writer, d: dict):
    w.heading(_("Summary"))
    w.paragraph(d["plan"].summary) if d["plan"].summary else w.paragraph(
        _("The plan has no summary yet."), italic=True
    )
    if d["totals"]:
        t = d["totals"]
        w.table(
            [
                _("Priorities"),
                _("Recommendations"),
                _("Financial means"),
                _("Human means"),
                _("Partner organisations"),
            ],
            [
                [
                    figure(t["priorities"]),
                    figure(t["recommendations"]),
                    figure(t["euros"], "euro"),
                    figure(t["fte"], "fte") + " " + _("FTE"),
                    figure(t["partners"]),
                ]
            ],
        )


def _method(w: Writer, d: dict):
    w.heading(_("Method"))
    w.heading(_("The diagnostic"), 2)
    if d["diagnostic"]:
        w.paragraph(f"{d['diagnostic'].title} ({d['diagnostic'].period})")
        if d["diagnostic"].method:
            w.paragraph(d["diagnostic"].method)
    else:
        w.paragraph(_("No diagnostic is linked to this plan version."), italic=True)
    w.heading(_("The review campaign and its lenses"), 2)
    for c in d["campaigns"]:
        w.paragraph(
            f"{c.title} — "
            + _("%(findings)s findings reviewed, %(settled)s settled.")
            % {"findings": c.finding_count, "settled": c.settled_count}
        )
        for lens in c.lens_labels:
            w.paragraph(lens, style="List Bullet")
    if not d["campaigns"]:
        w.paragraph(_("No review campaign is recorded for this diagnostic."), italic=True)
    w.heading(_("The concertation"), 2)
    w.paragraph(_("Concertation spaces: %(count)s (see Governance).") % {"count": len(d["spaces"])})


def _findings(w: Writer, d: dict):
    w.heading(_("Findings by axis"))
    for axis, findings in d["findings_by_axis"]:
        w.heading(str(axis), 2)
        for f in findings:
            w.paragraph(f.statement, style="List Bullet")
            for e in f.evidence.all():
                w.source(
                    _("Evidence:")
                    + f" {e.territory.name_fr}, {e.get_indicator_display()} ({e.year}) = {figure(e.value, e.value_kind)}"
                    + f" — {e.source_label}"
                )


def _priorities(w: Writer, d: dict):
    w.heading(_("Priorities and recommendations by axis"))
    for block in d["tree"]:
        if not block.priorities:
            continue
        w.heading(str(block.axis), 2)
        for priority in block.priorities:
            w.heading(
                _("Priority %(number)s: %(title)s") % {"number": priority.number, "title": priority.title}, 3
            )
            for rec in priority.document_recommendations:
                _recommendation(w, rec)


def _governance(w: Writer, d: dict):
    w.heading(_("Governance"))
    w.heading(_("Concertation spaces"), 2)
    for space in d["spaces"]:
        w.heading(space.name, 3)
        w.paragraph(
            str(space.get_kind_display())
            + (f" — {_('carried by')} {space.carried_by.name}" if space.carried_by else ""),
            italic=True,
        )
        if space.organisations:
            w.paragraph(_("Members' organisations:") + " " + ", ".join(str(o) for o in space.organisations))
    w.heading(_("The plenary assembly"), 2)
    for meeting in d["plenaries"]:
        w.paragraph(f"{meeting.title} — {meeting.starts_at:%d/%m/%Y} ({meeting.space.name})")
    if not d["plenaries"]:
        plan = d["plan"]
        w.paragraph(
            _("Closed by %(by)s.") % {"by": plan.closed_by}
            if plan.closed_by
            else _("Adopted by %(by)s.") % {"by": plan.adopted_by}
            if plan.adopted_by
            else _("This version has not been adopted or closed by a plenary assembly yet.")
        )


def _annexes(w: Writer, d: dict, document):
    w.heading(_("Annexes"))
    w.heading(_("Partners"), 2)
    w.table(
        [_("Organisation"), _("Type"), _("Commune")],
        [[o.name, str(o.type), o.commune.name_fr if o.commune else "—"] for o in d["partners"]]
        or [[_("No partner is recorded."), "", ""]],
    )
    w.heading(_("Glossary"), 2)
    for term, meaning in d["glossary"]:
        p = w.word.add_paragraph()
        p.add_run(term + " : ").bold = True
        p.add_run(french(meaning))
    sources_section(w, document.sources)


def plan_word(document, kind_label) -> bytes:
    d = document.data
    w = Writer(document)
    w.cover_and_contents(kind_label, document.built_at)
    _summary(w, d)
    _method(w, d)
    w.heading(_("The territorial diagnostic"))
    if d["territory"]:
        territory_section(w, d["territory"])
    _findings(w, d)
    _priorities(w, d)
    _governance(w, d)
    _annexes(w, d, document)
    return w.bytes()


BUILDERS = {"plan": plan_word}


def word_document(document) -> bytes:
    from reports.documents import KIND_LABELS

    return BUILDERS[document.kind](document, str(KIND_LABELS[document.kind]))


def portrait_word(document, kind_label) -> bytes:
    d = document.data
    w = Writer(document)
    w.cover_and_contents(kind_label, document.built_at)
    w.heading(_("Key figures"))
    headers = [
        _("Territory"),
        _("Population"),
        _("Non-Belgians"),
        _("Share"),
        _("Under 18"),
        _("65 and over"),
        _("Median age"),
    ]
    if d["base_year"]:
        headers += [_("Non-Belgians since %(base)s") % {"base": d["base_year"]}, _("Share: change")]
    rows = []
    for row in d["rows"]:
        p, e = row["portrait"], row["evolution"]
        cells = [
            p.name,
            figure(p.population),
            figure(p.non_belgian),
            figure(p.non_belgian_share, "share"),
            figure(p.under_18_share, "share"),
            figure(p.over_65_share, "share"),
            figure(p.median_age, "float"),
        ]
        if d["base_year"]:
            cells += [
                f"{figure(e.non_belgian, 'signed')} ({figure(e.non_belgian_pct, 'pct')})" if e else "—",
                figure(e.share_points, "points") if e else "—",
            ]
        rows.append(cells)
    w.table(headers, rows, caption=_("On 1 January %(year)s") % {"year": d["year"]})
    for item in d["figures"]["figures"]:
        if item.key != "map":
            w.figure(item)
    w.heading(_("Its place on the map and in its province"))
    rank = d["rank"]
    if rank:
        w.paragraph(
            _(
                "%(name)s ranks %(population)s of %(of)s communes of %(province)s by population, and %(share)s by share of non-Belgians."
            )
            % {
                "name": d["territory"].name_fr,
                "population": rank["population"],
                "share": rank["share"],
                "of": rank["of"],
                "province": rank["province"].name_in_sentence,
            }
        )
    for item in d["figures"]["figures"]:
        if item.key == "map":
            w.figure(item)
    w.heading(_("The offers present"))
    w.table(
        [_("Type of offer"), _("Offers"), _("Organisations"), _("Places"), _("Hours per year")],
        [
            [
                o["type__label"],
                figure(o["count"]),
                figure(o["organisations"]),
                figure(o["places"]),
                figure(o["hours"]),
            ]
            for o in d["offers"]
        ]
        or [[_("No offer is recorded in this territory."), "", "", "", ""]],
    )
    sources_section(w, document.sources, level=1)
    return w.bytes()


def activity_word(document, kind_label) -> bytes:
    d = document.data
    w = Writer(document)
    w.cover_and_contents(kind_label, document.built_at)
    if not d["recorded"]:
        w.paragraph(
            _("The platform holds no record for %(year)s: every chapter says so.") % {"year": d["year"]},
            italic=True,
        )
    for chapter in d["chapters"]:
        w.heading(chapter["title"])
        if chapter["text"]:
            w.paragraph(chapter["text"])
        for s in chapter["sections"]:
            w.heading(s["title"], 2)
            for p in s["paragraphs"]:
                w.paragraph(p, italic=s.get("empty", False))
            for t in s["tables"]:
                w.table(t["headers"], [[str(v) for v in row] for row in t["rows"]], caption=t["caption"])
        if not chapter["sections"] and not chapter["text"]:
            w.paragraph(
                _("Nothing is recorded on the platform for this mission in %(year)s.") % {"year": d["year"]},
                italic=True,
            )
    return w.bytes()


BUILDERS.update({"portrait": portrait_word, "activity": activity_word})
