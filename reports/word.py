"""The documents as Word files (python-docx): real heading styles (Word's navigation pane and table of
contents work), tables as Word tables, charts and maps as PNG images with their alternative text, every
figure written as the PDF and the pages write it (`territory.templatetags.figures.figure`)."""

import io

from django.utils.translation import gettext as _
from docx import Document as WordFile
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_PARAGRAPH_ALIGNMENT, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, Twips

from reports import word_layout
from reports.typography import french
from territory.templatetags.figures import figure

TABLE_TEXT_SIZE = 9  # points, as the PDF's tables (8.5 pt); smaller for a table with many columns


class Writer:
    def __init__(self, document, progress=None, chapters: int = 1):
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
        self.text_width = section.page_width - section.left_margin - section.right_margin
        self._styles()
        self._running_header(core.title)
        self.contents: list[tuple[int, str, str]] = []  # (level, text, bookmark) of the headings 1 and 2
        self._contents_at = None
        self.progress = progress
        self.chapters, self._chapters_done = max(1, chapters), 0

    def _styles(self):
        """A chapter starts a page (as in the PDF); a caption stays with its table or picture; the
        tables' text and the entries of the table of contents have their own styles."""
        styles = self.word.styles
        styles["Heading 1"].paragraph_format.page_break_before = True
        styles["Caption"].paragraph_format.keep_with_next = True
        table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
        table_text.base_style = styles["Normal"]
        table_text.font.size = Pt(TABLE_TEXT_SIZE)
        table_text.paragraph_format.space_after = Pt(0)
        table_text.paragraph_format.line_spacing = 1.0
        for level, indent in ((1, 0), (2, 0.5)):
            toc = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
            toc.base_style = styles["Normal"]
            toc.font.bold = level == 1
            fmt = toc.paragraph_format
            fmt.left_indent, fmt.space_before, fmt.space_after = Cm(indent), Pt(4 if level == 1 else 0), Pt(2)
            fmt.tab_stops.add_tab_stop(self.text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)

    @staticmethod
    def _language(style_element):
        rpr = style_element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "fr-BE")
        rpr.append(lang)

    def _field(self, paragraph, instruction: str, result: str = ""):
        """A field (PAGE, TOC…) with the result Word and LibreOffice show until it is updated."""
        for run in _field_runs(instruction, result):
            paragraph._p.append(run)

    def _running_header(self, title: str):
        section = self.word.sections[0]
        section.header.paragraphs[0].text = title
        footer = section.footer.paragraphs[0]
        footer.alignment = 2  # right
        self._field(footer, "PAGE", "1")

    # --- blocks ---------------------------------------------------------------------------------

    def heading(self, text, level=1):
        if level == 1:
            self.step(_("Writing the chapter “%(title)s”") % {"title": text})
        paragraph = self.word.add_heading(french(text), level=level)
        if level in (1, 2):  # an entry of the table of contents, its target a bookmark
            number = len(self.contents) + 1
            name = f"_Toc{number:06d}"
            start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
            start.set(qn("w:id"), str(number))
            start.set(qn("w:name"), name)
            end.set(qn("w:id"), str(number))
            paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
            paragraph._p.append(end)
            self.contents.append((level, paragraph.text, name))
        return paragraph

    def step(self, label: str, within: float = 0.0):
        """Report the writing's progress: a chapter begun (or `within` a chapter, for its pictures)."""
        if self.progress is None:
            return
        if not within:
            self._chapters_done += 1
        done = min(self.chapters, self._chapters_done - 1 + within)
        self.progress(max(0.0, done) / self.chapters, label)

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
        """A Word table whose columns are as wide as their content needs (no header word or figure broken
        across lines), in a fixed layout so that Word and LibreOffice keep those widths; its header row
        is repeated on each page and its columns of figures are aligned to the right."""
        if caption:
            self.word.add_paragraph(french(caption), style="Caption")
        texts = [[french(h) for h in headers]] + [[french(v) for v in row] for row in rows]
        size, widths = self._column_widths(texts)
        right = [word_layout.is_numeric([row[i] for row in texts[1:]]) for i in range(len(headers))]
        table = self.word.add_table(rows=len(texts), cols=len(headers))
        table.style = "Table Grid"
        table.autofit = False
        width = table._tbl.tblPr.find(qn("w:tblW"))
        width.set(qn("w:type"), "dxa")
        width.set(qn("w:w"), str(sum(widths)))
        for column, twips in zip(table.columns, widths, strict=True):
            column.width = Twips(twips)
        for number, (row, values) in enumerate(zip(table.rows, texts, strict=True)):
            for cell, value, twips, numeric in zip(row.cells, values, widths, right, strict=True):
                cell.width = Twips(twips)
                paragraph = cell.paragraphs[0]
                paragraph.style = "Table Text"
                if numeric:
                    paragraph.alignment = WD_PARAGRAPH_ALIGNMENT.RIGHT
                run = paragraph.add_run(value)
                run.bold = number == 0 or None
                if size != TABLE_TEXT_SIZE:
                    run.font.size = Pt(size)
        self._repeat_header(table.rows[0])
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        return table

    def _column_widths(self, texts) -> tuple[float, list[int]]:
        """The text size and the columns' widths (twips, summing to the text width): the usual size if
        every word fits, else smaller; at the smallest, in proportion to the content."""
        total = round(Emu(self.text_width).pt * 20)
        padding = 2 * word_layout.CELL_PADDING
        for size in (TABLE_TEXT_SIZE, TABLE_TEXT_SIZE - 1, TABLE_TEXT_SIZE - 2):
            points = word_layout.column_widths(texts, total / 20, size, padding)
            if points:
                break
        else:
            lengths = [max(len(v) for v in column) + 1 for column in zip(*texts, strict=True)]
            points = [total / 20 * n / sum(lengths) for n in lengths]
        twips = [int(p * 20) for p in points]
        twips[0] += total - sum(twips)
        return size, twips

    @staticmethod
    def _repeat_header(row):
        properties = row._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        properties.append(header)

    def figure(self, item):
        self.step(_("Drawing “%(caption)s”") % {"caption": item.caption}, within=0.5)
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
        # "TOC Heading" starts a page, as "Heading 1" it is based on; the entries come when all is written.
        self.word.add_paragraph(_("Contents"), style="TOC Heading")
        self._contents_at = self.word.add_paragraph()
        settings = self.word.settings.element
        update = OxmlElement("w:updateFields")  # Word numbers the pages again when it opens the file
        update.set(qn("w:val"), "true")
        later = [
            child for child in settings if child.tag in {qn(f"w:{name}") for name in SETTINGS_AFTER_UPDATE}
        ]
        later[0].addprevious(update) if later else settings.append(update)

    def _write_contents(self):
        """The table of contents as Word writes it: a TOC field whose shown result is already there, one
        paragraph per heading 1 or 2, a link to the heading's bookmark and a PAGEREF field giving its
        page, as estimated (`reports.word_layout`); Word updates it on opening, LibreOffice shows it."""
        marker = self._contents_at
        if marker is None:
            return
        instruction = 'TOC \\o "1-2" \\h \\z \\u'
        numbers = []
        for index, (level, text, name) in enumerate(self.contents):
            paragraph = marker.insert_paragraph_before(style=f"toc {level}")
            if index == 0:
                for run in _field_runs(instruction, None):
                    paragraph._p.append(run)
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), name)
            link.set(qn("w:history"), "1")
            link.append(_run(text))
            link.append(_run(tab=True))
            runs = _field_runs(f"PAGEREF {name} \\h", "0")
            numbers.append((name, runs[3].find(qn("w:t"))))
            for run in runs:
                link.append(run)
            paragraph._p.append(link)
        if not self.contents:
            for run in _field_runs(instruction, None):
                marker._p.append(run)
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        marker._p.append(_run(end))
        pages = word_layout.bookmark_pages(self.word)
        for name, shown in numbers:
            shown.text = str(pages.get(name, ""))

    def bytes(self) -> bytes:
        if self.progress:
            self.progress(1.0, _("Numbering the pages of the table of contents"))
        self._write_contents()
        out = io.BytesIO()
        self.word.save(out)
        return out.getvalue()


# Children of w:settings that come after w:updateFields (ECMA-376 CT_Settings' sequence).
SETTINGS_AFTER_UPDATE = [
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
]


def _run(*children, tab=False):
    """A w:r holding text (a str), a tab or the given elements."""
    run = OxmlElement("w:r")
    if tab:
        run.append(OxmlElement("w:tab"))
    for child in children:
        if isinstance(child, str):
            text = OxmlElement("w:t")
            text.set(qn("xml:space"), "preserve")
            text.text = child
            run.append(text)
        else:
            run.append(child)
    return run


def _field_runs(instruction: str, result: str | None) -> list:
    """The runs of a field: begin, instruction, separate, its shown result (run 3), end — without the end
    when `result` is None (a TOC field, whose result is the paragraphs that follow)."""
    chars = {}
    for kind in ("begin", "separate", "end"):
        chars[kind] = OxmlElement("w:fldChar")
        chars[kind].set(qn("w:fldCharType"), kind)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    runs = [_run(chars["begin"]), _run(text), _run(chars["separate"])]
    if result is None:
        return runs
    return [*runs, _run(result), _run(chars["end"])]


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


def plan_word(document, kind_label, progress=None) -> bytes:
    d = document.data
    w = Writer(document, progress, chapters=_chapters(document))
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


def word_document(document, progress=None) -> bytes:
    """The document as a Word file; `progress(fraction, step)` told as each chapter is written."""
    from reports.documents import KIND_LABELS

    return BUILDERS[document.kind](document, str(KIND_LABELS[document.kind]), progress)


def _chapters(document) -> int:
    from reports.documents import toc

    return len(toc(document))


def portrait_word(document, kind_label, progress=None) -> bytes:
    d = document.data
    w = Writer(document, progress, chapters=_chapters(document))
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


def activity_word(document, kind_label, progress=None) -> bytes:
    d = document.data
    w = Writer(document, progress, chapters=_chapters(document))
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
