import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from mentornet.results.charts import STYLES, bar_chart, chart_data, line_chart, nice_ticks
from mentornet.results.suppression import suppress_table

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, parsed to check it is well-formed)


def texts(root: ET.Element) -> list[str]:
    return [el.text or "" for el in root.iter(f"{SVG}text")]


def bars(root: ET.Element, series: int) -> list[ET.Element]:
    group = next(g for g in root.iter(f"{SVG}g") if g.get("class") == f"series-{series}")
    return group.findall(f"{SVG}rect")


def simple_bar(**overrides):
    arguments = {
        "title": "Matches per year",
        "description": "Matches rose from 10 to 40.",
        "categories": ["2023", "2024", "2025"],
        "series": [("Matches", [10, 20, 40])],
    }
    return bar_chart(**(arguments | overrides))


@pytest.mark.parametrize("chart", [bar_chart, line_chart])
def test_the_svg_is_well_formed_and_labelled_by_its_title_and_description(chart):
    result = chart("Matches per year", "Rising.", ["2023", "2024"], [("Matches", [1, 2])])
    root = parse(result.svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert desc is not None
    assert (title.text, desc.text) == ("Matches per year", "Rising.")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_bar_heights_are_proportional_to_the_values_from_a_zero_baseline():
    root = parse(simple_bar().svg)
    rects = bars(root, 0)
    heights = [float(r.get("height", "")) for r in rects]
    assert heights[1] == pytest.approx(2 * heights[0], abs=0.02)
    assert heights[2] == pytest.approx(4 * heights[0], abs=0.02)
    bottoms = {round(float(r.get("y", "")) + float(r.get("height", "")), 1) for r in rects}
    assert len(bottoms) == 1


def test_ticks_are_round_and_start_at_zero():
    assert nice_ticks(40, integers=True) == [0, 10, 20, 30, 40]
    assert nice_ticks(37, integers=True) == [0, 10, 20, 30, 40]
    assert nice_ticks(3, integers=True) == [0, 1, 2, 3]
    assert nice_ticks(0.9, integers=False) == [0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert nice_ticks(12, integers=False) == [0, 2.5, 5, 7.5, 10, 12.5]
    assert nice_ticks(0, integers=True) == [0, 1]


def test_a_missing_value_leaves_a_gap_and_says_no_data():
    with translation.override("en"):
        result = simple_bar(series=[("Matches", [10, None, 40])])
    root = parse(result.svg)
    assert len(bars(root, 0)) == 2
    assert "no data" in texts(root)
    assert result.table.rows[1] == ("2024", "no data")


def test_a_suppressed_value_says_hidden_and_may_not_be_passed_along():
    with translation.override("en"):
        result = simple_bar(series=[("Matches", [10, None, 40])], suppressed={(0, 1)})
        assert "hidden" in texts(parse(result.svg))
        assert "no data" not in texts(parse(result.svg))
        with pytest.raises(ValueError, match="pass None"):
            simple_bar(series=[("Matches", [10, 3, 40])], suppressed={(0, 1)})


def test_a_line_breaks_at_a_missing_value():
    result = line_chart("T", "D", ["jan", "feb", "mar", "apr", "maj"], [("Meetings", [1, 2, None, 4, 5])])
    root = parse(result.svg)
    polylines = list(root.iter(f"{SVG}polyline"))
    assert [len(p.get("points", "").split()) for p in polylines] == [2, 2]
    markers = [el for el in root.iter() if el.find(f"{SVG}title") is not None and el.tag != f"{SVG}svg"]
    assert len(markers) == 4


def test_a_hidden_point_is_not_drawn_breaks_the_line_and_says_hidden():
    with translation.override("en"):
        result = line_chart("T", "D", ["jan", "feb", "mar", "apr"], [("Matches", [6, None, 7, 9])], suppressed={(0, 1)})
    root = parse(result.svg)
    tips = [title.text for title in root.iter(f"{SVG}title")][1:]
    assert tips == ["Matches, jan: 6", "Matches, mar: 7", "Matches, apr: 9"]
    assert [len(p.get("points", "").split()) for p in root.iter(f"{SVG}polyline")] == [2]  # mar-apr only
    assert "hidden" in texts(root)
    assert result.table.rows[1] == ("feb", "hidden")
    with pytest.raises(ValueError, match="pass None"):
        line_chart("T", "D", ["jan", "feb"], [("Matches", [6, 2])], suppressed={(0, 1)})


def test_a_long_category_label_wraps_onto_two_lines_and_the_table_keeps_it_whole():
    label = "Social mentor (everyday life, support)"
    result = bar_chart("T", "D", [label, "Both", "Not known", "Other"], [("People", [1, 2, 3, 4])])
    axis = next(g for g in parse(result.svg).iter(f"{SVG}g") if g.get("class") == "axis")
    wrapped = [[t.text or "" for t in text.iter(f"{SVG}tspan")] for text in axis.iter(f"{SVG}text")]
    lines = next(lines for lines in wrapped if lines)
    assert len(lines) == 2
    assert " ".join(lines).rstrip("…") in label and lines[0] == "Social mentor"
    assert "Both" in texts(parse(result.svg))  # short labels stay on one line
    assert result.table.rows[0][0] == label


def test_markup_in_labels_is_escaped():
    evil = '<script>alert("x")</script>'
    result = bar_chart(evil, evil, [evil], [(evil, [1]), ("B & C", [2])], unit=evil)
    assert "<script" not in result.svg
    assert "&lt;script&gt;" in result.svg
    root = parse(result.svg)
    assert not list(root.iter(f"{SVG}script"))
    assert evil in texts(root)


def test_control_characters_do_not_break_the_xml():
    parse(bar_chart("a\x00b", "c\x1bd", ["x\x07"], [("s", [1])]).svg)


@pytest.mark.parametrize("chart", [bar_chart, line_chart])
def test_there_are_no_style_attributes_scripts_or_external_references(chart):
    series = [(f"S{i}", [i + 1, None, 3]) for i in range(len(STYLES))]
    svg = chart("T", "D", ["a", "b", "c"], series).svg
    assert not re.search(r"\sstyle=", svg)
    assert "<style" not in svg
    assert "<script" not in svg
    assert not re.search(r"\son[a-z]+=", svg)
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


@pytest.mark.parametrize("chart", [bar_chart, line_chart])
def test_the_output_is_byte_identical_for_the_same_input(chart):
    def draw():
        return chart("T", "D", ["a", "b"], [("S", [1.5, None]), ("R", [2, 3])], suppressed=[(0, 1)]).svg

    assert draw() == draw()
    assert draw() != chart("T", "D", ["a", "b"], [("S", [1.5, None]), ("R", [2, 4])], suppressed=[(0, 1)]).svg


def test_numbers_are_formatted_the_danish_way():
    with translation.override("da"):
        result = simple_bar(series=[("Timer", [1234.5, 20, 12000])], unit="t")
    assert result.table.rows[0] == ("2023", "1.234,5\xa0t")
    assert result.table.rows[2] == ("2025", "12.000,0\xa0t")
    tick_labels = texts(parse(result.svg))
    assert "12.500\xa0t" in tick_labels
    with translation.override("en"):
        assert simple_bar(series=[("Hours", [1234.5, 20, 12000])]).table.rows[0] == ("2023", "1,234.5")


def test_the_table_lists_every_series_under_its_own_header():
    with translation.override("en"):
        result = bar_chart(
            "Mentees", "By gender", ["2024", "2025"], [("Men", [5, 7]), ("Women", [None, 9])], category_label="Year"
        )
    assert result.table.caption == "Mentees"
    assert result.table.columns == ("Year", "Men", "Women")
    assert result.table.rows == (("2024", "5", "no data"), ("2025", "7", "9"))


def test_more_than_one_series_gets_a_legend_with_distinct_fills_and_markers():
    root = parse(bar_chart("T", "D", ["a"], [("Men", [1]), ("Women", [2])]).svg)
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    assert [t.text for t in legend.iter(f"{SVG}text")] == ["Men", "Women"]
    fills = [r.get("fill") for r in legend.iter(f"{SVG}rect")]
    assert len(set(fills)) == 2
    assert fills[1] is not None
    assert fills[1].startswith("url(#")
    single = parse(simple_bar().svg)
    assert not [g for g in single.iter(f"{SVG}g") if g.get("class") == "legend"]
    assert len({marker for _c, _p, marker, _d in STYLES}) == len(STYLES)
    assert len({pattern for _c, pattern, _m, _d in STYLES}) == len(STYLES)


def contrast_against_white(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize("colour", [c for c, _p, _m, _d in STYLES])
def test_every_series_colour_has_three_to_one_contrast_against_white(colour):
    assert contrast_against_white(colour) >= 3


def test_it_rejects_values_it_cannot_draw_honestly():
    with pytest.raises(ValueError, match="non-negative"):
        simple_bar(series=[("S", [1, -2, 3])])
    with pytest.raises(ValueError, match="3 categories"):
        simple_bar(series=[("S", [1, 2])])
    with pytest.raises(ValueError, match="told apart"):
        simple_bar(series=[(str(i), [1, 2, 3]) for i in range(len(STYLES) + 1)])


def test_weasyprint_draws_the_same_svg_into_a_pdf():
    weasyprint = pytest.importorskip("weasyprint")
    svg = bar_chart("T", "D", ["a", "b"], [("S", [1, 2]), ("R", [None, 3])]).svg
    pdf = weasyprint.HTML(string=f"<html><body>{svg}</body></html>").write_pdf()
    assert pdf.startswith(b"%PDF")


def test_a_suppressed_table_becomes_a_chart_that_hides_the_same_cells():
    counts = {("2024", "Men"): 3, ("2024", "Women"): 12, ("2025", "Men"): 9, ("2025", "Women"): 15}
    counts |= {("2026", "Men"): 20, ("2026", "Women"): 30}
    table = suppress_table(["2024", "2025", "2026"], ["Men", "Women"], counts)
    categories, series, hidden = chart_data(table)
    assert categories == ["2024", "2025", "2026"]
    assert series == [("Men", [None, None, 20]), ("Women", [None, None, 30])]
    assert hidden == {(0, 0), (0, 1), (1, 0), (1, 1)}
    with translation.override("en"):
        result = bar_chart("Mentees", "By gender", categories, series, suppressed=hidden)
    assert result.table.rows[0] == ("2024", "hidden", "hidden")
    assert result.table.rows[2] == ("2026", "20", "30")
    assert texts(parse(result.svg)).count("hidden") == 4
