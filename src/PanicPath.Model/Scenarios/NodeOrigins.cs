using YamlDotNet.RepresentationModel;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// Where each YAML node of a scenario comes from. The nodes of the top file name the top file; the nodes of
/// an included file are registered with that file's name, so an error anywhere in the compiled scenario
/// names the file, line and column it was written at. A node made by merging sections of several files is
/// placed where the first of them starts.
/// </summary>
internal sealed class NodeOrigins(string top)
{
    private readonly Dictionary<YamlNode, string> files = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<YamlNode, SourceLocation> placed = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> ranks = new(StringComparer.Ordinal);

    /// <summary>The top file's name.</summary>
    public string Top { get; } = top;

    /// <summary>Names <paramref name="file"/> as the origin of <paramref name="root"/> and every node under it.</summary>
    public void Register(YamlNode root, string file)
    {
        var pending = new Stack<YamlNode>();
        pending.Push(root);
        while (pending.TryPop(out var node))
        {
            // An alias is the node it names: seen once, walked once.
            if (!files.TryAdd(node, file))
            {
                continue;
            }

            switch (node)
            {
                case YamlSequenceNode sequence:
                    foreach (var child in sequence.Children)
                    {
                        pending.Push(child);
                    }

                    break;
                case YamlMappingNode mapping:
                    foreach (var (key, value) in mapping.Children)
                    {
                        pending.Push(key);
                        pending.Push(value);
                    }

                    break;
            }
        }
    }

    /// <summary>Places <paramref name="made"/>, a node no file holds, at <paramref name="at"/>.</summary>
    public void Place(YamlNode made, SourceLocation at) => placed[made] = at;

    /// <summary>The file, line and column where <paramref name="node"/> starts.</summary>
    public SourceLocation At(YamlNode node) =>
        placed.TryGetValue(node, out var at) ? at : new(FileOf(node), (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>Ranks <paramref name="file"/> after every file ranked before it: the order in which files' sections are merged.</summary>
    public void Rank(string file) => ranks.TryAdd(file, ranks.Count);

    /// <summary>
    /// Whether <paramref name="a"/> is written after <paramref name="b"/> in the merged scenario: in a file merged
    /// later (the top file last), or further down the same file.
    /// </summary>
    public bool After(YamlNode a, YamlNode b)
    {
        var (fa, fb) = (RankOf(FileOf(a)), RankOf(FileOf(b)));
        return fa != fb ? fa > fb : (At(a).Line, At(a).Column).CompareTo((At(b).Line, At(b).Column)) > 0;
    }

    private int RankOf(string file) => file == Top ? int.MaxValue : ranks.GetValueOrDefault(file);

    /// <summary>The file <paramref name="node"/> was read from.</summary>
    public string FileOf(YamlNode node) => files.TryGetValue(node, out var file) ? file : Top;
}
