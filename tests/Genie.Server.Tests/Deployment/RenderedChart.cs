using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Genie.Server.Tests.Deployment;

/// <summary>Where an environment variable of a container gets its value.</summary>
public sealed record EnvSource(string? Value, string? SecretName, string? SecretKey)
{
    public bool FromSecret => SecretName is not null;
}

/// <summary>The objects `helm template` rendered, as JSON, with the look-ups the chart tests share.</summary>
public sealed class RenderedChart(string text, IReadOnlyList<JsonObject> objects)
{
    /// <summary>helm's output as it was printed.</summary>
    public string Text { get; } = text;

    public IReadOnlyList<JsonObject> Objects { get; } = objects;

    public static RenderedChart Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var objects = stream.Documents
            .Select(d => ToJson(d.RootNode))
            .OfType<JsonObject>()
            .ToList();
        return new RenderedChart(text, objects);
    }

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject? Find(string kind, string name) => OfKind(kind).SingleOrDefault(o => (string?)o["metadata"]!["name"] == name);

    public JsonObject Get(string kind, string name) =>
        Find(kind, name) ?? throw new ShouldAssertException($"no {kind} {name} was rendered; rendered: {string.Join(", ", Names)}");

    public IEnumerable<string> Names => Objects.Select(o => $"{o["kind"]}/{o["metadata"]!["name"]}");

    /// <summary>The first container of a Deployment's pods.</summary>
    public static JsonObject Container(JsonObject deployment) => deployment["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();

    public static JsonObject PodSpec(JsonObject deployment) => deployment["spec"]!["template"]!["spec"]!.AsObject();

    /// <summary>
    /// Every environment variable a Deployment's first container gets, as Kubernetes assembles it: the ConfigMaps of
    /// envFrom first, then env, which wins.
    /// </summary>
    public IReadOnlyDictionary<string, EnvSource> Environment(JsonObject deployment)
    {
        var container = Container(deployment);
        var env = new Dictionary<string, EnvSource>(StringComparer.Ordinal);
        foreach (var from in container["envFrom"]?.AsArray() ?? [])
        {
            var configMap = Get("ConfigMap", (string)from!["configMapRef"]!["name"]!);
            foreach (var (name, value) in configMap["data"]!.AsObject())
            {
                env[name] = new EnvSource((string?)value, null, null);
            }
        }

        foreach (var variable in container["env"]?.AsArray() ?? [])
        {
            var name = (string)variable!["name"]!;
            env[name] = variable["valueFrom"]?["secretKeyRef"] is { } secret
                ? new EnvSource(null, (string)secret["name"]!, (string)secret["key"]!)
                : new EnvSource((string?)variable["value"], null, null);
        }

        return env;
    }

    // Plain scalars get YAML's core types (helm prints ports and flags unquoted); quoted ones stay strings.
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar => PlainScalar(scalar.Value),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
    };

    private static JsonNode? PlainScalar(string? text) => text switch
    {
        null or "" or "~" or "null" => null,
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var large) => JsonValue.Create(large),
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && text.Any(char.IsDigit) => JsonValue.Create(real),
        _ => JsonValue.Create(text),
    };
}
