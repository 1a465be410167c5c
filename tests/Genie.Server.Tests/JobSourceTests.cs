using System.Net;
using System.Text.Json;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests;

/// <summary>The source marker: which GitOps source manages a job, set by `apply ?source=`, shown and filterable.</summary>
public sealed class JobSourceTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly GenieClient _client = app.CreateGenieClient();

    [Fact]
    public async Task Apply_with_a_source_marks_the_job_and_the_listing_filters_by_it()
    {
        await _client.ApplyJobAsync("sourced", "from-git", TestSpecs.Yaml("from-git"), source: "dir:jobs/team-a");
        await _client.ApplyJobAsync("sourced", "by-hand", TestSpecs.Yaml("by-hand"));
        await _client.ApplyJobAsync("sourced", "other-dir", TestSpecs.Yaml("other-dir"), source: "dir:jobs/team-b");

        (await _client.GetJobAsync("sourced", "from-git")).Source.ShouldBe("dir:jobs/team-a");
        (await _client.GetJobAsync("sourced", "by-hand")).Source.ShouldBeNull();
        var managed = await _client.ListJobsAsync("sourced", new JobListQuery(Source: "dir:jobs/team-a"));
        managed.Items.Select(j => j.Name).ShouldBe(["from-git"]);
        var everywhere = await _client.ListAllJobsAsync(new JobListQuery(Source: "dir:jobs/team-b"));
        everywhere.Items.Select(j => j.Name).ShouldBe(["other-dir"]);
    }

    [Fact]
    public async Task An_unchanged_apply_from_a_source_takes_the_job_over_and_one_without_keeps_the_marker()
    {
        var spec = TestSpecs.Yaml("adopted");
        await _client.ApplyJobAsync("adopting", "adopted", spec);

        var dryRun = await _client.ApplyJobAsync("adopting", "adopted", spec, dryRun: true, source: "dir:gitops");
        dryRun.Result.Outcome.ShouldBe(ApplyOutcome.Unchanged);
        (await _client.GetJobAsync("adopting", "adopted")).Source.ShouldBeNull();

        var adopted = await _client.ApplyJobAsync("adopting", "adopted", spec, source: "dir:gitops");
        adopted.Result.Outcome.ShouldBe(ApplyOutcome.Unchanged);
        adopted.Result.Job.Source.ShouldBe("dir:gitops");
        adopted.Result.Job.Version.ShouldBe(1);

        await _client.ApplyJobAsync("adopting", "adopted", TestSpecs.Yaml("adopted", message: "changed by hand"));
        var job = await _client.GetJobAsync("adopting", "adopted");
        job.Version.ShouldBe(2);
        job.Source.ShouldBe("dir:gitops");
    }

    [Theory]
    [InlineData("PUT", "/api/v1/namespaces/bad/jobs/x?source=has%20space")]
    [InlineData("GET", "/api/v1/namespaces/bad/jobs?source=%22quoted%22")]
    [InlineData("GET", "/api/v1/jobs?source=semi;colon")]
    public async Task A_bad_source_is_a_400_naming_the_query_field(string method, string path)
    {
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "PUT")
        {
            request.Content = new StringContent(TestSpecs.Yaml("x"), System.Text.Encoding.UTF8, "application/yaml");
        }

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe("query.source");
    }
}
