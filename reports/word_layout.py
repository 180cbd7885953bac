"""Where Word will put things, worked out before Word or LibreOffice lays the document out: text measured
in DejaVu Sans (the documents' font, read with fontTools) gives the tables column widths suited to their
content, and a page-by-page estimate of the document numbers the table of contents.

The estimate follows the documents' own rules (a chapter starts a page, a heading stays with what follows
it, a table row is not split, its header row repeats, no widow or orphan line); Word refreshes the numbers
when the document is opened (`w:updateFields`), LibreOffice shows them as they are."""

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from docx.oxml.ns import qn
from docx.shared import Emu

AVERAGE_ADVANCE = 0.56  # of the font size: DejaVu Sans' mean for French text, when the font is missing
LINE_HEIGHT = 1.164  # DejaVu Sans' ascent and descent, of the font size
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts")
FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}


@functools.cache
def _advances(bold: bool) -> dict[int, float]:
    """The advance of each character, as a share of the font size ({} when the font is not found)."""
    for folder in FONT_FOLDERS:
        base = Path(folder).expanduser()
        found = next(base.rglob(FONT_FILES[bold]), None) if base.is_dir() else None
        if found:
            from fontTools.ttLib import TTFont

            font = TTFont(found, lazy=True)
            units, metrics = font["head"].unitsPerEm, font["hmtx"].metrics
            return {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}
    return {}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of a line of text in points."""
    advances = _advances(bold)
    return size * sum(advances.get(ord(c), AVERAGE_ADVANCE) for c in text)


def line_count(text: str, width: float, size: float, bold: bool = False) -> int:
    """How many lines the text takes in a column `width` points wide, broken at its spaces (the
    non-breaking ones of French typography keep a figure and its unit together)."""
    lines = 0
    for part in text.split("\n"):
        lines += 1
        used = 0.0
        space = text_width(" ", size, bold)
        for word in part.split(" "):
            needed = text_width(word, size, bold)
            if used and used + space + needed > width:
                lines += 1
                used = needed
            else:
                used += (space if used else 0) + needed
            while used > width:  # a word longer than the line is broken
                lines += 1
                used -= width
    return lines


# --- Column widths --------------------------------------------------------------------------------

NUMERIC = re.compile(r"^[−+\-]?[\d\s\u00a0\u202f.,]+(\s?(%|€|ETP|FTE|pts?))?(\s\(.*\))?$|^[—–-]?$")


def is_numeric(values: list[str]) -> bool:
    """A column of figures (dashes and blanks allowed), printed narrow and aligned to the right."""
    filled = [v for v in values if v.strip() not in ("", "—", "-")]
    return bool(filled) and all(NUMERIC.match(v.strip()) for v in filled)


def column_widths(rows: list[list[str]], total: float, size: float, padding: float) -> list[float] | None:
    """Widths in points summing to `total` for a table whose first row is its (bold) header: each column
    at least as wide as its longest word or figure; the room left goes first to the columns whose cells
    would wrap (in proportion to what they lack), then to the headers that would, then to all. None when
    even the longest words do not fit at this size."""
    least, cells, headers = [], [], []
    for column in zip(*rows, strict=True):
        header, values = column[0], column[1:]
        words = [text_width(w, size, True) for w in header.split(" ")]
        words += [text_width(w, size) for v in values for w in v.split(" ")]
        least.append(max(words) + padding + 1)
        cells.append(max([text_width(v, size) for v in values], default=0) + padding + 1)
        headers.append(text_width(header, size, True) + padding + 1)
    if sum(least) > total:
        return None
    widths = least
    for wanted in (cells, headers):
        lacking = [max(0.0, w - have) for w, have in zip(wanted, widths, strict=True)]
        if not sum(lacking):
            continue
        share = min(1.0, (total - sum(widths)) / sum(lacking))
        widths = [have + share * lack for have, lack in zip(widths, lacking, strict=True)]
    return [w * total / sum(widths) for w in widths]


# --- Pages ----------------------------------------------------------------------------------------


@dataclass
class Block:
    """A paragraph (its lines) or a table (its rows): heights in points."""

    heights: list[float]
    before: float = 0.0
    after: float = 0.0
    break_before: bool = False
    keep_next: bool = False
    splits: bool = True  # lines of a paragraph split across pages; a picture, a row do not
    rows: bool = False  # a table: its rows go to the next page whole
    header: float = 0.0  # a table's repeated header row
    bookmarks: list[str] = field(default_factory=list)
    break_after: bool = False
    contextual: str = ""  # the style whose paragraphs have no space between them


@dataclass
class _Style:
    size: float = 11.0
    bold: bool = False
    before: float = 0.0
    after: float = 10.0
    line: float = 1.15
    break_before: bool = False
    keep_next: bool = False
    indent: float = 0.0
    contextual: bool = False  # no space between two paragraphs of this style (a list's items)


def _style(style) -> _Style:
    """A paragraph style's metrics, following its base styles (python-docx's template defaults below)."""
    chain = []
    while style is not None:
        chain.append(style)
        style = style.base_style
    result = _Style()
    for s in reversed(chain):
        font, fmt = s.font, s.paragraph_format
        found = {
            "size": font.size.pt if font.size is not None else None,
            "bold": font.bold,
            "before": fmt.space_before.pt if fmt.space_before is not None else None,
            "after": fmt.space_after.pt if fmt.space_after is not None else None,
            "line": fmt.line_spacing if isinstance(fmt.line_spacing, float) else None,
            "break_before": fmt.page_break_before,
            "keep_next": fmt.keep_with_next,
            "indent": fmt.left_indent.pt if fmt.left_indent is not None else None,
        }
        for name, value in found.items():
            if value is not None:
                setattr(result, name, value)
        if s.element.find(qn("w:pPr") + "/" + qn("w:numPr")) is not None:  # a list: its bullet's indent
            result.indent = max(result.indent, 18.0)
        if s.element.find(qn("w:pPr") + "/" + qn("w:contextualSpacing")) is not None:
            result.contextual = True
    return result


class _Styles:
    """The metrics of the document's paragraph styles, by style id, each worked out once."""

    def __init__(self, word):
        from docx.enum.style import WD_STYLE_TYPE

        self.by_id = {s.style_id: s for s in word.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
        self.default = word.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self.found: dict = {}

    def __call__(self, paragraph_element) -> _Style:
        style_id = paragraph_element.style
        if style_id not in self.found:
            self.found[style_id] = _style(self.by_id.get(style_id, self.default))
        return self.found[style_id]


def _paragraph_block(paragraph, width: float, styles) -> Block:
    element = paragraph._p
    style = styles(element)
    sizes = [float(s.get(qn("w:val"))) / 2 for s in element.iter(qn("w:sz"))]
    size = max(sizes) if sizes else style.size
    text = "".join(t.text or "" for t in element.iter(qn("w:t")))
    line = size * LINE_HEIGHT * style.line
    pictures = [Emu(int(e.get("cy"))).pt for e in element.iter(qn("wp:extent"))]
    if pictures:
        heights, splits = [max(pictures) + line * 0.2], False
    else:
        heights, splits = [line] * line_count(text, width - style.indent, size, style.bold), True
    breaks = [b for b in element.iter(qn("w:br")) if b.get(qn("w:type")) == "page"]
    return Block(
        heights=heights if text or pictures else [line],
        before=style.before,
        after=style.after,
        break_before=style.break_before,
        keep_next=style.keep_next,
        splits=splits,
        bookmarks=[b.get(qn("w:name")) for b in element.iter(qn("w:bookmarkStart"))],
        break_after=bool(breaks),
        contextual=(element.style or "") if style.contextual else "",
    )


def _table_block(table, styles) -> Block:
    heights = []
    for row in table.rows:
        tallest = 0.0
        for cell in row.cells:
            width = Emu(cell.width).pt - 2 * CELL_PADDING if cell.width else 100.0
            lines = 0.0
            for paragraph in cell.paragraphs:
                style = styles(paragraph._p)
                sizes = [float(s.get(qn("w:val"))) / 2 for s in paragraph._p.iter(qn("w:sz"))]
                size = max(sizes) if sizes else style.size
                bold = any(b.get(qn("w:val"), "true") != "0" for b in paragraph._p.iter(qn("w:b")))
                count = line_count(paragraph.text, width, size, bold)
                lines += count * size * LINE_HEIGHT * style.line + style.after
            tallest = max(tallest, lines)
        heights.append(tallest + 1.0)  # the row's border
    repeated = table.rows[0]._tr.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None
    return Block(heights=heights, rows=True, header=heights[0] if repeated else 0.0)


CELL_PADDING = 5.4  # Table Grid's cell margins, 108 twips each side


def blocks(word) -> list[Block]:
    """The body of a python-docx document as blocks, in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    section = word.sections[0]
    width = Emu(section.page_width - section.left_margin - section.right_margin).pt
    styles = _Styles(word)
    found = []
    for item in word.iter_inner_content():
        if isinstance(item, Paragraph):
            found.append(_paragraph_block(item, width, styles))
        elif isinstance(item, Table):
            found.append(_table_block(item, styles))
    for first, second in zip(found, found[1:], strict=False):
        if first.contextual and first.contextual == second.contextual:
            first.after = second.before = 0.0
    return found


def bookmark_pages(word) -> dict[str, int]:
    """The page (from 1) on which each bookmark of the body's paragraphs is estimated to fall."""
    section = word.sections[0]
    height = Emu(section.page_height - section.top_margin - section.bottom_margin).pt
    return paginate(blocks(word), height)


def paginate(items: list[Block], height: float) -> dict[str, int]:
    """The page of each bookmark, placing the blocks one after the other on pages `height` points high."""
    pages: dict[str, int] = {}
    at = _Cursor(height)
    for index, block in enumerate(items):
        if block.break_before and (at.y > 0 or at.page == 1):
            at.new_page()
        before = block.before if at.y > 0 else 0.0
        following = items[index + 1].heights[:2] if block.keep_next and index + 1 < len(items) else []
        if at.y > 0 and (
            (block.keep_next and at.y + before + sum(block.heights) + sum(following) > height)
            or (not block.splits and at.y + before + sum(block.heights) > height)
        ):
            at.new_page()
            before = 0.0
        at.y += before
        for name in block.bookmarks:
            pages[name] = at.page
        if block.rows:
            at.rows(block.heights, block.header)
        else:
            at.lines(block.heights, block.splits)
        at.y += block.after
        if block.break_after:
            at.new_page()
    return pages


class _Cursor:
    def __init__(self, height: float):
        self.height, self.page, self.y = height, 1, 0.0

    def new_page(self):
        self.page, self.y = self.page + 1, 0.0

    def rows(self, heights: list[float], header: float):
        """A table's rows go to the next page whole, under the repeated header."""
        for row in heights:
            if self.y > 0 and self.y + row > self.height:
                self.new_page()
                self.y = header
            self.y += row

    def lines(self, lines: list[float], splits: bool):
        """A paragraph's lines, two at least on each side of a page break (Word's widow control)."""
        while lines:
            fit, used = 0, self.y
            while fit < len(lines) and used + lines[fit] <= self.height:
                used += lines[fit]
                fit += 1
            if fit == len(lines):
                self.y = used
                return
            if splits and len(lines) - fit < 2:
                fit = len(lines) - 2
            if not splits or fit < 2:
                fit = 0
            if fit == 0 and self.y == 0:  # taller than a page: it goes on regardless
                fit = 1 if splits else len(lines)
            lines = lines[fit:]
            self.new_page()
