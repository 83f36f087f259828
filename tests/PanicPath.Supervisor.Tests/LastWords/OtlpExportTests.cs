using OpenTelemetry.Exporter;
using PanicPath.Supervisor.LastWords;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.LastWords;

public sealed class OtlpExportTests
{
    private const int SeverityFatal = 21;

    [Fact]
    public async Task An_unhandled_exception_death_is_exported_as_one_fatal_OTLP_log_record_with_the_exception_conventions()
    {
        using var temp = new TempDirectory();
        using var receiver = new OtlpReceiver();

        var (exit, _, err) = await CliRun.RunCrasher(temp, "unhandled", "--otlp-endpoint", receiver.BaseUrl);

        Assert.Equal(134, exit);
        Assert.DoesNotContain("OTLP export", err, StringComparison.Ordinal);
        var id = (await TerminationMessageTests.StoredIds(temp)).Single();
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("/v1/logs", request.Path);
        Assert.Equal("application/x-protobuf", request.ContentType);
        var record = Assert.Single(OtlpLogDecoder.Decode(request.Body));
        Assert.Equal(SeverityFatal, record.SeverityNumber);
        Assert.Equal("System.InvalidOperationException: crasher unhandled", record.Body);
        Assert.Equal("System.InvalidOperationException", record.Attributes["exception.type"]);
        Assert.Contains("crasher unhandled", (string)record.Attributes["exception.message"]!, StringComparison.Ordinal);
        var stack = (string)record.Attributes["exception.stacktrace"]!;
        Assert.StartsWith("System.InvalidOperationException: crasher unhandled\n   at Crashers.Deaths.Throw()", stack, StringComparison.Ordinal);
        Assert.Equal("unhandled-exception", record.Attributes["panicpath.cause"]);
        Assert.Equal(134L, record.Attributes["panicpath.exit_code"]);
        Assert.Equal("SIGABRT", record.Attributes["panicpath.signal"]);
        Assert.Equal(id, record.Attributes["panicpath.record_id"]);
        Assert.Matches("^[0-9a-f]{16}$", (string)record.Attributes["panicpath.signature"]!);
        Assert.IsType<long>(record.Attributes["process.pid"]);
        Assert.EndsWith("Crashers.dll unhandled", (string)record.Attributes["process.command_line"]!, StringComparison.Ordinal);
        Assert.Equal(OtlpDeathExporter.Scope, record.Scope);
        Assert.Equal(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME") ?? OtlpDeathExporter.ServiceName, record.Resource["service.name"]);
    }

    [Fact]
    public async Task An_unreachable_OTLP_endpoint_still_records_the_death_and_the_run_completes_with_its_exit_code()
    {
        using var temp = new TempDirectory();
        var nobody = $"http://127.0.0.1:{OtlpReceiver.FreePort()}";

        var (exit, _, err) = await CliRun.RunCrasher(temp, "exit3", "--otlp-endpoint", nobody).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(3, exit);
        Assert.Single(await TerminationMessageTests.StoredIds(temp));
        Assert.Contains("panicpath: recorded death ", err, StringComparison.Ordinal);
        Assert.Contains($"panicpath: OTLP export to {nobody}/v1/logs: IOException: not exported: ", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_OTLP_endpoint_that_is_not_an_http_url_is_a_run_failure_naming_the_option()
    {
        using var temp = new TempDirectory();

        var (exit, _, err) = await CliRun.RunCrasher(temp, "exit3", "--otlp-endpoint", "localhost:4318");

        Assert.Equal(PanicPath.Cli.ExitCodes.RunFailed, exit);
        Assert.Contains("panicpath: --otlp-endpoint: 'localhost:4318' is not an absolute http:// or https:// URL.", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://collector:4318", "http://collector:4318/v1/logs")]
    [InlineData("http://collector:4318/", "http://collector:4318/v1/logs")]
    [InlineData("https://collector/otlp", "https://collector/otlp/v1/logs")]
    public void The_OTLP_endpoint_option_is_a_base_url_that_gets_v1_logs_for_http(string option, string expected)
    {
        var settings = OtlpExportSettings.Resolve(option, "--otlp-endpoint", _ => null)!;

        Assert.Equal(new Uri(expected), settings.Endpoint);
        Assert.Equal(OtlpExportProtocol.HttpProtobuf, settings.Protocol);
    }

    [Fact]
    public void Without_the_option_the_OTLP_environment_variables_choose_endpoint_and_protocol()
    {
        var environment = new Dictionary<string, string?>
        {
            [OtlpExportSettings.EndpointVariable] = "http://base:4318",
            [OtlpExportSettings.ProtocolVariable] = "grpc",
        };
        var grpc = OtlpExportSettings.Resolve(null, "--otlp-endpoint", environment.GetValueOrDefault)!;
        Assert.Equal(new Uri("http://base:4318"), grpc.Endpoint);
        Assert.Equal(OtlpExportProtocol.Grpc, grpc.Protocol);

        environment[OtlpExportSettings.ProtocolVariable] = null;
        Assert.Equal(new Uri("http://base:4318/v1/logs"), OtlpExportSettings.Resolve(null, "--otlp-endpoint", environment.GetValueOrDefault)!.Endpoint);

        environment[OtlpExportSettings.LogsEndpointVariable] = "http://logs:9999/custom";
        Assert.Equal(new Uri("http://logs:9999/custom"), OtlpExportSettings.Resolve(null, "--otlp-endpoint", environment.GetValueOrDefault)!.Endpoint);
        Assert.Equal(new Uri("http://given:1/v1/logs"), OtlpExportSettings.Resolve("http://given:1", "--otlp-endpoint", environment.GetValueOrDefault)!.Endpoint);

        Assert.Null(OtlpExportSettings.Resolve(null, "--otlp-endpoint", _ => null));
    }

    [Fact]
    public void An_unknown_OTLP_protocol_is_rejected_naming_the_variable()
    {
        var environment = new Dictionary<string, string?> { [OtlpExportSettings.ProtocolVariable] = "http/json" };

        var error = Assert.Throws<FormatException>(() => OtlpExportSettings.Resolve("http://c:4318", "--otlp-endpoint", environment.GetValueOrDefault));

        Assert.Equal("OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' is not supported; use http/protobuf or grpc.", error.Message);
    }
}
