using Genie.Core.Specs;

namespace Genie.Core.Airflow.Jinja;

/// <summary>
/// Jinja expressions for a job's params. A run's params arrive in <c>dag_run.conf</c> as Genie's text
/// form (<see cref="DagRunConf"/>), which Airflow merges into <c>params</c>, so printing a param prints
/// exactly what the local executor substitutes. Params are read by subscript (<c>params['items']</c>),
/// never as attributes, because Jinja resolves attributes first and a param named like a dict method
/// (<c>items</c>, <c>keys</c>, <c>get</c>) would print the method.
/// </summary>
internal sealed class ParamExpressions(IReadOnlyDictionary<string, ParamSpec> declared)
{
    /// <summary>The param's raw value: its text, or None when it has no value.</summary>
    public static string Raw(string name) => "params[" + JinjaStringLiteral.Of(name) + "]";

    /// <summary>Whether a run can lack a value for the param (not required and no default).</summary>
    public static bool CanBeAbsent(ParamSpec param) => !param.Required && param.Default is null;

    /// <summary>The param as text; a missing value prints as the empty string, as the local executor substitutes it.</summary>
    public string Text(string name)
    {
        var raw = Raw(name);
        return CanBeAbsent(Declared(name)) ? $"({raw} if {raw} is not none else '')" : raw;
    }

    /// <summary>The declaration of a param the spec refers to.</summary>
    public ParamSpec Declared(string name) =>
        declared.TryGetValue(name, out var param) ? param : throw new ArgumentException($"param `{name}` is not declared", nameof(name));
}
