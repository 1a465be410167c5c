using Genie.Client.Contracts;
using Genie.Core.Specs;

namespace Genie.Server.Api;

/// <summary>Checks the namespace and job name taken from a URL before they reach the store.</summary>
public static class ResourceNames
{
    private const string Rule = "must be a DNS-1123 label: at most 63 characters of a-z, 0-9 and '-', starting and ending alphanumeric";

    public static List<FieldError> Check(string ns, string? name = null)
    {
        var errors = new List<FieldError>();
        if (!SpecNames.IsDns1123Label(ns))
        {
            errors.Add(new FieldError("path.namespace", $"`{Shorten(ns)}` {Rule}"));
        }

        if (name is not null && !SpecNames.IsDns1123Label(name))
        {
            errors.Add(new FieldError("path.name", $"`{Shorten(name)}` {Rule}"));
        }

        return errors;
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
