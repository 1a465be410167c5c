namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>A snapshot of a fake task instance, for assertions.</summary>
public sealed record FakeTaskInstanceView(string TaskId, int MapIndex, string? State, int TryNumber);
