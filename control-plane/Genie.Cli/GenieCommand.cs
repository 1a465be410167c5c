using System.Net.Http.Headers;
using Genie.Cli.Connection;
using Genie.Cli.Output;
using Genie.Client;
using Spectre.Console.Cli;

namespace Genie.Cli;

/// <summary>A command that talks to Genie: resolves the connection, then runs with a <see cref="CliSession"/>.</summary>
public abstract class GenieCommand<TSettings> : AsyncCommand<TSettings>
    where TSettings : GenieSettings
{
    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var connection = await ConnectionResolver.ResolveAsync(settings, (settings as NamespacedSettings)?.Namespace, cancellationToken);

        // Followed logs and event streams stay open as long as the run goes; the command's token ends them.
        using var http = new HttpClient { BaseAddress = connection.Server, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", connection.Key);
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("genie-cli", typeof(GenieCommand<>).Assembly.GetName().Version?.ToString() ?? "0"));
        var session = new CliSession(new GenieClient(http), connection.Namespace, new OutputWriter(settings.Output));
        return await RunAsync(session, settings, cancellationToken);
    }

    protected abstract Task<int> RunAsync(CliSession session, TSettings settings, CancellationToken cancellationToken);
}
