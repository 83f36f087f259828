using PanicPath.Cli;

return await PanicPathCommand.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
