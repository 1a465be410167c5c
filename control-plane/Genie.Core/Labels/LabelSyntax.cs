using System.Text.RegularExpressions;

namespace Genie.Core.Labels;

/// <summary>Kubernetes label key and value syntax, shared by job metadata and label selectors.</summary>
public static partial class LabelSyntax
{
    public const string KeyRule =
        "an optional DNS subdomain prefix and `/`, then a name of at most 63 characters of [A-Za-z0-9-_.] starting and ending alphanumeric";

    public const string ValueRule =
        "at most 63 characters of [A-Za-z0-9-_.] starting and ending alphanumeric, or empty";

    public static bool IsValidKey(string key)
    {
        var slash = key.LastIndexOf('/');
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length is 0 or > 253 || !DnsSubdomain().IsMatch(prefix))
            {
                return false;
            }
        }

        return name.Length is > 0 and <= 63 && Name().IsMatch(name);
    }

    public static bool IsValidValue(string value) => value.Length == 0 || (value.Length <= 63 && Name().IsMatch(value));

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex Name();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
