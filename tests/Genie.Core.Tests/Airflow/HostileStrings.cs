namespace Genie.Core.Tests.Airflow;

/// <summary>Strings that break naive code generators, template engines and shells.</summary>
internal static class HostileStrings
{
    /// <summary>Strings a spec may contain (the parser refuses NUL and unpaired surrogates).</summary>
    public static readonly string[] SpecSafe =
    [
        "plain",
        "quote \" and ' and `",
        "\"\"\" triple ''' quotes \"\"\"",
        "back\\slash \\ \\\\ and a trailing \\",
        "new\nline\r\nand\rcr\ttab\u000b\u000c\u0007\u001b[31m",
        "\\N{BULLET} \\x41 \\u0041 \\U0001F600 \\0 \\'",
        "{{ 7 * 7 }} {% raw %}{% endraw %} {# comment #} {%- if true -%}x{%- endif -%}",
        "{{ '{' }} and }} and {{ params['s'] }} and {{ run_id }} and {{ '\\n' }}",
        "$(HOME) $$ $$$ $${{ params.s }} $ ${PATH} `id` $(GENIE_TASK) $(",
        "unicode: é ß 日本 😀 \u202E reversed \u200B zero \u2028 sep \u2029 para \uFEFF bom e\u0301 \u00A0 nbsp \uE000 private",
        "ends with newline\n",
        "\n",
        "",
        "{",
        "}",
        "%}{%",
        "'''\"\"\"\\",
        "f\"{x}\" r'\\n' b'\\x00'",
        "); import os; os.system('id') #",
    ];

    /// <summary>Strings only the literal writer sees: NUL and unpaired surrogates.</summary>
    public static readonly string[] LiteralOnly =
    [
        "nul \0 inside",
        "\0",
        "lone high \uD800 surrogate",
        "lone low \uDC00 surrogate",
        "reversed pair \uDC00\uD800",
        "\uD83D",
    ];

    /// <summary>Unicode scalar values, with unpaired surrogates as their own code unit, as Python's ord gives them.</summary>
    public static List<int> CodePoints(string text)
    {
        var points = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                points.Add(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                points.Add(text[i]);
            }
        }

        return points;
    }
}
