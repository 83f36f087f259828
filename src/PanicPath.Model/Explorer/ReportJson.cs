using System.Text;
using System.Text.Json;
using PanicPath.Model.Kernel;

namespace PanicPath.Model.Explorer;

/// <summary>
/// The machine-readable form of an exploration:
/// <c>{ "scenario", "kernel", "runs", "violations": [ { "invariant", "config": {…}, "trace": […] } ] }</c>, each trace
/// step an object with cpu, chain, callback, action and change.
/// </summary>
public static class ReportJson
{
    /// <summary>Writes <paramref name="report"/> as indented JSON.</summary>
    public static string Write(ExplorationReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("scenario", report.Scenario.Name);
            json.WriteString("kernel", KernelVariants.Name(report.Scenario.Variant));
            json.WriteNumber("runs", report.Runs);
            json.WriteStartArray("violations");
            foreach (var violation in report.Violations)
            {
                json.WriteStartObject();
                json.WriteString("invariant", violation.Invariant);
                WriteConfig(json, violation.Configuration);
                json.WriteStartArray("trace");
                foreach (var step in violation.Trace)
                {
                    WriteStep(json, step);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes <c>"config": {…}</c>.</summary>
    public static void WriteConfig(Utf8JsonWriter json, Configuration configuration)
    {
        json.WriteStartObject("config");
        foreach (var (name, value) in configuration.Values)
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
    }

    /// <summary>Writes one trace step as an object.</summary>
    public static void WriteStep(Utf8JsonWriter json, TraceStep step)
    {
        json.WriteStartObject();
        json.WriteNumber("cpu", step.Cpu);
        json.WriteString("chain", step.Chain);
        json.WriteString("callback", step.Callback);
        json.WriteString("action", step.Action);
        json.WriteString("change", step.Change);
        json.WriteEndObject();
    }
}
