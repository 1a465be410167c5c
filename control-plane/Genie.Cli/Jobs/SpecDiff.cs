using System.Text.Json;
using DiffPlex.Renderer;
using Genie.Cli.Output;

namespace Genie.Cli.Jobs;

/// <summary>A unified diff of two canonical definitions, each written as YAML: what `plan` shows for a change.</summary>
public static class SpecDiff
{
    private const int ContextLines = 3;

    public static string Unified(string job, JsonElement current, JsonElement applied) =>
        UnidiffRenderer.GenerateUnidiff(YamlText.Sorted(current), YamlText.Sorted(applied),
            $"{job} (live)", $"{job} (from file)", ignoreWhitespace: false, ignoreCase: false, ContextLines);
}
