using Genie.Core.Specs;

namespace Genie.Server.Api;

/// <summary>A spec as it arrived in a request body: its text and whether it is YAML or JSON.</summary>
public sealed record SpecDocument(string Text, SpecFormat Format)
{
    public string FormatName => Format == SpecFormat.Json ? "json" : "yaml";

    public string MediaType => Format == SpecFormat.Json ? "application/json" : "application/yaml";
}
