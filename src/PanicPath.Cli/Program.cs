using PanicPath.Cli;

return LeanSupervisor.IsEnabled
    ? await LeanSupervisor.RunAsync(args).ConfigureAwait(false)
    : await PanicPathCommand.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);

/// <summary>
/// The entry point: the lean native supervisor (<see cref="LeanSupervisor"/>) or the complete command. Declared
/// internal here so that ASP.NET Core's generator, which makes a web app's <c>Program</c> public for its test
/// host, leaves it alone: other projects (the benchmarks) have a <c>Program</c> of their own.
/// </summary>
internal partial class Program;
