using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// Reads a scenario's YAML text into nodes, and refuses hostile shapes before building them: more than
/// <see cref="MaxNesting"/> lists and mappings inside each other, an alias to an anchor that is not
/// complete before it (undefined, or its own ancestor: a cycle), a mapping with a key and no value, and more than <see cref="MaxNodes"/> nodes
/// once aliases are expanded (the compiler walks an alias as many times as it is used). Every error,
/// including every exception of the YAML library, is a <see cref="ScenarioException"/> located at
/// <c>file:line:column</c>. A scenario made of several files (<c>include:</c>) has one node budget for all of them. The shape is checked on the event stream, without recursion; only then is the
/// (recursive) node tree built, to a depth already known to be small.
/// </summary>
internal static class ScenarioYaml
{
    /// <summary>The deepest lists and mappings may nest, aliases expanded.</summary>
    public const int MaxNesting = 32;

    /// <summary>The most nodes a file may have, aliases expanded.</summary>
    public const long MaxNodes = 1_000_000;

    /// <summary>The first document of <paramref name="text"/>, or null when there is none.</summary>
    public static YamlDocument? Load(string text, string file)
    {
        var nodes = 0L;
        return Load(text, file, ref nodes);
    }

    /// <summary>
    /// As <see cref="Load(string, string)"/>, for one of several files read into one scenario: <paramref name="nodes"/>
    /// counts the nodes of the files read before, and this file's are added to it; <see cref="MaxNodes"/> bounds them all.
    /// </summary>
    public static YamlDocument? Load(string text, string file, ref long nodes)
    {
        nodes = CheckShape(text, file, nodes);
        var stream = new YamlStream();
        var events = new Parser(new StringReader(text));
        try
        {
            stream.Load(events);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The shape check read the same events; whatever the library still refuses is reported at the
            // event where it stopped.
            throw Refused(e, events.Current?.Start ?? Mark.Empty, file);
        }

        return stream.Documents.Count == 0 ? null : stream.Documents[0];
    }

    private static long CheckShape(string text, string file, long before)
    {
        var parser = new Parser(new StringReader(text));
        var open = new Stack<Frame>();
        var anchors = new Dictionary<string, (long Nodes, int Height)>(StringComparer.Ordinal);
        var last = Mark.Empty;
        var total = before;
        while (true)
        {
            ParsingEvent current;
            try
            {
                if (!parser.MoveNext())
                {
                    return total;
                }

                current = parser.Current!;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw Refused(e, last, file);
            }

            last = current.End;
            if (current is (NodeEvent or AnchorAlias) && open.TryPeek(out var parent))
            {
                parent.Children++;
                parent.LastChild = current.Start;
            }

            switch (current)
            {
                case DocumentStart:
                    open.Clear();
                    anchors.Clear();
                    break;
                case MappingStart or SequenceStart:
                    {
                        var anchor = ((NodeEvent)current).Anchor;
                        if (!anchor.IsEmpty)
                        {
                            // An alias inside the node it names would be a cycle: the name is not usable until the node ends.
                            anchors.Remove(anchor.Value);
                        }

                        if (open.Count + 1 > MaxNesting)
                        {
                            throw new ScenarioException(At(current.Start, file), NestingMessage);
                        }

                        open.Push(new Frame(anchor.IsEmpty ? null : anchor.Value));
                        break;
                    }

                case MappingEnd or SequenceEnd:
                    {
                        var frame = open.Pop();
                        if (current is MappingEnd && frame.Children % 2 != 0)
                        {
                            // The parser lets a node stand after a value (`key: [a] *b`); the tree builder then fails without a place.
                            throw new ScenarioException(At(frame.LastChild, file), "'key: value' here, not a node standing on its own after a value");
                        }

                        if (frame.Anchor is not null)
                        {
                            anchors[frame.Anchor] = (frame.Nodes, frame.Height + 1);
                        }

                        Add(open, frame.Nodes, frame.Height + 1);
                        break;
                    }

                case Scalar scalar:
                    if (!scalar.Anchor.IsEmpty)
                    {
                        anchors[scalar.Anchor.Value] = (1, 0);
                    }

                    total++;
                    Add(open, 1, 0);
                    break;
                case AnchorAlias alias:
                    {
                        if (!anchors.TryGetValue(alias.Value.Value, out var named))
                        {
                            throw new ScenarioException(At(alias.Start, file),
                                $"an alias to an anchor complete before it; '*{alias.Value.Value}' names none (undefined, or an alias inside the node it names)");
                        }

                        if (open.Count + named.Height > MaxNesting)
                        {
                            throw new ScenarioException(At(alias.Start, file), NestingMessage + ", aliases expanded");
                        }

                        total += named.Nodes;
                        Add(open, named.Nodes, named.Height);
                        break;
                    }
            }

            if (current is MappingStart or SequenceStart)
            {
                total++;
            }

            if (total > MaxNodes)
            {
                throw new ScenarioException(At(current.Start, file), $"at most {MaxNodes} YAML nodes, aliases expanded" + (before > 0 ? ", in a scenario and all the files it includes" : string.Empty));
            }
        }
    }

    private static string NestingMessage => $"lists and mappings nested at most {MaxNesting} deep";

    /// <summary>
    /// Counts a finished child in its parent: <paramref name="nodes"/> nodes, and <paramref name="height"/>
    /// levels of lists and mappings (0 for a scalar).
    /// </summary>
    private static void Add(Stack<Frame> open, long nodes, int height)
    {
        if (open.TryPeek(out var parent))
        {
            parent.Nodes += nodes;
            parent.Height = Math.Max(parent.Height, height);
        }
    }

    private static ScenarioException Refused(Exception e, Mark fallback, string file)
    {
        if (e is YamlException yaml)
        {
            var message = yaml.InnerException?.Message ?? yaml.Message;
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            return new ScenarioException(At(yaml.Start, file), "well-formed YAML (" + (cut >= 0 ? message[(cut + 3)..] : message) + ")");
        }

        // The library gives up without a mark on some malformed input: name the end of the last
        // well-formed event, where the malformed part begins.
        return new ScenarioException(At(fallback, file), "well-formed YAML after this point (an unterminated [ ] or { }, a stray character or a misplaced alias)");
    }

    private static SourceLocation At(Mark mark, string file) =>
        new(file, (int)Math.Clamp(mark.Line, 1, int.MaxValue), (int)Math.Clamp(mark.Column, 1, int.MaxValue));

    /// <summary>
    /// An open list or mapping: its anchor, its nodes so far (itself included), the height of its highest
    /// child so far, its direct children (keys and values count one each) and where the last one starts.
    /// </summary>
    private sealed class Frame(string? anchor)
    {
        public string? Anchor { get; } = anchor;

        public long Nodes { get; set; } = 1;

        public int Height { get; set; }

        public int Children { get; set; }

        public Mark LastChild { get; set; } = Mark.Empty;
    }
}
