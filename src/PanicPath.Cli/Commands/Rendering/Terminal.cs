namespace PanicPath.Cli.Commands.Rendering;

/// <summary>
/// What the command's standard output is, as far as rendering cares: the width tables must fit (null: no limit) and
/// whether colour is used. The rule (<see cref="Decide"/>): on a terminal, tables fit its width (<c>COLUMNS</c> when
/// set, otherwise the window's width) and colour is on unless <c>NO_COLOR</c> is set to any non-empty value (as https://no-color.org and the explore progress bar read it); redirected output
/// (a pipe, a file) has no colour and no width limit, so no cell is lost, unless <c>COLUMNS</c> is set.
/// </summary>
/// <param name="Width">The columns a table may take; null for no limit.</param>
/// <param name="Colour">Whether ANSI colour and bold are written.</param>
public sealed record Terminal(int? Width, bool Colour)
{
    /// <summary>Output that is not a terminal, with no <c>COLUMNS</c>: no width limit, no colour.</summary>
    public static Terminal Redirected { get; } = new(null, false);

    /// <summary>
    /// Applies the rule to what is known of the output: whether it is a terminal, the terminal's window width (null or
    /// not positive when unknown), and the environment (<paramref name="environment"/> answers a variable's value or null).
    /// An unknown terminal width is 80; a <c>COLUMNS</c> that is not a positive integer is ignored.
    /// </summary>
    public static Terminal Decide(bool isTerminal, int? windowWidth, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        int? columns = int.TryParse(environment("COLUMNS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c) && c > 0 ? c : null;
        if (!isTerminal)
        {
            return new Terminal(columns, false);
        }

        return new Terminal(columns ?? (windowWidth is > 0 ? windowWidth : 80), string.IsNullOrEmpty(environment("NO_COLOR")));
    }

    /// <summary>
    /// The terminal <paramref name="writer"/> writes to: the one a <see cref="TerminalWriter"/> names; for the process's
    /// own <see cref="Console.Out"/>, decided from the console and the environment; any other writer (a string, a file
    /// opened by the caller) is <see cref="Redirected"/>, whatever the environment says.
    /// </summary>
    public static Terminal Of(TextWriter writer)
    {
        if (writer is TerminalWriter named)
        {
            return named.Terminal;
        }

        if (!ReferenceEquals(writer, Console.Out))
        {
            return Redirected;
        }

        var isTerminal = !Console.IsOutputRedirected;
        int? width = null;
        if (isTerminal)
        {
            try
            {
                width = Console.WindowWidth;
            }
            catch (IOException)
            {
                // No window to ask: the default width stands.
            }
        }

        return Decide(isTerminal, width, Environment.GetEnvironmentVariable);
    }
}
