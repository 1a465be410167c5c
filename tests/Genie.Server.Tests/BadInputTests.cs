using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests;

/// <summary>Bad requests get a problem document naming what is wrong: never a 500, a stack trace or a hang.</summary>
public sealed class BadInputTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly HttpClient _http = app.CreateClient();

    [Fact]
    public async Task Invalid_spec_lists_every_error_with_its_path()
    {
        const string yaml = """
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: broken}
            spec:
              timeout: soon
              tasks:
                - name: a
                  dependsOn: [missing]
                  command: [echo]
                  script: echo
                - name: a
                  comand: [echo]
            """;

        var (status, problem) = await PutAsync("team", "broken", yaml, "application/yaml");

        status.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("status").GetInt32().ShouldBe(400);
        var paths = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        paths.ShouldContain("spec.timeout");
        paths.ShouldContain("spec.tasks[0].dependsOn[0]");
        paths.ShouldContain(p => p!.StartsWith("spec.tasks[1]"));
        paths.Count.ShouldBeGreaterThanOrEqualTo(4);
        problem.GetProperty("errors").EnumerateArray().ShouldAllBe(e => e.GetProperty("message").GetString()!.Length > 0);
    }

    [Fact]
    public async Task Metadata_must_match_the_url()
    {
        var (status, problem) = await PutAsync("team", "other-name", TestSpecs.Yaml("real-name", ns: "not-team"), "application/yaml");

        status.ShouldBe(HttpStatusCode.BadRequest);
        var paths = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        paths.ShouldBe(["metadata.name", "metadata.namespace"]);
    }

    [Theory]
    [InlineData("Bad_Namespace", "ok", "path.namespace")]
    [InlineData("ok", "UPPER", "path.name")]
    [InlineData("ok", "way-too-long-for-a-dns-label-because-it-keeps-going-on-and-on-and-on", "path.name")]
    public async Task Names_in_the_url_are_checked(string ns, string name, string path)
    {
        var (status, problem) = await PutAsync(ns, name, TestSpecs.Yaml(name), "application/yaml");

        status.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe(path);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/yaml; charset=latin1")]
    public async Task Unsupported_media_types_get_415(string contentType)
    {
        var (status, problem) = await PutAsync("team", "media", TestSpecs.Yaml("media"), contentType);

        status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        problem.GetProperty("detail").GetString()!.ShouldContain("application/yaml");
    }

    [Fact]
    public async Task Oversized_body_gets_413_without_being_buffered_whole()
    {
        var huge = TestSpecs.Yaml("huge") + "\n#" + new string('x', 2 * 1024 * 1024);

        var (status, problem) = await PutAsync("team", "huge", huge, "application/yaml");

        status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("title").GetString().ShouldBe("Spec too large");
    }

    [Fact]
    public async Task Invalid_utf8_is_rejected()
    {
        var bytes = Encoding.UTF8.GetBytes(TestSpecs.Yaml("bytes")).Concat(new byte[] { 0xC3, 0x28, 0xFF }).ToArray();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");

        using var response = await _http.PutAsync("/api/v1/namespaces/team/jobs/bytes", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("UTF-8");
    }

    [Theory]
    [InlineData("{\"apiVersion\": ")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"apiVersion\":\"genie.dev/v1\",\"apiVersion\":\"x\"}")]
    [InlineData("{\"a\":\"\\ud800\"}")]
    [InlineData("\"just a string\"")]
    public async Task Malformed_json_is_a_400_with_errors(string json)
    {
        var (status, problem) = await PutAsync("team", "json", json, "application/json");

        status.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Yaml_alias_bomb_is_rejected_quickly()
    {
        var bomb = new StringBuilder("apiVersion: genie.dev/v1\nkind: Job\nmetadata: {name: bomb}\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            bomb.Append($"x{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        var (status, problem) = await PutAsync("team", "bomb", bomb.ToString(), "application/yaml");

        status.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Deep_nesting_is_rejected()
    {
        var deep = "apiVersion: genie.dev/v1\nkind: Job\nmetadata: {name: deep}\nspec: " + new string('[', 50_000) + new string(']', 50_000);

        var (status, _) = await PutAsync("team", "deep", deep, "application/yaml");

        status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/v1/namespaces/team/jobs?limit=abc", "query.limit")]
    [InlineData("/api/v1/namespaces/team/jobs?limit=0", "query.limit")]
    [InlineData("/api/v1/namespaces/team/jobs?limit=100000", "query.limit")]
    [InlineData("/api/v1/namespaces/team/jobs?cursor=%%%", "query.cursor")]
    [InlineData("/api/v1/namespaces/team/jobs?cursor=bm90LWEtY3Vyc29y", "query.cursor")]
    [InlineData("/api/v1/namespaces/team/jobs?labelSelector=team%20in%20(a", "query.labelSelector")]
    [InlineData("/api/v1/namespaces/team/jobs?labelSelector=-bad-=x", "query.labelSelector")]
    [InlineData("/api/v1/namespaces/team/jobs?group=No_Good", "query.group")]
    [InlineData("/api/v1/namespaces/team/jobs/x/versions/abc", "path.version")]
    [InlineData("/api/v1/namespaces/team/jobs/x/versions/0", "path.version")]
    [InlineData("/api/v1/namespaces/team/jobs/x/versions?cursor=%%%", "query.cursor")]
    public async Task Bad_query_and_path_values_name_their_path(string url, string path)
    {
        using var response = await _http.GetAsync(url);
        var problem = await ReadProblemAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ShouldContain(path);
    }

    [Theory]
    [InlineData("/api/v1/namespaces/team/jobs/nobody")]
    [InlineData("/api/v1/namespaces/team/jobs/nobody/versions")]
    [InlineData("/api/v1/namespaces/team/jobs/nobody/versions/3")]
    [InlineData("/api/v1/namespaces/team/jobs/nobody/source")]
    [InlineData("/api/v1/no-such-route")]
    public async Task Missing_things_are_404_problems(string url)
    {
        using var response = await _http.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_trigger_with_more_params_than_a_job_may_declare_is_refused_in_one_error()
    {
        using var spec = new StringContent(TestSpecs.Yaml("few-params"), Encoding.UTF8, "application/yaml");
        (await _http.PutAsync("/api/v1/namespaces/team/jobs/few-params", spec)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var many = string.Join(",", Enumerable.Range(0, 5_000).Select(i => $"\"p{i}\": \"v\""));
        using var content = new StringContent("{\"params\": {" + many + "}}", Encoding.UTF8, "application/json");

        using var response = await _http.PostAsync("/api/v1/namespaces/team/jobs/few-params/runs", content);
        var problem = await ReadProblemAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ShouldBe(["body.params"]);
    }

    private async Task<(HttpStatusCode Status, JsonElement Problem)> PutAsync(string ns, string name, string body, string contentType)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await _http.PutAsync($"/api/v1/namespaces/{ns}/jobs/{name}", content);
        return (response.StatusCode, await ReadProblemAsync(response));
    }

    private static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain("   at ");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
