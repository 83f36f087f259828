using YamlDotNet.RepresentationModel;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// Faults, one per configuration: <c>none</c> (always explored), <c>second-cpu-panics</c>,
/// <c>{ stopped-cpu-holds: lock }</c>, <c>{ cpu-in-critical-section: lock }</c> and <c>{ panic-in: callback }</c>;
/// each listed once.
/// </summary>
public sealed partial class ScenarioParser
{
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

            throw Error(item, $"a fault: none, second-cpu-panics, {{ stopped-cpu-holds: lock }}, {{ cpu-in-critical-section: lock }} or {{ panic-in: callback }}, not '{s.Value}'");
        }

        var map = Mapping(item, "a fault");
        var fields = Fields(map, ["stopped-cpu-holds", "cpu-in-critical-section", "panic-in"]);
        if (fields.Count != 1)
        {
            throw Error(item, "one of stopped-cpu-holds, cpu-in-critical-section or panic-in in each fault");
        }

        if (fields.TryGetValue("stopped-cpu-holds", out var l))
        {
            RequireCpus(item);
            var index = Lock(l);
            AddFault(item, new Fault(FaultKind.StoppedCpuHolds, index, $"stopped-cpu-holds({scenario.Locks[index]})"));
        }
        else if (fields.TryGetValue("cpu-in-critical-section", out var c))
        {
            RequireCpus(item);
            var index = Lock(c);
            AddFault(item, new Fault(FaultKind.CpuInCriticalSection, index, $"cpu-in-critical-section({scenario.Locks[index]})"));
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
}
