using System.Net;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PanicPath.Supervisor.Store;

namespace PanicPath.Cli.Commands.Ui;

/// <summary>
/// The web application of <c>panicpath ui</c>: Kestrel on the one endpoint of <see cref="UiSettings"/>,
/// minimal-API routes bound as request delegates (no MVC, no reflection: trim- and AOT-clean), every
/// response with the security headers (<see cref="SecurityHeaders"/>), every request through
/// <see cref="UiAccess"/>. Routes: <c>/</c> (<see cref="DeathsPage"/>), <c>/buckets</c>
/// (<see cref="BucketsPage"/>), <c>/deaths/{id}</c> (<see cref="DeathPage"/>),
/// <c>/deaths/{id}/dumps/{name}</c> (<see cref="DumpRoute"/>), <c>/healthz</c> ("ok"), and <c>/favicon.ico</c> (none: 204).
/// No configuration file, environment variable or command-line argument of ASP.NET Core's own is read
/// (none could add an endpoint or a log), nothing is logged, and a failure inside a request is one line
/// on the command's standard error and a 500 page.
/// </summary>
internal static class UiServer
{
    /// <summary>The application, built and not started.</summary>
    public static WebApplication Create(IDeathStore store, UiSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 0;
            kestrel.Listen(settings.Endpoint);
        });

        var app = builder.Build();
        app.Use(SecurityHeaders.Middleware);
        app.Use(Failures(settings.Error));
        app.Use(new UiAccess(settings.Token, loopbackOnly: IPAddress.IsLoopback(settings.Endpoint.Address)).Middleware);

        var deaths = new DeathsPage(store);
        var buckets = new BucketsPage(store);
        var death = new DeathPage(store, settings.DumpFolder);
        var dumps = new DumpRoute(store, settings.DumpFolder);
        app.MapGet("/", (RequestDelegate)deaths.Serve);
        app.MapGet("/buckets", (RequestDelegate)buckets.Serve);
        app.MapGet("/deaths/{id}", (RequestDelegate)death.Serve);
        app.MapGet("/deaths/{id}/dumps/{name}", (RequestDelegate)dumps.Serve);
        // A browser asks for an icon on its own; there is none, and a 404 would be an error on its console.
        app.MapGet("/favicon.ico", (RequestDelegate)(context =>
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }));
        app.MapGet("/healthz", (RequestDelegate)(context =>
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("ok", context.RequestAborted);
        }));
        app.MapFallback((RequestDelegate)(context => UiHtml.Error(context, StatusCodes.Status404NotFound, "Not found", $"Nothing is served at {context.Request.Path}.")));
        return app;
    }

    /// <summary>The URL the started <paramref name="app"/> listens on (the port chosen when 0 was asked for), ending in <c>/</c>.</summary>
    public static string Url(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Count == 0 ? throw new InvalidOperationException("the server listens on no address") : addresses.First().TrimEnd('/') + "/";
    }

    /// <summary>A failure inside a request: one line on <paramref name="error"/>, and a 500 page if nothing was sent yet.</summary>
    private static Func<HttpContext, RequestDelegate, Task> Failures(TextWriter error) => async (context, next) =>
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            lock (error)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"panicpath ui: {context.Request.Method} {context.Request.Path}: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}"));
                error.Flush();
            }

            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                SecurityHeaders.Apply(context.Response);
                await UiHtml.Error(context, StatusCodes.Status500InternalServerError, "Internal error", "The page could not be made; the command's standard error says why.").ConfigureAwait(false);
            }
        }
    };
}
