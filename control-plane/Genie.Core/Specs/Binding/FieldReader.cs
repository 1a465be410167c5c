using System.Globalization;
using Genie.Core.Specs.Parsing;

namespace Genie.Core.Specs.Binding;

/// <summary>
/// Reads typed values out of <see cref="Field"/>s under the spec's typing rules: strings accept any
/// non-null scalar, numbers and booleans only unquoted literals, null counts as absent. Every problem is
/// reported and the read returns null, so binding goes on and finds the next one.
/// </summary>
internal sealed class FieldReader(SpecErrorSink errors)
{
    /// <summary>Reports a problem with <paramref name="field"/>.</summary>
    public void Error(Field field, string message) => errors.Add(field.Path, field.Mark, message);

    /// <summary>Reports that a required field is missing when it is absent; true when present.</summary>
    public bool Require(Field field)
    {
        if (field.IsAbsent)
        {
            Error(field, "is required");
            return false;
        }

        return true;
    }

    /// <summary>The mapping at <paramref name="field"/> with its unknown keys reported, or null.</summary>
    public ObjectReader? Object(Field field, IReadOnlyList<string> knownFields, bool required = false)
    {
        if (field.IsAbsent)
        {
            if (required)
            {
                Require(field);
            }

            return null;
        }

        if (field.Node is MappingNode mapping)
        {
            return new ObjectReader(mapping, field, knownFields, errors);
        }

        Mismatch(field, "a mapping");
        return null;
    }

    /// <summary>The text of a scalar, or null.</summary>
    public string? String(Field field, bool required = false)
    {
        if (field.IsAbsent)
        {
            if (required)
            {
                Require(field);
            }

            return null;
        }

        if (field.Node is ScalarNode scalar)
        {
            return scalar.Value;
        }

        Mismatch(field, "a string");
        return null;
    }

    /// <summary>A string that is not empty or only whitespace, or null.</summary>
    public string? NonBlankString(Field field, bool required = false)
    {
        var text = String(field, required);
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            Error(field, "must not be empty");
            return null;
        }

        return text;
    }

    /// <summary>A string that satisfies <paramref name="isValid"/>, reported with <paramref name="what"/> and <paramref name="rule"/> otherwise.</summary>
    public string? Name(Field field, Func<string, bool> isValid, string what, string rule, bool required = false)
    {
        var text = String(field, required);
        if (text is not null && !isValid(text))
        {
            Error(field, SpecNames.Explain(text, what, rule));
            return null;
        }

        return text;
    }

    /// <summary>An unquoted whole number within <paramref name="min"/>..<paramref name="max"/>, or null.</summary>
    public long? Integer(Field field, long min, long max, bool required = false)
    {
        if (field.IsAbsent)
        {
            if (required)
            {
                Require(field);
            }

            return null;
        }

        if (!TryInteger(field.Node!, out var value))
        {
            Mismatch(field, "an integer");
            return null;
        }

        if (value < min || value > max)
        {
            Error(field, $"must be between {min} and {max}, got {value.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return value;
    }

    /// <summary>An unquoted <c>true</c> or <c>false</c>, or null.</summary>
    public bool? Boolean(Field field)
    {
        if (field.IsAbsent)
        {
            return null;
        }

        if (field.Node is ScalarNode { IsPlain: true, Value: "true" or "false" } scalar)
        {
            return scalar.Value == "true";
        }

        Mismatch(field, "true or false");
        return null;
    }

    /// <summary>A Go style duration, or null.</summary>
    public TimeSpan? Duration(Field field) =>
        String(field) is { } text && Checked(field, SpecDuration.TryParse(text, out var value, out var error), error) ? value : null;

    /// <summary>A Kubernetes quantity, or null.</summary>
    public Quantity? Quantity(Field field) =>
        String(field) is { } text && Checked(field, Specs.Quantity.TryParse(text, out var value, out var error), error) ? value : null;

    /// <summary>One of the words of <paramref name="vocabulary"/>, or null.</summary>
    public T? Word<T>(Field field, Vocabulary<T> vocabulary, bool required = false)
        where T : struct, Enum
    {
        var text = String(field, required);
        if (text is null)
        {
            return null;
        }

        if (vocabulary.TryParse(text, out var value))
        {
            return value;
        }

        Error(field, $"`{QuotedText.Of(text)}` is not {vocabulary.Choices}{NameSuggestion.Hint(text, vocabulary.Words)}");
        return null;
    }

    /// <summary>The items of the list at <paramref name="field"/>; empty (after reporting) when it is not a list.</summary>
    public IEnumerable<Field> Items(Field field, string itemDescription, bool required = false)
    {
        if (field.IsAbsent)
        {
            if (required)
            {
                Require(field);
            }

            return [];
        }

        if (field.Node is not SequenceNode sequence)
        {
            Mismatch(field, $"a list of {itemDescription}");
            return [];
        }

        return sequence.Items.Select(field.Item).ToList();
    }

    /// <summary>The items of a list read by <paramref name="item"/>, skipping the ones that failed; empty when absent.</summary>
    public List<T> List<T>(Field field, Func<Field, T?> item, string itemDescription, bool required = false)
        where T : class =>
        Items(field, itemDescription, required).Select(item).OfType<T>().ToList();

    /// <summary>A list of strings; null items are errors.</summary>
    public List<string> Strings(Field field, bool required = false) =>
        List(field, f => RequiredItem(f, String), "strings", required);

    /// <summary>
    /// The entries of a mapping whose keys pass <paramref name="keyProblem"/> (null means valid) and whose
    /// values are read by <paramref name="value"/>; empty when absent.
    /// </summary>
    public Dictionary<string, T> Map<T>(Field field, Func<string, string?> keyProblem, Func<Field, T?> value, string valueDescription)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        if (field.IsAbsent)
        {
            return map;
        }

        if (field.Node is not MappingNode mapping)
        {
            Mismatch(field, $"a mapping of names to {valueDescription}");
            return map;
        }

        foreach (var (key, node) in mapping.Entries)
        {
            var entry = new Field(node, field.Path.Property(key.Value), key.Mark);
            if (keyProblem(key.Value) is { } problem)
            {
                Error(entry, problem);
            }
            else if (value(entry) is { } read)
            {
                map[key.Value] = read;
            }
        }

        return map;
    }

    /// <summary>A map of names to strings; null values are errors.</summary>
    public Dictionary<string, string> StringMap(Field field, Func<string, string?> keyProblem) =>
        Map(field, keyProblem, f => RequiredItem(f, String), "strings");

    /// <summary>Reads an item that may not be null: lists and maps have no use for holes.</summary>
    public T? RequiredItem<T>(Field field, Func<Field, bool, T?> read)
        where T : class
    {
        if (field.IsAbsent)
        {
            Error(field, "must not be null");
            return null;
        }

        return read(field, false);
    }

    /// <summary>Whether an unquoted scalar is a whole number in YAML 1.2 core / JSON syntax.</summary>
    public static bool TryInteger(SpecNode node, out long value)
    {
        value = 0;
        return node is ScalarNode { IsPlain: true } scalar
            && IsIntegerLiteral(scalar.Value)
            && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Whether an unquoted scalar is a finite number in YAML 1.2 core / JSON syntax.</summary>
    public static bool TryNumber(SpecNode node, out double value)
    {
        value = 0;
        return node is ScalarNode { IsPlain: true } scalar
            && IsNumberLiteral(scalar.Value)
            && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>Reports "must be X, got Y", with a hint when quotes are what is wrong.</summary>
    public void Mismatch(Field field, string expected)
    {
        var got = field.Node?.Description ?? "nothing";
        var hint = field.Node is ScalarNode { IsPlain: false } quoted && (expected is "an integer" or "a number" or "true or false")
            && (IsNumberLiteral(quoted.Value) || quoted.Value is "true" or "false")
            ? " (remove the quotes)"
            : "";
        Error(field, $"must be {expected}, got {got}{hint}");
    }

    private bool Checked(Field field, bool ok, string? error)
    {
        if (!ok)
        {
            Error(field, error!);
        }

        return ok;
    }

    private static bool IsIntegerLiteral(string text)
    {
        var digits = text.Length > 0 && text[0] is '+' or '-' ? text.AsSpan(1) : text.AsSpan();
        return digits.Length is > 0 and <= 19 && !digits.ContainsAnyExcept("0123456789");
    }

    // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    private static bool IsNumberLiteral(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        var intDigits = Digits(text, ref i);
        var fractionDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            fractionDigits = Digits(text, ref i);
        }

        if (intDigits == 0 && fractionDigits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            if (Digits(text, ref i) == 0)
            {
                return false;
            }
        }

        return i == text.Length && text.Length <= 64;
    }

    private static int Digits(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i - start;
    }
}
