using System.Globalization;
using Microsoft.AspNetCore.Http;
using PanicPath.Supervisor.Store;

namespace PanicPath.Cli.Commands.Ui;

/// <summary>
/// <c>/deaths/{id}/dumps/{name}</c>: streams a file the death's record names (its dump, its runtime crash
/// report) when <see cref="DumpFiles"/> allows it, as a download (<c>application/octet-stream</c>,
/// attachment). An unknown death or a name the record does not hold is 404, a pruned dump 410, a file
/// outside the dump folder, a symbolic link or another user's file 403 — each a page saying why.
/// </summary>
internal sealed class DumpRoute(IDeathStore store, string dumpFolder)
{
    private readonly DumpFiles files = new(dumpFolder);

    public async Task Serve(HttpContext context)
    {
        var name = context.Request.RouteValues["name"] as string ?? string.Empty;
        if (await DeathPage.Find(store, context).ConfigureAwait(false) is not { } death)
        {
            return;
        }

        using var stream = files.Open(death, name, out var status, out var why);
        if (stream is null)
        {
            await UiHtml.Error(context, status, status == StatusCodes.Status410Gone ? "Pruned" : status == StatusCodes.Status403Forbidden ? "Not served" : "Not found", why!).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.ContentType = "application/octet-stream";
        response.ContentLength = stream.Length;
        response.Headers.ContentDisposition = string.Create(CultureInfo.InvariantCulture, $"attachment; filename=\"{new string(name.Where(c => c is >= ' ' and < '\u007f' and not '"' and not '\\').ToArray())}\"");
        await stream.CopyToAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
