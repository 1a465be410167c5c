using System.Net.Http.Headers;
using Genie.Client;

namespace Genie.Portal.Session;

/// <summary>
/// The signed-in caller of one circuit. The API key stays here, on the server, for as long as the browser tab's
/// circuit lives; it never travels back to the browser, into a URL or into storage.
/// </summary>
public sealed class PortalSession(IHttpClientFactory httpClients)
{
    /// <summary>The named HttpClient every Genie call of the portal goes through (base address and timeout from the options).</summary>
    public const string HttpClientName = "Genie.Portal";

    private GenieClient? _client;

    /// <summary>Raised after signing in or out, so the layout redraws its navigation.</summary>
    public event Action? Changed;

    public bool IsSignedIn => _client is not null;

    /// <summary>The public prefix of the signed-in key (the part that names it in audits and actors).</summary>
    public string? KeyPrefix { get; private set; }

    public bool DarkMode { get; set; }

    /// <summary>The client acting as the signed-in caller.</summary>
    public GenieClient Genie => _client ?? throw new InvalidOperationException("Nobody is signed in on this circuit.");

    /// <summary>A client without a credential, for the endpoints open to everyone (health).</summary>
    public GenieClient Anonymous() => new(httpClients.CreateClient(HttpClientName));

    /// <summary>
    /// Signs in with <paramref name="key"/> when the server accepts it; the server's refusal (unknown, revoked,
    /// expired key) comes back as the exception's problem.
    /// </summary>
    public async Task SignInAsync(string key, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Trim());
        var client = new GenieClient(http);
        // Any key may list jobs (filtered to what it may see), so this proves the key without needing a grant.
        await client.ListAllJobsAsync(new JobListQuery(Limit: 1), cancellationToken);
        _client = client;
        KeyPrefix = ApiKeyPrefix(key.Trim());
        Changed?.Invoke();
    }

    public void SignOut()
    {
        _client = null;
        KeyPrefix = null;
        Changed?.Invoke();
    }

    // Genie keys read genie_PREFIX_SECRET; a JWT has no prefix worth showing.
    private static string ApiKeyPrefix(string key) =>
        key.Split('_') is ["genie", var prefix, ..] ? prefix : "token";
}
