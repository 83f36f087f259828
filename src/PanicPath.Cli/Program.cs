using PanicPath.Cli;

return LeanSupervisor.IsEnabled
    ? await LeanSupervisor.RunAsync(args).ConfigureAwait(false)
    : await PanicPathCommand.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
