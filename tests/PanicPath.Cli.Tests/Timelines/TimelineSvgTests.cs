using System.Globalization;
using System.Xml.Linq;
using PanicPath.Cli.Timeline;

namespace PanicPath.Cli.Tests.Timelines;

public sealed class TimelineSvgTests
{
    private static Cli.Timeline.Timeline Make(IReadOnlyList<TimelineBar> bars, IReadOnlyList<TimelineMarker>? markers = null, IReadOnlyList<string>? lanes = null, string unit = "ms", string title = "panic: test") =>
        new(title, unit, lanes ?? [.. bars.Select(b => b.Lane).Distinct()], bars, markers ?? []);

    [Fact]
    public void Every_bar_is_drawn_once_in_the_timeline_order_with_its_lane_name_outcome_start_and_duration()
    {
        var bars = new TimelineBar[]
        {
            new("supervisor", "tell", 0, 2, "ran"),
            new("information", "flush", 2, 7.5, "threw"),
            new("supervisor", "late", 9.5, 1, "timed-out"),
            new("final", "bye", 11, 0, "skipped"),
        };

        var svg = Svg.Of(Make(bars));

        Assert.Equal(["tell", "flush", "late", "bye"], svg.Bars.Select(b => (string?)b.Attribute("data-name")));
        Assert.Equal(["supervisor", "information", "supervisor", "final"], svg.Bars.Select(b => (string?)b.Attribute("data-lane")));
        Assert.Equal(["ran", "threw", "timed-out", "skipped"], svg.Bars.Select(b => (string?)b.Attribute("data-outcome")));
        Assert.Equal(["0", "2", "9.5", "11"], svg.Bars.Select(b => (string?)b.Attribute("data-start")));
        Assert.Equal(["2", "7.5", "1", "0"], svg.Bars.Select(b => (string?)b.Attribute("data-duration")));
        Assert.Equal(["outcome-ran", "outcome-threw", "outcome-timed-out", "outcome-skipped"], svg.Bars.Select(b => Svg.Classes(b)[1]));
        Assert.All(svg.Bars, b => Assert.StartsWith((string)b.Attribute("data-name")!, b.Element("title")!.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Bars_are_to_scale_a_10_ms_bar_twice_as_wide_as_a_5_ms_one_and_each_starting_where_the_one_before_ended()
    {
        var svg = Svg.Of(Make([new("a", "five", 0, 5, "ran"), new("a", "ten", 5, 10, "ran"), new("a", "three", 15, 3, "ran")]));

        var (five, ten, three) = (Svg.Box(svg.Bars[0]), Svg.Box(svg.Bars[1]), Svg.Box(svg.Bars[2]));
        Assert.Equal(2 * five.Width, ten.Width, 0.02);
        Assert.Equal(3 / 5.0 * five.Width, three.Width, 0.02);
        Assert.Equal(five.X + five.Width, ten.X, 0.02);
        Assert.Equal(ten.X + ten.Width, three.X, 0.02);
    }

    [Fact]
    public void A_bar_of_no_duration_is_drawn_at_its_place_with_the_smallest_visible_width()
    {
        var svg = Svg.Of(Make([new("a", "before", 0, 4, "ran"), new("a", "instant", 4, 0, "skipped"), new("a", "after", 4, 4, "ran")]));

        var instant = Svg.Box(svg.Bars[1]);
        Assert.Equal(TimelineSvg.MinBarWidth, instant.Width);
        Assert.Equal(Svg.Box(svg.Bars[2]).X, instant.X, 0.02);
        Assert.Equal(Svg.Box(svg.Bars[0]).X + Svg.Box(svg.Bars[0]).Width, instant.X, 0.02);
    }

    [Fact]
    public void Markers_are_vertical_lines_at_their_place_on_the_scale_across_every_lane_with_their_labels()
    {
        var svg = Svg.Of(Make(
            [new("top", "whole", 0, 20, "ran"), new("bottom", "later", 10, 10, "ran")],
            [new TimelineMarker("deadline", 15, "deadline 15 ms"), new TimelineMarker("dump", 5, "dump")]));

        var whole = Svg.Box(svg.Bars[0]);
        var markers = svg.Markers;
        Assert.Equal(["marker marker-deadline", "marker marker-dump"], markers.Select(m => (string?)m.Attribute("class")));
        var deadline = markers[0];
        Assert.Equal(Svg.Number(deadline, "x1"), Svg.Number(deadline, "x2"));
        Assert.Equal(whole.X + (whole.Width * 0.75), Svg.Number(deadline, "x1"), 0.02);
        Assert.Equal(whole.X + (whole.Width * 0.25), Svg.Number(markers[1], "x1"), 0.02);
        var lanes = svg.Lanes.Select(l => l.Element("rect")!).ToList();
        Assert.True(Svg.Number(deadline, "y1") <= Svg.Number(lanes[0], "y"));
        Assert.True(Svg.Number(deadline, "y2") >= Svg.Number(lanes[^1], "y") + Svg.Number(lanes[^1], "height"));
        var labels = svg.Root.Descendants("text").Where(t => Svg.Classes(t).Contains("marker-label")).Select(t => t.Value);
        Assert.Equal(["deadline 15 ms", "dump"], labels);
    }

    [Fact]
    public void A_marker_far_beyond_every_bar_does_not_squash_them_it_stands_at_the_edge_marked_off_scale()
    {
        var near = Make([new("a", "x", 0, 40, "ran")], [new TimelineMarker("deadline", 55, "deadline 55 ms")]);
        var far = near with { Markers = [new TimelineMarker("deadline", 20_000, "deadline 20000 ms"), new TimelineMarker("early", -5_000, "early")] };

        var (nearSvg, farSvg) = (Svg.Of(near), Svg.Of(far));

        var nearBar = Svg.Box(nearSvg.Bars[0]);
        var farBar = Svg.Box(farSvg.Bars[0]);
        Assert.Equal(40 / 55.0 * (Svg.Number(nearSvg.Markers[0], "x1") - nearBar.X), nearBar.Width, 0.05);
        Assert.DoesNotContain("off-scale", Svg.Classes(nearSvg.Markers[0]));
        Assert.Equal(farBar.X + farBar.Width, Svg.Number(farSvg.Markers[0], "x1"), 0.02);
        Assert.Equal(farBar.X, Svg.Number(farSvg.Markers[1], "x1"), 0.02);
        Assert.All(farSvg.Markers, m => Assert.Contains("off-scale", Svg.Classes(m)));
        Assert.Equal("20000", (string?)farSvg.Markers[0].Attribute("data-at"));
        var labels = farSvg.Root.Descendants("text").Where(t => Svg.Classes(t).Contains("marker-label")).Select(t => t.Value);
        Assert.Equal(["deadline 20000 ms →", "← early"], labels);
    }

    [Fact]
    public void The_scale_takes_in_the_origin_when_the_bars_start_later_and_a_marker_there_stays_on_scale()
    {
        var late = Make([new("a", "x", 30, 10, "ran")], [new TimelineMarker("panic", 0, "entry")]);

        var (without, with) = (Svg.Of(late with { Origin = null }), Svg.Of(late with { Origin = 0 }));

        Assert.Contains("off-scale", Svg.Classes(without.Markers[0]));
        Assert.DoesNotContain("off-scale", Svg.Classes(with.Markers[0]));
        var bar = Svg.Box(with.Bars[0]);
        Assert.Equal(bar.X - (bar.Width * 3), Svg.Number(with.Markers[0], "x1"), 0.05);
    }

    [Fact]
    public void Lanes_go_top_to_bottom_in_the_timeline_order_and_each_bar_lies_inside_its_lane_nested_ones_under_their_parent()
    {
        var svg = Svg.Of(Make(
            [new("first", "a", 0, 4, "abandoned"), new("second", "b", 4, 4, "ran"), new("first", "a's panic", 0, 4, "nested", 1), new("unlisted", "c", 8, 1, "ran")],
            lanes: ["first", "second", "empty"]));

        Assert.Equal(["first", "second", "empty", "unlisted"], svg.Lanes.Select(l => (string?)l.Attribute("data-lane")));
        Assert.Equal(["first", "second", "empty", "unlisted"], svg.Root.Descendants("text").Where(t => Svg.Classes(t).Contains("lane-label")).Select(t => t.Value));
        var bands = svg.Lanes.ToDictionary(l => (string)l.Attribute("data-lane")!, l => (Top: Svg.Number(l.Element("rect")!, "y"), Bottom: Svg.Number(l.Element("rect")!, "y") + Svg.Number(l.Element("rect")!, "height")));
        Assert.True(bands["first"].Bottom <= bands["second"].Top && bands["second"].Bottom <= bands["empty"].Top && bands["empty"].Bottom <= bands["unlisted"].Top);
        foreach (var bar in svg.Bars)
        {
            var box = Svg.Box(bar);
            var band = bands[(string)bar.Attribute("data-lane")!];
            Assert.True(box.Y >= band.Top && box.Y + box.Height <= band.Bottom, $"{bar.Attribute("data-name")} lies outside its lane");
        }

        var (parent, nested) = (Svg.Box(svg.Bars[0]), Svg.Box(svg.Bars[2]));
        Assert.True(nested.Y >= parent.Y + parent.Height, "the nested bar is not under its parent");
        Assert.Equal(parent.X, nested.X, 0.02);
        Assert.Equal("1", (string?)svg.Bars[2].Attribute("data-depth"));
    }

    [Fact]
    public void The_axis_has_ticks_in_the_timeline_unit_from_the_start_to_the_end()
    {
        var ms = Svg.Of(Make([new("a", "x", 0, 20, "ran")]));
        var ticks = ms.Root.Descendants("g").Single(g => Svg.Classes(g).Contains("axis")).Elements("text").Select(t => t.Value).ToList();
        Assert.Equal(["0 ms", "5 ms", "10 ms", "15 ms", "20 ms", "ms"], ticks);

        var micros = Svg.Of(Make([new("cpu0", "wait", 0, 100_000_000, "step")], unit: "µs"));
        Assert.Contains("100 s", micros.Root.Descendants("text").Select(t => t.Value));

        var steps = Svg.Of(Make([new("cpu0", "a", 2, 1, "step"), new("cpu0", "b", 3, 2, "step")], unit: "step"));
        var stepTicks = steps.Root.Descendants("g").Single(g => Svg.Classes(g).Contains("axis")).Elements("text").Select(t => t.Value).ToList();
        Assert.Equal(["3", "4", "5", "step"], stepTicks);
        Assert.Equal("b (step): steps 4 to 5", steps.Bars[1].Element("title")!.Value);
    }

    [Fact]
    public void The_legend_names_each_outcome_shown_once_in_order_of_first_appearance_with_its_style()
    {
        var svg = Svg.Of(Make([new("a", "1", 0, 1, "ran"), new("a", "2", 1, 1, "threw"), new("a", "3", 2, 1, "ran"), new("a", "4", 3, 1, "my outcome")]));

        var items = svg.Root.Descendants("g").Where(g => Svg.Classes(g).Contains("legend-item")).ToList();
        Assert.Equal(["ran", "threw", "my outcome"], items.Select(i => i.Value));
        Assert.Equal(["outcome-ran", "outcome-threw", "outcome-my-outcome"], items.Select(i => Svg.Classes(i)[1]));
        Assert.Equal("outcome-my-outcome", Svg.Classes(svg.Bars[3])[1]);
    }

    [Fact]
    public void Outcomes_differ_by_more_than_colour_each_known_one_has_its_own_line_style_and_the_outcome_is_written_on_a_bar_that_fits_it()
    {
        var css = svg(Make([new("a", "x", 0, 1, "ran")]));
        foreach (var outcome in new[] { "threw", "timed-out", "skipped", "abandoned", "nested" })
        {
            var rule = css[css.IndexOf($".outcome-{outcome} rect {{", StringComparison.Ordinal)..];
            rule = rule[..rule.IndexOf('}', StringComparison.Ordinal)];
            Assert.True(rule.Contains("stroke-dasharray", StringComparison.Ordinal) || rule.Contains("stroke-width", StringComparison.Ordinal), $"{outcome} differs only by colour: {rule}");
        }

        var wide = Svg.Of(Make([new("a", "flush", 0, 100, "threw"), new("a", "tiny", 100, 0.01, "ran")]));
        Assert.Equal("flush · threw", wide.Bars[0].Element("text")!.Value);
        Assert.Null(wide.Bars[1].Element("text"));
        Assert.Contains("(ran)", wide.Bars[1].Element("title")!.Value, StringComparison.Ordinal);

        static string svg(Cli.Timeline.Timeline t) => TimelineSvg.Render(t);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\"&'")]
    [InlineData("a]]>b<!--c-->&amp;")]
    public void Text_from_a_report_comes_out_as_text_in_names_lanes_outcomes_details_titles_and_labels(string hostile)
    {
        var timeline = new Cli.Timeline.Timeline(hostile, "ms", [hostile], [new(hostile, hostile, 0, 1000, hostile, 0, hostile)], [new(hostile, 500, hostile)]);

        var svg = Svg.Of(timeline);

        Assert.DoesNotContain("<script", svg.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.Single(svg.Root.Elements("style"));
        var bar = Assert.Single(svg.Bars);
        Assert.Equal(hostile, (string?)bar.Attribute("data-name"));
        Assert.Equal(hostile, (string?)bar.Attribute("data-lane"));
        Assert.Equal(hostile, (string?)bar.Attribute("data-outcome"));
        Assert.Contains(hostile, bar.Element("title")!.Value, StringComparison.Ordinal);
        Assert.Equal(hostile, svg.Root.Element("title")!.Value);
        Assert.Equal(hostile, (string?)Assert.Single(svg.Markers).Attribute("data-name"));
        Assert.Contains(svg.Root.Descendants("text"), t => t.Value == hostile && Svg.Classes(t).Contains("marker-label"));
        Assert.Contains(svg.Root.Descendants("text"), t => t.Value == hostile && Svg.Classes(t).Contains("lane-label"));
        Assert.Matches("^outcome-[a-z0-9-]+$", Svg.Classes(bar)[1]);
        Assert.Matches("^marker-[a-z0-9-]+$", Svg.Classes(svg.Markers[0])[1]);
    }

    [Fact]
    public void Characters_xml_does_not_allow_are_replaced_so_the_svg_still_parses()
    {
        var name = "bad\u0001\u0000name\uD800 \uD83D\uDE00";

        var svg = Svg.Of(Make([new("lane\u001b", name, 0, 1, "ran")]));

        Assert.Equal("bad\uFFFD\uFFFDname\uFFFD \uD83D\uDE00", (string?)svg.Bars[0].Attribute("data-name"));
        Assert.Equal("lane\uFFFD", (string?)svg.Bars[0].Attribute("data-lane"));
    }

    [Fact]
    public void The_same_timeline_gives_the_same_text_every_time_and_in_every_culture()
    {
        var timeline = Make(
            [new("supervisor", "tell", 0, 1.234567891, "ran"), new("information", "flush", 1.234567891, 1000.5, "threw"), new("information", "nested", 1.3, 2.25, "nested", 1)],
            [new TimelineMarker("deadline", 900.125, "deadline")]);
        var first = TimelineSvg.Render(timeline);
        var culture = CultureInfo.CurrentCulture;
        try
        {
            // A culture that writes numbers as German does (the tests may run without ICU, so it is made by hand).
            var commas = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            commas.NumberFormat.NumberDecimalSeparator = ",";
            commas.NumberFormat.NumberGroupSeparator = ".";
            commas.NumberFormat.NegativeSign = "\u2212";
            CultureInfo.CurrentCulture = commas;
            Assert.Equal(first, TimelineSvg.Render(timeline));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.Equal(first, TimelineSvg.Render(timeline with { Bars = [.. timeline.Bars] }));
        Assert.Contains("data-start=\"1.234568\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain(",5", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_no_drawing_can_hold_are_drawn_as_small_numbers_and_the_svg_parses()
    {
        var svg = Svg.Of(Make([new("a", "nan", double.NaN, double.PositiveInfinity, "ran"), new("a", "huge", 1e308, 1e308, "ran"), new("a", "negative", 5, -3, "ran"), new("a", "deep", 0, 1, "nested", 1000)]));

        Assert.Equal(4, svg.Bars.Count);
        Assert.All(svg.Root.Descendants().Attributes().Where(a => a.Name.LocalName is "x" or "y" or "width" or "height" or "x1" or "x2"), a => Assert.True(a.Value.Length < 16, $"{a.Name}={a.Value}"));
        Assert.Equal("0", (string?)svg.Bars[2].Attribute("data-duration"));
    }

    [Fact]
    public void An_empty_timeline_is_a_drawing_that_says_so()
    {
        var svg = Svg.Of(new Cli.Timeline.Timeline("nothing", "ms", [], [], []));

        Assert.Empty(svg.Bars);
        Assert.Contains(svg.Root.Descendants("text"), t => t.Value == "nothing to show");
    }

    [Fact]
    public void The_drawing_is_one_svg_element_with_its_style_inside_and_no_link_script_or_id()
    {
        var markup = TimelineSvg.Render(Make([new("a", "x", 0, 1, "ran")], [new TimelineMarker("panic", 0, "panic")]));
        var root = XElement.Parse(markup);

        Assert.Equal("svg", root.Name.LocalName);
        Assert.Equal("timeline", (string?)root.Attribute("class"));
        Assert.DoesNotContain(root.Descendants(), e => e.Name.LocalName is "script" or "a" or "image" or "use" or "foreignObject");
        Assert.DoesNotContain(root.DescendantsAndSelf().Attributes(), a => a.Name.LocalName is "id" or "href" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        Assert.DoesNotContain("//", markup.Replace("<!--", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
