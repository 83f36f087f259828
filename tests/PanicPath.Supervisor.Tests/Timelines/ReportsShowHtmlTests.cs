using System.Text.RegularExpressions;
using System.Xml.Linq;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Timelines;

/// <summary><c>panicpath reports show ID --html FILE</c>, run as a process on a store holding a real death.</summary>
[Trait(StartsCli.Trait, StartsCli.Value)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class ReportsShowHtmlTests(RecordedDeath death) : IClassFixture<RecordedDeath>
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    private Task<(int Exit, string Out, string Err)> Show(params string[] extra) =>
        CliProcess.Run(NoEnvironment, ["reports", "show", "1", "--data", death.Data, .. extra]);

    /// <summary>The one SVG of the page's <c>&lt;section id="timeline"&gt;</c>, parsed.</summary>
    private static XElement TimelineOf(string page)
    {
        var section = page[page.IndexOf("<section id=\"timeline\">", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        var svg = section[section.IndexOf("<svg", StringComparison.Ordinal)..(section.IndexOf("</svg>", StringComparison.Ordinal) + "</svg>".Length)];
        return XElement.Parse(svg);
    }

    private static List<XElement> Bars(XElement svg) => [.. svg.Descendants("g").Where(g => ((string?)g.Attribute("class") ?? string.Empty).Split(' ').Contains("bar"))];

    [GeneratedRegex("""(?:\b(?:src|href|action|poster|srcset|data)\s*=\s*["']?|url\(\s*["']?|@import\s+["']?)(?:https?:|//)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalSource();

    [Fact]
    public async Task The_page_holds_the_record_and_its_panic_path_one_bar_per_step_in_the_recorded_order_and_the_table_is_still_printed()
    {
        var file = death.Path("death-1.html");

        var (exit, output, error) = await Show("--html", file);

        Assert.True(exit == 0, error);
        Assert.Contains("signature", output, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var page = File.ReadAllText(file);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("<h1>Death 1: nested crasher</h1>", page, StringComparison.Ordinal);
        var bars = Bars(TimelineOf(page));
        var steps = death.Report.Notifiers;
        Assert.Equal(steps.Select(n => n.Name), bars.Where(b => (string?)b.Attribute("data-depth") == "0").Select(b => (string?)b.Attribute("data-name")));
        Assert.Equal(steps.Select(n => n.List), bars.Where(b => (string?)b.Attribute("data-depth") == "0").Select(b => (string?)b.Attribute("data-lane")));
        Assert.Single(bars, b => (string?)b.Attribute("data-outcome") == "nested");
        Assert.Contains("<td>System.ArgumentException</td>", page, StringComparison.Ordinal);
        Assert.Contains("flush failed", page, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalSource(), page);
    }

    [Fact]
    public async Task With_a_dash_the_page_goes_to_standard_output_instead_of_the_table()
    {
        var (exit, output, error) = await Show("--html", "-");

        Assert.True(exit == 0, error);
        Assert.StartsWith("<!DOCTYPE html>", output, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", output, StringComparison.Ordinal);
        Assert.Equal(death.Report.Notifiers.Count + death.Report.Nested.Count, Bars(TimelineOf(output)).Count);
    }

    [Fact]
    public async Task A_regular_file_of_the_user_is_replaced_whole_and_made_private()
    {
        var file = death.Path("replaced.html");
        await File.WriteAllTextAsync(file, new string('x', 200_000));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (exit, _, error) = await Show("--html", file);

        Assert.True(exit == 0, error);
        var page = await File.ReadAllTextAsync(file);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxx", page, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task A_symbolic_link_is_refused_with_one_line_and_what_it_points_to_is_untouched()
    {
        var target = death.Path("target-of-link");
        await File.WriteAllTextAsync(target, "keep me");
        var link = death.Path("link.html");
        File.CreateSymbolicLink(link, target);
        var dangling = death.Path("dangling.html");
        File.CreateSymbolicLink(dangling, death.Path("nowhere"));

        foreach (var path in new[] { link, dangling })
        {
            var (exit, output, error) = await Show("--html", path);

            Assert.Equal(2, exit);
            Assert.Equal(string.Empty, output);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith("See '", StringComparison.Ordinal));
            Assert.Contains("--html", line, StringComparison.Ordinal);
            Assert.Contains($"the symbolic link '{path}'", line, StringComparison.Ordinal);
        }

        Assert.Equal("keep me", await File.ReadAllTextAsync(target));
        Assert.False(File.Exists(death.Path("nowhere")));
    }

    [Fact]
    public async Task A_directory_or_an_empty_name_is_refused_with_one_line()
    {
        foreach (var (value, shown) in new[] { (death.Path(string.Empty), "the directory"), (string.Empty, "''") })
        {
            var (exit, output, error) = await Show("--html", value);

            Assert.Equal(2, exit);
            Assert.Equal(string.Empty, output);
            Assert.Contains($"--html: expected a file to write, or - for standard output", error, StringComparison.Ordinal);
            Assert.Contains(shown, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_fifo_in_place_of_the_file_is_refused_at_once_with_one_line_naming_it()
    {
        var fifo = death.Path("fifo.html");
        using (var mkfifo = System.Diagnostics.Process.Start(Requirement.Command("mkfifo", "a FIFO in place of the page"), [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var (exit, output, error) = await Show("--html", fifo);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"panicpath: --html: {fifo}: ", error[..Math.Min(error.Length, $"panicpath: --html: {fifo}: ".Length)]);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Another_users_file_is_refused_with_one_line_and_left_as_it_was()
    {
        OtherUser.Require("hands the page's file over to another user");
        var file = death.Path("theirs.html");
        await File.WriteAllTextAsync(file, "theirs");
        OtherUser.Give(file);

        var (exit, output, error) = await Show("--html", file);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"panicpath: --html: {file}: ", error, StringComparison.Ordinal);
        Assert.Contains("owned by uid 65534", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("theirs", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task A_page_inside_the_data_directory_is_refused_and_the_store_is_left_as_it_was()
    {
        var before = Directory.GetFiles(death.Data, "*", SearchOption.AllDirectories).Order().ToList();
        var store = before.First(f => Path.GetExtension(f) == ".db");
        var bytes = await File.ReadAllBytesAsync(store);

        foreach (var path in new[] { store, Path.Combine(death.Data, "page.html") })
        {
            var (exit, output, error) = await Show("--html", path);

            Assert.Equal(2, exit);
            Assert.Equal(string.Empty, output);
            Assert.StartsWith($"panicpath: --html: {path}: ", error, StringComparison.Ordinal);
            Assert.Contains("the data directory", error, StringComparison.Ordinal);
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        Assert.Equal(before, Directory.GetFiles(death.Data, "*", SearchOption.AllDirectories).Order());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(store));
    }

    [Fact]
    public async Task An_id_that_is_not_in_the_store_writes_no_page()
    {
        var file = death.Path("missing.html");

        var (exit, _, error) = await CliProcess.Run(NoEnvironment, ["reports", "show", "99", "--data", death.Data, "--html", file]);

        Assert.Equal(2, exit);
        Assert.Contains("no death with id 99", error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }
}
