using PanicPath.Model.Kernel;
using PanicPath.Model.Kernel.Profiles;
using PanicPath.Model.Scenarios.Files;
using YamlDotNet.RepresentationModel;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// <c>include:</c>, one scenario made of several files. A file lists paths (one, or a list), each relative
/// to its own directory; included files may include others. The files are read depth-first: a file's
/// includes, in the order listed, then the file itself; a file reached again by another route is not read
/// again (an include guard: device and inode decide what "again" is), and a file that includes one of the
/// files including it is a located error at that entry, naming the chain from the top file. The sections
/// are merged as YAML nodes, each keeping its own file for every later error: lists (<c>callbacks</c>,
/// <c>faults</c>, <c>invariants</c>, <c>constraints</c>, <c>setup</c>, <c>locks</c>, and any other list
/// section) are concatenated in that order, the including file's last; mappings (<c>knobs</c>,
/// <c>features</c>, <c>state</c>, <c>helpers</c>) are united, a name given twice being a located error at
/// the second naming the first. <c>scenario</c>, <c>kernel</c>, <c>cpus</c> and <c>entry</c> belong to the
/// top file: an included file may repeat them only with the top file's effective value. At most
/// <see cref="MaxFiles"/> files, each a regular file of at most <see cref="MaxFileBytes"/>, and
/// <see cref="ScenarioYaml.MaxNodes"/> nodes in all of them together.
/// </summary>
public sealed partial class ScenarioParser
{
    /// <summary>The most files one scenario may be read from, the top file included.</summary>
    public const int MaxFiles = 64;

    private static readonly string[] TopFileKeys = ["scenario", "kernel", "cpus", "entry", "race"];
    private static readonly string[] ListSections = ["callbacks", "faults", "invariants", "constraints", "setup", "locks", "after-boot", "host"];
    private static readonly string[] MappingSections = ["knobs", "features", "state", "helpers", "hooks"];

    /// <summary>
    /// The sections of the top file <paramref name="root"/> with those of every file it includes merged in;
    /// <paramref name="nodes"/> is the number of YAML nodes the top file has.
    /// </summary>
    private Dictionary<string, (YamlScalarNode Key, YamlNode Value)> Include(YamlMappingNode root, FileIdentity? identity, long nodes)
    {
        var top = TopLevel(root);
        if (!top.ContainsKey("include"))
        {
            return top;
        }

        var walk = new IncludeWalk(this, top, nodes);
        walk.Visit(origins.Top, identity ?? ScenarioFileReader.IdentityOf(origins.Top), top);
        nodeCount = walk.Nodes;
        return walk.Merged();
    }

    /// <summary>One depth-first walk of the includes, from the top file.</summary>
    private sealed class IncludeWalk(ScenarioParser parser, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> top, long nodes)
    {
        private readonly List<(FileIdentity? Identity, string File)> chain = [];
        private readonly HashSet<FileIdentity> read = [];
        private readonly Dictionary<string, List<(YamlScalarNode Key, YamlNode Value)>> sections = new(StringComparer.Ordinal);
        private int files = 1;
        private long nodes = nodes;

        /// <summary>The nodes of every file read so far.</summary>
        public long Nodes => nodes;

        /// <summary>Reads the files <paramref name="keys"/> (the sections of <paramref name="file"/>) include, then adds its sections.</summary>
        public void Visit(string file, FileIdentity? identity, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys)
        {
            if (identity is { } self)
            {
                read.Add(self);
            }

            chain.Add((identity, file));
            if (keys.TryGetValue("include", out var include))
            {
                foreach (var entry in include.Value is YamlSequenceNode list ? list.Children : [include.Value])
                {
                    Enter(file, entry);
                }
            }

            chain.RemoveAt(chain.Count - 1);
            parser.origins.Rank(file);
            foreach (var (name, section) in keys)
            {
                if (name != "include")
                {
                    Section(name).Add(section);
                }
            }
        }

        private void Enter(string from, YamlNode entry)
        {
            var path = parser.Scalar(entry, "an include path (a string)").Value;
            if (string.IsNullOrEmpty(path))
            {
                throw parser.Error(entry, "an include path (a string), not an empty value");
            }

            if (path.Contains('\0', StringComparison.Ordinal))
            {
                // The system would read the path only up to the NUL: another file than the one written.
                throw parser.Error(entry, "an include path without a NUL character");
            }

            var file = Path.Combine(Path.GetDirectoryName(from) ?? string.Empty, path);
            string text;
            FileIdentity identity;
            try
            {
                text = ScenarioFileReader.Read(file, out identity);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw parser.Error(entry, $"a readable regular file to include, not '{file}' ({e.Message})");
            }

            var open = chain.FindIndex(c => c.Identity == identity);
            if (open >= 0)
            {
                throw parser.Error(entry, $"includes without a cycle; '{path}' closes one: {string.Join(" -> ", chain.Select(c => c.File).Append(file))}");
            }

            if (!read.Add(identity))
            {
                return;
            }

            if (++files > MaxFiles)
            {
                throw parser.Error(entry, $"at most {MaxFiles} files in one scenario, the top file and every file it includes");
            }

            var root = Root(ScenarioYaml.Load(text, file, ref nodes), file);
            parser.origins.Register(root, file);
            var keys = parser.TopLevel(root);
            foreach (var key in TopFileKeys)
            {
                if (keys.TryGetValue(key, out var given))
                {
                    SameAsTop(key, given.Value);
                }
            }

            if (keys.TryGetValue("panic-cpu", out var panicCpu))
            {
                throw parser.Error(panicCpu.Key, "'panic-cpu' only in the top file: which CPUs panic belongs to the configuration the top file explores");
            }

            Visit(file, identity, keys);
        }

        /// <summary>Refuses <paramref name="value"/>, an included file's <paramref name="key"/>, unless it is the top file's effective value.</summary>
        private void SameAsTop(string key, YamlNode value)
        {
            var topNode = top.TryGetValue(key, out var t) ? t.Value : null;
            var expected = topNode is null ? Default(key) : Effective(key, topNode);
            if (expected is null || Effective(key, value) == expected)
            {
                // A top file's own bad value is refused where it stands, when the top file compiles.
                return;
            }

            var where = topNode is null ? $"the default, as {parser.origins.Top} gives none" : $"at {parser.At(topNode)}";
            var text = value is YamlScalarNode s ? $"'{s.Value}'" : "a different value";
            throw parser.Error(value, $"'{key}' as the top file has it, {expected} ({where}), not {text}: '{key}' belongs to the top file");
        }

        private string? Default(string key) => key switch
        {
            "scenario" => Path.GetFileNameWithoutExtension(parser.origins.Top),
            "kernel" => ShippedProfiles.NewestMainline,
            "cpus" => "2",
            _ => EntryNames.Name(EntryPoint.Panic),
        };

        /// <summary>The value <paramref name="node"/> gives <paramref name="key"/> in a normal form, or null when it gives none that compiles.</summary>
        private string? Effective(string key, YamlNode node)
        {
            if (key == "entry")
            {
                var items = node is YamlSequenceNode seq ? seq.Children : [node];
                var entries = new SortedSet<EntryPoint>();
                foreach (var item in items)
                {
                    if (item is not YamlScalarNode { Value: var name } || !EntryNames.TryParse(name, out var e))
                    {
                        return null;
                    }

                    entries.Add(e);
                }

                return string.Join(", ", entries.Select(EntryNames.Name));
            }

            if (node is not YamlScalarNode { Value: { } text })
            {
                return null;
            }

            return key switch
            {
                "scenario" => string.IsNullOrWhiteSpace(text) ? Default(key) : text,
                "kernel" => ShippedProfiles.Resolve(text, out _) ?? text,
                _ => int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            };
        }

        private List<(YamlScalarNode Key, YamlNode Value)> Section(string name)
        {
            if (!sections.TryGetValue(name, out var list))
            {
                sections[name] = list = [];
            }

            return list;
        }

        /// <summary>Every section, its parts from all files made into one node.</summary>
        public Dictionary<string, (YamlScalarNode Key, YamlNode Value)> Merged()
        {
            var merged = new Dictionary<string, (YamlScalarNode Key, YamlNode Value)>(StringComparer.Ordinal);
            foreach (var (name, parts) in sections)
            {
                if (TopFileKeys.Contains(name))
                {
                    if (top.TryGetValue(name, out var own))
                    {
                        merged[name] = own;
                    }
                }
                else
                {
                    merged[name] = parts.Count == 1 ? parts[0] : Merge(name, parts);
                }
            }

            return merged;
        }

        private (YamlScalarNode Key, YamlNode Value) Merge(string name, List<(YamlScalarNode Key, YamlNode Value)> parts)
        {
            var asList = ListSections.Contains(name) || (!MappingSections.Contains(name) && parts[0].Value is YamlSequenceNode);
            foreach (var part in parts)
            {
                if (asList ? part.Value is not YamlSequenceNode : part.Value is not YamlMappingNode)
                {
                    // A part of the wrong shape is compiled alone, and refused where it stands.
                    return part;
                }
            }

            if (asList)
            {
                var list = new YamlSequenceNode(parts.SelectMany(p => ((YamlSequenceNode)p.Value).Children));
                parser.origins.Place(list, parser.At(parts[0].Value));
                return (parts[0].Key, list);
            }

            var map = new YamlMappingNode();
            parser.origins.Place(map, parser.At(parts[0].Value));
            var first = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var part in parts)
            {
                foreach (var (key, value) in ((YamlMappingNode)part.Value).Children)
                {
                    if (key is not YamlScalarNode { Value: { } text })
                    {
                        return part;
                    }

                    if (first.TryGetValue(text, out var earlier))
                    {
                        throw parser.Error(key, Clash(Declared(name), text, parser.At(earlier)));
                    }

                    first[text] = key;
                    map.Add(key, value);
                }
            }

            return (parts[0].Key, map);
        }

        private static string Declared(string section) => section switch
        {
            "knobs" => "knob",
            "features" => "feature",
            "helpers" => "helper",
            "hooks" => "hook",
            _ => section,
        };
    }
}
