using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace PanicPath.Cli.Values;

/// <summary>
/// What is wrong with a command line, one line per problem, each naming the option or argument, the
/// value and what was expected. An unknown option is said to be one, whether System.CommandLine left
/// it unmatched or an argument took it as a value (a file name, the command to run; after <c>--</c>
/// anything is a value); a switch given a value (<c>--json=maybe</c>) is said to take none. When
/// either is found, or the command line cannot be read at all (a missing response file), nothing else
/// is reported, since the rest follows from it. A value that is missing or given twice says what was
/// expected (<see cref="CliValues"/> records it for every option and argument).
/// </summary>
internal static partial class CommandLineErrors
{
    /// <summary>The problems of <paramref name="parsed"/> (parsed from <paramref name="args"/>); empty when there are none.</summary>
    public static IReadOnlyList<string> Describe(ParseResult parsed, IReadOnlyList<string> args)
    {
        var options = Options(parsed.CommandResult);
        var expected = options.Count == 0 ? string.Empty : $"; expected one of {string.Join(", ", options.Select(o => o.Name).Order(StringComparer.Ordinal))}";
        var afterDashes = parsed.CommandResult.Command.Arguments.Any(a => CliValues.Of(a)?.Kind == ValueKind.CommandLine)
            ? " (the command's own options go after --)"
            : string.Empty;
        var lines = new List<string>();
        foreach (var token in Misplaced(parsed).Concat(parsed.UnmatchedTokens.Where(LooksLikeOption)).Distinct(StringComparer.Ordinal))
        {
            lines.Add($"{Name(token)}: unknown option of '{Path(parsed.CommandResult)}'{expected}{afterDashes}");
        }

        lines.AddRange(SwitchValues(args, options));
        if (lines.Count > 0)
        {
            return lines;
        }

        lines.AddRange(parsed.Errors.Where(e => e.SymbolResult is null).Select(e => e.Message));
        if (lines.Count > 0)
        {
            // The command line could not be read (a response file that is missing): what follows from it is noise.
            return lines;
        }

        lines.AddRange(parsed.UnmatchedTokens.Select(token => $"'{token}': unexpected argument of '{Path(parsed.CommandResult)}'"));
        var reported = new HashSet<Symbol>();
        foreach (var error in parsed.Errors)
        {
            switch (error.SymbolResult)
            {
                case OptionResult or ArgumentResult:
                    var (symbol, tokens) = Owner(error.SymbolResult);
                    if (reported.Add(symbol))
                    {
                        lines.Add(Problem(symbol, tokens, error.Message));
                    }

                    break;
                case CommandResult when parsed.UnmatchedTokens.Any(token => error.Message.Contains($"'{token}'", StringComparison.Ordinal)):
                    // Said above, in this command's words.
                    break;
                case CommandResult result when result.Command.Subcommands.Count > 0 && result.Command.Action is null:
                    lines.Add($"'{Path(result)}' expects a command: {string.Join(", ", result.Command.Subcommands.Select(c => c.Name))}");
                    break;
                case null:
                    break;
                default:
                    lines.Add(error.Message);
                    break;
            }
        }

        return lines;
    }

    /// <summary>The command's path as typed, <c>panicpath reports list</c>.</summary>
    public static string Path(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? at = result; at is CommandResult c; at = c.Parent)
        {
            names.Add(c.Parent is null ? "panicpath" : c.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>Tokens that look like options and that a command's argument took as values before any <c>--</c>.</summary>
    private static IEnumerable<string> Misplaced(ParseResult parsed)
    {
        var all = parsed.Tokens.ToList();
        var end = all.FindIndex(t => t.Type == TokenType.DoubleDash);
        foreach (var argument in parsed.CommandResult.Children.OfType<ArgumentResult>())
        {
            foreach (var token in argument.Tokens)
            {
                var at = all.FindIndex(t => ReferenceEquals(t, token));
                if (LooksLikeOption(token.Value) && (end < 0 || at < end))
                {
                    yield return token.Value;
                }
            }
        }
    }

    /// <summary>A switch written with a value, <c>--json=maybe</c>, before any <c>--</c>.</summary>
    private static IEnumerable<string> SwitchValues(IReadOnlyList<string> args, IReadOnlyList<Option> options)
    {
        foreach (var arg in args.TakeWhile(a => a != "--"))
        {
            if (WithValue().Match(arg) is not { Success: true } match)
            {
                continue;
            }

            var name = match.Groups["name"].Value;
            var value = match.Groups["value"].Value;
            var option = options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name));
            if (option is not null && CliValues.Of(option) is { Kind: ValueKind.Flag } flag && !bool.TryParse(value, out _))
            {
                yield return CliValues.Bad(option.Name, flag.Expected, value);
            }
        }
    }

    /// <summary>The line for an option or argument given no value or too many, else System.CommandLine's <paramref name="message"/>.</summary>
    private static string Problem(Symbol symbol, IReadOnlyList<Token> tokens, string message)
    {
        var value = CliValues.Of(symbol);
        var arity = symbol switch
        {
            Option option => option.Arity,
            Argument argument => argument.Arity,
            _ => ArgumentArity.Zero,
        };
        if (tokens.Count == 0 && value is not null)
        {
            return CliValues.Missing(symbol.Name, value.Expected);
        }

        if (tokens.Count > arity.MaximumNumberOfValues)
        {
            return $"{symbol.Name}: expected one value, not {string.Join(" and ", tokens.Select(t => $"'{t.Value}'"))}";
        }

        return message;
    }

    /// <summary>The options valid on the command: its own and those its ancestors pass down.</summary>
    private static List<Option> Options(CommandResult result)
    {
        var options = new List<Option>(result.Command.Options);
        for (var at = result.Parent as CommandResult; at is not null; at = at.Parent as CommandResult)
        {
            options.AddRange(at.Command.Options.Where(o => o.Recursive));
        }

        return options;
    }

    /// <summary>The option or argument a result belongs to, and the tokens it was given.</summary>
    private static (Symbol Symbol, IReadOnlyList<Token> Tokens) Owner(SymbolResult result) => result switch
    {
        OptionResult option => (option.Option, option.Tokens),
        ArgumentResult { Parent: OptionResult option } => (option.Option, option.Tokens),
        ArgumentResult argument => (argument.Argument, argument.Tokens),
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };

    private static string Name(string token) => token.Split('=', ':')[0];

    private static bool LooksLikeOption(string token) => OptionLike().IsMatch(token);

    [GeneratedRegex("^--?[A-Za-z]")]
    private static partial Regex OptionLike();

    [GeneratedRegex("^(?<name>--?[A-Za-z][^=:]*)[=:](?<value>.*)$", RegexOptions.Singleline)]
    private static partial Regex WithValue();
}
