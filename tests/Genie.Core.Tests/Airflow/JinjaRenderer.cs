using System.Text.Json;

namespace Genie.Core.Tests.Airflow;

/// <summary>Renders templates with the real Jinja (python3's jinja2), which the tests require.</summary>
internal static class JinjaRenderer
{
    private static string Script => Path.Combine(PythonProcess.RepositoryRoot, "tests", "Genie.Core.Tests", "Airflow", "Scripts", "jinja_render.py");

    /// <summary>One template to render with <paramref name="Params"/> as <c>params</c>.</summary>
    public sealed record Case(string Template, IReadOnlyDictionary<string, string?> Params, bool Container);

    /// <summary>The rendered texts; a template that fails to render, or a python3 without jinja2, fails the test.</summary>
    public static IReadOnlyList<string> Render(IReadOnlyList<Case> cases)
    {
        using var files = new GeneratedFiles();
        var input = files.WriteText("cases.json", JsonSerializer.Serialize(cases.Select(c => new
        {
            template = c.Template,
            @params = c.Params,
            container = c.Container,
        })));
        var result = PythonProcess.Python(Script, input);
        result.ExitCode.ShouldBe(0, result.Output);
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        root.GetProperty("jinja").GetBoolean().ShouldBeTrue(PythonProcess.JinjaMissing);

        return root.GetProperty("results").EnumerateArray().Select((r, i) =>
        {
            r.TryGetProperty("error", out var error).ShouldBeFalse($"`{cases[i].Template}`: {(r.TryGetProperty("error", out var e) ? e.GetString() : "")}");
            return FromCodePoints(r.GetProperty("points").EnumerateArray().Select(p => p.GetInt32()));
        }).ToList();
    }

    /// <summary>Rebuilds a .NET string from Python code points, keeping unpaired surrogates.</summary>
    public static string FromCodePoints(IEnumerable<int> points) =>
        string.Concat(points.Select(p => p is >= 0xD800 and <= 0xDFFF ? ((char)p).ToString() : char.ConvertFromUtf32(p)));
}
