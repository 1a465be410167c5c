namespace Genie.Core.Specs;

/// <summary>
/// A structured condition on a param: <c>equals</c> and <c>notEquals</c> have one value, <c>in</c> one or more.
/// Values are typed like the param.
/// </summary>
public sealed record TaskCondition(string Param, ConditionOperator Operator, IReadOnlyList<ParamValue> Values)
{
    /// <summary>Whether the param's actual value satisfies the condition.</summary>
    public bool IsSatisfiedBy(ParamValue? actual) => Operator switch
    {
        ConditionOperator.NotEquals => actual is null || !actual.Equals(Values[0]),
        _ => actual is not null && Values.Contains(actual),
    };
}

/// <summary>How a <see cref="TaskCondition"/> compares.</summary>
public enum ConditionOperator
{
    Equals,
    NotEquals,
    In,
}
