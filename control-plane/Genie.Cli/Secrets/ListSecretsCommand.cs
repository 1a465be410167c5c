namespace Genie.Cli.Secrets;

/// <summary>`genie secrets list`: a namespace's secrets with the names of their keys; values never come out.</summary>
public sealed class ListSecretsCommand : GenieCommand<NamespacedSettings>
{
    protected override async Task<int> RunAsync(CliSession session, NamespacedSettings settings, CancellationToken cancellationToken)
    {
        var secrets = await Pages.AllAsync(cursor => session.Client.ListSecretsAsync(session.Namespace, Pages.Size, cursor, cancellationToken));
        session.Output.WriteList(secrets,
        [
            new("NAME", s => s.Name),
            new("KEYS", s => string.Join(",", s.Keys)),
            new("CREATED", s => Times.Stamp(s.CreatedAt)),
            new("ROTATED", s => Times.Stamp(s.RotatedAt)),
        ]);
        return ExitCodes.Ok;
    }
}
