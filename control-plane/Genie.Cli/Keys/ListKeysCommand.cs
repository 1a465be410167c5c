namespace Genie.Cli.Keys;

/// <summary>`genie keys list`: API keys by prefix, with names, grants and who made and revoked them; never a key.</summary>
public sealed class ListKeysCommand : GenieCommand<GenieSettings>
{
    protected override async Task<int> RunAsync(CliSession session, GenieSettings settings, CancellationToken cancellationToken)
    {
        var keys = await Pages.AllAsync(cursor => session.Client.ListApiKeysAsync(Pages.Size, cursor, cancellationToken));
        session.Output.WriteList(keys,
        [
            new("PREFIX", k => k.Prefix),
            new("NAME", k => k.Name),
            new("GRANTS", k => string.Join(",", k.Grants)),
            new("CREATED", k => Times.Stamp(k.CreatedAt)),
            new("EXPIRES", k => Times.Stamp(k.ExpiresAt)),
            new("REVOKED", k => Times.Stamp(k.RevokedAt)),
        ]);
        return ExitCodes.Ok;
    }
}
