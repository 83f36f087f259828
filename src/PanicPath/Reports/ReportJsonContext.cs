using System.Text.Json.Serialization;

namespace PanicPath.Reports;

/// <summary>The source-generated JSON metadata of the crash report: camelCase, no reflection at panic time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CrashReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
