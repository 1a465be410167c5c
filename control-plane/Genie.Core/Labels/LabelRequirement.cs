namespace Genie.Core.Labels;

/// <summary>How a label selector requirement compares a job's label.</summary>
public enum LabelOperator
{
    Equals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

/// <summary>One comma-separated term of a label selector, e.g. `team=data` or `env in (dev,test)`.</summary>
public sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values);
