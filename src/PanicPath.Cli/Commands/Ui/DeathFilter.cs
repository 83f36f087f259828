using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Store;

namespace PanicPath.Cli.Commands.Ui;

/// <summary>
/// The deaths page's query string as a <see cref="DeathQuery"/>: <c>cause</c> (one of
/// <see cref="DeathCause.All"/> or <c>clean-exit</c>), <c>bucket</c> (a signature, 16 hex digits),
/// <c>command</c> (text the command line holds, up to 1000 characters), <c>since</c> and <c>until</c> (a
/// date or a time, ISO 8601, UTC unless it says otherwise), <c>before</c> (a death's id: the page after it)
/// and <c>limit</c> (1 to <see cref="DeathQuery.MaxLimit"/>, default 50). An empty value is no filter. A bad
/// value, a field given twice or a field that is none of these is a <see cref="Problem"/> naming it.
/// </summary>
internal sealed partial record DeathFilter(DeathQuery Query, IReadOnlyDictionary<string, string> Given)
{
    /// <summary>The fields, in the order the form and the links give them.</summary>
    public static readonly IReadOnlyList<string> Fields = ["cause", "bucket", "command", "since", "until", "before", "limit"];

    /// <summary>The default page size.</summary>
    public const int DefaultLimit = 50;

    /// <summary>What was wrong with a field of the query.</summary>
    public sealed record Problem(string Field, string Message);

    /// <summary>The filter <paramref name="query"/> asks for, or the problem with it.</summary>
    public static (DeathFilter? Filter, Problem? Problem) Parse(IQueryCollection query)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in query)
        {
            if (!Fields.Contains(key, StringComparer.Ordinal))
            {
                return (null, new Problem(key, $"'{key}' is not a filter of this page (filters: {string.Join(", ", Fields)})"));
            }

            if (values.Count != 1)
            {
                return (null, new Problem(key, $"{key}: given {values.Count} times; give it once"));
            }

            if (values[0] is { Length: > 0 } value)
            {
                given[key] = value;
            }
        }

        var result = new DeathQuery { Limit = DefaultLimit };
        foreach (var (key, value) in given)
        {
            Problem? problem = null;
            switch (key)
            {
                case "cause":
                    if (DeathCause.All.Contains(value, StringComparer.Ordinal) || value == DeathCause.CleanExit)
                    {
                        result = result with { Cause = value };
                    }
                    else
                    {
                        problem = Bad(key, $"one of {string.Join(", ", DeathCause.All)}, {DeathCause.CleanExit}", value);
                    }

                    break;
                case "bucket":
                    if (value.Length == 16 && value.All(char.IsAsciiHexDigit))
                    {
                        result = result with { Signature = value.ToLowerInvariant() };
                    }
                    else
                    {
                        problem = Bad(key, "a bucket's signature (16 hex digits)", value);
                    }

                    break;
                case "command":
                    if (value.Length <= 1000)
                    {
                        result = result with { Command = value };
                    }
                    else
                    {
                        problem = new Problem(key, "command: expected at most 1000 characters");
                    }

                    break;
                case "since" or "until":
                    if (Time(value) is { } time)
                    {
                        result = key == "since" ? result with { Since = time } : result with { Until = time };
                    }
                    else
                    {
                        problem = Bad(key, "a date or a time, ISO 8601 (2026-01-02, 2026-01-02T03:04 or 2026-01-02T03:04:05Z; UTC unless an offset is given)", value);
                    }

                    break;
                case "before":
                    if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var before) && before >= 1)
                    {
                        result = result with { BeforeId = before };
                    }
                    else
                    {
                        problem = Bad(key, "a death's id (a whole number, 1 or more)", value);
                    }

                    break;
                default:
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= DeathQuery.MaxLimit)
                    {
                        result = result with { Limit = limit };
                    }
                    else
                    {
                        problem = Bad(key, string.Create(CultureInfo.InvariantCulture, $"a whole number from 1 to {DeathQuery.MaxLimit}"), value);
                    }

                    break;
            }

            if (problem is not null)
            {
                return (null, problem);
            }
        }

        return (new DeathFilter(result, given), null);
    }

    /// <summary>The query string of this filter with <paramref name="field"/> set to <paramref name="value"/> (null: left out).</summary>
    public string With(string field, string? value)
    {
        var fields = new Dictionary<string, string>(Given, StringComparer.Ordinal);
        if (value is null)
        {
            fields.Remove(field);
        }
        else
        {
            fields[field] = value;
        }

        return QueryString.Create(Fields.Where(fields.ContainsKey).Select(f => new KeyValuePair<string, string?>(f, fields[f]))).ToUriComponent();
    }

    private static Problem Bad(string field, string expected, string value) =>
        new(field, $"{field}: expected {expected}, not '{(value.Length > 80 ? value[..80] + "…" : value)}'");

    /// <summary>An ISO 8601 date or time; UTC unless it carries an offset.</summary>
    private static DateTimeOffset? Time(string text) =>
        IsoTime().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTime();
}
