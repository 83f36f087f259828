using System.CommandLine;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Hosting;
using PanicPath.Cli.Commands.Supervisor;
using PanicPath.Cli.Values;

namespace PanicPath.Cli.Commands.Ui;

/// <summary>
/// <c>panicpath ui [--data DIR | --postgres CONN] [--listen ADDR:PORT] [--token TOKEN]</c>: the web view of
/// the store <c>reports</c> reads (<see cref="UiServer"/>), bound to 127.0.0.1 on a free port unless
/// <c>--listen</c> says otherwise. Every request carries a token (<see cref="UiAccess"/>): <c>--token</c>, else
/// <see cref="TokenVariable"/>, else (on a loopback address only) one made at random for this start, since
/// loopback is open to every user of the machine and the store is its user's alone. An address that is not
/// a loopback one needs a token given. On start it prints one line, <c>panicpath ui: listening on
/// http://ADDR:PORT/?token=TOKEN</c>, and serves until SIGINT or SIGTERM, then stops and exits 0. It never writes to the store: no
/// store, or one of another schema version, is one line and exit 2, as is a bad option or an address it
/// cannot listen on.
/// </summary>
internal static class UiCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "ui";

    /// <summary>The environment variable holding the token when <c>--token</c> does not give one.</summary>
    public const string TokenVariable = "PANICPATH_UI_TOKEN";

    /// <summary>The option choosing the address.</summary>
    private const string ListenName = "--listen";

    public static Command Create()
    {
        var data = DataOption.Create();
        var postgres = DataOption.CreatePostgres();
        var listen = CliValues.Listen(ListenName, "Listen on this address and port (default 127.0.0.1:0, a free port on the loopback address). An address that is not a loopback one needs --token.");
        var token = CliValues.Token("--token", $"Every request must carry this token (Authorization: Bearer TOKEN, or ?token=TOKEN once, which sets a cookie); required for a --listen address that is not a loopback one (default: ${TokenVariable}, else on loopback a random one printed with the address).");
        var command = new Command(Name, "Serve a web view of the recorded deaths: the deaths with filters, the buckets over time, and each death with its panic path as a timeline. Read-only; exits 0 on SIGINT or SIGTERM.")
        {
            data, postgres, listen, token,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var endpoint = parse.GetValue(listen) ?? new IPEndPoint(IPAddress.Loopback, 0);
            var secret = parse.GetValue(token);
            if (secret is null && Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } fromEnvironment)
            {
                if (!CliValues.IsToken(fromEnvironment))
                {
                    await error.WriteLineAsync($"panicpath: {TokenVariable}: expected {CliValues.TokenExpected}, not the value it holds (not shown)").ConfigureAwait(false);
                    return ExitCodes.BadInput;
                }

                secret = fromEnvironment;
            }

            if (secret is null && !IPAddress.IsLoopback(endpoint.Address))
            {
                await error.WriteLineAsync($"panicpath: {ListenName}: {Shown(endpoint)} is not a loopback address: serving it needs a token (--token TOKEN or ${TokenVariable}) that every request must carry").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var directory = DataOption.Resolve(parse.GetValue(data));
            using var store = DataOption.OpenForViewing(directory, parse.GetValue(postgres), error);
            if (store is null)
            {
                return ExitCodes.BadInput;
            }

            var access = secret ?? UiAccess.NewToken();
            await using var server = UiServer.Create(store, new UiSettings(endpoint, access, Path.Combine(directory, "dumps"), error));
            try
            {
                await server.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
            {
                // Kestrel's failure to bind: the address is in use (IOException), or not one of this machine's, a
                // privileged port, an IPv4 address written as IPv6 (the socket's own error).
                await error.WriteLineAsync($"panicpath: {ListenName}: cannot listen on {Shown(endpoint)}: {(e.InnerException ?? e).Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var url = UiServer.Url(server);
            await output.WriteLineAsync($"panicpath ui: listening on {url}?token={access}").ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped by the command's cancellation: the server stops below, as on a signal.
            }

            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return ExitCodes.Fine;
        });
        return command;
    }

    /// <summary>An endpoint as the user would type it for <c>--listen</c>.</summary>
    private static string Shown(IPEndPoint endpoint) => string.Create(CultureInfo.InvariantCulture, $"{(endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString())}:{endpoint.Port}");
}
