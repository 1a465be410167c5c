using System.Globalization;

namespace Genie.Core.Specs;

/// <summary>
/// A Kubernetes resource quantity (<c>500m</c>, <c>0.5</c>, <c>512Mi</c>, <c>1G</c>, <c>1e3</c>).
/// <see cref="Text"/> is kept exactly as written; <see cref="Value"/> is the amount in base units
/// (cores or bytes).
/// </summary>
public sealed record Quantity(string Text, decimal Value)
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("n", 0.000_000_001m), ("u", 0.000_001m), ("m", 0.001m), ("k", 1e3m), ("M", 1e6m), ("G", 1e9m),
        ("T", 1e12m), ("P", 1e15m), ("E", 1e18m),
    ];

    private const int MaxExponent = 18;

    /// <summary>The rule shown when a quantity is rejected.</summary>
    public const string Rule = "use a Kubernetes quantity like 500m, 0.5, 2, 512Mi, 1Gi or 1G";

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>Parses a quantity; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, out Quantity? quantity, out string? error)
    {
        quantity = null;
        error = null;
        var digitsEnd = NumberEnd(text);
        var number = text[..digitsEnd];
        var suffix = text[digitsEnd..];
        if (number.StartsWith('-'))
        {
            error = $"`{text}` must not be negative";
            return false;
        }

        if (!IsUnsignedNumber(number.StartsWith('+') ? number[1..] : number) || !TryFactor(suffix, out var factor))
        {
            error = $"`{text}` is not a quantity: {Rule}";
            return false;
        }

        try
        {
            var mantissa = decimal.Parse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            quantity = new Quantity(text, mantissa * factor);
            return true;
        }
        catch (OverflowException)
        {
            error = $"`{text}` is too large";
            return false;
        }
    }

    private static int NumberEnd(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }

        return i;
    }

    private static bool IsUnsignedNumber(string number)
    {
        var dot = number.IndexOf('.');
        var digits = number.Count(char.IsAsciiDigit);
        return digits > 0 && digits <= 20 && (dot < 0 || number.LastIndexOf('.') == dot);
    }

    private static bool TryFactor(string suffix, out decimal factor)
    {
        factor = 1m;
        if (suffix.Length == 0)
        {
            return true;
        }

        if (suffix[0] is 'e' or 'E' && suffix.Length > 1)
        {
            var exponentText = suffix[1..];
            var unsigned = exponentText[0] is '+' or '-' ? exponentText[1..] : exponentText;
            if (unsigned.Length is 0 or > 2 || !unsigned.All(char.IsAsciiDigit))
            {
                return false;
            }

            var exponent = int.Parse(exponentText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            if (Math.Abs(exponent) > MaxExponent)
            {
                return false;
            }

            for (var i = 0; i < Math.Abs(exponent); i++)
            {
                factor = exponent > 0 ? factor * 10 : factor / 10;
            }

            return true;
        }

        foreach (var (name, value) in Suffixes)
        {
            if (suffix == name)
            {
                factor = value;
                return true;
            }
        }

        return false;
    }
}
