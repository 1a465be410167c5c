namespace Genie.Client;

/// <summary>The media types a spec can be sent as.</summary>
public static class SpecMediaType
{
    public const string Yaml = "application/yaml";
    public const string Json = "application/json";

    /// <summary>Picks the media type from a file name: `.json` is JSON, anything else YAML.</summary>
    public static string ForFile(string path) =>
        Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase) ? Json : Yaml;
}
