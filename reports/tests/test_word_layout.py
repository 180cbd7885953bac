"""The Word layout's estimates, without a database: column widths from the content, pages from blocks."""

from reports import word_layout
from reports.word_layout import Block, paginate


def test_a_column_is_as_wide_as_its_longest_word_and_the_room_left_goes_to_the_cells_that_wrap():
    rows = [
        ["Commune", "Arrondissement", "Population", "Part"],
        ["Jemeppe-sur-Sambre", "Arrondissement de Philippeville", "110\u202f646", "7,43\u202f%"],
        ["Namur", "Arrondissement de Namur", "5\u202f071", "1,93\u202f%"],
    ]
    widths = word_layout.column_widths(rows, 400, 9, 10.8)
    assert round(sum(widths), 6) == 400
    population = word_layout.text_width("Population", 9, bold=True) + 10.8
    assert widths[2] > population and widths[3] < widths[2], "numeric columns narrow, their header whole"
    assert widths[1] > widths[0] > widths[3]
    assert word_layout.column_widths(rows, 200, 9, 10.8) is None, "the words do not fit: a smaller size"


def test_a_chapter_starts_a_page_and_a_heading_goes_with_what_follows_it():
    line = [14.0]
    blocks = [
        Block(heights=line, break_before=True, bookmarks=["one"]),
        Block(heights=line * 45),
        Block(heights=line, keep_next=True, bookmarks=["kept"]),
        Block(heights=line * 5),
        Block(heights=line, break_before=True, bookmarks=["two"]),
        Block(heights=[20.0] * 40, rows=True, header=20.0),
        Block(heights=line, bookmarks=["after"]),
    ]
    pages = paginate(blocks, 660)
    assert pages == {"one": 2, "kept": 3, "two": 4, "after": 5}, "a table's rows overflow with their header"


def test_a_paragraph_leaves_no_widow_or_orphan_line():
    pages = paginate(
        [Block(heights=[10.0] * 9), Block(heights=[10.0] * 3), Block([10.0], bookmarks=["x"])], 100
    )
    assert pages == {"x": 2}, "one line would stay alone: two go to the next page"
