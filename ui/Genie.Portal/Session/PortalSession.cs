using System.Net.Http.Headers;
using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Portal.Session;

/// <summary>
/// The signed-in caller of one circuit. Its credential (an API key, or the access token of a sign-in through the
/// identity provider) stays here, on the server, for as long as the browser tab's circuit lives; it never travels
/// back to the browser, into a URL or into storage.
/// </summary>
public sealed class PortalSession(IHttpClientFactory httpClients)
{
    /// <summary>The named HttpClient every Genie call of the portal goes through (base address and timeout from the options).</summary>
    public const string HttpClientName = "Genie.Portal";

    private const string KeyActor = "key:";

    private GenieClient? _client;

    /// <summary>Raised after signing in or out, so the layout redraws its navigation.</summary>
    public event Action? Changed;

    public bool IsSignedIn => _client is not null;

    /// <summary>Who the server takes the signed-in caller for (`key:PREFIX`, `jwt:SUBJECT`) and its grants.</summary>
    public CallerResource? Caller { get; private set; }

    /// <summary>The prefix of the signed-in API key (what names it in audits); null for a token.</summary>
    public string? KeyPrefix => Caller?.Actor is { } actor && actor.StartsWith(KeyActor, StringComparison.Ordinal) ? actor[KeyActor.Length..] : null;

    public bool DarkMode { get; set; }

    /// <summary>The client acting as the signed-in caller.</summary>
    public GenieClient Genie => _client ?? throw new InvalidOperationException("Nobody is signed in on this circuit.");

    /// <summary>A client without a credential, for the endpoints open to everyone (health).</summary>
    public GenieClient Anonymous() => new(httpClients.CreateClient(HttpClientName));

    /// <summary>
    /// Signs in with <paramref name="credential"/> (an API key or a bearer token) when the server accepts it; the
    /// server's refusal (unknown, revoked or expired key, refused token) comes back as the exception's problem.
    /// </summary>
    public async Task SignInAsync(string credential, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credential.Trim());
        var client = new GenieClient(http);
        // Any caller may ask who it is, so this proves the credential and learns what the navigation may offer.
        Caller = await client.WhoAmIAsync(cancellationToken);
        _client = client;
        Changed?.Invoke();
    }

    public void SignOut()
    {
        _client = null;
        Caller = null;
        Changed?.Invoke();
    }
}
