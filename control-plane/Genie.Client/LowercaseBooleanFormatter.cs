using System.Reflection;
using Refit;

namespace Genie.Client;

/// <summary>Writes booleans in URLs as `true`/`false`, the spelling Genie's query parameters accept (Refit's default is .NET's `True`).</summary>
internal sealed class LowercaseBooleanFormatter : IUrlParameterFormatter
{
    public string? Format(object? value, ICustomAttributeProvider attributeProvider, Type type) =>
        value is bool flag ? (flag ? "true" : "false") : null;
}
