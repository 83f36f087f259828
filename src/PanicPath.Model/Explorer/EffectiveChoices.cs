using PanicPath.Model.Kernel;

namespace PanicPath.Model.Explorer;

/// <summary>
/// The way back from a configuration of the <see cref="EffectiveSpace"/> to choices that run as it. A dimension
/// setup never assigns ran with its chosen value, so its choice is its value index; the fault and entry are
/// chosen as they are. Only the knobs setup assigns may have been chosen otherwise: their declared values are
/// tried, the configuration's own first, among the choices the constraints allow, until a run lands on the index.
/// </summary>
public static class EffectiveChoices
{
    /// <summary>Choices whose run on <paramref name="machine"/> is configuration <paramref name="index"/>, or null when none is.</summary>
    public static int[]? Find(EffectiveSpace space, Machine machine, long index)
    {
        var scenario = space.Scenario;
        var explored = scenario.Explored;
        var constraints = new ConfigurationSpace(scenario);
        var target = new int[space.Radix.Count];
        space.Decode(index, target);
        var choices = (int[])target.Clone();
        var free = new List<int>();
        for (var d = 0; d < explored.Count; d++)
        {
            if (space.SetBySetup(d))
            {
                free.Add(d);
                if (choices[d] >= explored[d].Values.Length)
                {
                    choices[d] = 0;
                }
            }
            else if (choices[d] >= explored[d].Values.Length)
            {
                return null;
            }
        }

        // The configuration's own values first, then every combination of the assigned knobs' declared values.
        if (Lands(space, machine, constraints, choices, index))
        {
            return choices;
        }

        var odometer = new int[free.Count];
        while (true)
        {
            for (var i = 0; i < free.Count; i++)
            {
                choices[free[i]] = odometer[i];
            }

            if (Lands(space, machine, constraints, choices, index))
            {
                return choices;
            }

            var k = free.Count - 1;
            while (k >= 0 && ++odometer[k] == explored[free[k]].Values.Length)
            {
                odometer[k--] = 0;
            }

            if (k < 0)
            {
                return null;
            }
        }
    }

    private static bool Lands(EffectiveSpace space, Machine machine, ConfigurationSpace constraints, int[] choices, long index)
    {
        if (!constraints.Allows(choices))
        {
            return false;
        }

        machine.Run(choices);
        return space.IndexOf(machine, choices) == index;
    }
}
