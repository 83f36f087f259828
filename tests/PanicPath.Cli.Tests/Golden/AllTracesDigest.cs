using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PanicPath.Model.Scenarios;

namespace PanicPath.Cli.Tests.Golden;

/// <summary>
/// What <c>panicpath explore FILE --json --all-traces</c> prints, kept small: the output's own lines with each violation
/// object (a configuration's full trace, too large to keep for the series files: 52 MB for patch 21) replaced by one
/// line, <c>@ invariant | outcome | configuration | trace steps and hash</c>, the configuration written as in the
/// configurations table (one digit per dimension) and the hash the first 12 hex digits of the SHA-256 of the object's
/// text; then a last line with the exit code, the output's line and byte counts and the SHA-256 of all of it, so any
/// change in what a user sees fails. The first differing line says which violation changed.
/// </summary>
internal static class AllTracesDigest
{
    private const string ArrayStart = "  \"violations\": [";
    private const string ObjectStart = "    {";

    /// <summary>The digest of <paramref name="output"/>, printed with exit code <paramref name="exit"/> for <paramref name="file"/> of <paramref name="scenario"/>.</summary>
    public static string Of(Scenario scenario, string file, int exit, string output)
    {
        var lines = output.Split('\n');
        var text = new StringBuilder();
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(output)));
        text.Append(CultureInfo.InvariantCulture, $"# What panicpath explore {file} --json --all-traces prints, its violations digested (all of it at the end).\n");
        text.Append("# Recorded by GoldenOutputTests; rewrite on purpose with PANICPATH_UPDATE_GOLDEN=1. The output's lines, each violation\n");
        text.Append("# object as one line: @ invariant | outcome | configuration (one digit per dimension, as in the .configurations.txt) |\n");
        text.Append("# trace steps and the first 12 hex digits of the SHA-256 of the object's text.\n");
        var inArray = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line == ArrayStart)
            {
                inArray = true;
            }
            else if (inArray && line == ObjectStart)
            {
                var end = i;
                while (end < lines.Length && lines[end] != "    }" && lines[end] != "    },")
                {
                    end++;
                }

                if (end == lines.Length)
                {
                    throw new InvalidOperationException($"{file}: the violation object at line {i + 1} of the JSON output never closes");
                }

                var json = string.Join("\n", lines[i..end]) + "\n    }";
                text.Append(Violation(scenario, json)).Append(lines[end].EndsWith(',') ? "," : string.Empty).Append('\n');
                i = end;
                continue;
            }
            else if (inArray && line.StartsWith("  ]", StringComparison.Ordinal))
            {
                inArray = false;
            }

            if (i < lines.Length - 1 || line.Length > 0)
            {
                text.Append(line).Append('\n');
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"# exit {exit}, {lines.Length - 1} lines, {Encoding.UTF8.GetByteCount(output)} bytes, sha256 {sha}\n");
        return text.ToString();
    }

    /// <summary>The configuration an <c>@</c> line of a digest names, as <c>name=value,…</c>; null for any other line.</summary>
    public static string? ConfigOf(Scenario scenario, string? line)
    {
        var fields = line?.Trim().Split(" | ");
        return fields is [var first, _, var code, _] && first.StartsWith("@ ", StringComparison.Ordinal) ? ConfigurationTable.Key(scenario, code) : null;
    }

    private static string Violation(Scenario scenario, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var config = root.GetProperty("config");
        var code = ConfigurationTable.Code(scenario, name => config.TryGetProperty(name, out var value) ? value.GetString() : null);
        return string.Create(CultureInfo.InvariantCulture,
            $"    @ {root.GetProperty("invariant").GetString()} | {root.GetProperty("outcome").GetString()} | {code} | {root.GetProperty("trace").GetArrayLength()} {ConfigurationTable.Hash(json)}");
    }
}
