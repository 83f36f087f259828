using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Files;
using PanicPath.Supervisor.Store;

namespace PanicPath.Cli.Commands.Ui;

/// <summary>
/// <c>/deaths/{id}</c>: one death, as <c>reports show ID --html</c> writes it (<see cref="Supervisor.DeathPage.Body"/>:
/// its heading and record, its panic path as the SVG timeline in <c>&lt;section id="timeline"&gt;</c>, its steps,
/// exception, log, the exception the record is told by and output tails), then a link to its bucket's deaths, the runtime crash report's managed
/// frames of the crashed thread in <c>&lt;section id="stacks"&gt;</c> (read only when <see cref="DumpFiles"/>
/// would serve that file), and links to download its dump files in <c>&lt;section id="dumps"&gt;</c> (or why
/// not: pruned with its date, not in the dump folder, not a regular file of ours, gone). An id that is not a
/// number or not in the store is a 404 page.
/// </summary>
internal sealed class DeathPage(IDeathStore store, string dumpFolder)
{
    private readonly DumpFiles files = new(dumpFolder);

    public async Task Serve(HttpContext context)
    {
        if (await Find(store, context).ConfigureAwait(false) is not { } death)
        {
            return;
        }

        var id = UiHtml.Number(death.Id);
        var html = new StringBuilder(Supervisor.DeathPage.Body(death));
        if (!death.EndedCleanly)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<p class="bucket">Bucket <a class="signature" href="/?bucket={UiHtml.Encode(Uri.EscapeDataString(death.Signature))}">{UiHtml.Encode(death.Signature)}</a>: its other deaths.</p>""");
        }

        html.Append(Stacks(death));
        html.Append(Dumps(death, id));
        await UiHtml.Page(context, StatusCodes.Status200OK, $"Death {id}: {death.Title}", html.ToString(), heading: false).ConfigureAwait(false);
    }

    /// <summary>
    /// The death of the route's <c>{id}</c>; or null, having answered 404 (not a number, or not stored).
    /// </summary>
    public static async Task<DeathRecord?> Find(IDeathStore store, HttpContext context)
    {
        var text = context.Request.RouteValues["id"] as string;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
        {
            await UiHtml.Error(context, StatusCodes.Status404NotFound, "No such death", $"'{text}' is not a death's id.").ConfigureAwait(false);
            return null;
        }

        var death = await store.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (death is null)
        {
            await UiHtml.Error(context, StatusCodes.Status404NotFound, "No such death", string.Create(CultureInfo.InvariantCulture, $"No death with id {id} is in the store.")).ConfigureAwait(false);
        }

        return death;
    }

    /// <summary>The crashed thread's managed frames from the runtime's crash report, when it can be read.</summary>
    private string Stacks(DeathRecord death)
    {
        var html = new StringBuilder("""<section id="stacks"><h2>Crashed thread (runtime crash report)</h2>""");
        var file = DumpFiles.Of(death).FirstOrDefault(f => f.What == "runtime crash report");
        var report = file is not null && files.Refusal(death, file) is null ? Read(file.Path) : null;
        if (report is null)
        {
            html.Append(file is null
                ? """<p class="empty">The runtime wrote no crash report for this death.</p>"""
                : $"""<p class="empty">The runtime crash report {UiHtml.Encode(file.Path)} cannot be read here.</p>""");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"""<p>Exception: <code>{UiHtml.Encode(report.ExceptionType ?? "none (a native fault)")}</code></p>""");
            html.Append("""<ol class="frames">""");
            foreach (var frame in report.Frames)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{UiHtml.Encode(frame)}</li>");
            }

            html.Append("</ol>");
        }

        return html.Append("</section>").ToString();
    }

    /// <summary>The runtime crash report at <paramref name="path"/>, read without changing it; null when it cannot be.</summary>
    private static RuntimeCrashReport? Read(string path)
    {
        try
        {
            using var stream = PrivateFile.OpenToRead(path);
            if (stream.Length > RuntimeCrashReport.MaxBytes)
            {
                return null;
            }

            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return RuntimeCrashReport.Parse(bytes);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The death's files: a link to each that is served, or why not.</summary>
    private string Dumps(DeathRecord death, string id)
    {
        var html = new StringBuilder("""<section id="dumps"><h2>Dump files</h2><ul>""");
        var any = false;
        foreach (var file in DumpFiles.Of(death))
        {
            any = true;
            html.Append(CultureInfo.InvariantCulture, $"""<li class="dump">{UiHtml.Encode(file.What)}: """);
            if (file.What == "dump" && death.DumpPrunedAt is { } pruned)
            {
                html.Append(CultureInfo.InvariantCulture, $"{UiHtml.Encode(file.Path)}, pruned at {UiHtml.Time(pruned)}");
            }
            else if (files.Refusal(death, file) is { } refused)
            {
                html.Append(CultureInfo.InvariantCulture, $"{UiHtml.Encode(file.Path)} ({UiHtml.Encode(refused)})");
            }
            else if (PrivateFile.Problem(file.Path) is { } foreign)
            {
                html.Append(CultureInfo.InvariantCulture, $"{UiHtml.Encode(file.Path)} (not served: it {UiHtml.Encode(foreign)})");
            }
            else if (!File.Exists(file.Path))
            {
                html.Append(CultureInfo.InvariantCulture, $"{UiHtml.Encode(file.Path)} (no longer there)");
            }
            else
            {
                html.Append(CultureInfo.InvariantCulture, $"""<a href="/deaths/{id}/dumps/{UiHtml.Encode(Uri.EscapeDataString(file.Name))}" download>{UiHtml.Encode(file.Name)}</a> ({UiHtml.Number(new FileInfo(file.Path).Length)} bytes)""");
            }

            html.Append("</li>");
        }

        if (!any)
        {
            html.Append("""<li class="empty">No dump was written for this death.</li>""");
        }

        return html.Append("</ul></section>").ToString();
    }
}
