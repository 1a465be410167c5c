using System.Text;

namespace Genie.Core.Specs;

/// <summary>Renders user text inside error messages: control characters escaped, long text shortened.</summary>
internal static class QuotedText
{
    private const int MaxLength = 80;

    /// <summary>The text as it should appear between backticks in a message.</summary>
    public static string Of(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, MaxLength) + 8);
        foreach (var rune in value.EnumerateRunes())
        {
            if (builder.Length >= MaxLength)
            {
                return builder.Append('…').ToString();
            }

            if (Rune.IsControl(rune))
            {
                builder.Append(rune.Value switch
                {
                    '\n' => "\\n",
                    '\t' => "\\t",
                    '\r' => "\\r",
                    _ => $"\\u{rune.Value:X4}",
                });
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }
}
