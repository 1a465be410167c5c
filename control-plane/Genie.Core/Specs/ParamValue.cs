using System.Globalization;

namespace Genie.Core.Specs;

/// <summary>A typed param value: a default, an enum member or a <c>when</c> operand.</summary>
public abstract record ParamValue
{
    private ParamValue()
    {
    }

    /// <summary>The type this value belongs to.</summary>
    public abstract ParamType Type { get; }

    /// <summary>The value as a task receives it in its environment and in substitutions.</summary>
    public abstract string ToText();

    /// <inheritdoc />
    public sealed override string ToString() => ToText();

    /// <summary>
    /// Reads a value of <paramref name="type"/> from text, the way values arrive from a command line or
    /// an environment variable; false when the text is not a value of that type.
    /// </summary>
    public static bool TryParse(ParamType type, string text, out ParamValue? value)
    {
        value = type switch
        {
            ParamType.String => new Text(text),
            ParamType.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? new Integer(i) : null,
            ParamType.Number => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? new Number(d) : null,
            ParamType.Boolean => text switch { "true" => new Boolean(true), "false" => new Boolean(false), _ => null },
            _ => null,
        };
        return value is not null;
    }

    /// <summary>A string value.</summary>
    public sealed record Text(string Value) : ParamValue
    {
        /// <inheritdoc />
        public override ParamType Type => ParamType.String;

        /// <inheritdoc />
        public override string ToText() => Value;
    }

    /// <summary>A whole number.</summary>
    public sealed record Integer(long Value) : ParamValue
    {
        /// <inheritdoc />
        public override ParamType Type => ParamType.Integer;

        /// <inheritdoc />
        public override string ToText() => Value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A finite floating point number.</summary>
    public sealed record Number(double Value) : ParamValue
    {
        /// <inheritdoc />
        public override ParamType Type => ParamType.Number;

        /// <inheritdoc />
        public override string ToText() => Value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>True or false.</summary>
    public sealed record Boolean(bool Value) : ParamValue
    {
        /// <inheritdoc />
        public override ParamType Type => ParamType.Boolean;

        /// <inheritdoc />
        public override string ToText() => Value ? "true" : "false";
    }
}
