using Genie.Core.Airflow.Python;
using Genie.Core.Specs;

namespace Genie.Core.Airflow.Dag;

/// <summary>
/// The DAG's <c>params</c>: one <c>Param</c> per declared param. Values travel as text
/// (<see cref="DagRunConf"/>), so every param is a JSON-schema string: integers and numbers carry a
/// pattern that accepts what Genie's parser accepts, booleans and enums an enum of Genie's texts. A
/// required param has no default (Airflow then refuses a run without it); an optional param without a
/// default defaults to None, which the file prints as the empty string.
/// </summary>
internal static class ParamDeclarations
{
    private const string IntegerPattern = "^[+-]?[0-9]+$";
    private const string NumberPattern = "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$";
    private static readonly string[] BooleanTexts = ["true", "false"];

    /// <summary>The params dict, keys in ordinal order.</summary>
    public static PyExpr For(IReadOnlyDictionary<string, ParamSpec> parameters) =>
        PyDict.Sorted(parameters.Select(p => new KeyValuePair<string, PyExpr>(p.Key, Declaration(p.Value))));

    private static PyExpr Declaration(ParamSpec param)
    {
        var absent = Jinja.ParamExpressions.CanBeAbsent(param);
        var positional = new List<PyExpr>();
        if (param.Default is { } value)
        {
            positional.Add(PyExpr.Str(value.ToText()));
        }
        else if (absent)
        {
            positional.Add(PyExpr.None);
        }

        var keywords = new List<PyKeyword>
        {
            new("type", absent ? PyExpr.StrList(["null", "string"]) : PyExpr.Str("string")),
        };
        var pattern = param.Type switch
        {
            ParamType.Integer => IntegerPattern,
            ParamType.Number => NumberPattern,
            _ => null,
        };
        if (pattern is not null)
        {
            keywords.Add(new PyKeyword("pattern", PyExpr.Str(pattern)));
        }

        var allowed = param.Enum.Count > 0 ? param.Enum.Select(v => v.ToText()).ToList()
            : param.Type == ParamType.Boolean ? BooleanTexts.ToList()
            : null;
        if (allowed is not null)
        {
            var items = allowed.Select(PyExpr.Str).ToList();
            keywords.Add(new PyKeyword("enum", new PyList(absent ? [PyExpr.None, .. items] : items)));
        }

        if (param.Description is { } description)
        {
            keywords.Add(new PyKeyword("description", PyExpr.Str(description)));
        }

        return new PyCall(PyValues.Name("Param"), positional, keywords);
    }
}
