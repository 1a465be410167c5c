using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Genie.Portal.Tests.Infrastructure;

/// <summary>
/// A small OpenID Connect provider on 127.0.0.1 for the sign-in tests: discovery document, an authorize endpoint that
/// approves at once (as a signed-in user would) and redirects back with a code, a token endpoint that checks the client,
/// the code and its PKCE verifier and issues RS256 tokens (an id token for the portal, an access token for Genie with
/// the user's grants), and the JWKS.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "genie-portal";
    public const string ClientSecret = "portal-secret-for-tests";
    public const string GenieAudience = "genie";

    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly SigningCredentials _signing;
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private int _tokensIssued;

    private TestOidcProvider(WebApplication app, string subject, IReadOnlyList<string> grants)
    {
        _app = app;
        Subject = subject;
        Grants = grants;
        _signing = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = "test-key" }, SecurityAlgorithms.RsaSha256);
    }

    /// <summary>The issuer, also the authority the portal discovers the endpoints from.</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>The user every authorization signs in.</summary>
    public string Subject { get; }

    /// <summary>The `genie_grants` of that user's access tokens.</summary>
    public IReadOnlyList<string> Grants { get; }

    /// <summary>How many token requests succeeded.</summary>
    public int TokensIssued => _tokensIssued;

    public static async Task<TestOidcProvider> StartAsync(string subject, IReadOnlyList<string> grants)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var provider = new TestOidcProvider(builder.Build(), subject, grants);
        provider.Map();
        await provider._app.StartAsync();
        provider.Issuer = provider._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _rsa.Dispose();
    }

    private void Map()
    {
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["jwks_uri"] = Issuer + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = "test-key" });
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        _app.MapGet("/authorize", Authorize);
        _app.MapPost("/token", TokenAsync);
    }

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code" || string.IsNullOrEmpty(query["redirect_uri"])
            || query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"]))
        {
            return Results.BadRequest("unexpected authorization request");
        }

        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new PendingCode(query["redirect_uri"]!, query["nonce"].ToString(), query["code_challenge"]!, query["scope"].ToString());
        var separator = query["redirect_uri"].ToString().Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return Results.Redirect($"{query["redirect_uri"]}{separator}code={code}&state={Uri.EscapeDataString(query["state"].ToString())}");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (clientId, secret) = ClientOf(request, form);
        if (clientId != ClientId || secret != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var pending)
            || pending.RedirectUri != form["redirect_uri"] || Challenge(form["code_verifier"].ToString()) != pending.CodeChallenge)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }

        Interlocked.Increment(ref _tokensIssued);
        var idClaims = new List<Claim> { new("sub", Subject) };
        if (pending.Nonce.Length > 0)
        {
            idClaims.Add(new Claim("nonce", pending.Nonce));
        }

        var accessClaims = new List<Claim> { new("sub", Subject), new("scope", pending.Scope) };
        accessClaims.AddRange(Grants.Select(g => new Claim("genie_grants", g)));
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = Token(GenieAudience, accessClaims),
            ["id_token"] = Token(ClientId, idClaims),
            ["token_type"] = "Bearer",
            ["expires_in"] = 600,
        });
    }

    private static (string? ClientId, string? Secret) ClientOf(HttpRequest request, IFormCollection form)
    {
        if (request.Headers.Authorization.ToString() is { } header && header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : null);
        }

        return (form["client_id"], form["client_secret"]);
    }

    private static string Challenge(string verifier) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private string Token(string audience, IEnumerable<Claim> claims) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = audience,
        Subject = new ClaimsIdentity(claims),
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = _signing,
    });

    private sealed record PendingCode(string RedirectUri, string Nonce, string CodeChallenge, string Scope);
}
