using System.Globalization;
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Actions;
using PanicPath.Model.Scenarios.Expressions;
using PanicPath.Notifiers;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// Reads a scenario file (YAML) and compiles it into a <see cref="Scenario"/>. Every error is a
/// <see cref="ScenarioException"/> naming <c>file:line:column</c> and what was expected there; conditions
/// inside scalars are located to their column in the file.
/// </summary>
public sealed class ScenarioParser
{
    private static readonly string[] TopKeys =
        ["scenario", "kernel", "cpus", "knobs", "features", "constraints", "state", "locks", "setup", "helpers", "callbacks", "faults", "entry", "invariants"];

    private static readonly (string Name, ValueKind Kind, string Default)[] KernelKnobs =
    [
        ("arch", ValueKind.Symbol, "x86_64"),
        ("kexec_crash_loaded", ValueKind.Bool, "false"),
        ("crash_kexec_post_notifiers", ValueKind.Bool, "false"),
        ("panic_on_oops", ValueKind.Bool, "false"),
        ("panic_timeout", ValueKind.Int, "0"),
        ("panic_notifiers_level", ValueKind.Int, "2"),
        ("in_interrupt", ValueKind.Bool, "false"),
    ];

    private readonly string file;
    private readonly Scenario scenario;
    private readonly ScenarioNames names;
    private readonly List<(CallAction Call, SourceLocation Where)> calls = [];
    private bool inSetup;

    private ScenarioParser(string file, string name)
    {
        this.file = file;
        scenario = new Scenario(name, file);
        names = new ScenarioNames(scenario);
    }

    /// <summary>Reads and compiles the scenario file at <paramref name="path"/>.</summary>
    public static Scenario ParseFile(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Compiles scenario <paramref name="text"/>; <paramref name="file"/> names it in errors.</summary>
    public static Scenario Parse(string text, string file)
    {
        var stream = new YamlStream();
        var events = new Parser(new StringReader(text));
        try
        {
            stream.Load(events);
        }
        catch (InvalidOperationException)
        {
            // The scanner gives up without a mark on some malformed input: name the end of the last
            // well-formed event, where the malformed part begins.
            var mark = events.Current?.End ?? Mark.Empty;
            throw new ScenarioException(new SourceLocation(file, Math.Max(1, (int)mark.Line), Math.Max(1, (int)mark.Column)),
                "well-formed YAML after this point (an unterminated [ ] or { } or a stray character)");
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            throw new ScenarioException(new SourceLocation(file, (int)e.Start.Line, (int)e.Start.Column),
                "well-formed YAML (" + (cut >= 0 ? message[(cut + 3)..] : message) + ")");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var at = stream.Documents.Count == 0 ? new SourceLocation(file, 1, 1) : new SourceLocation(file, (int)stream.Documents[0].RootNode.Start.Line, (int)stream.Documents[0].RootNode.Start.Column);
            throw new ScenarioException(at, "a mapping with the keys " + string.Join(", ", TopKeys));
        }

        var parser = new ScenarioParser(file, Path.GetFileNameWithoutExtension(file));
        return parser.Compile(root);
    }

    private SourceLocation At(YamlNode node) => new(file, (int)node.Start.Line, (int)node.Start.Column);

    private SourceLocation ContentAt(YamlScalarNode node) =>
        At(node).Shift(node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0);

    private ScenarioException Error(YamlNode node, string expected) => new(At(node), expected);

    private Scenario Compile(YamlMappingNode root)
    {
        var keys = new Dictionary<string, (YamlScalarNode Key, YamlNode Value)>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Children)
        {
            var k = Scalar(key, "a key");
            if (!TopKeys.Contains(k.Value))
            {
                throw Error(key, "one of the keys " + string.Join(", ", TopKeys) + $", not '{k.Value}'");
            }

            if (!keys.TryAdd(k.Value!, (k, value)))
            {
                throw Error(key, $"'{k.Value}' only once");
            }
        }

        YamlNode? Get(string key) => keys.TryGetValue(key, out var entry) ? entry.Value : null;

        if (Get("scenario") is not { } named)
        {
            return Fill(Get, root);
        }

        // The scenario's own name replaces the file's: compile with a parser that carries it.
        var name = Scalar(named, "the scenario's name").Value;
        return new ScenarioParser(file, string.IsNullOrWhiteSpace(name) ? scenario.Name : name).Fill(Get, root);
    }

    private Scenario Fill(Func<string, YamlNode?> get, YamlMappingNode root)
    {
        if (get("kernel") is { } kernel)
        {
            var k = Scalar(kernel, "mainline or series");
            scenario.Variant = k.Value switch
            {
                "mainline" => KernelVariant.Mainline,
                "series" => KernelVariant.Series,
                _ => throw Error(kernel, $"mainline or series, not '{k.Value}'"),
            };
        }

        if (get("cpus") is { } cpus)
        {
            var count = Int(cpus, "a number of CPUs from 1 to 64");
            if (count is < 1 or > 64)
            {
                throw Error(cpus, "a number of CPUs from 1 to 64");
            }

            scenario.Cpus = count;
        }

        foreach (var symbol in new[] { "oops", "PANIC", "DIE_OOPS", "UNDEF", "OOPS", "EMERG", "SHUTDOWN", "x86_64", "arm64" }.Concat(ChainNames.All))
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

        AddVariable("entry", ValueKind.Symbol, VariableRole.Builtin, At(root), [scenario.Symbols.Intern("panic"), scenario.Symbols.Intern("oops")]);

        scenario.Events.AddRange(KernelEvents.Names);

        if (get("knobs") is { } knobs)
        {
            ParseKnobs(Mapping(knobs, "a mapping from kernel knob to the values to explore"));
        }

        if (get("features") is { } features)
        {
            ParseFeatures(Mapping(features, "a mapping from feature name to the values to explore"));
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
                if (scenario.Locks.Contains(lockName))
                {
                    throw Error(item, $"each lock once; '{lockName}' is already declared");
                }

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
            }
        }

        var helperNodes = new List<(string Name, YamlNode Body)>();
        if (get("helpers") is { } helpers)
        {
            foreach (var (key, value) in Mapping(helpers, "a mapping from helper name to its actions").Children)
            {
                var helperName = Identifier(key, "a helper name");
                if (scenario.Helpers.ContainsKey(helperName))
                {
                    throw Error(key, $"each helper once; '{helperName}' is already defined");
                }

                scenario.Helpers[helperName] = [];
                helperNodes.Add((helperName, value));
            }
        }

        if (get("setup") is { } setup)
        {
            inSetup = true;
            scenario.Setup = Actions(setup);
            inSetup = false;
        }

        foreach (var (helperName, body) in helperNodes)
        {
            scenario.Helpers[helperName] = Actions(body);
        }

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
                var e = Scalar(item, "panic or oops").Value switch
                {
                    "panic" => EntryPoint.Panic,
                    "oops" => EntryPoint.Oops,
                    _ => throw Error(item, $"panic or oops, not '{((YamlScalarNode)item).Value}'"),
                };
                if (!scenario.Entries.Contains(e))
                {
                    scenario.Entries.Add(e);
                }
            }
        }
        else
        {
            scenario.Entries.Add(EntryPoint.Panic);
        }

        if (get("invariants") is { } invariants)
        {
            foreach (var item in Sequence(invariants, "a list of invariants"))
            {
                ParseInvariant(Mapping(item, "an invariant: a mapping with name and its check"));
            }
        }

        return scenario;
    }

    private Variable AddVariable(string name, ValueKind kind, VariableRole role, SourceLocation at, int[] values)
    {
        var variable = new Variable(name, scenario.Variables.Count, kind, role, at) { Values = values };
        scenario.Variables.Add(variable);
        return variable;
    }

    private int Encode(string text, ValueKind kind) => kind switch
    {
        ValueKind.Bool => text == "true" ? 1 : 0,
        ValueKind.Int => int.Parse(text, CultureInfo.InvariantCulture),
        _ => scenario.Symbols.Intern(text),
    };

    private static ValueKind KindOf(string text) =>
        text is "true" or "false" ? ValueKind.Bool
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? ValueKind.Int
        : ValueKind.Symbol;

    private int[] ValueList(YamlNode node, ValueKind? required, string what)
    {
        var items = Sequence(node, $"a list of values to explore for {what}");
        if (items.Count == 0)
        {
            throw Error(node, $"at least one value for {what}");
        }

        var kind = required ?? KindOf(Scalar(items[0], "a value").Value!);
        var result = new List<int>();
        foreach (var item in items)
        {
            var text = Scalar(item, "a value").Value!;
            var k = KindOf(text);
            if (k != kind || (k == ValueKind.Symbol && !IsIdentifier(text)))
            {
                throw Error(item, $"a {Describe(kind)} value for {what}, like the others, not '{text}'");
            }

            var code = Encode(text, kind);
            if (result.Contains(code))
            {
                throw Error(item, $"each value once; '{text}' is already listed for {what}");
            }

            result.Add(code);
        }

        return [.. result];
    }

    private static string Describe(ValueKind kind) => kind switch
    {
        ValueKind.Bool => "boolean (true or false)",
        ValueKind.Int => "integer",
        _ => "symbolic",
    };

    private void ParseKnobs(YamlMappingNode knobs)
    {
        foreach (var (key, value) in knobs.Children)
        {
            var name = Scalar(key, "a knob name").Value!;
            var variable = scenario.Variables.FirstOrDefault(v => v.Role == VariableRole.Knob && v.Name == name)
                ?? throw Error(key, "one of the kernel's knobs " + string.Join(", ", KernelKnobs.Select(k => k.Name)) + $", not '{name}'");
            if (scenario.Explored.Contains(variable))
            {
                throw Error(key, $"each knob once; '{name}' is already listed");
            }

            variable.Values = ValueList(value, variable.Kind, name);
            if (name == "panic_notifiers_level" && variable.Values.Any(v => v is < 0 or > 4))
            {
                throw Error(value, "panic_notifiers_level values from 0 to 4");
            }

            if (name == "panic_notifiers_level" && scenario.Variant != KernelVariant.Series)
            {
                throw Error(key, "panic_notifiers_level only with 'kernel: series'");
            }

            scenario.Explored.Add(variable);
        }
    }

    private void ParseFeatures(YamlMappingNode features)
    {
        foreach (var (key, value) in features.Children)
        {
            var name = Identifier(key, "a feature name");
            CheckNew(key, name);
            var values = ValueList(value, null, name);
            var kind = KindOf(Scalar(((YamlSequenceNode)value).Children[0], "a value").Value!);
            scenario.Explored.Add(AddVariable(name, kind, VariableRole.Feature, At(key), values));
        }
    }

    private void CheckNew(YamlNode key, string name)
    {
        if (scenario.Variables.Any(v => v.Name == name))
        {
            throw Error(key, $"a new name; '{name}' is already a knob, feature, state or builtin");
        }
    }

    private void ParseState(YamlMappingNode state)
    {
        foreach (var (key, value) in state.Children)
        {
            var name = Identifier(key, "a state name");
            CheckNew(key, name);
            if (value is YamlMappingNode map)
            {
                YamlNode? initial = null;
                YamlNode? values = null;
                foreach (var (k, v) in map.Children)
                {
                    switch (Scalar(k, "initial or values").Value)
                    {
                        case "initial": initial = v; break;
                        case "values": values = v; break;
                        default: throw Error(k, $"initial or values, not '{((YamlScalarNode)k).Value}'");
                    }
                }

                if (initial is null || values is null)
                {
                    throw Error(map, "both 'initial' and 'values' for a symbolic state");
                }

                var all = ValueList(values, ValueKind.Symbol, name);
                var first = Identifier(initial, "the initial value");
                var code = scenario.Symbols.Intern(first);
                if (!all.Contains(code))
                {
                    throw Error(initial, $"an initial value among the listed values of {name}");
                }

                AddVariable(name, ValueKind.Symbol, VariableRole.State, At(key), [code]);
            }
            else
            {
                var text = Scalar(value, "an initial value: true, false, an integer, or {initial, values}").Value!;
                var kind = KindOf(text);
                if (kind == ValueKind.Symbol)
                {
                    throw Error(value, $"true, false or an integer, or for a symbolic state {{ initial: {text}, values: [...] }}");
                }

                AddVariable(name, kind, VariableRole.State, At(key), [Encode(text, kind)]);
            }
        }
    }

    private Expr Condition(YamlScalarNode node) => ExpressionParser.ParseCondition(node.Value ?? string.Empty, ContentAt(node), names);

    private ScenarioAction[] Actions(YamlNode node)
    {
        var list = new List<ScenarioAction>();
        foreach (var item in Sequence(node, "a list of actions"))
        {
            list.Add(Action(item));
        }

        return [.. list];
    }

    private static readonly string[] ActionKeys = ["set", "lock", "unlock", "trylock", "if", "wait", "never-return", "report", "emit", "call", "return", "panic"];

    private ScenarioAction Action(YamlNode item)
    {
        var at = At(item);
        if (item is YamlScalarNode bare)
        {
            return bare.Value switch
            {
                "return" => new ReturnAction(at, NotifyResult.Done),
                "never-return" => new NeverReturnAction(at),
                _ => throw Error(item, "an action: return, never-return, or a mapping with one of " + string.Join(", ", ActionKeys) + $", not '{bare.Value}'"),
            };
        }

        var map = Mapping(item, "an action");
        var fields = new Dictionary<string, (YamlScalarNode Key, YamlNode Value)>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            var key = Scalar(k, "an action key");
            if (!fields.TryAdd(key.Value!, (key, v)))
            {
                throw Error(k, $"'{key.Value}' only once");
            }
        }

        var verb = fields.Keys.FirstOrDefault(ActionKeys.Contains)
            ?? throw Error(item, "an action with one of the keys " + string.Join(", ", ActionKeys));
        var allowed = verb switch
        {
            "if" => new[] { "if", "do", "else" },
            "trylock" => ["trylock", "else"],
            "wait" => ["wait", "timeout"],
            _ => [verb],
        };
        foreach (var (key, (keyNode, _)) in fields)
        {
            if (!allowed.Contains(key))
            {
                throw Error(keyNode, $"only {string.Join(", ", allowed)} in a '{verb}' action, not '{key}'");
            }
        }

        var value = fields[verb].Value;
        switch (verb)
        {
            case "set":
                return Set(Scalar(value, "name = expression"));
            case "lock":
                return new LockAction(at, Lock(value));
            case "unlock":
                return new UnlockAction(at, Lock(value));
            case "trylock":
                return new TryLockAction(at, Lock(value), fields.TryGetValue("else", out var otherwise) ? Actions(otherwise.Value) : []);
            case "if":
                {
                    var text = Scalar(value, "a condition");
                    if (!fields.TryGetValue("do", out var then))
                    {
                        throw Error(item, "a 'do' list with the 'if'");
                    }

                    return new IfAction(at, text.Value!, Condition(text), Actions(then.Value),
                        fields.TryGetValue("else", out var other) ? Actions(other.Value) : []);
                }

            case "wait":
                {
                    var text = Scalar(value, "a condition to wait for");
                    var timeout = fields.TryGetValue("timeout", out var t) && Bool(t.Value, "timeout: true or false");
                    return new WaitAction(at, text.Value!, Condition(text), timeout);
                }

            case "never-return":
                return new NeverReturnAction(at);
            case "report":
                return new ReportAction(at, Identifier(value, "the kind of report, e.g. crash-registers"));
            case "emit":
                return new EmitAction(at, EventIndex(value, declare: true));
            case "call":
                {
                    var call = new CallAction(at, Identifier(value, "the name of a helper"));
                    calls.Add((call, At(value)));
                    return call;
                }

            case "return":
                {
                    var text = Scalar(value, "DONE, OK, STOP or BAD").Value;
                    var result = text switch
                    {
                        "DONE" or "NOTIFY_DONE" => NotifyResult.Done,
                        "OK" or "NOTIFY_OK" => NotifyResult.Ok,
                        "STOP" or "NOTIFY_STOP" => NotifyResult.Stop,
                        "BAD" or "NOTIFY_BAD" => NotifyResult.Bad,
                        _ => throw Error(value, $"DONE, OK, STOP or BAD, not '{text}'"),
                    };
                    return new ReturnAction(at, result);
                }

            default:
                return new PanicAction(at, Scalar(value, "a panic message").Value ?? string.Empty);
        }
    }

    private SetAction Set(YamlScalarNode node)
    {
        var text = node.Value ?? string.Empty;
        var start = ContentAt(node);
        var eq = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && (i + 1 >= text.Length || text[i + 1] != '=') && (i == 0 || text[i - 1] is not ('!' or '<' or '>' or '=')))
            {
                eq = i;
                break;
            }
        }

        if (eq < 0)
        {
            throw new ScenarioException(start, "an assignment 'name = expression'");
        }

        var lhs = text[..eq];
        var lead = lhs.Length - lhs.TrimStart().Length;
        var name = lhs.Trim();
        var variable = scenario.Variables.FirstOrDefault(v => v.Name == name);
        if (variable is null || !(variable.Role == VariableRole.State || (inSetup && variable.Role == VariableRole.Knob)))
        {
            throw new ScenarioException(start.Shift(lead), inSetup
                ? $"a state variable or a kernel knob to assign, not '{name}'"
                : $"a state variable to assign (knobs only in setup), not '{name}'");
        }

        var rhsStart = eq + 1;
        var value = ExpressionParser.ParseValue(text[rhsStart..], start.Shift(rhsStart), names);
        if (value.Kind != variable.Kind)
        {
            var skip = text[rhsStart..].Length - text[rhsStart..].TrimStart().Length;
            throw new ScenarioException(start.Shift(rhsStart + skip), $"a {Describe(variable.Kind)} value for {name}");
        }

        return new SetAction(At(node), variable, value);
    }

    private int Lock(YamlNode node)
    {
        var name = Identifier(node, "a lock name");
        var index = scenario.Locks.IndexOf(name);
        return index >= 0 ? index : throw Error(node, $"the name of a lock declared under 'locks', not '{name}'");
    }

    private int EventIndex(YamlNode node, bool declare)
    {
        var name = Scalar(node, "an event name").Value!;
        if (name.Length == 0 || !name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
        {
            throw Error(node, "an event name of letters, digits, '-' and '_'");
        }

        var index = scenario.Events.IndexOf(name);
        if (index >= 0)
        {
            return index;
        }

        if (!declare)
        {
            throw Error(node, $"an event some action emits or a kernel event ({string.Join(", ", KernelEvents.Names)}), not '{name}'");
        }

        scenario.Events.Add(name);
        return scenario.Events.Count - 1;
    }

    private static readonly string[] CallbackKeys = ["name", "chain", "priority", "register-if", "if", "do", "max-reason", "arch"];

    private void ParseCallback(YamlMappingNode map)
    {
        var fields = Fields(map, CallbackKeys);
        var name = fields.TryGetValue("name", out var n) ? Identifier(n, "the callback's name") : throw Error(map, "a 'name' for the callback");
        if (scenario.Callbacks.Any(c => c.Name == name))
        {
            throw Error(n, $"a new callback name; '{name}' is already used");
        }

        if (!fields.TryGetValue("chain", out var chainNode))
        {
            throw Error(map, "a 'chain' for the callback");
        }

        var chainText = Scalar(chainNode, "a chain").Value!;
        if (!ChainNames.TryParse(chainText, out var chain))
        {
            throw Error(chainNode, "one of the chains " + string.Join(", ", ChainNames.All) + $", not '{chainText}'");
        }

        var seriesOnly = chain is ChainKind.Hypervisor or ChainKind.Info or ChainKind.PreReboot or ChainKind.PostReboot;
        if (seriesOnly && scenario.Variant != KernelVariant.Series)
        {
            throw Error(chainNode, $"a mainline chain (panic, die, kmsg_dump, crash_shutdown, restart): '{chainText}' exists only with 'kernel: series'");
        }

        if (chain == ChainKind.Panic && scenario.Variant == KernelVariant.Series)
        {
            throw Error(chainNode, "one of the series' lists hypervisor, info, pre_reboot, post_reboot: the series has no single panic list");
        }

        var priority = 0;
        if (fields.TryGetValue("priority", out var p))
        {
            var text = Scalar(p, "a priority");
            priority = ExpressionParser.ParseConstantInt(text.Value ?? string.Empty, ContentAt(text), names);
        }

        var callback = new Callback(scenario.Callbacks.Count, name, chain, priority, At(map));
        if (fields.TryGetValue("register-if", out var r))
        {
            callback.RegisterIf = Condition(Scalar(r, "a registration condition"));
        }

        if (fields.TryGetValue("if", out var runIf))
        {
            var text = Scalar(runIf, "a run-time condition");
            callback.RunIf = Condition(text);
            callback.RunIfText = text.Value!;
        }

        if (fields.TryGetValue("max-reason", out var m))
        {
            if (chain != ChainKind.KmsgDump)
            {
                throw Error(m, "max-reason only on a kmsg_dump callback");
            }

            callback.MaxReason = Scalar(m, "PANIC, OOPS, EMERG or SHUTDOWN").Value switch
            {
                "PANIC" => KmsgReason.Panic,
                "OOPS" => KmsgReason.Oops,
                "EMERG" => KmsgReason.Emerg,
                "SHUTDOWN" => KmsgReason.Shutdown,
                _ => throw Error(m, "PANIC, OOPS, EMERG or SHUTDOWN"),
            };
        }

        if (fields.TryGetValue("arch", out var a))
        {
            if (chain is not (ChainKind.CrashShutdown or ChainKind.Restart))
            {
                throw Error(a, "arch only on a crash_shutdown or restart callback");
            }

            callback.Arch = scenario.Symbols.Intern(Identifier(a, "an architecture such as x86_64 or arm64"));
        }

        scenario.Callbacks.Add(callback);
        if (fields.TryGetValue("do", out var body))
        {
            callback.Actions = Actions(body);
        }

        if (scenario.Callbacks.Count > 4096)
        {
            throw Error(map, "at most 4096 callbacks");
        }
    }

    private Dictionary<string, YamlNode> Fields(YamlMappingNode map, string[] allowed)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            var key = Scalar(k, "a key").Value!;
            if (!allowed.Contains(key))
            {
                throw Error(k, "one of the keys " + string.Join(", ", allowed) + $", not '{key}'");
            }

            if (!fields.TryAdd(key, v))
            {
                throw Error(k, $"'{key}' only once");
            }
        }

        return fields;
    }

    private void ParseFault(YamlNode item)
    {
        if (item is YamlScalarNode s)
        {
            switch (s.Value)
            {
                case "none":
                    return;
                case "second-cpu-panics":
                    RequireCpus(item);
                    AddFault(item, new Fault(FaultKind.SecondCpuPanics, -1, "second-cpu-panics"));
                    return;
            }

            throw Error(item, $"a fault: none, second-cpu-panics, {{ stopped-cpu-holds: lock }} or {{ panic-in: callback }}, not '{s.Value}'");
        }

        var map = Mapping(item, "a fault");
        var fields = Fields(map, ["stopped-cpu-holds", "panic-in"]);
        if (fields.Count != 1)
        {
            throw Error(item, "one of stopped-cpu-holds or panic-in in each fault");
        }

        if (fields.TryGetValue("stopped-cpu-holds", out var l))
        {
            RequireCpus(item);
            var index = Lock(l);
            AddFault(item, new Fault(FaultKind.StoppedCpuHolds, index, $"stopped-cpu-holds({scenario.Locks[index]})"));
        }
        else
        {
            var name = Identifier(fields["panic-in"], "a callback name");
            var cb = scenario.Callbacks.FirstOrDefault(c => c.Name == name)
                ?? throw Error(fields["panic-in"], $"the name of a callback, not '{name}'");
            AddFault(item, new Fault(FaultKind.PanicIn, cb.Index, $"panic-in({name})"));
        }
    }

    private void RequireCpus(YamlNode item)
    {
        if (scenario.Cpus < 2)
        {
            throw Error(item, "'cpus: 2' or more for a fault on a second CPU");
        }
    }

    private void AddFault(YamlNode item, Fault fault)
    {
        if (scenario.Faults.Any(f => f.Text == fault.Text))
        {
            throw Error(item, $"each fault once; '{fault.Text}' is already listed");
        }

        scenario.Faults.Add(fault);
    }

    private static readonly string[] InvariantKeys =
        ["name", "when", "at", "expect", "exactly-once", "at-most-once", "terminates", "reaches", "happens", "while", "by", "happens-before"];

    private void ParseInvariant(YamlMappingNode map)
    {
        var fields = Fields(map, InvariantKeys);
        var name = fields.TryGetValue("name", out var n) ? Scalar(n, "the invariant's name").Value! : throw Error(map, "a 'name' for the invariant");
        if (scenario.Invariants.Any(i => i.Name == name))
        {
            throw Error(n, $"a new invariant name; '{name}' is already used");
        }

        if (scenario.Invariants.Count == 64)
        {
            throw Error(map, "at most 64 invariants");
        }

        var kinds = new[] { "expect", "exactly-once", "at-most-once", "terminates", "reaches", "happens", "happens-before" }.Where(fields.ContainsKey).ToList();
        if (kinds.Count != 1)
        {
            throw Error(map, "exactly one check: at+expect, exactly-once, at-most-once, terminates, reaches, happens+while, or happens-before");
        }

        var index = scenario.Invariants.Count;
        Invariant invariant;
        switch (kinds[0])
        {
            case "expect":
                invariant = new Invariant(index, name, InvariantKind.AtBoundary, At(map))
                {
                    Condition = Condition(Scalar(fields["expect"], "a condition")),
                    Boundaries = fields.TryGetValue("at", out var at) ? Boundaries(at) : throw Error(map, "'at: [boundaries]' with 'expect'"),
                };
                break;
            case "exactly-once":
                invariant = new Invariant(index, name, InvariantKind.ExactlyOnce, At(map)) { EventA = EventIndex(fields["exactly-once"], declare: false) };
                break;
            case "at-most-once":
                invariant = new Invariant(index, name, InvariantKind.AtMostOnce, At(map)) { EventA = EventIndex(fields["at-most-once"], declare: false) };
                break;
            case "terminates":
                if (!Bool(fields["terminates"], "terminates: true"))
                {
                    throw Error(fields["terminates"], "terminates: true");
                }

                invariant = new Invariant(index, name, InvariantKind.Terminates, At(map));
                break;
            case "reaches":
                {
                    var text = Scalar(fields["reaches"], "a boundary").Value!;
                    invariant = new Invariant(index, name, InvariantKind.Reaches, At(map))
                    {
                        Boundaries = BoundaryNames.TryParse(text, out var b) ? 1 << (int)b : throw Error(fields["reaches"], BoundaryList(text)),
                    };
                    break;
                }

            case "happens":
                invariant = new Invariant(index, name, InvariantKind.HappensWhile, At(map))
                {
                    EventA = EventIndex(fields["happens"], declare: false),
                    Condition = fields.TryGetValue("while", out var w) ? Condition(Scalar(w, "a condition")) : throw Error(map, "'while: condition' with 'happens'"),
                    Boundaries = fields.TryGetValue("by", out var by) ? Boundaries(by) : 0,
                };
                break;
            default:
                {
                    var pair = Fields(Mapping(fields["happens-before"], "{ first: event, then: event }"), ["first", "then"]);
                    if (pair.Count != 2)
                    {
                        throw Error(fields["happens-before"], "both 'first' and 'then'");
                    }

                    invariant = new Invariant(index, name, InvariantKind.HappensBefore, At(map))
                    {
                        EventA = EventIndex(pair["first"], declare: false),
                        EventB = EventIndex(pair["then"], declare: false),
                    };
                    break;
                }
        }

        foreach (var extra in new[] { "at", "while", "by" })
        {
            var owner = extra switch { "at" => "expect", _ => "happens" };
            if (fields.TryGetValue(extra, out var node) && kinds[0] != owner)
            {
                throw Error(node, $"'{extra}' only with '{owner}'");
            }
        }

        if (fields.TryGetValue("when", out var when))
        {
            invariant.When = Condition(Scalar(when, "a condition"));
        }

        scenario.Invariants.Add(invariant);
    }

    private static string BoundaryList(string text) => $"one of the boundaries crash-kernel-boot, restart, end-of-panic, end-of-oops, not '{text}'";

    private int Boundaries(YamlNode node)
    {
        var items = node is YamlSequenceNode seq ? seq.Children.ToList() : [node];
        var mask = 0;
        foreach (var item in items)
        {
            var text = Scalar(item, "a boundary").Value!;
            mask |= BoundaryNames.TryParse(text, out var b) ? 1 << (int)b : throw Error(item, BoundaryList(text));
        }

        return mask;
    }

    private YamlScalarNode Scalar(YamlNode node, string expected) =>
        node as YamlScalarNode ?? throw Error(node, expected + $", not a {(node is YamlSequenceNode ? "list" : "mapping")}");

    private YamlMappingNode Mapping(YamlNode node, string expected) =>
        node as YamlMappingNode ?? throw Error(node, expected + $", not a {(node is YamlSequenceNode ? "list" : "scalar")}");

    private IReadOnlyList<YamlNode> Sequence(YamlNode node, string expected) =>
        (node as YamlSequenceNode)?.Children.ToList() ?? throw Error(node, expected + $", not a {(node is YamlMappingNode ? "mapping" : "scalar")}");

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsLetter(text[0]) || text[0] == '_') && text.All(c => char.IsLetterOrDigit(c) || c == '_');

    private string Identifier(YamlNode node, string expected)
    {
        var text = Scalar(node, expected).Value ?? string.Empty;
        return IsIdentifier(text) || (expected.Contains("report", StringComparison.Ordinal) && text.Length > 0 && text.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
            ? text
            : throw Error(node, $"{expected} (letters, digits and '_'), not '{text}'");
    }

    private int Int(YamlNode node, string expected) =>
        int.TryParse(Scalar(node, expected).Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw Error(node, expected);

    private bool Bool(YamlNode node, string expected) => Scalar(node, expected).Value switch
    {
        "true" => true,
        "false" => false,
        _ => throw Error(node, expected),
    };
}
