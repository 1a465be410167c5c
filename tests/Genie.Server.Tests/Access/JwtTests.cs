using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Genie.Client;
using Genie.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Genie.Server.Tests.Access;

/// <summary>
/// Bearer tokens of an external issuer: checked for issuer, audience, lifetime and signature (a static shared key, or
/// RSA keys from a JWKS URL served on loopback), named `jwt:{sub}`, with grants from a claim or mapped from groups.
/// </summary>
public sealed class JwtTests
{
    private const string Issuer = "https://issuer.test";
    private const string Audience = "genie";

    [Fact]
    public async Task A_token_with_a_static_key_acts_as_its_subject_with_its_grants()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var key = new SymmetricSecurityKey(secret);
        await using var app = await StartAsync(("Genie:Auth:Jwt:SigningKeys:0", "base64:" + Convert.ToBase64String(secret)),
            ("Genie:Auth:Jwt:GroupGrants:platform:0", "cluster-admin"));
        var signing = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);

        var alice = ClientWith(app, Token(signing, "alice", grants: ["operator:team"]));
        var applied = await alice.ApplyJobAsync("team", "from-ci", TestSpecs.Yaml("from-ci"));
        (await alice.GetJobVersionAsync("team", "from-ci", applied.Result.Job.Version)).AppliedBy.ShouldBe("jwt:alice");
        var run = await alice.TriggerRunAsync("team", "from-ci");
        run.TriggeredBy.ShouldBe("jwt:alice");
        (await Should.ThrowAsync<GenieApiException>(() => alice.ListJobsAsync("other"))).StatusCode.ShouldBe(404);
        (await Should.ThrowAsync<GenieApiException>(() => alice.ListApiKeysAsync())).StatusCode.ShouldBe(403);

        var platform = ClientWith(app, Token(signing, "bob", groups: ["platform"]));
        (await platform.ListApiKeysAsync()).Items.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Tokens_of_another_issuer_audience_or_key_expired_or_without_subject_are_refused()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        await using var app = await StartAsync(("Genie:Auth:Jwt:SigningKeys:0", "base64:" + Convert.ToBase64String(secret)));
        var good = new SigningCredentials(new SymmetricSecurityKey(secret), SecurityAlgorithms.HmacSha256);
        var forged = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256);

        (await ClientWith(app, Token(good, "alice", grants: ["viewer:*"])).ListAllJobsAsync()).ShouldNotBeNull();
        string[] refusedTokens =
        [
            Token(good, "alice", grants: ["viewer:*"], issuer: "https://someone.else"),
            Token(good, "alice", grants: ["viewer:*"], audience: "not-genie"),
            Token(good, "alice", grants: ["viewer:*"], expires: DateTime.UtcNow.AddMinutes(-10)),
            Token(forged, "alice", grants: ["viewer:*"]),
            Token(good, null, grants: ["viewer:*"]),
        ];
        foreach (var token in refusedTokens)
        {
            (await Should.ThrowAsync<GenieApiException>(() => ClientWith(app, token).ListAllJobsAsync())).StatusCode.ShouldBe(401);
        }
    }

    [Fact]
    public async Task Signing_keys_are_read_from_the_issuers_jwks_url()
    {
        using var rsa = RSA.Create(2048);
        var published = new RsaSecurityKey(rsa) { KeyId = "k1" };
        await using var jwks = await JwksServer.StartAsync(published);
        await using var app = await StartAsync(("Genie:Auth:Jwt:JwksUrl", jwks.Url), ("Genie:Auth:Jwt:RequireHttpsJwks", "false"));

        using var other = RSA.Create(2048);
        var viaJwks = ClientWith(app, Token(new SigningCredentials(published, SecurityAlgorithms.RsaSha256), "carol", grants: ["viewer:team"]));
        var unknown = ClientWith(app, Token(
            new SigningCredentials(new RsaSecurityKey(other) { KeyId = "k2" }, SecurityAlgorithms.RsaSha256), "carol", grants: ["viewer:team"]));

        (await viaJwks.ListJobsAsync("team")).Items.ShouldBeEmpty();
        (await Should.ThrowAsync<GenieApiException>(() => unknown.ListJobsAsync("team"))).StatusCode.ShouldBe(401);
        jwks.Requests.ShouldBeGreaterThan(0);
    }

    private static async Task<GenieApp> StartAsync(params (string Key, string Value)[] settings) =>
        await GenieApp.StartAsync([("Genie:Auth:Jwt:Issuer", Issuer), ("Genie:Auth:Jwt:Audience", Audience), .. settings]);

    private static GenieClient ClientWith(GenieApp app, string token) => new(TestCredentials.Authorize(app.CreateClient(), token));

    private static string Token(
        SigningCredentials signing, string? subject, string[]? grants = null, string[]? groups = null,
        string issuer = Issuer, string audience = Audience, DateTime? expires = null)
    {
        var claims = new List<Claim>();
        if (subject is not null)
        {
            claims.Add(new Claim("sub", subject));
        }

        claims.AddRange((grants ?? []).Select(g => new Claim("genie_grants", g)));
        claims.AddRange((groups ?? []).Select(g => new Claim("groups", g)));
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = expiry.AddMinutes(-30),
            IssuedAt = expiry.AddMinutes(-30),
            Expires = expiry,
            SigningCredentials = signing,
        });
    }

    /// <summary>An issuer's JWKS endpoint on loopback, counting how often Genie fetched it.</summary>
    private sealed class JwksServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _requests;

        private JwksServer(WebApplication app) => _app = app;

        public string Url { get; private set; } = "";

        public int Requests => _requests;

        public static async Task<JwksServer> StartAsync(RsaSecurityKey key)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var server = new JwksServer(app);
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
            var document = $$"""{"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": "{{jwk.Kid}}", "n": "{{jwk.N}}", "e": "{{jwk.E}}"}]}""";
            app.MapGet("/jwks.json", () =>
            {
                Interlocked.Increment(ref server._requests);
                return Results.Text(document, "application/json");
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            server.Url = address + "/jwks.json";
            return server;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
