using Bunit;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Client.Resources;
using Genie.Portal.Dashboard;
using Genie.Portal.Live;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Genie.Portal.Tests.Components;

/// <summary>The dashboard shows the stats API's figures, says so when a figure is empty, and shows loading and failure deliberately.</summary>
public sealed class DashboardTests
{
    private static readonly DateTimeOffset From = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    // bunit waits a second by default; the first render of a chart on a busy machine can take longer.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Every_figure_is_shown_with_failures_linking_to_their_runs()
    {
        await using var context = PortalTestContext.Create();
        var stats = new StubStatsApi(Busy());

        var dashboard = context.Render<StatsDashboard>(p => p.Add(d => d.Stats, stats));

        dashboard.WaitForElement("[data-testid=runs-chart]", Patience);
        dashboard.Find("[data-testid=success-rate]").TextContent.ShouldContain("67");
        dashboard.Find("[data-testid=runs-started]").TextContent.ShouldContain("5");
        dashboard.Find("[data-testid=executor-slots]").TextContent.ShouldContain("1 / 4 in use");
        dashboard.FindComponents<MudChart<double>>().Single().Instance.ChartSeries.Select(s => s.Name).ShouldBe(["Started", "Succeeded", "Failed"]);
        var failure = dashboard.Find("[data-testid=failure]");
        failure.GetAttribute("href").ShouldBe("runs/team/0b4c7a2e-1d55-4a3c-9d0e-0c6b1a3e7f10");
        failure.TextContent.ShouldContain("task load failed");
        var slowest = dashboard.Find("[data-testid=slowest-jobs]").TextContent;
        slowest.ShouldContain("team/nightly");
        slowest.ShouldContain("2m 00s");
        dashboard.Find("[data-testid=schedule-delay]").TextContent.ShouldContain("1.5 s");
        dashboard.Find("[data-testid=task-hotspots]").TextContent.ShouldContain("load");
        dashboard.Find("[data-testid=dashboard-source]").TextContent.ShouldContain("computed from Genie's tables");
        dashboard.FindAll("[data-testid=empty-figure]").ShouldBeEmpty();
    }

    [Fact]
    public async Task An_empty_range_says_so_in_each_card_instead_of_drawing_nothing()
    {
        await using var context = PortalTestContext.Create();
        var stats = new StubStatsApi(Quiet());

        var dashboard = context.Render<StatsDashboard>(p => p.Add(d => d.Stats, stats));

        dashboard.WaitForElement("[data-testid=runs-chart]", Patience);
        dashboard.FindComponents<MudChart<double>>().ShouldBeEmpty();
        dashboard.FindAll("[data-testid=empty-figure]").Select(e => e.TextContent.Trim()).ShouldBe([
            "No run started or ended in this range.", "No run failed in this range.", "No run ended in this range.",
            "No cron tick fired in this range.", "No task failed in this range.",
        ]);
        dashboard.Find("[data-testid=success-rate]").TextContent.ShouldContain("—");
    }

    [Fact]
    public async Task It_shows_progress_while_loading_and_the_failure_when_the_server_refuses()
    {
        await using var context = PortalTestContext.Create();
        var answer = new TaskCompletionSource<DashboardFigures>();
        var stats = new StubStatsApi(answer.Task);

        var dashboard = context.Render<StatsDashboard>(p => p.Add(d => d.Stats, stats));

        dashboard.FindComponents<MudProgressLinear>().ShouldNotBeEmpty();
        answer.SetException(new GenieApiException(500, new ApiProblem(null, "Internal Server Error", 500, "the database is gone", null, null)));
        dashboard.WaitForElement("[data-testid=load-error]", Patience).TextContent.ShouldContain("500 Internal Server Error: the database is gone");
    }

    [Fact]
    public async Task The_namespace_and_range_filters_go_into_the_query()
    {
        await using var context = PortalTestContext.Create();
        context.Render<MudPopoverProvider>();
        var stats = new StubStatsApi(Busy());
        var dashboard = context.Render<StatsDashboard>(p => p.Add(d => d.Stats, stats));
        dashboard.WaitForElement("[data-testid=runs-chart]", Patience);
        (stats.Queries.Last().Namespace, stats.Queries.Last().Bucket).ShouldBe((null, "1h"));
        stats.Queries.Last().From!.Value.ShouldBe(DateTimeOffset.UtcNow.AddHours(-24), TimeSpan.FromMinutes(1));

        var ns = dashboard.FindComponents<MudTextField<string>>().Single();
        await dashboard.InvokeAsync(() => ns.Instance.ValueChanged.InvokeAsync("team"));
        await dashboard.InvokeAsync(() => ns.Instance.OnBlur.InvokeAsync(new Microsoft.AspNetCore.Components.Web.FocusEventArgs()));
        var range = dashboard.FindComponents<MudSelect<DashboardRange>>().Single();
        await dashboard.InvokeAsync(() => range.Instance.ValueChanged.InvokeAsync(DashboardRange.All[0]));

        dashboard.WaitForAssertion(() => (stats.Queries.Last().Namespace, stats.Queries.Last().Bucket).ShouldBe(("team", "5m")), Patience);
        stats.Queries.Last().From!.Value.ShouldBe(DateTimeOffset.UtcNow.AddHours(-1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Events_make_it_read_again_once_for_a_whole_burst()
    {
        await using var context = PortalTestContext.Create();
        var events = new FakeEventSource();
        context.Services.AddSingleton<IEventSource>(events);
        var stats = new StubStatsApi(Busy());

        var dashboard = context.Render<StatsDashboard>(p => p.Add(d => d.Stats, stats));
        dashboard.WaitForElement("[data-testid=runs-chart]", Patience);
        (await events.NextOpeningAsync()).Filter.ShouldBe(new EventStreamFilter());
        stats.Queries.Count.ShouldBe(1);
        for (var id = 1; id <= 20; id++)
        {
            events.Publish(FakeEventSource.RunMoved(id, "0b4c7a2e-1d55-4a3c-9d0e-0c6b1a3e7f10"));
        }

        // The stream's opening and the twenty events all fall in one gap after the first read: one read covers them.
        dashboard.WaitForAssertion(() => stats.Queries.Count.ShouldBe(2), TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(1));
        stats.Queries.Count.ShouldBe(2);
    }

    private static Task<DashboardFigures> Busy()
    {
        var runs = new RunStatsResource(StatsSource.Sql, From, From.AddHours(2), TimeSpan.FromHours(1),
            [new RunStatsBucket(From, From.AddHours(1), 3, 2, 1), new RunStatsBucket(From.AddHours(1), From.AddHours(2), 2, 2, 1)],
            Started: 5, Succeeded: 4, Failed: 2, SuccessRate: 4.0 / 6);
        return Task.FromResult(new DashboardFigures(
            runs,
            List(new FailedRunResource("team", "nightly", "0b4c7a2e-1d55-4a3c-9d0e-0c6b1a3e7f10", "task load failed", From.AddMinutes(70))),
            List(new JobDurationResource("team", "nightly", 3, 60_000, 120_000)),
            List(new ScheduleDelayResource("team", "nightly", 2, 1_500, 1_000)),
            List(new TaskFailureResource("team", "nightly", "load", 2)),
            new ExecutorSlotsResource(StatsSource.Sql, 4, 1, [new ReplicaSlotsResource("host/abc", "host", 4, 1, From)])));
    }

    private static Task<DashboardFigures> Quiet() => Task.FromResult(new DashboardFigures(
        new RunStatsResource(StatsSource.Sql, From, From.AddHours(1), TimeSpan.FromHours(1), [new RunStatsBucket(From, From.AddHours(1), 0, 0, 0)], 0, 0, 0, null),
        List<FailedRunResource>(), List<JobDurationResource>(), List<ScheduleDelayResource>(), List<TaskFailureResource>(),
        new ExecutorSlotsResource(StatsSource.Sql, 0, 0, [])));

    private static StatsList<T> List<T>(params T[] items) => new(StatsSource.Sql, From, From.AddHours(2), items);

    /// <summary>An <see cref="IStatsApi"/> answering from one set of figures (or one failure), recording each query it gets.</summary>
    private sealed class StubStatsApi(Task<DashboardFigures> figures) : IStatsApi
    {
        public List<StatsQuery> Queries { get; } = [];

        public async Task<RunStatsResource> GetRunsAsync(StatsQuery? query = null, CancellationToken cancellationToken = default)
        {
            Queries.Add(query!);
            return (await figures).Runs;
        }

        public async Task<StatsList<FailedRunResource>> GetFailuresAsync(StatsQuery? query = null, CancellationToken cancellationToken = default) =>
            (await figures).Failures;

        public async Task<StatsList<JobDurationResource>> GetDurationsAsync(StatsQuery? query = null, CancellationToken cancellationToken = default) =>
            (await figures).Durations;

        public async Task<StatsList<ScheduleDelayResource>> GetScheduleDelayAsync(StatsQuery? query = null, CancellationToken cancellationToken = default) =>
            (await figures).Delays;

        public async Task<StatsList<TaskFailureResource>> GetTaskFailuresAsync(StatsQuery? query = null, CancellationToken cancellationToken = default) =>
            (await figures).Hotspots;

        public async Task<ExecutorSlotsResource> GetExecutorSlotsAsync(CancellationToken cancellationToken = default) => (await figures).Slots;
    }
}
