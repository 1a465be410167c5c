using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;

namespace Genie.Core.Airflow.Python;

/// <summary>
/// Writes values as Python 3 literals that evaluate to exactly the value given. Strings are always
/// double-quoted with every backslash and quote escaped, and every character that could change how the
/// file reads (control and format characters such as bidi overrides, separators, private-use,
/// unassigned and unpaired surrogate code units) is written as an escape, so neither the interpreter nor
/// a reviewer can see code where there is only data.
/// </summary>
internal static class PythonLiteral
{
    // Printable ASCII but the backslash and the quote: what most generated strings are made of, written as is.
    private static readonly SearchValues<char> AsWritten =
        SearchValues.Create(" !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>A str literal.</summary>
    public static string Str(string value)
    {
        using var text = new SourceText(value.Length + 2);
        Str(value, text);
        return text.ToString();
    }

    /// <summary>Appends the str literal of <paramref name="value"/> to <paramref name="text"/>.</summary>
    public static void Str(string value, SourceText text)
    {
        text.Append('"');
        if (!value.AsSpan().ContainsAnyExcept(AsWritten))
        {
            text.Append(value).Append('"');
            return;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                AppendRune(text, new Rune(c, value[i + 1]));
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                // Python accepts a lone surrogate only as an escape; UTF-8 cannot carry it at all.
                text.Append("\\u").Append((int)c, "x4");
            }
            else
            {
                AppendRune(text, new Rune(c));
            }
        }

        text.Append('"');
    }

    /// <summary>An int literal.</summary>
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A float literal; Python has no literal for NaN or infinities, so they are refused.</summary>
    public static string Float(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "only finite numbers have a Python literal");
        }

        // "R" round-trips; a float that prints like an int still needs a point to stay a float.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    /// <summary>A bool literal.</summary>
    public static string Bool(bool value) => value ? "True" : "False";

    /// <summary>The None literal.</summary>
    public const string None = "None";

    /// <summary>
    /// Any value made of strings, whole numbers, finite doubles, booleans, null, lists (any
    /// <see cref="IEnumerable"/>) and dicts (<c>IEnumerable&lt;KeyValuePair&lt;string, object?&gt;&gt;</c>,
    /// keys in their own order), on one line.
    /// </summary>
    public static string Of(object? value) => PySource.Inline(ToExpr(value));

    /// <summary>The literal for a <see cref="PyLiteral"/> value.</summary>
    public static string Scalar(object? value) => value switch
    {
        null => None,
        string s => Str(s),
        bool b => Bool(b),
        long l => Int(l),
        int i => Int(i),
        double d => Float(d),
        _ => throw new ArgumentException($"{value.GetType().Name} has no Python literal", nameof(value)),
    };

    /// <summary>Appends the literal for a <see cref="PyLiteral"/> value to <paramref name="text"/>.</summary>
    public static void Scalar(object? value, SourceText text)
    {
        switch (value)
        {
            case string s:
                Str(s, text);
                break;
            case long l:
                text.Append(l);
                break;
            case int i:
                text.Append(i);
                break;
            default:
                text.Append(Scalar(value));
                break;
        }
    }

    private static PyExpr ToExpr(object? value) => value switch
    {
        null or string or bool or long or int or double => new PyLiteral(value is int i ? (long)i : value),
        IEnumerable<KeyValuePair<string, object?>> dict => new PyDict(dict.Select(e => new KeyValuePair<string, PyExpr>(e.Key, ToExpr(e.Value))).ToList()),
        IEnumerable list => new PyList(list.Cast<object?>().Select(ToExpr).ToList()),
        _ => throw new ArgumentException($"{value.GetType().Name} has no Python literal", nameof(value)),
    };

    private static void AppendRune(SourceText text, Rune rune)
    {
        switch (rune.Value)
        {
            case '\\':
                text.Append("\\\\");
                return;
            case '"':
                text.Append("\\\"");
                return;
            case '\n':
                text.Append("\\n");
                return;
            case '\r':
                text.Append("\\r");
                return;
            case '\t':
                text.Append("\\t");
                return;
        }

        if (IsShownAsWritten(rune))
        {
            Span<char> chars = stackalloc char[2];
            text.Append(chars[..rune.EncodeToUtf16(chars)]);
        }
        else if (rune.Value <= 0xFF)
        {
            text.Append("\\x").Append(rune.Value, "x2");
        }
        else if (rune.IsBmp)
        {
            text.Append("\\u").Append(rune.Value, "x4");
        }
        else
        {
            text.Append("\\U").Append(rune.Value, "x8");
        }
    }

    // Letters, marks, digits, punctuation, symbols and the plain space read as what they are.
    private static bool IsShownAsWritten(Rune rune) =>
        rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
}
