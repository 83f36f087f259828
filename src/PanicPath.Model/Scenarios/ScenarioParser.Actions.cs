using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Actions;
using PanicPath.Model.Scenarios.Expressions;
using PanicPath.Notifiers;
using YamlDotNet.RepresentationModel;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// Actions, the bodies of setup, helpers and callbacks: a bare <c>return</c> or <c>never-return</c>, or a
/// mapping with exactly one verb and that verb's own keys. Conditions compile here, located to their
/// column; a <c>call</c> is resolved once every helper is known.
/// </summary>
public sealed partial class ScenarioParser
{
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

    private static readonly string[] ActionKeys = ["set", "lock", "unlock", "trylock", "if", "wait", "never-return", "report", "emit", "call", "return", "panic", "hypercall", "delay"];

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
            "wait" => ["wait", "timeout", "for", "else"],
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
                    var bound = -1L;
                    if (fields.TryGetValue("for", out var limit))
                    {
                        if (fields.TryGetValue("timeout", out var both))
                        {
                            throw Error(both.Key, "no 'timeout' with 'for': the duration bounds the wait by itself");
                        }

                        bound = DurationOf(limit.Value);
                        timeout = true;
                    }

                    ScenarioAction[] givesUp = [];
                    if (fields.TryGetValue("else", out var gaveUp))
                    {
                        if (!timeout)
                        {
                            throw Error(gaveUp.Key, "'timeout: true' with the 'else' of a wait (or 'for: duration'): a wait without a timeout never gives up");
                        }

                        givesUp = Actions(gaveUp.Value);
                    }

                    return new WaitAction(at, text.Value!, Condition(text), timeout, givesUp, bound);
                }

            case "never-return":
                return new NeverReturnAction(at);
            case "delay":
                return new DelayAction(at, DurationOf(value));
            case "hypercall":
                {
                    var text = Scalar(value, "crash or reset").Value;
                    return text switch
                    {
                        "crash" => new HypercallAction(at, Boundary.HostStop),
                        "reset" => new HypercallAction(at, Boundary.HostReset),
                        _ => throw Error(value, $"a hypercall that ends the VM: crash or reset, not '{text}'"),
                    };
                }

            case "report":
                return new ReportAction(at, Identifier(value, "the kind of report, e.g. crash-registers"));
            case "emit":
                return new EmitAction(at, EventIndex(value, declare: true));
            case "call":
                {
                    var call = new CallAction(at, Identifier(value, "the name of a helper"));
                    calls.Add((call, At(value)));
                    helperCalls.Add((owner, call.Helper));
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
                CheckPanicAction(at);
                return new PanicAction(at, Scalar(value, "a panic message").Value ?? string.Empty);
        }
    }

    /// <summary>A duration (<c>100s</c>, <c>10ms</c>, <c>500us</c>) in microseconds, located to its column when it is not one; the scenario now speaks of time.</summary>
    private long DurationOf(YamlNode node)
    {
        var scalar = Scalar(node, "a duration such as 100s or 10ms");
        var micros = DurationAt(scalar.Value ?? string.Empty, ContentAt(scalar));
        scenario.UsesTime = true;
        return micros;
    }

    /// <summary><paramref name="text"/>, written at <paramref name="start"/>, as a duration in microseconds; refused at the offending column.</summary>
    private static long DurationAt(string text, SourceLocation start)
    {
        var (micros, expected, offset) = Duration.Parse(text);
        return expected is null ? micros : throw new ScenarioException(start.Shift(offset), expected);
    }

    private SetAction Set(YamlScalarNode node)
    {
        var text = node.Value ?? string.Empty;
        var start = ContentAt(node);
        var eq = AssignmentSign(text);
        if (eq < 0)
        {
            throw new ScenarioException(start, "an assignment 'name = expression'");
        }

        var lhs = text[..eq];
        var lead = lhs.Length - lhs.TrimStart().Length;
        Expr? index = null;
        var open = lhs.IndexOf('[', StringComparison.Ordinal);
        var name = (open < 0 ? lhs : lhs[..open]).Trim();
        var variable = names.Variable(name);
        if (variable is null || variable.Role == VariableRole.Builtin)
        {
            throw new ScenarioException(start.Shift(lead), $"{KnobWrites.Expected(owner.Site, scenario.HasNotifiersLevel)}, not '{name}'");
        }

        if (open >= 0)
        {
            // name[cpu] = …: another CPU's copy of a per-CPU state, read by the expression parser as it reads one.
            if (!variable.PerCpu)
            {
                throw new ScenarioException(start.Shift(lead), $"a per-CPU state before '[' (declared with per-cpu: true), not '{name}'");
            }

            var read = ExpressionParser.ParseValue(lhs, start, names);
            index = read is Expr.PerCpuRead { Index: { } at } ? at : throw new ScenarioException(start.Shift(open), $"'{name}[cpu]' and nothing else before '='");
        }

        if (variable.Role == VariableRole.Knob)
        {
            CheckKnobWrite(variable, start.Shift(lead));
        }

        var rhsStart = eq + 1;
        var value = ExpressionParser.ParseValue(text[rhsStart..], start.Shift(rhsStart), names);
        if (value.Kind != variable.Kind)
        {
            var skip = text[rhsStart..].Length - text[rhsStart..].TrimStart().Length;
            throw new ScenarioException(start.Shift(rhsStart + skip), $"a {Describe(variable.Kind)} value for {name}");
        }

        return new SetAction(At(node), variable, value, index);
    }

    /// <summary>The index of the '=' of an assignment in <paramref name="text"/> (not one of '==', '!=', '&lt;=', '&gt;='), or -1.</summary>
    private static int AssignmentSign(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && (i + 1 >= text.Length || text[i + 1] != '=') && (i == 0 || text[i - 1] is not ('!' or '<' or '>' or '=')))
            {
                return i;
            }
        }

        return -1;
    }

    private int Lock(YamlNode node)
    {
        var name = Identifier(node, "a lock name");
        var index = names.LockIndex(name);
        return index >= 0 ? index : throw Error(node, $"the name of a lock declared under 'locks', not '{name}'");
    }

    private int EventIndex(YamlNode node, bool declare)
    {
        var name = Scalar(node, "an event name").Value!;
        if (name.Length == 0 || !name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
        {
            throw Error(node, "an event name of letters, digits, '-' and '_'");
        }

        var index = names.EventIndex(name);
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
}
