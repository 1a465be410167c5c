using System.Net.Http.Headers;
using Genie.Server.Access;

namespace Genie.Server.Tests.Infrastructure;

/// <summary>
/// The cluster-admin key every test server is started with (`Genie:Auth:BootstrapKey`), drawn afresh for each test
/// process, and the way test clients present it. Tests about access itself make their own keys.
/// </summary>
public static class TestCredentials
{
    public const string BootstrapKeySetting = "Genie:Auth:BootstrapKey";

    public static string AdminKey { get; } = ApiKeyToken.Generate().Text;

    /// <summary>The actor the admin key's changes are recorded against.</summary>
    public static string AdminActor => "key:" + AdminKey.Split('_')[1];

    /// <summary>Makes <paramref name="http"/> send <paramref name="key"/> (the admin key by default) with every request.</summary>
    public static HttpClient Authorize(HttpClient http, string? key = null)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key ?? AdminKey);
        return http;
    }
}
