namespace Genie.Core.Specs;

/// <summary>
/// A Kubernetes toleration. A null <see cref="Key"/> with <see cref="TolerationOperator.Exists"/> tolerates
/// every taint; a null <see cref="Effect"/> matches every effect.
/// </summary>
public sealed record Toleration(string? Key, TolerationOperator Operator, string? Value, TaintEffect? Effect);

/// <summary>How a toleration matches a taint's value.</summary>
public enum TolerationOperator
{
    Equal,
    Exists,
}

/// <summary>The effect of a taint a toleration applies to.</summary>
public enum TaintEffect
{
    NoSchedule,
    PreferNoSchedule,
    NoExecute,
}
