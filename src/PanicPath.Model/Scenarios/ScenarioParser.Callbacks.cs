using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Expressions;
using YamlDotNet.RepresentationModel;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// Callbacks and the chains they sit on: a callback names a chain the kernel variant has, a constant
/// priority, optional registration and run-time conditions, and for kmsg dumpers and arch hooks the
/// keys only they take.
/// </summary>
public sealed partial class ScenarioParser
{
    private static readonly string[] CallbackKeys = ["name", "chain", "priority", "register-if", "if", "do", "max-reason", "arch"];

    private void ParseCallback(YamlMappingNode map)
    {
        var fields = Fields(map, CallbackKeys);
        var name = fields.TryGetValue("name", out var n) ? Identifier(n, "the callback's name") : throw Error(map, "a 'name' for the callback");
        Declare(map, name, "callback");

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
        if (seriesOnly && !scenario.SplitPanicLists)
        {
            throw Error(chainNode, $"a mainline chain (panic, die, kmsg_dump, crash_shutdown, restart): '{chainText}' exists only with 'kernel: series-v1'");
        }

        if (chain == ChainKind.Panic && scenario.SplitPanicLists)
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
            owner = (WriteSite.Callback, null, "callback " + name);
            callback.Actions = Actions(body);
        }

        if (scenario.Callbacks.Count > 4096)
        {
            throw Error(map, "at most 4096 callbacks");
        }
    }
}
