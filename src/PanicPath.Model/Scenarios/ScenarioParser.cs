using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Actions;
using PanicPath.Model.Scenarios.Files;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// Reads a scenario file (YAML) and compiles it into a <see cref="Scenario"/>. Every error is a
/// <see cref="ScenarioException"/> naming <c>file:line:column</c> and what was expected there; conditions
/// inside scalars are located to their column in the file. The YAML is read by <see cref="ScenarioYaml"/>,
/// which refuses hostile shapes first. This file holds the entry points and the top-level keys in the order
/// they compile; each concept has its own part: <c>ScenarioParser.Declarations.cs</c> (knobs, features,
/// state), <c>.Callbacks.cs</c> (callbacks and their chains), <c>.Actions.cs</c> (actions and conditions),
/// <c>.Faults.cs</c>, <c>.Host.cs</c>, <c>.Invariants.cs</c>, <c>.Includes.cs</c> (files read into one scenario),
/// <c>.Clashes.cs</c> (one declaration per name) and <c>.Nodes.cs</c> (the node readers they share).
/// </summary>
public sealed partial class ScenarioParser
{
    private static readonly string[] TopKeys =
        ["scenario", "kernel", "cpus", "panic-cpu", "knobs", "features", "constraints", "state", "locks", "setup", "after-boot", "helpers", "hooks", "callbacks", "faults", "entry", "race", "host", "invariants"];

    /// <summary>The keys a file may have: the sections, and <c>include</c>, which the compiler resolves first.</summary>
    private static string[] FileKeys => [.. TopKeys, "include"];

    private static readonly (string Name, ValueKind Kind, string Default)[] KernelKnobs =
    [
        ("arch", ValueKind.Symbol, "x86_64"),
        ("kexec_crash_loaded", ValueKind.Bool, "false"),
        ("crash_kexec_post_notifiers", ValueKind.Bool, "false"),
        ("panic_on_oops", ValueKind.Bool, "false"),
        ("panic_timeout", ValueKind.Int, "0"),
        ("panic_notifiers_level", ValueKind.Int, "2"),
        ("in_interrupt", ValueKind.Bool, "false"),
        ("panic_on_warn", ValueKind.Bool, "false"),
        ("panic_print", ValueKind.Int, "0"),
        ("task", ValueKind.Symbol, "process"),
        ("oops_limit_reached", ValueKind.Bool, "false"),
    ];

    private readonly NodeOrigins origins;
    private readonly Scenario scenario;
    private readonly ScenarioNames names;
    private readonly List<(CallAction Call, SourceLocation Where)> calls = [];

    /// <summary>The YAML nodes read so far, every file of the scenario together: the kernel profile's count against the same limit.</summary>
    private long nodeCount;

    private ScenarioParser(NodeOrigins origins, string name)
    {
        this.origins = origins;
        scenario = new Scenario(name, origins.Top);
        names = new ScenarioNames(scenario);
    }

    /// <summary>The largest scenario file read, in bytes: far above any real scenario, far below what would exhaust memory.</summary>
    public const int MaxFileBytes = 16 << 20;

    /// <summary>
    /// Reads and compiles the scenario file at <paramref name="path"/> and the files it includes. Only a regular
    /// file is read (a directory, a FIFO or a device is refused without blocking, as an <see cref="IOException"/>
    /// saying what it is); a file larger than <see cref="MaxFileBytes"/> is refused at its first line without being
    /// read whole.
    /// </summary>
    public static Scenario ParseFile(string path)
    {
        var text = ScenarioFileReader.Read(path, out var identity);
        return Parse(text, path, identity);
    }

    /// <summary>
    /// Compiles scenario <paramref name="text"/>; <paramref name="file"/> names it in errors, and the paths it
    /// includes are relative to <paramref name="file"/>'s directory.
    /// </summary>
    public static Scenario Parse(string text, string file) => Parse(text, file, identity: null);

    private static Scenario Parse(string text, string file, FileIdentity? identity)
    {
        var nodes = 0L;
        var root = Root(ScenarioYaml.Load(text, file, ref nodes), file);
        var parser = new ScenarioParser(new NodeOrigins(file), Path.GetFileNameWithoutExtension(file)) { nodeCount = nodes };
        return parser.Compile(parser.Include(root, identity, nodes), root);
    }

    /// <summary>The root mapping of a scenario file's <paramref name="document"/>; anything else is refused at its start.</summary>
    private static YamlMappingNode Root(YamlDocument? document, string file)
    {
        if (document?.RootNode is YamlMappingNode root)
        {
            return root;
        }

        var at = document is null ? new SourceLocation(file, 1, 1) : new SourceLocation(file, (int)document.RootNode.Start.Line, (int)document.RootNode.Start.Column);
        throw new ScenarioException(at, "a mapping with the keys " + string.Join(", ", FileKeys));
    }

    private SourceLocation At(YamlNode node) => origins.At(node);

    private SourceLocation ContentAt(YamlScalarNode node) =>
        At(node).Shift(node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0);

    private ScenarioException Error(YamlNode node, string expected) => new(At(node), expected);

    /// <summary>The top-level keys of one file's <paramref name="root"/>, each a known key given once.</summary>
    private Dictionary<string, (YamlScalarNode Key, YamlNode Value)> TopLevel(YamlMappingNode root)
    {
        var keys = new Dictionary<string, (YamlScalarNode Key, YamlNode Value)>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Children)
        {
            var k = Scalar(key, "a key");
            if (!FileKeys.Contains(k.Value))
            {
                throw Error(key, "one of the keys " + string.Join(", ", FileKeys) + $", not '{k.Value}'");
            }

            if (!keys.TryAdd(k.Value!, (k, value)))
            {
                throw Error(key, $"'{k.Value}' only once");
            }
        }

        return keys;
    }

    /// <summary>Compiles the sections of a scenario, <paramref name="keys"/>, every included file's already merged in.</summary>
    private Scenario Compile(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, YamlMappingNode root)
    {
        YamlNode? Get(string key) => keys.TryGetValue(key, out var entry) ? entry.Value : null;

        if (Get("scenario") is not { } named)
        {
            return Fill(Get, root);
        }

        // The scenario's own name replaces the file's: compile with a parser that carries it.
        var name = Scalar(named, "the scenario's name").Value;
        return new ScenarioParser(origins, string.IsNullOrWhiteSpace(name) ? scenario.Name : name) { nodeCount = nodeCount }.Fill(Get, root);
    }

    private Scenario Fill(Func<string, YamlNode?> get, YamlMappingNode root)
    {
        ReadProfile(get("kernel"));

        if (get("cpus") is { } cpus)
        {
            var count = Int(cpus, "a number of CPUs from 1 to 64");
            if (count is < 1 or > 64)
            {
                throw Error(cpus, "a number of CPUs from 1 to 64");
            }

            scenario.Cpus = count;
        }

        foreach (var symbol in new[] { "oops", "PANIC", "DIE_OOPS", "UNDEF", "OOPS", "EMERG", "SHUTDOWN", "x86_64", "arm64", "process", "init", "idle" }.Concat(ChainNames.All))
        {
            scenario.Symbols.Intern(symbol);
        }

        AddVariable("event", ValueKind.Symbol, VariableRole.Builtin, At(root), []);
        AddVariable("chain", ValueKind.Symbol, VariableRole.Builtin, At(root), []);
        AddVariable("reason", ValueKind.Symbol, VariableRole.Builtin, At(root), []);
        AddVariable("host_reports", ValueKind.Int, VariableRole.Builtin, At(root), [0]);
        foreach (var (name, kind, text) in KernelKnobs)
        {
            AddVariable(name, kind, VariableRole.Knob, At(root), [Encode(text, kind)]);
        }

        AddVariable("entry", ValueKind.Symbol, VariableRole.Builtin, At(root), [.. EntryNames.All.Select(scenario.Symbols.Intern)]);
        AddVariable("stopped_cpus", ValueKind.Int, VariableRole.Builtin, At(root), [0]);
        AddVariable("panic_cpu", ValueKind.Int, VariableRole.Builtin, At(root), [-1]);
        AddVariable("this_cpu", ValueKind.Int, VariableRole.Builtin, At(root), [0]);

        scenario.Events.AddRange(KernelEvents.Names);

        if (get("knobs") is { } knobs)
        {
            ParseKnobs(Mapping(knobs, "a mapping from kernel knob to the values to explore"));
        }

        if (get("features") is { } features)
        {
            ParseFeatures(Mapping(features, "a mapping from feature name to the values to explore"));
        }

        if (get("panic-cpu") is { } panicCpu)
        {
            ParsePanicCpu(panicCpu);
        }

        if (get("state") is { } state)
        {
            ParseState(Mapping(state, "a mapping from state name to its initial value"));
        }

        if (get("locks") is { } locks)
        {
            foreach (var item in Sequence(locks, "a list of lock names"))
            {
                var lockName = Identifier(item, "a lock name");
                Declare(item, lockName, "lock");
                scenario.Locks.Add(lockName);
            }
        }

        if (get("constraints") is { } constraints)
        {
            foreach (var item in Sequence(constraints, "a list of conditions over knobs and features"))
            {
                var text = Scalar(item, "a condition");
                scenario.Constraints.Add(Condition(text));
                scenario.ConstraintTexts.Add(text.Value!);
                scenario.ConstraintLocations.Add(ContentAt(text));
            }
        }

        var helperNodes = new List<(string Name, YamlNode Body)>();
        if (get("helpers") is { } helpers)
        {
            foreach (var (key, value) in Mapping(helpers, "a mapping from helper name to its actions").Children)
            {
                var helperName = Identifier(key, "a helper name");
                Declare(key, helperName, "helper");
                scenario.Helpers[helperName] = [];
                helperNodes.Add((helperName, value));
            }
        }

        if (get("setup") is { } setup)
        {
            owner = (WriteSite.Setup, null, "setup");
            scenario.Setup = Actions(setup);
        }

        if (get("after-boot") is { } afterBoot)
        {
            owner = (WriteSite.AfterBoot, null, "after-boot");
            scenario.AfterBoot = Actions(afterBoot);
        }

        foreach (var (helperName, body) in helperNodes)
        {
            owner = (WriteSite.Callback, helperName, "helper " + helperName);
            scenario.Helpers[helperName] = Actions(body);
        }

        if (get("hooks") is { } hooks)
        {
            foreach (var (key, value) in Mapping(hooks, "a mapping from a kernel hook's name to its actions").Children)
            {
                var hookName = Identifier(key, "a kernel hook's name");
                Declare(key, hookName, "hook");
                owner = (WriteSite.Callback, null, "hook " + hookName);
                scenario.Hooks[hookName] = Actions(value);
                hookNodes[hookName] = key;
            }
        }

        owner = (WriteSite.Callback, null, "callback");

        if (get("callbacks") is { } callbacks)
        {
            foreach (var item in Sequence(callbacks, "a list of callbacks"))
            {
                ParseCallback(Mapping(item, "a callback: a mapping with name, chain, priority, register-if, if, do"));
            }
        }

        foreach (var (call, where) in calls)
        {
            call.Target = scenario.Helpers.TryGetValue(call.Helper, out var body)
                ? body
                : throw new ScenarioException(where, $"the name of a helper defined under 'helpers', not '{call.Helper}'");
        }

        CheckHelperWrites();

        scenario.Faults.Add(new Fault(FaultKind.None, -1, "none"));
        if (get("faults") is { } faults)
        {
            foreach (var item in Sequence(faults, "a list of faults"))
            {
                ParseFault(item);
            }
        }

        if (get("entry") is { } entry)
        {
            var items = entry is YamlSequenceNode seq ? seq.Children.ToList() : [entry];
            foreach (var item in items)
            {
                var text = Scalar(item, "an entry: " + string.Join(", ", EntryNames.All)).Value;
                if (!EntryNames.TryParse(text, out var e))
                {
                    throw Error(item, "an entry: " + string.Join(", ", EntryNames.All) + $", not '{text}'");
                }

                if (!scenario.Entries.Contains(e))
                {
                    scenario.Entries.Add(e);
                }
            }

            if (scenario.Entries.Count == 0)
            {
                throw Error(entry, "at least one entry: " + string.Join(", ", EntryNames.All));
            }
        }
        else
        {
            scenario.Entries.Add(EntryPoint.Panic);
        }

        if (get("host") is { } host)
        {
            foreach (var item in Sequence(host, "a list of the host's reactions"))
            {
                ParseHostReaction(Mapping(item, "a host reaction: a mapping with on, kind, if, do"));
            }
        }

        if (get("invariants") is { } invariants)
        {
            foreach (var item in Sequence(invariants, "a list of invariants"))
            {
                ParseInvariant(Mapping(item, "an invariant: a mapping with name and its check"));
            }
        }

        var race = get("race");
        scenario.Racing = race is not null;
        CompileProfile();
        if (race is not null)
        {
            ParseRace(race);
        }

        return scenario;
    }
}
