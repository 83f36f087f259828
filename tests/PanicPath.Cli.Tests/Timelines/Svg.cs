using System.Globalization;
using System.Xml.Linq;
using PanicPath.Cli.Timeline;

namespace PanicPath.Cli.Tests.Timelines;

/// <summary>A rendered timeline read back as XML: its bars, markers, lanes and ticks with their numbers.</summary>
internal sealed class Svg
{
    public Svg(string markup)
    {
        Markup = markup;
        Root = XElement.Parse(markup);
    }

    public string Markup { get; }

    public XElement Root { get; }

    public static Svg Of(Cli.Timeline.Timeline timeline) => new(TimelineSvg.Render(timeline));

    /// <summary>The bars (<c>g.bar</c>) in document order.</summary>
    public IReadOnlyList<XElement> Bars => [.. Root.Descendants("g").Where(g => Classes(g).Contains("bar"))];

    /// <summary>The markers (<c>line.marker</c>) in document order.</summary>
    public IReadOnlyList<XElement> Markers => [.. Root.Descendants("line").Where(l => Classes(l).Contains("marker"))];

    /// <summary>The lanes (<c>g.lane</c>) in document order.</summary>
    public IReadOnlyList<XElement> Lanes => [.. Root.Descendants("g").Where(g => Classes(g).Contains("lane"))];

    public static string[] Classes(XElement element) => ((string?)element.Attribute("class") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static double Number(XElement element, string attribute) =>
        double.Parse((string?)element.Attribute(attribute) ?? throw new Xunit.Sdk.XunitException($"no {attribute} on {element}"), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The rectangle of a bar.</summary>
    public static (double X, double Y, double Width, double Height) Box(XElement bar)
    {
        var rect = bar.Element("rect")!;
        return (Number(rect, "x"), Number(rect, "y"), Number(rect, "width"), Number(rect, "height"));
    }
}
