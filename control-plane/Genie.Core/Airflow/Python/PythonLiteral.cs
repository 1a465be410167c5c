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
    /// <summary>A str literal.</summary>
    public static string Str(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                AppendRune(builder, new Rune(c, value[i + 1]));
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                // Python accepts a lone surrogate only as an escape; UTF-8 cannot carry it at all.
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                AppendRune(builder, new Rune(c));
            }
        }

        return builder.Append('"').ToString();
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

    private static PyExpr ToExpr(object? value) => value switch
    {
        null or string or bool or long or int or double => new PyLiteral(value is int i ? (long)i : value),
        IEnumerable<KeyValuePair<string, object?>> dict => new PyDict(dict.Select(e => new KeyValuePair<string, PyExpr>(e.Key, ToExpr(e.Value))).ToList()),
        IEnumerable list => new PyList(list.Cast<object?>().Select(ToExpr).ToList()),
        _ => throw new ArgumentException($"{value.GetType().Name} has no Python literal", nameof(value)),
    };

    private static void AppendRune(StringBuilder builder, Rune rune)
    {
        switch (rune.Value)
        {
            case '\\':
                builder.Append("\\\\");
                return;
            case '"':
                builder.Append("\\\"");
                return;
            case '\n':
                builder.Append("\\n");
                return;
            case '\r':
                builder.Append("\\r");
                return;
            case '\t':
                builder.Append("\\t");
                return;
        }

        if (IsShownAsWritten(rune))
        {
            builder.Append(rune.ToString());
        }
        else if (rune.Value <= 0xFF)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
        }
        else if (rune.IsBmp)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
        }
        else
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
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
