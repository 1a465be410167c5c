using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>Listing runs: newest first, filtered by job and state, paged with cursors.</summary>
public sealed class RunListingTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "listing");

    [Fact]
    public async Task Runs_are_filtered_by_job_and_state_and_paged_newest_first()
    {
        await _bench.ApplyAsync("good", "- {name: work, command: [\"true\"]}");
        await _bench.ApplyAsync("bad", "- {name: work, command: [\"false\"]}");
        var good = new List<RunResource>();
        for (var i = 0; i < 5; i++)
        {
            good.Add(await _bench.RunAsync("good"));
        }

        var bad = new[] { await _bench.RunAsync("bad"), await _bench.RunAsync("bad") };

        var pages = await AllPagesAsync(new RunListQuery(Job: "good", Limit: 2));
        pages.Select(p => p.Count).ShouldBe([2, 2, 1]);
        pages.SelectMany(p => p).Select(r => r.Id).ShouldBe(good.Select(r => r.Id).Reverse());
        pages.SelectMany(p => p).ShouldAllBe(r => r.Tasks == null);

        var failed = await _bench.Client.ListRunsAsync(_bench.Namespace, new RunListQuery(State: "failed"));
        failed.Items.Select(r => r.Id).ShouldBe(bad.Select(r => r.Id).Reverse());
        failed.NextCursor.ShouldBeNull();
        (await _bench.Client.ListRunsAsync(_bench.Namespace, new RunListQuery(Job: "bad", State: "succeeded"))).Items.ShouldBeEmpty();
        (await _bench.Client.ListRunsAsync(_bench.Namespace)).Items.Count.ShouldBe(7);
        (await _bench.Client.ListRunsAsync("elsewhere")).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Bad_filters_are_rejected_with_their_paths()
    {
        var error = await Should.ThrowAsync<GenieApiException>(() =>
            _bench.Client.ListRunsAsync(_bench.Namespace, new RunListQuery(Job: "Not_A_Name", State: "sleeping", Limit: 0, Cursor: "garbage")));

        error.StatusCode.ShouldBe(400);
        error.Problem.Errors!.Select(e => e.Path).Order().ShouldBe(["query.cursor", "query.job", "query.limit", "query.state"]);
    }

    private async Task<List<IReadOnlyList<RunResource>>> AllPagesAsync(RunListQuery query)
    {
        var pages = new List<IReadOnlyList<RunResource>>();
        for (string? cursor = null; ;)
        {
            var page = await _bench.Client.ListRunsAsync(_bench.Namespace, query with { Cursor = cursor });
            pages.Add(page.Items);
            if ((cursor = page.NextCursor) is null)
            {
                return pages;
            }
        }
    }
}
