using Genie.Core.Specs;

namespace Genie.Core.Labels;

/// <summary>Kubernetes label key and value syntax as label selectors explain it; the rules themselves live in <see cref="SpecNames"/>.</summary>
public static class LabelSyntax
{
    public const string KeyRule =
        "an optional DNS subdomain prefix and `/`, then a name of at most 63 characters of [A-Za-z0-9-_.] starting and ending alphanumeric";

    public const string ValueRule =
        "at most 63 characters of [A-Za-z0-9-_.] starting and ending alphanumeric, or empty";

    public static bool IsValidKey(string key) => SpecNames.IsLabelKey(key);

    public static bool IsValidValue(string value) => SpecNames.IsLabelValue(value);
}
