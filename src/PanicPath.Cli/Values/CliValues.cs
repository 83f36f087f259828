using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;

namespace PanicPath.Cli.Values;

/// <summary>
/// The one place that says how each kind of command-line value is parsed and what a bad one says.
/// Every option and argument of every command is made here: the factory parses the value with
/// System.CommandLine's custom parser and records the option's <see cref="CliValue"/>, so a bad value
/// is one line, <c>--backoff: expected a number of seconds from 0 to 3600, not 'abc'</c>, and
/// <see cref="CommandLineErrors"/> can say what a missing one should have been. Values checked where
/// they are used (a URL, a connection string, a scenario configuration) are recorded all the same.
/// To add an option, make it with the factory of its kind (<c>CliValues.Count("--max-dumps", …)</c>):
/// the test that walks the command tree then tries bad values on it. A new kind of value takes a
/// <see cref="ValueKind"/>, a factory here, and its bad values in that test, which fails until they are
/// there; so does an option made any other way, and a new command until the test has a good command
/// line for it.
/// </summary>
public static class CliValues
{
    private static readonly ConditionalWeakTable<Symbol, CliValue> Values = [];

    /// <summary>What <paramref name="symbol"/> takes, or null when it was not made here (<c>--help</c>, <c>--version</c>).</summary>
    public static CliValue? Of(Symbol symbol) => Values.TryGetValue(symbol, out var value) ? value : null;

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, <paramref name="fallback"/> when not given.</summary>
    internal static Option<int> Count(string name, string description, int fallback, int min, int max = int.MaxValue)
    {
        var expected = max == int.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"a whole number, {min} or more")
            : string.Create(CultureInfo.InvariantCulture, $"a whole number from {min} to {max}");
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => fallback, HelpName = "N" };
        option.CustomParser = r => Single(r, name, expected, token =>
            int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : (int?)null) ?? fallback;
        return Record(option, ValueKind.Count, expected);
    }

    /// <summary>
    /// A size in bytes, 1 or more: digits with an optional suffix K, M, G or T (binary: 2G is 2 GiB),
    /// <paramref name="fallback"/> when not given.
    /// </summary>
    internal static Option<long> Bytes(string name, string description, long fallback)
    {
        const string expected = "a size in bytes, 1 or more, with an optional suffix K, M, G or T (2G is 2 GiB)";
        var option = new Option<long>(name) { Description = description, DefaultValueFactory = _ => fallback, HelpName = "BYTES" };
        option.CustomParser = r => Single(r, name, expected, ParseBytes) ?? fallback;
        return Record(option, ValueKind.Bytes, expected);
    }

    /// <summary>A number of seconds from <paramref name="min"/> to <paramref name="max"/>, <paramref name="fallback"/> when not given.</summary>
    internal static Option<double> Seconds(string name, string description, double fallback, double min, double max)
    {
        var expected = SecondsExpected(min, max);
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => fallback, HelpName = "SECONDS" };
        option.CustomParser = r => Single(r, name, expected, token => ParseSeconds(token, min, max)) ?? fallback;
        return Record(option, ValueKind.Seconds, expected);
    }

    /// <summary>A number of seconds from <paramref name="min"/> to <paramref name="max"/>, null when not given.</summary>
    internal static Option<double?> OptionalSeconds(string name, string description, double min, double max)
    {
        var expected = SecondsExpected(min, max);
        var option = new Option<double?>(name) { Description = description, HelpName = "SECONDS" };
        option.CustomParser = r => Single(r, name, expected, token => ParseSeconds(token, min, max));
        return Record(option, ValueKind.Seconds, expected);
    }

    /// <summary>One of <paramref name="choices"/>, the first when not given.</summary>
    internal static Option<string> Choice(string name, string description, params string[] choices)
    {
        var expected = $"one of {string.Join(", ", choices)}";
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => choices[0], HelpName = string.Join('|', choices) };
        option.CustomParser = r => Single(r, name, expected, token => Array.IndexOf(choices, token) >= 0 ? token : null) ?? choices[0];
        return Record(option, ValueKind.Choice, expected);
    }

    /// <summary>An argument that is one of <paramref name="choices"/> (<c>kernel show NAME</c>).</summary>
    internal static Argument<string> ChoiceArgument(string name, string description, params string[] choices)
    {
        var expected = $"one of {string.Join(", ", choices)}";
        var argument = new Argument<string>(name) { Description = description, HelpName = string.Join('|', choices) };
        argument.CustomParser = r => Single(r, name, expected, token => Array.IndexOf(choices, token) >= 0 ? token : null) ?? string.Empty;
        return Record(argument, ValueKind.Choice, expected);
    }

    /// <summary>A switch: present or not, no value.</summary>
    internal static Option<bool> Flag(string name, string description) =>
        Record(new Option<bool>(name) { Description = description }, ValueKind.Flag, "no value (it is a switch)");

    /// <summary>A directory path, null when not given; something that exists and is not a directory is refused.</summary>
    internal static Option<string?> Directory(string name, string description)
    {
        const string expected = "a directory";
        var option = new Option<string?>(name) { Description = description, HelpName = "DIR" };
        option.CustomParser = r => Single(r, name, expected, token => token.Length > 0 && !File.Exists(token) ? token : null, Existing);
        return Record(option, ValueKind.Directory, expected);
    }

    /// <summary>A file path, null when not given; a directory is refused.</summary>
    internal static Option<string?> FilePath(string name, string description)
    {
        const string expected = "a file";
        var option = new Option<string?>(name) { Description = description, HelpName = "PATH" };
        option.CustomParser = r => Single(r, name, expected, token => token.Length > 0 && !System.IO.Directory.Exists(token) ? token : null, Existing);
        return Record(option, ValueKind.File, expected);
    }

    /// <summary>
    /// A file to write, or <c>-</c> for standard output, null when not given; empty, an existing directory or a symbolic
    /// link is refused here (and the file is opened without following a link, so one put there later is refused too).
    /// </summary>
    internal static Option<string?> OutputFile(string name, string description)
    {
        const string expected = "a file to write, or - for standard output (not a directory or a symbolic link)";
        var option = new Option<string?>(name) { Description = description, HelpName = "FILE" };
        option.CustomParser = r => Single(r, name, expected, token => token == "-" || (token.Length > 0 && !System.IO.Directory.Exists(token) && !IsLink(token)) ? token : null, ExistingOrLink);
        return Record(option, ValueKind.OutputFile, expected);
    }

    /// <summary>An absolute http(s) URL, null when not given; checked where it is used, which names the option.</summary>
    internal static Option<string?> Url(string name, string description) =>
        Record(new Option<string?>(name) { Description = description, HelpName = "URL" }, ValueKind.Url, "an absolute http:// or https:// URL");

    /// <summary>An Npgsql connection string, null when not given; checked where it is used, which names the option.</summary>
    internal static Option<string?> ConnectionString(string name, string description) =>
        Record(new Option<string?>(name) { Description = description, HelpName = "CONNECTION_STRING" }, ValueKind.ConnectionString, "an Npgsql connection string");

    /// <summary>A scenario configuration <c>name=value,…</c>, empty when not given; checked against the scenario, which names the option.</summary>
    internal static Option<string> Configuration(string name, string description) =>
        Record(new Option<string>(name) { Description = description, DefaultValueFactory = _ => string.Empty, HelpName = "NAME=VALUE,…" }, ValueKind.Configuration, "name=value pairs separated by commas");

    /// <summary>The id of a death in the store: a whole number, 1 or more.</summary>
    internal static Argument<long> DeathId(string name, string description)
    {
        const string expected = "a death's id as 'reports list' shows it (a whole number, 1 or more)";
        var argument = new Argument<long>(name) { Description = description };
        argument.CustomParser = r => Single(r, name, expected, token =>
            long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id >= 1 ? id : (long?)null) ?? 0;
        return Record(argument, ValueKind.DeathId, expected);
    }

    /// <summary>One scenario file; a directory is refused (a missing or malformed file is named when it is read).</summary>
    internal static Argument<string> ScenarioFile(string name, string description)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.CustomParser = r => Single(r, name, ScenarioExpected, token => IsScenarioPath(token) ? token : null, Existing);
        return Record(argument, ValueKind.ScenarioFile, ScenarioExpected);
    }

    /// <summary>One or more scenario files; a directory is refused (a missing or malformed file is named when it is read).</summary>
    internal static Argument<string[]> ScenarioFiles(string name, string description)
    {
        var argument = new Argument<string[]>(name) { Description = description, Arity = ArgumentArity.OneOrMore };
        argument.CustomParser = r =>
        {
            foreach (var token in r.Tokens)
            {
                if (!IsScenarioPath(token.Value))
                {
                    r.AddError(Shown(name, ScenarioExpected, Existing(token.Value)));
                    return [];
                }
            }

            return [.. r.Tokens.Select(t => t.Value)];
        };
        return Record(argument, ValueKind.ScenarioFile, "one or more scenario files (YAML)");
    }

    /// <summary>
    /// A regular expression, repeatable (each occurrence adds one), none when not given; each is compiled
    /// for the non-backtracking engine (<see cref="PanicPath.Supervisor.Scrubbing.SecretScrubber.Pattern"/>), and one
    /// it does not take is a bad value.
    /// </summary>
    internal static Option<System.Text.RegularExpressions.Regex[]> Patterns(string name, string description)
    {
        const string expected = "a regular expression (.NET syntax, no backreferences or lookarounds)";
        var option = new Option<System.Text.RegularExpressions.Regex[]>(name)
        {
            Description = description,
            HelpName = "REGEX",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            DefaultValueFactory = _ => [],
        };
        option.CustomParser = r =>
        {
            var patterns = new List<System.Text.RegularExpressions.Regex>();
            foreach (var token in r.Tokens)
            {
                try
                {
                    patterns.Add(PanicPath.Supervisor.Scrubbing.SecretScrubber.Pattern(token.Value));
                }
                catch (ArgumentException)
                {
                    r.AddError(Bad(name, expected, token.Value));
                    return [];
                }
            }

            return [.. patterns];
        };
        return Record(option, ValueKind.Pattern, expected);
    }

    /// <summary>The command <c>run</c> starts and its arguments; the program's name must not be empty.</summary>
    internal static Argument<string[]> CommandLine(string name, string description)
    {
        const string expected = "the program to run and its arguments, after --";
        var argument = new Argument<string[]>(name) { Description = description, Arity = ArgumentArity.OneOrMore };
        argument.CustomParser = r =>
        {
            if (r.Tokens.Count > 0 && string.IsNullOrWhiteSpace(r.Tokens[0].Value))
            {
                r.AddError(Bad(name, "a program's name or path", r.Tokens[0].Value));
                return [];
            }

            return [.. r.Tokens.Select(t => t.Value)];
        };
        return Record(argument, ValueKind.CommandLine, expected);
    }

    /// <summary>
    /// An IP address and a port, <c>ADDR:PORT</c> (an IPv6 address in brackets, <c>[::1]:8080</c>; port 0
    /// for any free one), null when not given.
    /// </summary>
    internal static Option<IPEndPoint?> Listen(string name, string description)
    {
        const string expected = "an IP address and a port, ADDR:PORT (127.0.0.1:8080, [::1]:8080, 0.0.0.0:0)";
        var option = new Option<IPEndPoint?>(name) { Description = description, HelpName = "ADDR:PORT" };
        option.CustomParser = r =>
        {
            if (r.Tokens.Count == 0)
            {
                r.AddError(Missing(name, expected));
                return null;
            }

            var token = r.Tokens[^1].Value;
            var endpoint = ParseEndpoint(token);
            if (endpoint is null)
            {
                r.AddError(Bad(name, expected, token));
            }

            return endpoint;
        };
        return Record(option, ValueKind.Listen, expected);
    }

    /// <summary>
    /// <c>ADDR:PORT</c> as an endpoint: an IPv4 address or a bracketed IPv6 one (no host name, which could
    /// resolve to anything), and a port from 0 to 65535 in digits; null for anything else.
    /// </summary>
    internal static IPEndPoint? ParseEndpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return null;
        }

        var host = text[..colon];
        var port = text[(colon + 1)..];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
            if (!host.Contains(':', StringComparison.Ordinal))
            {
                return null;
            }
        }
        else if (host.Contains(':', StringComparison.Ordinal) || host.Count(c => c == '.') != 3)
        {
            return null;
        }

        return port.Length <= 5 && port.All(char.IsAsciiDigit)
            && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= IPEndPoint.MaxPort
            && IPAddress.TryParse(host, out var address) && host.All(c => char.IsAsciiHexDigit(c) || c is '.' or ':')
            ? new IPEndPoint(address, number)
            : null;
    }

    /// <summary>What a token must be (<see cref="Token"/>, and the environment variable that stands for it).</summary>
    internal const string TokenExpected = "a token of 16 to 256 characters, each a letter, a digit or one of - . _ ~";

    /// <summary>A secret token of <see cref="TokenExpected"/> (it goes into a URL as it is), null when not given.</summary>
    internal static Option<string?> Token(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = "TOKEN" };
        option.CustomParser = r => Single(r, name, TokenExpected, token => IsToken(token) ? token : null, _ => "the value given (not shown)");
        return Record(option, ValueKind.Token, TokenExpected);
    }

    /// <summary>True for a token of <see cref="TokenExpected"/>.</summary>
    internal static bool IsToken(string token) =>
        token.Length is >= 16 and <= 256 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    /// <summary>The one line a bad value gets: <c>NAME: expected EXPECTED, not 'VALUE'</c>.</summary>
    internal static string Bad(string name, string expected, string value) => Shown(name, expected, Quoted(value));

    private static string Shown(string name, string expected, string shown) => $"{name}: expected {expected}, not {shown}";

    /// <summary>A value as a bad value's line shows it: <c>'VALUE'</c>.</summary>
    private static string Quoted(string value) => $"'{value}'";

    /// <summary>A path as a bad value's line shows it, saying what is there: <c>the directory '/tmp'</c>, <c>the file 'x'</c>.</summary>
    private static string Existing(string path) =>
        System.IO.Directory.Exists(path) ? $"the directory {Quoted(path)}"
        : path.Length > 0 && File.Exists(path) ? $"the file {Quoted(path)}"
        : Quoted(path);

    /// <summary>As <see cref="Existing"/>, saying first when the path is a symbolic link: <c>the symbolic link 'x'</c>.</summary>
    private static string ExistingOrLink(string path) => IsLink(path) ? $"the symbolic link {Quoted(path)}" : Existing(path);

    /// <summary>True when <paramref name="path"/> is a symbolic link (dangling or not).</summary>
    private static bool IsLink(string path)
    {
        try
        {
            return path.Length > 0 && new FileInfo(path).LinkTarget is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The one line a missing value gets: <c>NAME: expected EXPECTED, got nothing</c>.</summary>
    internal static string Missing(string name, string expected) => $"{name}: expected {expected}, got nothing";

    private const string ScenarioExpected = "a scenario file (YAML)";

    private static bool IsScenarioPath(string token) => token.Length > 0 && !System.IO.Directory.Exists(token);

    private static string SecondsExpected(double min, double max) =>
        string.Create(CultureInfo.InvariantCulture, $"a number of seconds from {min} to {max}");

    private static long? ParseBytes(string token)
    {
        var shift = token.Length == 0 ? 0 : char.ToUpperInvariant(token[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 };
        var digits = shift == 0 ? token : token[..^1];
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            return null;
        }

        return n > long.MaxValue >> shift ? null : n << shift;
    }

    private static double? ParseSeconds(string token, double min, double max) =>
        double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && !double.IsNaN(s) && s >= min && s <= max ? s : null;

    /// <summary>Parses the option's one value with <paramref name="parse"/> (null: bad), or adds the line that says what was expected.</summary>
    private static T? Single<T>(ArgumentResult result, string name, string expected, Func<string, T?> parse)
        where T : struct
    {
        if (result.Tokens.Count == 0)
        {
            result.AddError(Missing(name, expected));
            return null;
        }

        var token = result.Tokens[^1].Value;
        var value = parse(token);
        if (value is null)
        {
            result.AddError(Bad(name, expected, token));
        }

        return value;
    }

    /// <summary>As <see cref="Single{T}(ArgumentResult, string, string, Func{string, T?})"/>, for values that are strings.</summary>
    private static string? Single(ArgumentResult result, string name, string expected, Func<string, string?> parse, Func<string, string>? show = null)
    {
        if (result.Tokens.Count == 0)
        {
            result.AddError(Missing(name, expected));
            return null;
        }

        var token = result.Tokens[^1].Value;
        var value = parse(token);
        if (value is null)
        {
            result.AddError(Shown(name, expected, (show ?? Quoted)(token)));
        }

        return value;
    }

    private static T Record<T>(T symbol, ValueKind kind, string expected)
        where T : Symbol
    {
        Values.AddOrUpdate(symbol, new CliValue(kind, expected));
        return symbol;
    }
}
