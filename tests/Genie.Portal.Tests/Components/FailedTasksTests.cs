using Bunit;
using Genie.Client.Contracts;
using Genie.Portal.Runs;
using Genie.Portal.Tests.Runs;

namespace Genie.Portal.Tests.Components;

/// <summary>Failed tasks are listed up front with the reason their executor recorded, and lead to their log.</summary>
public sealed class FailedTasksTests
{
    private static RunResource Run(params TaskRunResource[] tasks) => SampleRuns.Run("airflow", "failed", tasks);

    [Fact]
    public async Task Each_failed_task_shows_its_last_attempts_reason_or_else_the_tasks()
    {
        await using var context = PortalTestContext.Create();
        var picked = new List<(string, int, int)>();

        var failed = context.Render<FailedTasks>(p => p
            .Add(f => f.Run, Run(
                new TaskRunResource("ok", 0, "succeeded", null, 1, 0, null, null, null, null, []),
                new TaskRunResource("load", 0, "failed", "airflow: failed", 2, null, null, null, null, null,
                [
                    new TaskAttemptResource(1, "failed", null, null, DateTimeOffset.UnixEpoch, null, ""),
                    new TaskAttemptResource(2, "failed", null, "pod OOMKilled", DateTimeOffset.UnixEpoch, null, ""),
                ]),
                new TaskRunResource("publish", 1, "failed", "airflow: failed", 1, 1, null, null, null, null,
                    [new TaskAttemptResource(1, "failed", 1, null, DateTimeOffset.UnixEpoch, null, "")])))
            .Add(f => f.OnSelect, picked.Add));

        failed.Find("[data-testid=failed-tasks]").TextContent.ShouldContain("2 tasks failed");
        failed.Find("[data-task=load]").TextContent.ShouldContain("attempt #2, pod OOMKilled");
        failed.Find("[data-task=publish] strong").TextContent.ShouldBe("publish [1]");
        failed.Find("[data-task=publish] span").TextContent.ShouldBe("attempt #1, exit code 1, airflow: failed");
        failed.Find("[data-task=load] button").Click();
        picked.ShouldBe([("load", 0, 2)]);
    }

    [Fact]
    public async Task Nothing_shows_when_no_task_failed()
    {
        await using var context = PortalTestContext.Create();

        var failed = context.Render<FailedTasks>(p => p.Add(f => f.Run, Run(new TaskRunResource("ok", 0, "succeeded", null, 1, 0, null, null, null, null, []))));

        failed.Markup.Trim().ShouldBeEmpty();
    }
}
