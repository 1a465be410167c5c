namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>One entry of Prism's `sl-violations`: where (request or response, then the part), and what is wrong.</summary>
public sealed record PrismViolation(IReadOnlyList<string> Location, string Severity, string Message)
{
    public bool InRequest => Location.Count > 0 && Location[0] == "request";

    public override string ToString() => $"[{Severity}] {string.Join('.', Location)}: {Message}";
}
