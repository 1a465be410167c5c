using System.Globalization;
using System.Text;

namespace Genie.Core.Airflow.Jinja;

/// <summary>
/// A Jinja string literal for use inside a Genie-written <c>{{ ... }}</c> expression. Every character
/// other than an ASCII letter, digit, space or one of <c>_.,:/@+=-</c> is written as a <c>\x</c>,
/// <c>\u</c> or <c>\U</c> escape, which Jinja's lexer decodes exactly like Python's
/// <c>unicode-escape</c>; the literal therefore contains no quote, backslash, brace, percent sign or
/// line break a user could use to leave it, and common values stay readable.
/// </summary>
internal static class JinjaStringLiteral
{
    private const string Readable = " _.,:/@+=-";

    /// <summary>The quoted literal.</summary>
    public static string Of(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiLetterOrDigit(c) || Readable.Contains(c))
            {
                builder.Append(c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\U{char.ConvertToUtf32(c, value[i + 1]):x8}");
                i++;
            }
            else if (c <= 0xFF)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        return builder.Append('\'').ToString();
    }
}
