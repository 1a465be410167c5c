namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>One request through Prism and what Prism said about it: each violation as `location: message`.</summary>
public sealed record PrismExchange(string Method, string PathAndQuery, int StatusCode, IReadOnlyList<PrismViolation> Violations)
{
    public IEnumerable<PrismViolation> RequestViolations => Violations.Where(v => v.InRequest);

    public IEnumerable<PrismViolation> ResponseViolations => Violations.Where(v => !v.InRequest);

    public override string ToString() =>
        $"{Method} {PathAndQuery} → {StatusCode}" + string.Concat(Violations.Select(v => "\n    " + v));
}
