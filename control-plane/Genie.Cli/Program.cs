using Genie.Cli;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(CommandTree.Configure);
using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C ends the command cleanly (a followed log, a wait); it exits with 130.
    e.Cancel = true;
    interrupted.Cancel();
};
return await app.RunAsync(args, interrupted.Token);
