using Genie.Client;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests;

/// <summary>Listing jobs: namespaces, group and label filters, and keyset paging.</summary>
public sealed class JobListingTests(GenieApp app) : IClassFixture<GenieApp>, IAsyncLifetime
{
    private readonly GenieClient _client = app.CreateGenieClient();

    public async Task InitializeAsync()
    {
        foreach (var (name, group, team) in new[]
                 {
                     ("a-load", "etl", "data"), ("b-clean", "etl", "ops"), ("c-report", "reports", "data"),
                     ("d-train", "ml", "science"), ("e-serve", "ml", "ops"),
                 })
        {
            await _client.ApplyJobAsync("listing", name, TestSpecs.Yaml(name, group: group, team: team));
        }

        await _client.ApplyJobAsync("elsewhere", "z-other", TestSpecs.Yaml("z-other"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Lists_a_namespace_in_name_order()
    {
        var page = await _client.ListJobsAsync("listing");

        page.Items.Select(j => j.Name).ShouldBe(["a-load", "b-clean", "c-report", "d-train", "e-serve"]);
        page.NextCursor.ShouldBeNull();
    }

    [Theory]
    [InlineData("etl", null, "a-load,b-clean")]
    [InlineData(null, "team=data", "a-load,c-report")]
    [InlineData(null, "team==ops", "b-clean,e-serve")]
    [InlineData(null, "team!=data", "b-clean,d-train,e-serve")]
    [InlineData(null, "team in (science, ops)", "b-clean,d-train,e-serve")]
    [InlineData(null, "team notin (science,ops)", "a-load,c-report")]
    [InlineData(null, "team", "a-load,b-clean,c-report,d-train,e-serve")]
    [InlineData(null, "!team", "")]
    [InlineData("ml", "team=ops", "e-serve")]
    public async Task Filters_by_group_and_label_selector(string? group, string? selector, string expected)
    {
        var page = await _client.ListJobsAsync("listing", new JobListQuery(Group: group, LabelSelector: selector));

        string.Join(',', page.Items.Select(j => j.Name)).ShouldBe(expected);
    }

    [Fact]
    public async Task Pages_with_cursors_until_the_end()
    {
        var names = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _client.ListJobsAsync("listing", new JobListQuery(Limit: 2, Cursor: cursor));
            names.AddRange(page.Items.Select(j => j.Name));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        pages.ShouldBe(3);
        names.ShouldBe(["a-load", "b-clean", "c-report", "d-train", "e-serve"]);
    }

    [Fact]
    public async Task Lists_every_namespace()
    {
        var all = await _client.ListAllJobsAsync(new JobListQuery(Limit: 500));

        all.Items.Select(j => $"{j.Namespace}/{j.Name}").ShouldBe([
            "elsewhere/z-other", "listing/a-load", "listing/b-clean", "listing/c-report", "listing/d-train", "listing/e-serve",
        ]);
    }
}
