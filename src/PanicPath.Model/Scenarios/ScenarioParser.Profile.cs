using PanicPath.Model.Kernel;
using PanicPath.Model.Kernel.Profiles;
using PanicPath.Model.Scenarios.Actions;
using PanicPath.Model.Scenarios.Actions.Profile;
using PanicPath.Model.Scenarios.Expressions;
using PanicPath.Model.Scenarios.Files;
using PanicPath.Model.Scenarios.Races;
using YamlDotNet.RepresentationModel;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// The kernel profile a scenario names (<c>kernel:</c>, docs/kernel-profiles.md): a shipped profile by name, or a
/// profile file by path, read with the rules of <c>include:</c>. It is read when the scenario starts to compile (its
/// the lists its steps walk and the knobs they read decide which chains and knobs the scenario may use) and compiled once the scenario's names are
/// known, so that its conditions read the scenario's knobs and builtins. Every error names the profile's
/// <c>file:line:column</c>.
/// </summary>
public sealed partial class ScenarioParser
{
    private static readonly string[] ProfileKeys = ["profile", "sources", "locals", "functions"];
    private static readonly string[] StepVerbs = ["if", "do", "let", "set", "call", "hook", "emit", "reach", "hang", "return"];

    /// <summary>The key of a <c>call:</c> step that passes a text, and the name <c>{ARG}</c> reads it by in the callee's texts.</summary>
    private const string ArgName = "arg";

    /// <summary>The functions the machine enters: for a panic, an oops, a warning, an NMI; each profile must have them all.</summary>
    private static readonly string[] EntryFunctions = ["panic", "die", "__warn", "nmi_panic"];

    private static readonly string[] EntryWhat = ["every panic", "an oops (entry: oops)", "a warning (entry: warn)", "an NMI's panic (entry: nmi)"];

    /// <summary>Where each hook the scenario supplies is declared, to refuse one no step of the profile calls.</summary>
    private readonly Dictionary<string, YamlNode> hookNodes = new(StringComparer.Ordinal);

    /// <summary>The hooks the profile's steps call.</summary>
    private readonly HashSet<string> hooksCalled = new(StringComparer.Ordinal);

    private YamlMappingNode? profileRoot;
    private string profileFile = string.Empty;
    private ProfileNames? profileNames;

    /// <summary>
    /// Reads the profile <paramref name="kernel"/> names (null: none given), and what it decides of the scenario's names:
    /// the notifier lists, <c>panic_notifiers_level</c>.
    /// </summary>
    private void ReadProfile(YamlNode? kernel)
    {
        string text;
        var shown = kernel is null ? null : Scalar(kernel, "a kernel profile: " + string.Join(", ", ShippedProfiles.Names) + ", mainline, series, or a profile file's path").Value;
        if (ShippedProfiles.Resolve(kernel is null ? ShippedProfiles.NewestMainline : shown, out var alias) is { } shipped)
        {
            text = ShippedProfiles.Text(shipped);
            profileFile = ShippedProfiles.FileName(shipped);
            if (kernel is null)
            {
                scenario.KernelNote = $"no kernel: given; the model runs {shipped}, the newest mainline variant";
            }
            else if (alias && shown == "mainline")
            {
                scenario.KernelNote = $"kernel: mainline is {shipped}, the newest mainline variant";
            }
        }
        else if (shown is { Length: > 0 } path && (path.Contains('/', StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal)))
        {
            if (path.Contains('\0', StringComparison.Ordinal))
            {
                throw Error(kernel!, "a kernel profile path without a NUL character");
            }

            profileFile = Path.Combine(Path.GetDirectoryName(origins.FileOf(kernel!)) ?? string.Empty, path);
            try
            {
                text = ScenarioFileReader.Read(profileFile, out _);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Error(kernel!, $"a readable regular file for the kernel profile, not '{profileFile}' ({e.Message})");
            }
        }
        else
        {
            throw Error(kernel!, "a kernel profile: " + string.Join(", ", ShippedProfiles.Names) + $", mainline, series, or a profile file's path (with a '/' or ending in .yaml), not '{shown}'");
        }

        var document = ScenarioYaml.Load(text, profileFile, ref nodeCount);
        profileRoot = document?.RootNode as YamlMappingNode ?? throw new ScenarioException(
            document is null ? new SourceLocation(profileFile, 1, 1) : new SourceLocation(profileFile, (int)document.RootNode.Start.Line, (int)document.RootNode.Start.Column),
            "a kernel profile: a mapping with the keys " + string.Join(", ", ProfileKeys));
        origins.Register(profileRoot, profileFile);
        var fields = Fields(profileRoot, ProfileKeys);
        foreach (var required in new[] { "profile", "sources", "functions" })
        {
            if (!fields.ContainsKey(required))
            {
                throw Error(profileRoot, $"a kernel profile with '{required}'");
            }
        }

        // What the profile's steps walk and read decides the chains and knobs a scenario may use, before the scenario is
        // compiled: the series' four lists where its panic() walks them, panic_notifiers_level where a step reads it.
        foreach (var node in fields["functions"].AllNodes)
        {
            if (node is YamlMappingNode step)
            {
                foreach (var (key, value) in step.Children)
                {
                    if (key is YamlScalarNode { Value: "walk" } && value is YamlScalarNode { Value: "hypervisor" or "info" or "pre_reboot" or "post_reboot" })
                    {
                        scenario.SplitPanicLists = true;
                    }
                    else if (key is YamlScalarNode { Value: not ("cites" or "step") } && value is YamlScalarNode { Value: { } scalar } && NotifiersLevel().IsMatch(scalar))
                    {
                        scenario.HasNotifiersLevel = true;
                    }
                }
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bpanic_notifiers_level\b")]
    private static partial System.Text.RegularExpressions.Regex NotifiersLevel();

    /// <summary>Compiles the profile read by <see cref="ReadProfile"/> against the scenario's names.</summary>
    private void CompileProfile()
    {
        var fields = Fields(profileRoot!, ProfileKeys);
        var name = Identifier(fields["profile"], "the profile's name", allowDash: true);
        var sources = Fields(Mapping(fields["sources"], "the profile's sources: a mapping with version and functions"), ["version", "functions"]);
        if (!sources.TryGetValue("version", out var version) || !sources.TryGetValue("functions", out var listed))
        {
            throw Error(fields["sources"], "the profile's sources with both 'version' and 'functions'");
        }

        foreach (var item in Sequence(listed, "a list of the kernel functions the profile models, each 'file: function()'"))
        {
            if (item is not YamlMappingNode { Children.Count: 1 } entry || entry.Children.First().Key is not YamlScalarNode || entry.Children.First().Value is not YamlScalarNode)
            {
                throw Error(item, "a kernel function the profile models, 'file: function()'");
            }
        }

        var profile = new KernelProfile(name, profileFile, Scalar(version, "the kernel version modelled").Value ?? string.Empty);
        profileNames = new ProfileNames(names, profile.Name);
        profileNames.OnBuiltin(name => AddVariable($"{profile.Name}.{name}", ProfileNames.KindOf(name), VariableRole.State, At(profileRoot!), [0]));
        if (fields.TryGetValue("locals", out var locals))
        {
            foreach (var (key, value) in Mapping(locals, "a mapping from local name to its initial value").Children)
            {
                var local = Identifier(key, "a local name");
                var initial = Scalar(value, "the local's initial value: true, false, a number or a symbol").Value ?? string.Empty;
                var kind = KindOf(initial);
                if (kind == ValueKind.Symbol && !IsIdentifier(initial))
                {
                    throw Error(value, $"the local's initial value: true, false, a number or a symbol, not '{initial}'");
                }

                var variable = AddVariable($"{profile.Name}.{local}", kind, VariableRole.State, At(key), [Encode(initial, kind)]);
                if (!profileNames.Declare(local, variable))
                {
                    throw Error(key, $"a new local name; '{local}' is declared above");
                }

                profile.LocalSlots.Add(variable.Slot);
            }
        }

        var calls = new List<(FunctionCallAction Call, YamlNode Where)>();
        foreach (var (key, value) in Mapping(fields["functions"], "a mapping from kernel function name to its cites and steps").Children)
        {
            var functionName = Identifier(key, "a kernel function's name");
            if (profile.Functions.Any(f => f.Name == functionName))
            {
                throw Error(key, $"each function once; '{functionName}' is defined above");
            }

            var body = Fields(Mapping(value, "a function: a mapping with cites and do"), ["cites", "do"]);
            if (!body.TryGetValue("cites", out var cites) || !body.TryGetValue("do", out var steps))
            {
                throw Error(value, "a function with 'cites' (the kernel lines it models) and 'do' (its steps)");
            }

            var function = new ProfileFunction(functionName, Scalar(cites, "the kernel lines the function models").Value ?? string.Empty, At(key));
            profile.Functions.Add(function);
            function.Body = Steps(steps, function, calls);
        }

        foreach (var (call, where) in calls)
        {
            call.Target = profile.Functions.FirstOrDefault(f => f.Name == call.Function)?.Body
                ?? throw Error(where, $"the name of a function of the profile ({string.Join(", ", profile.Functions.Select(f => f.Name))}), not '{call.Function}'");
        }

        var entries = new ScenarioAction[EntryFunctions.Length][];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = profile.Functions.FirstOrDefault(f => f.Name == EntryFunctions[i])?.Body
                ?? throw Error(fields["functions"], $"a function '{EntryFunctions[i]}', which the machine enters for {EntryWhat[i]}");
        }

        (profile.Panic, profile.Die, profile.Warn, profile.NmiPanic) = (entries[0], entries[1], entries[2], entries[3]);
        profile.KmsgDumpersSlot = profileNames.KmsgDumpersSlot;
        profile.NotifyStopSlot = profileNames.NotifyStopSlot;
        profile.KexecLockedSlot = profileNames.KexecLockedSlot;
        foreach (var (hook, node) in hookNodes)
        {
            if (!hooksCalled.Contains(hook))
            {
                var called = hooksCalled.Count == 0 ? "none" : string.Join(", ", hooksCalled.Order(StringComparer.Ordinal));
                throw Error(node, $"a hook the kernel profile {profile.Name} calls ({called}), not '{hook}'");
            }
        }

        scenario.Profile = profile;
    }

    /// <summary>Compiles a list of steps; <paramref name="function"/> is set for a function's top-level list, whose steps carry labels.</summary>
    private ScenarioAction[] Steps(YamlNode node, ProfileFunction? function, List<(FunctionCallAction, YamlNode)> calls)
    {
        var list = new List<ScenarioAction>();
        foreach (var item in Sequence(node, "a list of steps"))
        {
            if (function is null || !scenario.Racing)
            {
                Step(item, function, calls, list);
                continue;
            }

            // A labelled step of a scenario that races: its actions between the race points before and after it.
            var body = new List<ScenarioAction>();
            Step(item, function, calls, body);
            var index = scenario.RaceSteps.Count;
            scenario.RaceSteps.Add(new RaceStep(function.Name, function.Steps[^1].Label));
            list.Add(new RaceStepAction(At(item), index, [.. body]));
        }

        return [.. list];
    }

    private void Step(YamlNode item, ProfileFunction? function, List<(FunctionCallAction, YamlNode)> calls, List<ScenarioAction> into)
    {
        var at = At(item);
        if (item is YamlScalarNode { Value: "return" } && function is null)
        {
            into.Add(new LeaveAction(at));
            return;
        }

        var map = Mapping(item, function is null ? "a step: return, or a mapping with a verb" : "a step: a mapping with step, cites and a verb");
        var fields = new Dictionary<string, (YamlScalarNode Key, YamlNode Value)>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            var key = Scalar(k, "a step key");
            if (!fields.TryAdd(key.Value!, (key, v)))
            {
                throw Error(k, $"'{key.Value}' only once");
            }
        }

        if (fields.TryGetValue("step", out var label))
        {
            var text = Identifier(label.Value, "a step label", allowDash: true);
            if (function is null)
            {
                throw Error(label.Key, "no 'step' label inside a step's do or else: labels name a function's top-level steps");
            }

            if (function.Steps.Any(s => s.Label == text))
            {
                throw Error(label.Value, $"a label used once in function {function.Name}; '{text}' labels a step above");
            }

            if (!fields.TryGetValue("cites", out var cites))
            {
                throw Error(item, "'cites' with the step: the kernel lines it models");
            }

            function.Steps.Add((text, Scalar(cites.Value, "the kernel lines the step models").Value ?? string.Empty));
        }
        else if (function is not null)
        {
            throw Error(item, "a 'step' label on each of a function's top-level steps");
        }
        else if (fields.TryGetValue("cites", out var stray))
        {
            throw Error(stray.Key, "'cites' only with a 'step' label");
        }

        var verbs = fields.Keys.Where(k => StepVerbs.Contains(k) || KernelPrimitives.TryParse(k, out _)).ToList();
        if (verbs.Contains("if") && verbs.Contains("do"))
        {
            verbs.Remove("do");
        }

        foreach (var (key, (keyNode, _)) in fields)
        {
            if (key is not ("step" or "cites" or "say" or "else") && !verbs.Contains(key) && !(key == "do" && fields.ContainsKey("if"))
                && !(key == ArgName && verbs.Contains("call")))
            {
                throw Error(keyNode, $"a step verb ({string.Join(", ", StepVerbs)}, or a primitive: {string.Join(", ", KernelPrimitives.All)}), step, cites or say, not '{key}'");
            }
        }

        if (verbs.Count > 1)
        {
            throw Error(fields[verbs[1]].Key, $"one verb in a step; it has '{verbs[0]}' already");
        }

        if (fields.TryGetValue("else", out var elseNode) && !(verbs.Count == 1 && verbs[0] == "if"))
        {
            throw Error(elseNode.Key, "'else' only with 'if'");
        }

        SayText? say = fields.TryGetValue("say", out var sayNode) ? Say(Scalar(sayNode.Value, "the step's trace text")) : null;
        if (verbs.Count == 0)
        {
            if (say is null)
            {
                throw Error(item, $"a step that does something: a verb ({string.Join(", ", StepVerbs)}), a primitive ({string.Join(", ", KernelPrimitives.All)}) or say");
            }

            into.Add(new SayAction(at, say));
            return;
        }

        var verb = verbs[0];
        var value = fields[verb].Value;
        if (verb == "set")
        {
            into.Add(ProfileSet(Scalar(value, "name = expression"), say));
            return;
        }

        if (say is not null)
        {
            into.Add(new SayAction(At(sayNode.Value), say));
        }

        switch (verb)
        {
            case "if":
                {
                    var condition = Scalar(value, "a condition");
                    if (!fields.TryGetValue("do", out var then))
                    {
                        throw Error(item, "a 'do' list with the 'if'");
                    }

                    var test = ExpressionParser.ParseCondition(condition.Value ?? string.Empty, ContentAt(condition), profileNames!);
                    into.Add(new BranchAction(at, test, Steps(then.Value, null, calls), elseNode.Value is null ? [] : Steps(elseNode.Value, null, calls)));
                    break;
                }

            case "do":
                into.Add(new BranchAction(at, null, Steps(value, null, calls), []));
                break;
            case "let":
                {
                    var (local, expr) = Assignment(Scalar(value, "local = expression"), local: true);
                    into.Add(new LetAction(at, local.Slot, expr));
                    break;
                }

            case "call":
                {
                    var arg = fields.TryGetValue(ArgName, out var argNode) ? Say(Scalar(argNode.Value, "the text the function is called with")) : null;
                    var call = new FunctionCallAction(at, Identifier(value, "the name of a function of the profile"), arg);
                    calls.Add((call, value));
                    into.Add(call);
                    break;
                }

            case "hook":
                {
                    var hook = Identifier(value, "the name of a kernel hook");
                    hooksCalled.Add(hook);
                    into.Add(new HookAction(at, hook, scenario.Hooks.GetValueOrDefault(hook)));
                    break;
                }

            case "emit":
                into.Add(new EmitAction(at, EventIndex(value, declare: false)));
                break;
            case "reach":
                {
                    var text = Scalar(value, "a kernel boundary").Value ?? string.Empty;
                    if (!BoundaryNames.TryParse(text, out var boundary) || BoundaryNames.IsHostEnd(boundary))
                    {
                        throw Error(value, $"a kernel boundary: crash-kernel-boot, restart, end-of-panic, end-of-oops or end-of-warn, not '{text}'");
                    }

                    into.Add(new ReachAction(at, boundary));
                    break;
                }

            case "hang":
                into.Add(new HangAction(at, NonEmpty(value, "why the CPU hangs")));
                break;
            case "return":
                if (value is not YamlScalarNode { Value: null or "" })
                {
                    throw Error(value, "nothing after 'return' in a profile: a function returns no value");
                }

                into.Add(new LeaveAction(at));
                break;
            default:
                into.Add(Primitive(verb, value, at));
                break;
        }
    }

    private ScenarioAction Primitive(string verb, YamlNode value, SourceLocation at)
    {
        KernelPrimitives.TryParse(verb, out var primitive);
        if (primitive is KernelPrimitive.Panic or KernelPrimitive.KexecLock or KernelPrimitive.SelfStop or KernelPrimitive.NmiShootdown or KernelPrimitive.CrashStopIpi)
        {
            NonEmpty(value, primitive == KernelPrimitive.Panic ? "the panic message" : $"the trace text of {verb}");
            return new TextPrimitiveAction(at, primitive, Say((YamlScalarNode)value));
        }

        var text = Scalar(value, $"the argument of {verb}").Value ?? string.Empty;
        var argument = 0;
        switch (primitive)
        {
            case KernelPrimitive.ClaimPanicCpu:
                if (text.Length > 0)
                {
                    throw Error(value, $"nothing after claim-panic-cpu, not '{text}'");
                }

                break;
            case KernelPrimitive.SmpSendStop:
                NonEmpty(value, $"the trace text of {verb} (what calls it)");
                break;
            case KernelPrimitive.Walk:
                if (!ChainNames.TryParse(text, out var chain) || chain is ChainKind.KmsgDump)
                {
                    throw Error(value, $"a chain the kernel walks: panic, hypervisor, info, pre_reboot, post_reboot, restart, die, crash_shutdown, not '{text}'");
                }

                argument = (int)chain;
                break;
            case KernelPrimitive.KmsgDump:
                argument = text switch
                {
                    "PANIC" => (int)KmsgReason.Panic,
                    "OOPS" => (int)KmsgReason.Oops,
                    "EMERG" => (int)KmsgReason.Emerg,
                    "SHUTDOWN" => (int)KmsgReason.Shutdown,
                    _ => throw Error(value, $"a kmsg dump reason: PANIC, OOPS, EMERG or SHUTDOWN, not '{text}'"),
                };
                break;
            case KernelPrimitive.DelaySeconds:
                {
                    var seconds = profileNames!.Local(text) ?? names.Variable(text);
                    if (seconds is null || seconds.Kind != ValueKind.Int)
                    {
                        throw Error(value, $"an integer knob or local holding seconds, such as panic_timeout, not '{text}'");
                    }

                    argument = seconds.Slot;
                    break;
                }

            default:
                argument = Array.IndexOf(KernelPrimitives.PanicPrintParts, text);
                if (argument < 0)
                {
                    throw Error(value, $"a part of panic_print: {string.Join(", ", KernelPrimitives.PanicPrintParts)}, not '{text}'");
                }

                break;
        }

        return new PrimitiveAction(at, primitive, text, argument);
    }

    private string NonEmpty(YamlNode node, string expected)
    {
        var text = Scalar(node, expected).Value;
        return string.IsNullOrWhiteSpace(text) ? throw Error(node, expected + ", not nothing") : text;
    }

    /// <summary>A profile's <c>set: name = value</c>: a knob or a scenario's state; traced when it has a <c>say</c>.</summary>
    private ScenarioAction ProfileSet(YamlScalarNode node, SayText? say)
    {
        var (target, value) = Assignment(node, local: false);
        return say is null ? new LetAction(At(node), target.Slot, value) : new TracedSetAction(At(node), target, value, say);
    }

    /// <summary>Splits <c>name = expression</c>: a local of the profile (<paramref name="local"/>), or a knob or state.</summary>
    private (Variable Target, Expr Value) Assignment(YamlScalarNode node, bool local)
    {
        var text = node.Value ?? string.Empty;
        var start = ContentAt(node);
        var eq = AssignmentSign(text);
        if (eq < 0)
        {
            throw new ScenarioException(start, local ? "an assignment 'local = expression'" : "an assignment 'name = expression'");
        }

        var lhs = text[..eq];
        var lead = lhs.Length - lhs.TrimStart().Length;
        var name = lhs.Trim();
        var target = local ? profileNames!.Local(name) : names.Variable(name);
        if (target is null || (!local && ((target.Role is not (VariableRole.Knob or VariableRole.State) && target.Slot != KernelSlots.PanicCpu) || target.PerCpu)))
        {
            throw new ScenarioException(start.Shift(lead), local
                ? $"a local declared under 'locals', not '{name}'"
                : $"a kernel knob, panic_cpu or a scenario's state that is not per-CPU, not '{name}'");
        }

        var value = ExpressionParser.ParseValue(text[(eq + 1)..], start.Shift(eq + 1), profileNames!);
        if (value.Kind != target.Kind)
        {
            var rhs = text[(eq + 1)..];
            throw new ScenarioException(start.Shift(eq + 1 + rhs.Length - rhs.TrimStart().Length), $"a {Describe(target.Kind)} value for {name}");
        }

        if (target.Slot == KernelSlots.PanicCpu && value is Expr.Constant { Value: var n } && (n < -1 || n >= scenario.Cpus))
        {
            var rhs = text[(eq + 1)..];
            throw new ScenarioException(start.Shift(eq + 1 + rhs.Length - rhs.TrimStart().Length), $"a CPU from 0 to {scenario.Cpus - 1} or -1 (none) for panic_cpu (cpus: {scenario.Cpus}), not {n}");
        }

        return (target, value);
    }

    /// <summary>Compiles a <c>say:</c> text: <c>{expression}</c> inside it is a value, located to its column.</summary>
    private SayText Say(YamlScalarNode node)
    {
        var text = node.Value ?? string.Empty;
        var start = ContentAt(node);
        var literals = new List<string>();
        var values = new List<Expr?>();
        var from = 0;
        while (true)
        {
            var open = text.IndexOf('{', from);
            if (open < 0)
            {
                literals.Add(text[from..]);
                break;
            }

            var close = text.IndexOf('}', open);
            if (close < 0)
            {
                throw new ScenarioException(start.Shift(open), "a '}' closing the value in the trace text");
            }

            literals.Add(text[from..open]);
            var inner = text[(open + 1)..close];
            values.Add(inner.Trim() == ArgName ? null : ExpressionParser.ParseValue(inner, start.Shift(open + 1), profileNames!));
            from = close + 1;
        }

        return new SayText([.. literals], [.. values]);
    }
}
