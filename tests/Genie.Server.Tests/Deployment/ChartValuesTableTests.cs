using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Genie.Server.Tests.Deployment;

/// <summary>
/// values.yaml, values.schema.json and the values table of charts/genie/README.md describe the same keys. A key's
/// children are listed when the schema spells them out (`properties`); a free-form map (resources, annotations,
/// flinkConfiguration) is one row.
/// </summary>
public sealed partial class ChartValuesTableTests
{
    [Fact]
    public void Every_values_key_is_in_the_schema_and_in_the_readme_table_and_every_row_is_a_key()
    {
        var keys = new List<string>();
        Walk(Values(), Schema(), "", keys);
        var rows = TableRows();

        keys.Count.ShouldBeGreaterThan(150);
        keys.Except(rows.Keys).ShouldBeEmpty("values.yaml keys missing from the README table");
        rows.Keys.Except(keys).ShouldBeEmpty("README rows that are no values.yaml key");
        rows.Where(r => r.Value.Length < 10).Select(r => r.Key).ShouldBeEmpty("rows without a description");
    }

    [Fact]
    public void The_walk_reports_a_key_the_schema_does_not_declare()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader("server:\n  replicas: 2\n  replica: 3\n"));

        var walk = () => Walk((YamlMappingNode)stream.Documents[0].RootNode, Schema(), "", []);

        walk.ShouldThrow<ShouldAssertException>().Message.ShouldContain("server.replica");
    }

    // Each key with its schema; the schema must declare every key values.yaml has.
    private static void Walk(YamlMappingNode values, JsonObject schema, string prefix, List<string> keys)
    {
        var properties = schema["properties"]!.AsObject();
        foreach (var (keyNode, value) in values.Children)
        {
            var key = prefix + ((YamlScalarNode)keyNode).Value;
            var property = properties[((YamlScalarNode)keyNode).Value!]?.AsObject()
                           ?? throw new ShouldAssertException($"{key} is in values.yaml but not in values.schema.json");
            ((string?)property["description"]).ShouldNotBeNullOrWhiteSpace(key);
            keys.Add(key);
            if (property["properties"] is not null)
            {
                ((bool?)property["additionalProperties"]).ShouldBe(false, $"{key} must refuse unknown keys");
                Walk((YamlMappingNode)value, property, key + ".", keys);
            }
        }
    }

    private static YamlMappingNode Values()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Helm.ChartDir, "values.yaml"))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static JsonObject Schema() => JsonNode.Parse(File.ReadAllText(Path.Combine(Helm.ChartDir, "values.schema.json")))!.AsObject();

    // The rows `| `key` | default | description |` of the table under the chart README's "## Values", by key.
    private static Dictionary<string, string> TableRows() =>
        File.ReadLines(Path.Combine(Helm.ChartDir, "README.md"))
            .SkipWhile(line => line != "## Values")
            .Select(line => TableRow().Match(line))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["description"].Value.Trim());

    [GeneratedRegex(@"^\| `(?<key>[A-Za-z][\w.-]*)` \| (?<default>.*?) \| (?<description>[^|]*) \|$")]
    private static partial Regex TableRow();
}
