namespace Genie.Core.Specs;

/// <summary>
/// A declared param. Tasks see it as env <c>GENIE_PARAM_&lt;NAME&gt;</c> and as <c>${{ params.NAME }}</c> in
/// commands, args, env values, images and child job params. An empty <see cref="Enum"/> allows any value.
/// </summary>
public sealed record ParamSpec(ParamType Type, bool Required, ParamValue? Default, IReadOnlyList<ParamValue> Enum, string? Description)
{
    /// <summary>The environment variable a task receives this param in.</summary>
    public static string EnvironmentVariable(string paramName) => "GENIE_PARAM_" + paramName.ToUpperInvariant();
}

/// <summary>The value type of a param.</summary>
public enum ParamType
{
    String,
    Integer,
    Number,
    Boolean,
}
