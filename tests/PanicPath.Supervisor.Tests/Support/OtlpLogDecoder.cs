using Google.Protobuf;

namespace PanicPath.Supervisor.Tests.Support;

/// <summary>
/// Walks the protobuf wire format of <c>opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest</c>
/// field by field (field numbers from the OTLP proto files), keeping what the tests assert on.
/// </summary>
internal static class OtlpLogDecoder
{
    public static List<DecodedLogRecord> Decode(byte[] request)
    {
        var records = new List<DecodedLogRecord>();
        foreach (var (field, resourceLogs) in Messages(request))
        {
            if (field != 1)
            {
                continue; // ExportLogsServiceRequest.resource_logs = 1
            }

            var resource = new Dictionary<string, object?>();
            var scopes = new List<byte[]>();
            foreach (var (f, bytes) in Messages(resourceLogs))
            {
                if (f == 1)
                {
                    // ResourceLogs.resource = 1; Resource.attributes = 1
                    foreach (var (a, kv) in Messages(bytes))
                    {
                        if (a == 1)
                        {
                            var (key, value) = KeyValue(kv);
                            resource[key] = value;
                        }
                    }
                }
                else if (f == 2)
                {
                    scopes.Add(bytes); // ResourceLogs.scope_logs = 2
                }
            }

            foreach (var scopeLogs in scopes)
            {
                var scope = string.Empty;
                foreach (var (f, bytes) in Messages(scopeLogs))
                {
                    if (f == 1)
                    {
                        // ScopeLogs.scope = 1; InstrumentationScope.name = 1
                        scope = Messages(bytes).Where(m => m.Field == 1).Select(m => System.Text.Encoding.UTF8.GetString(m.Bytes)).FirstOrDefault() ?? string.Empty;
                    }
                    else if (f == 2)
                    {
                        records.Add(LogRecord(resource, scope, bytes)); // ScopeLogs.log_records = 2
                    }
                }
            }
        }

        return records;
    }

    private static DecodedLogRecord LogRecord(Dictionary<string, object?> resource, string scope, byte[] bytes)
    {
        var severity = 0;
        string? severityText = null;
        object? body = null;
        var attributes = new Dictionary<string, object?>();
        var input = new CodedInputStream(bytes);
        while (input.ReadTag() is var tag && tag != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 2: // severity_number
                    severity = input.ReadEnum();
                    break;
                case 3: // severity_text
                    severityText = input.ReadString();
                    break;
                case 5: // body
                    body = AnyValue(input.ReadBytes().ToByteArray());
                    break;
                case 6: // attributes
                    var (key, value) = KeyValue(input.ReadBytes().ToByteArray());
                    attributes[key] = value;
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new DecodedLogRecord(resource, scope, severity, severityText, body, attributes);
    }

    private static (string Key, object? Value) KeyValue(byte[] bytes)
    {
        var key = string.Empty;
        object? value = null;
        var input = new CodedInputStream(bytes);
        while (input.ReadTag() is var tag && tag != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    key = input.ReadString();
                    break;
                case 2:
                    value = AnyValue(input.ReadBytes().ToByteArray());
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return (key, value);
    }

    /// <summary>AnyValue: string_value = 1, bool_value = 2, int_value = 3, double_value = 4; others are skipped.</summary>
    private static object? AnyValue(byte[] bytes)
    {
        object? value = null;
        var input = new CodedInputStream(bytes);
        while (input.ReadTag() is var tag && tag != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    value = input.ReadString();
                    break;
                case 2:
                    value = input.ReadBool();
                    break;
                case 3:
                    value = input.ReadInt64();
                    break;
                case 4:
                    value = input.ReadDouble();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return value;
    }

    /// <summary>The length-delimited fields of a message, in order, skipping the others.</summary>
    private static List<(int Field, byte[] Bytes)> Messages(byte[] bytes)
    {
        var fields = new List<(int, byte[])>();
        var input = new CodedInputStream(bytes);
        while (input.ReadTag() is var tag && tag != 0)
        {
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                fields.Add((WireFormat.GetTagFieldNumber(tag), input.ReadBytes().ToByteArray()));
            }
            else
            {
                input.SkipLastField();
            }
        }

        return fields;
    }
}
