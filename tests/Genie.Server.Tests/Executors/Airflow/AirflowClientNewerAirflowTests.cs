using Genie.Server.Executors.Airflow.Client;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// Answers of an Airflow newer than the spec Genie was written against. They break that spec on purpose, and Prism with
/// `--errors` would turn them into 500s, so these scenarios talk to the fake directly; their requests are the same
/// calls the Prism-checked scenarios validate.
/// </summary>
public sealed class AirflowClientNewerAirflowTests
{
    private const string DagId = "etl";

    private static readonly Dictionary<string, object?> NoConf = [];

    [Fact]
    public async Task Task_states_Genie_does_not_know_are_read_as_unknown()
    {
        await using var airflow = await FakeAirflow.StartAsync();
        airflow.PublishDag(DagId, source: FakeDagFiles.Compile("    - {name: future, command: [echo]}"));
        var client = TestAirflowClient.For(airflow.BaseUrl);
        airflow.AutoAdvance = false;
        await client.TriggerAsync(DagId, "run-new", NoConf, CancellationToken.None);
        airflow.ShowTaskState(DagId, "run-new", "future", -1, "awaiting_quantum_entanglement");

        var instance = (await client.GetTaskInstancesAsync(DagId, "run-new", CancellationToken.None)).First(i => i.TaskId == "future");

        instance.State.ShouldBe(AirflowTaskState.Unknown);
    }
}
