using System.Net;

namespace PanicPath.Cli.Commands.Ui;

/// <summary>
/// What <c>panicpath ui</c> serves with: the address to listen on, the token every request must carry,
/// the dump folder whose files a death may link to (the data
/// directory's <c>dumps</c>), and where a failure inside a request is written in one line.
/// </summary>
internal sealed record UiSettings(IPEndPoint Endpoint, string Token, string DumpFolder, TextWriter Error);
