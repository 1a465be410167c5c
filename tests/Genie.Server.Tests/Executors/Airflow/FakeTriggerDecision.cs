namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>What the scheduler does with a task instance that has no state yet, given its upstream states.</summary>
internal enum FakeTriggerDecision
{
    Wait,
    Run,
    Skip,
    UpstreamFailed,
}
