namespace Genie.Core.Specs.Binding;

/// <summary>
/// Binds a task's <c>when</c> list: each condition names a declared param and exactly one operator, with
/// values of the param's type (and among its enum, when it has one, since anything else can never match).
/// </summary>
internal static class ConditionBinder
{
    private static readonly string[] Fields = ["param", "equals", "notEquals", "in"];

    /// <summary>The conditions, in order.</summary>
    public static List<TaskCondition> Bind(BindingContext context, Field field) =>
        context.Read.List(field, item => Condition(context, item), "conditions");

    private static TaskCondition? Condition(BindingContext context, Field item)
    {
        var read = context.Read;
        var o = read.Object(item, Fields, required: true);
        if (o is null)
        {
            return null;
        }

        var param = read.String(o["param"], required: true);
        var operators = SpecVocabulary.ConditionOperator.Words.Where(o.Has).ToList();
        if (operators.Count == 0)
        {
            read.Error(item, "a condition needs one of `equals`, `notEquals` or `in`");
        }
        else if (operators.Count > 1)
        {
            read.Error(o[operators[1]], $"`{operators[0]}` and `{operators[1]}` cannot both be set: one operator per condition " +
                                        "(list several conditions to require all of them)");
        }

        if (param is null || operators.Count != 1)
        {
            return null;
        }

        if (!context.DeclaredParams.Contains(param))
        {
            if (context.ParamsKnown)
            {
                read.Error(o["param"], $"param `{QuotedText.Of(param)}` is not declared in spec.params{NameSuggestion.Hint(param, context.DeclaredParams)}");
            }

            return null;
        }

        if (!context.Params.TryGetValue(param, out var declared))
        {
            return null;
        }

        SpecVocabulary.ConditionOperator.TryParse(operators[0], out var op);
        var operand = o[operators[0]];
        var values = op == ConditionOperator.In
            ? ParamBinder.Values(read, operand, declared.Type)
            : ParamBinder.Value(read, operand, declared.Type) is { } single ? [single] : [];
        foreach (var value in values.Where(v => declared.Enum.Count > 0 && !declared.Enum.Contains(v)))
        {
            read.Error(operand, $"`{QuotedText.Of(value.ToText())}` is never a value of param `{param}`, which is {ParamBinder.Choices(declared.Enum)}");
        }

        return values.Count == 0 ? null : new TaskCondition(param, op, values);
    }
}
