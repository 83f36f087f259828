using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PanicPath.Hosting.Logging;
using PanicPath.Lists;
using PanicPath.Logging;
using PanicPath.Notifiers;
using PanicPath.Panics;

namespace PanicPath.Hosting.Tests.Hosting;

public sealed class AddPanicPathTests
{
    [Fact]
    public void Every_bad_option_set_in_code_is_named_by_its_key_when_the_options_are_first_resolved()
    {
        using var provider = new ServiceCollection().AddPanicPath(o =>
        {
            o.Deadline = TimeSpan.Zero;
            o.ExitCode = 71;
        }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<PanicPathOptions>());

        Assert.Equal(
            ["PanicPath:Deadline: must be positive and at most one hour (was 00:00:00).", "PanicPath:ExitCode: must not be 71, the exit code of a path that exceeded its deadline."],
            error.Failures);
    }

    [Fact]
    public void Adding_the_panic_path_twice_is_refused()
    {
        var services = new ServiceCollection().AddPanicPath();

        Assert.Throws<InvalidOperationException>(() => services.AddPanicPath());
    }

    [Fact]
    public void Log_records_of_every_category_reach_the_ring_with_the_exception_on_the_same_line()
    {
        using var provider = new ServiceCollection().AddPanicPath().BuildServiceProvider();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("Orders");

        logger.LogWarning(new TimeoutException("db"), "order {Id} slow", 42);

        var record = Assert.Single(provider.GetRequiredService<LogRing>().Snapshot());
        Assert.Equal(LogRecordLevel.Warning, record.Level);
        Assert.Equal("Orders", record.Category);
        Assert.Equal("order 42 slow | System.TimeoutException: db", record.Message);
    }

    [Fact]
    public void The_panic_path_is_the_first_hosted_service()
    {
        var services = new ServiceCollection();
        services.AddHostedService<IdleService>();
        services.AddPanicPath();

        var first = services.First(d => d.ServiceType == typeof(IHostedService));
        Assert.Equal(typeof(PanicPathHostedService), first.ImplementationType);
    }

    [Theory]
    [InlineData(true, BackgroundServiceExceptionBehavior.Ignore)]
    [InlineData(false, BackgroundServiceExceptionBehavior.StopHost)]
    public void A_background_service_failure_is_left_to_the_panic_path_only_when_it_panics(bool panics, BackgroundServiceExceptionBehavior expected)
    {
        using var provider = new ServiceCollection().AddPanicPath(o => o.PanicOnBackgroundServiceFailure = panics).BuildServiceProvider();

        Assert.Equal(expected, provider.GetRequiredService<IOptions<HostOptions>>().Value.BackgroundServiceExceptionBehavior);
    }

    [Fact]
    public void A_class_notifier_is_described_with_its_declarations()
    {
        var described = PanicNotifier.From(new FlushNotifier());

        Assert.Equal("flush", described.Name);
        Assert.Equal(PanicList.Teardown, described.List);
        Assert.Equal(7, described.Priority);
        Assert.Equal(["bus"], described.NeedsResources.ToArray());
    }

    [Fact]
    public void The_in_process_dump_option_configures_the_diagnostics_dump_writer()
    {
        using var provider = new ServiceCollection().AddPanicPath(o => o.InProcessDump = true).BuildServiceProvider();

        Assert.IsType<Dumps.DiagnosticsDumpWriter>(provider.GetRequiredService<PanicPathOptions>().DumpWriter);
    }

    private sealed class IdleService : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }

    private sealed class FlushNotifier : IPanicNotifier
    {
        public string Name => "flush";

        public PanicList List => PanicList.Teardown;

        public int Priority => 7;

        public NotifyResult OnPanic(in PanicEvent e) => NotifyResult.Done;

        public void Declare(PanicNotifier descriptor) => descriptor.Needs("bus");
    }
}
