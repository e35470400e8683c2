"""The SVG chart functions: geometry, escaping, Chinese text, no styles."""

import re

import pytest

from pioneer import charts
from pioneer.charts import Series


def rect_heights(svg):
    return [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"[^>]*class="chart-s', svg)]


@pytest.mark.parametrize(("value", "top"), [(0, 1), (1, 1), (3, 5), (7, 10), (12, 20), (131, 200), (500, 500)])
def test_the_axis_ends_on_a_round_number(value, top):
    assert charts.nice_max(value) == top


def test_bars_are_as_long_as_their_share_of_the_axis():
    svg = charts.bar_chart([("审批服务综合窗口", 5), ("户籍窗口", 10)], title="各窗口")
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)]
    assert widths[1] == pytest.approx(2 * widths[0])
    assert ">审批服务综合窗口<" in svg and ">户籍窗口<" in svg and ">10<" in svg


def test_a_chart_names_itself_for_screen_readers():
    svg = charts.bar_chart([("甲", 1)], title="在岗党员")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-bars"')
    assert 'role="img" aria-label="在岗党员"' in svg and "<title>在岗党员</title>" in svg


def test_text_is_escaped():
    svg = charts.bar_chart([("<script>alert(1)</script>", 1)], title='a "title" & <b>')
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg and "&quot;title&quot; &amp;" in svg


def test_charts_never_use_style_attributes():
    rows = [("一月", 1), ("二月", 2)]
    svgs = [
        charts.bar_chart(rows, title="t"),
        charts.column_chart(rows, title="t"),
        charts.stacked_bar_chart(["2025", "2026"], [Series("争创", [1, 2]), Series("先锋岗", [0, 3])], title="t"),
        charts.line_chart(["Q1", "Q2"], [Series("提交", [1, 4])], title="t"),
    ]
    for svg in svgs:
        assert "style=" not in svg and "<script" not in svg


def test_long_labels_are_cut_but_kept_whole_in_the_tooltip():
    name = "区人力资源和社会保障局党委第一党支部综合窗口"
    svg = charts.bar_chart([(name, 3)], title="t")
    assert f"<title>{name}: 3</title>" in svg
    shown = re.search(r'class="chart-label"[^>]*>([^<]+)<', svg).group(1)
    assert shown.endswith("…") and len(shown) < len(name)


def test_stacked_columns_add_up_to_their_total():
    svg = charts.stacked_bar_chart(["2025", "2026"], [Series("争创", [2, 1]), Series("先锋岗", [0, 3])], title="t")
    heights = rect_heights(svg)
    assert len(heights) == 3  # a zero value draws no rectangle
    assert heights[1] + heights[2] == pytest.approx(2 * heights[0])  # 4 against 2
    assert "争创" in svg and "先锋岗" in svg  # the legend
    assert ">4<" in svg and ">2<" in svg  # totals on top


def test_a_line_chart_has_one_point_per_label():
    svg = charts.line_chart(["一季度", "二季度", "三季度", "四季度"], [Series("已提交", [1, 2, 3, 4])], title="t")
    points = re.search(r'points="([^"]+)"', svg).group(1).split()
    assert len(points) == 4
    ys = [float(p.split(",")[1]) for p in points]
    assert ys == sorted(ys, reverse=True)  # rising values climb up the page
    assert svg.count("<circle") == 4 and "一季度" in svg


def test_an_empty_chart_says_so():
    for svg in (charts.bar_chart([], title="t"), charts.column_chart([("a", 0)], title="t"), charts.line_chart([], [], title="t")):
        assert "暂无数据" in svg


def test_percent_rounds_half_up_and_survives_zero():
    assert charts.percent(1, 3) == 33 and charts.percent(2, 3) == 67 and charts.percent(1, 8) == 13
    assert charts.percent(0, 0) == 0


def test_bar_charts_are_narrow_enough_for_a_phone_and_say_so():
    # A phone's card is about 334 px: a 400-unit chart keeps 12-unit text at 10 px; the CSS exempts "chart-bars" from its minimum width.
    svg = charts.bar_chart([("甲", 1)], title="t")
    assert 'width="400"' in svg and 'class="chart chart-bars"' in svg
    assert 'class="chart"' in charts.line_chart(["Q1", "Q2"], [charts.Series("s", [1, 2])], title="t")
