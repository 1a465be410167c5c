using Genie.Client;
using YamlDotNet.RepresentationModel;

namespace Genie.Cli.Jobs;

/// <summary>
/// One spec file and the job it names: `metadata.name` and `metadata.namespace`, else the flags, else (name) the file's
/// base name and (namespace) the session's. A file that does not parse still goes to the server, which names its errors.
/// </summary>
public sealed record SpecFile(string Path, string Text, string MediaType, string Namespace, string Name)
{
    public string Key => $"{Namespace}/{Name}";

    public static async Task<SpecFile> ReadAsync(string path, string? nameFlag, string defaultNamespace, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var (name, ns) = Metadata(text);
        return new SpecFile(path, text, SpecMediaType.ForFile(path), ns ?? defaultNamespace,
            nameFlag ?? name ?? System.IO.Path.GetFileNameWithoutExtension(path));
    }

    private static (string? Name, string? Namespace) Metadata(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.FirstOrDefault()?.RootNode is YamlMappingNode root
                && root.Children.TryGetValue(new YamlScalarNode("metadata"), out var node) && node is YamlMappingNode metadata)
            {
                return (Scalar(metadata, "name"), Scalar(metadata, "namespace"));
            }
        }
        catch (YamlDotNet.Core.YamlException)
        {
            // The server reports the syntax error with its line; the file name stands in for the job's name.
        }

        return (null, null);
    }

    private static string? Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text } ? text : null;
}
