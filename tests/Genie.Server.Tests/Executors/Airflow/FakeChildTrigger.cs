namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// What a TriggerDagRunOperator starts: a run of <paramref name="DagId"/> with the rendered conf, whose run id is
/// <paramref name="RunId"/> with `{run_id}` and `{try_number}` filled in; with <paramref name="Wait"/> the task
/// follows that run and ends as it ends.
/// </summary>
public sealed record FakeChildTrigger(string DagId, string RunId, IReadOnlyDictionary<string, string> Conf, bool Wait)
{
    public string RunIdFor(string parentRunId, int tryNumber) =>
        RunId.Replace("{run_id}", parentRunId, StringComparison.Ordinal)
            .Replace("{try_number}", tryNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
