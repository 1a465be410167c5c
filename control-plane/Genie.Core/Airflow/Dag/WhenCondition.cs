using System.Globalization;
using Genie.Core.Airflow.Jinja;
using Genie.Core.Specs;

namespace Genie.Core.Airflow.Dag;

/// <summary>
/// The Jinja template a when-gate renders: <c>run</c> when every condition holds, otherwise the empty
/// string. Values are compared as <see cref="TaskCondition.IsSatisfiedBy"/> does: strings and booleans
/// by their text, integers and numbers by value (so a child job's <c>03</c> equals <c>3</c>), and a param
/// without a value satisfies only <c>notEquals</c>. Condition values are Jinja string literals with every
/// special character escaped, or numbers Genie formats itself; nothing the user wrote is Jinja syntax.
/// </summary>
internal static class WhenCondition
{
    /// <summary>The template for a task's conditions.</summary>
    public static string Template(IReadOnlyList<TaskCondition> conditions, ParamExpressions parameters) =>
        "{{ 'run' if " + string.Join(" and ", conditions.Select(c => "(" + Test(c, parameters.Declared(c.Param).Type) + ")")) + " else '' }}";

    private static string Test(TaskCondition condition, ParamType type)
    {
        var raw = ParamExpressions.Raw(condition.Param);
        var (value, needsValue) = type switch
        {
            ParamType.Integer => ($"({raw} | int)", true),
            ParamType.Number => ($"({raw} | float)", true),
            _ => (raw, false),
        };
        var operands = condition.Values.Select(v => Literal(v, type)).ToList();
        var test = condition.Operator switch
        {
            ConditionOperator.Equals => $"{value} == {operands[0]}",
            ConditionOperator.NotEquals => $"{value} != {operands[0]}",
            _ => $"{value} in [{string.Join(", ", operands)}]",
        };

        // A missing value is None; Jinja's int and float filters would read it as 0.
        return !needsValue ? test
            : condition.Operator == ConditionOperator.NotEquals ? $"{raw} is none or {test}"
            : $"{raw} is not none and {test}";
    }

    private static string Literal(ParamValue value, ParamType type) => (type, value) switch
    {
        (ParamType.Integer, ParamValue.Integer i) => i.Value.ToString(CultureInfo.InvariantCulture),
        (ParamType.Number, ParamValue.Number n) => Number(n.Value),
        _ => JinjaStringLiteral.Of(value.ToText()),
    };

    // Jinja reads floats as Python does, but only with a lower-case exponent marker.
    private static string Number(double value) =>
        value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
}
