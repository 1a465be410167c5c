using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Secrets;
using Genie.Server.Secrets.Kubernetes;
using Genie.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Server.Tests.Secrets;

/// <summary>The secrets API: create, rotate, list, delete; values go in encrypted and never come back out.</summary>
public sealed class SecretApiTests(GenieApp app) : IClassFixture<GenieApp>
{
    private const string Value = "s3cr3t-value-that-must-not-leak";
    private readonly HttpClient _http = app.CreateClient();

    [Fact]
    public async Task A_secret_is_created_listed_rotated_and_deleted_without_its_values_ever_coming_back()
    {
        var answers = new StringBuilder();
        using var created = await _http.PostAsJsonAsync("/api/v1/namespaces/team/secrets",
            new CreateSecretRequest("warehouse", new Dictionary<string, string?> { ["password"] = Value, ["user"] = "etl" }), GenieJson.Options);
        answers.Append(await created.Content.ReadAsStringAsync());
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        created.Headers.Location!.ToString().ShouldBe("/api/v1/namespaces/team/secrets/warehouse");

        var listed = await ReadAsync<Page<SecretResource>>("/api/v1/namespaces/team/secrets", answers);
        var secret = listed.Items.ShouldHaveSingleItem();
        secret.Name.ShouldBe("warehouse");
        secret.Keys.ShouldBe(["password", "user"]);
        secret.RotatedAt.ShouldBeNull();

        using var rotated = await _http.PutAsJsonAsync("/api/v1/namespaces/team/secrets/warehouse",
            new RotateSecretRequest(new Dictionary<string, string?> { ["password"] = Value + "-2" }), GenieJson.Options);
        answers.Append(await rotated.Content.ReadAsStringAsync());
        rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await ReadAsync<SecretResource>("/api/v1/namespaces/team/secrets/warehouse", answers);
        after.Keys.ShouldBe(["password"]);
        after.CreatedAt.ShouldBe(secret.CreatedAt);
        after.RotatedAt.ShouldNotBeNull();
        var values = await app.Services.GetRequiredService<SecretVault>().ReadValuesAsync("team", "warehouse", CancellationToken.None);
        values!["password"].ShouldBe(Value + "-2");

        (await _http.DeleteAsync("/api/v1/namespaces/team/secrets/warehouse")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _http.GetAsync("/api/v1/namespaces/team/secrets/warehouse")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _http.DeleteAsync("/api/v1/namespaces/team/secrets/warehouse")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        answers.ToString().ShouldNotContain(Value);
    }

    [Fact]
    public async Task Values_are_stored_only_as_ciphertext_under_the_current_key()
    {
        await CreateAsync("vault", "db", "token", Value);

        await using var connection = await app.OpenDatabaseAsync();
        var row = await connection.QuerySingleAsync<(byte[] Ciphertext, string KeyId)>(
            "select ciphertext, key_id from secrets where namespace = 'vault' and name = 'db'");
        Encoding.UTF8.GetString(row.Ciphertext).ShouldNotContain(Value);
        Convert.ToHexString(row.Ciphertext).ShouldNotContain(Convert.ToHexString(Encoding.UTF8.GetBytes(Value)));
        row.KeyId.ShouldBe(app.Services.GetRequiredService<SecretCipher>().Keys.Current.Id);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_embedded_default_generates_a_key_file_only_its_owner_can_read()
    {
        await CreateAsync("keyfile", "any", "k", Value);

        var path = Path.Combine(app.DataDir, SecretKeyFile.FileName);
        File.Exists(path).ShouldBeTrue();
        File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        SecretKeyFile.ReadOrCreate(app.DataDir).Id.ShouldBe(app.Services.GetRequiredService<SecretCipher>().Keys.Current.Id);
    }

    [Fact]
    public async Task Creating_a_secret_twice_conflicts_and_rotating_a_missing_one_is_not_found()
    {
        await CreateAsync("twice", "once", "k", Value);

        using var again = await _http.PostAsJsonAsync("/api/v1/namespaces/twice/secrets",
            new CreateSecretRequest("once", new Dictionary<string, string?> { ["k"] = Value }), GenieJson.Options);
        using var missing = await _http.PutAsJsonAsync("/api/v1/namespaces/twice/secrets/ghost",
            new RotateSecretRequest(new Dictionary<string, string?> { ["k"] = Value }), GenieJson.Options);

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await again.Content.ReadAsStringAsync()).ShouldNotContain(Value);
    }

    [Fact]
    public async Task Bad_input_is_answered_with_every_error_and_its_path_and_never_the_value()
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = "Not_A_Name",
            ["data"] = new Dictionary<string, object?> { ["bad key"] = Value, ["empty"] = null, ["big"] = new string('x', SecretRules.MaxDataBytes) },
        };
        using var invalid = await _http.PostAsJsonAsync("/api/v1/namespaces/team/secrets", body);
        var text = await invalid.Content.ReadAsStringAsync();

        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        invalid.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        Paths(text).ShouldBe(["body.name", "body.data.bad key", "body.data.empty", "body.data"], ignoreOrder: true);
        text.ShouldNotContain(Value);

        using var noData = await _http.PutAsJsonAsync("/api/v1/namespaces/team/secrets/ok", new { });
        Paths(await noData.Content.ReadAsStringAsync()).ShouldBe(["body.data"]);
        using var badPath = await _http.GetAsync("/api/v1/namespaces/team/secrets/Bad_Name");
        Paths(await badPath.Content.ReadAsStringAsync()).ShouldBe(["path.secret"]);
        using var notAString = await _http.PostAsync("/api/v1/namespaces/team/secrets",
            new StringContent("""{"name": "n", "data": {"k": 12345}}""", Encoding.UTF8, "application/json"));
        Paths(await notAString.Content.ReadAsStringAsync()).ShouldBe(["body.data.k"]);
        (await notAString.Content.ReadAsStringAsync()).ShouldNotContain("12345");

        // A value sent without quotes is not JSON; System.Text.Json names the character it stopped at, which here is
        // the first character of the secret.
        using var unquoted = await _http.PostAsync("/api/v1/namespaces/team/secrets",
            new StringContent("""{"name": "n", "data": {"k": Qwerty}}""", Encoding.UTF8, "application/json"));
        var unquotedText = await unquoted.Content.ReadAsStringAsync();
        Paths(unquotedText).ShouldBe(["body.data.k"]);
        unquotedText.ShouldNotContain("'Q'", Case.Sensitive);
        unquotedText.ShouldContain("A character is an invalid start of a value");
    }

    [Fact]
    public async Task The_listing_is_paged_by_name_and_the_client_walks_every_page()
    {
        var client = app.CreateGenieClient();
        string[] names = ["e", "a", "d", "c", "b"];
        foreach (var name in names)
        {
            await client.CreateSecretAsync("paged", name, new Dictionary<string, string> { ["k"] = Value });
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await client.ListSecretsAsync("paged", limit: 2, cursor: cursor);
            page.Items.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(page.Items.Select(s => s.Name));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        seen.ShouldBe(["a", "b", "c", "d", "e"]);
        pages.ShouldBe(3);
        (await client.ListSecretsAsync("paged")).Items.Count.ShouldBe(5);
        (await client.RotateSecretAsync("paged", "c", new Dictionary<string, string> { ["other"] = Value })).Keys.ShouldBe(["other"]);
        (await client.GetSecretAsync("paged", "c")).RotatedAt.ShouldNotBeNull();
        await client.DeleteSecretAsync("paged", "c");
        (await Should.ThrowAsync<GenieApiException>(() => client.GetSecretAsync("paged", "c"))).StatusCode.ShouldBe(404);

        using var bad = await _http.GetAsync("/api/v1/namespaces/paged/secrets?limit=0&cursor=%25%25");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Paths(await bad.Content.ReadAsStringAsync()).ShouldBe(["query.limit", "query.cursor"], ignoreOrder: true);
    }

    [Fact]
    public async Task Without_kubernetes_configured_nothing_is_synced_there()
    {
        var tasks = await app.CreateGenieClient().ListHousekeepingAsync();

        tasks.Select(t => t.Name).ShouldNotContain(KubernetesSecretReconcile.TaskName);
        tasks.ShouldNotBeEmpty();
        app.Services.GetServices<ISecretSync>().ShouldBeEmpty();
    }

    private async Task CreateAsync(string ns, string name, string key, string value)
    {
        using var response = await _http.PostAsJsonAsync($"/api/v1/namespaces/{ns}/secrets",
            new CreateSecretRequest(name, new Dictionary<string, string?> { [key] = value }), GenieJson.Options);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private async Task<T> ReadAsync<T>(string path, StringBuilder answers)
    {
        var text = await _http.GetStringAsync(path);
        answers.Append(text);
        return JsonSerializer.Deserialize<T>(text, GenieJson.Options)!;
    }

    private static List<string> Paths(string problem) =>
        JsonDocument.Parse(problem).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()!).ToList();
}
