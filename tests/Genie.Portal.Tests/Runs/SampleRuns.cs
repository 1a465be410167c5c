using System.Text.Json;
using Genie.Client.Contracts;

namespace Genie.Portal.Tests.Runs;

/// <summary>Run `default/etl` v1 as the API returns it, for the tests of what the portal shows of a run; vary it with `with`.</summary>
public static class SampleRuns
{
    public static readonly DateTimeOffset CreatedAt = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    public static RunResource Run(string executor = "local", string state = "succeeded", params TaskRunResource[] tasks) => new(
        "run-1", "default", "etl", 1, executor, state, null, new Dictionary<string, JsonElement>(), 0, "manual", "key:abcd1234",
        null, null, CreatedAt, CreatedAt, null, null, tasks);
}
