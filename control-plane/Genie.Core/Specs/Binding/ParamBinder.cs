namespace Genie.Core.Specs.Binding;

/// <summary>
/// Binds <c>spec.params</c>. Names must be identifiers that stay distinct when upper-cased, because each
/// param reaches tasks as <c>GENIE_PARAM_&lt;NAME&gt;</c>. Defaults and enum members must have the param's type.
/// </summary>
internal static class ParamBinder
{
    private static readonly string[] Fields = ["type", "required", "default", "enum", "description"];

    /// <summary>Binds the params into <see cref="BindingContext.Params"/> and records every declared name.</summary>
    public static void Bind(BindingContext context, Field field)
    {
        var read = context.Read;
        if (field.IsAbsent)
        {
            return;
        }

        if (field.Node is not Parsing.MappingNode mapping)
        {
            read.Mismatch(field, "a mapping of param names to declarations");
            context.ParamsKnown = false;
            return;
        }

        if (mapping.Entries.Count > context.Limits.MaxParams)
        {
            read.Error(field, $"declares {mapping.Entries.Count} params; at most {context.Limits.MaxParams} are allowed");
        }

        var byEnvName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, node) in mapping.Entries)
        {
            context.DeclaredParams.Add(key.Value);
            var entry = new Field(node, field.Path.Property(key.Value), key.Mark);
            if (!SpecNames.IsParamName(key.Value))
            {
                read.Error(entry, SpecNames.Explain(key.Value, "a param name", SpecNames.ParamNameRule));
                continue;
            }

            if (!byEnvName.TryAdd(key.Value, key.Value))
            {
                read.Error(entry, $"param `{key.Value}` clashes with `{byEnvName[key.Value]}`: both become " +
                                  $"{ParamSpec.EnvironmentVariable(key.Value)}, so names must differ by more than case");
                continue;
            }

            if (Declaration(read, entry) is { } param)
            {
                context.Params[key.Value] = param;
            }
        }
    }

    /// <summary>Reads a value of <paramref name="type"/>; null when absent or wrong.</summary>
    public static ParamValue? Value(FieldReader read, Field field, ParamType type)
    {
        if (field.IsAbsent)
        {
            return null;
        }

        switch (type)
        {
            case ParamType.Integer when FieldReader.TryInteger(field.Node!, out var integer):
                return new ParamValue.Integer(integer);
            case ParamType.Number when FieldReader.TryNumber(field.Node!, out var number):
                return new ParamValue.Number(number);
            case ParamType.Integer or ParamType.Number:
                read.Mismatch(field, type == ParamType.Integer ? "an integer" : "a number");
                return null;
            case ParamType.Boolean:
                return read.Boolean(field) is { } flag ? new ParamValue.Boolean(flag) : null;
            default:
                return read.String(field) is { } text ? new ParamValue.Text(text) : null;
        }
    }

    /// <summary>Reads a list of distinct values of <paramref name="type"/>, at least one when present.</summary>
    public static List<ParamValue> Values(FieldReader read, Field field, ParamType type)
    {
        var seen = new HashSet<ParamValue>();
        var values = read.List(field, item =>
        {
            var value = read.RequiredItem(item, (f, _) => Value(read, f, type));
            if (value is not null && !seen.Add(value))
            {
                read.Error(item, $"`{QuotedText.Of(value.ToText())}` is listed twice");
                return null;
            }

            return value;
        }, $"{SpecVocabulary.ParamType.Word(type)} values");
        if (!field.IsAbsent && field.Node is Parsing.SequenceNode { Items.Count: 0 })
        {
            read.Error(field, "must list at least one value");
        }

        return values;
    }

    /// <summary>"one of a, b" for messages about enum members.</summary>
    public static string Choices(IEnumerable<ParamValue> values) =>
        "one of " + string.Join(", ", values.Select(v => QuotedText.Of(v.ToText())));

    private static ParamSpec? Declaration(FieldReader read, Field entry)
    {
        // `name:` with nothing after it declares an optional string param.
        if (entry.IsAbsent)
        {
            return new ParamSpec(ParamType.String, false, null, [], null);
        }

        var o = read.Object(entry, Fields);
        if (o is null)
        {
            return null;
        }

        var type = o.Has("type") ? read.Word(o["type"], SpecVocabulary.ParamType) : ParamType.String;
        var required = read.Boolean(o["required"]) ?? false;
        var description = read.String(o["description"]);
        if (type is not { } t)
        {
            return null;
        }

        var allowed = Values(read, o["enum"], t);
        var fallback = Value(read, o["default"], t);
        if (required && !o["default"].IsAbsent)
        {
            read.Error(o["default"], "a required param cannot have a default: drop `required` or the default");
        }

        if (fallback is not null && allowed.Count > 0 && !allowed.Contains(fallback))
        {
            read.Error(o["default"], $"`{QuotedText.Of(fallback.ToText())}` is not {Choices(allowed)} (the param's enum)");
        }

        return new ParamSpec(t, required, fallback, allowed, description);
    }
}
