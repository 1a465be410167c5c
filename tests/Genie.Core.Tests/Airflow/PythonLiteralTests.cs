using System.Text.Json;
using Genie.Core.Airflow.Python;

namespace Genie.Core.Tests.Airflow;

/// <summary>Every value becomes a Python literal that evaluates to exactly that value.</summary>
public class PythonLiteralTests
{
    private const string EvaluateScript = """
        import ast, json, sys
        tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
        values = []
        for statement in tree.body:
            assert isinstance(statement, ast.Assign), ast.dump(statement)
            value = ast.literal_eval(statement.value)
            values.append([ord(c) for c in value] if isinstance(value, str) else value)
        print(json.dumps(values))
        """;

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData("a\\b", "\"a\\\\b\"")]
    [InlineData("a\nb\rc\td", "\"a\\nb\\rc\\td\"")]
    [InlineData("\0", "\"\\x00\"")]
    [InlineData("\u007f\u0085", "\"\\x7f\\x85\"")]
    [InlineData("\u202E\u200B\u2028\uFEFF", "\"\\u202e\\u200b\\u2028\\ufeff\"")]
    [InlineData("é日😀", "\"é日😀\"")]
    [InlineData("'''", "\"'''\"")]
    public void Strings_are_escaped_to_double_quoted_literals(string value, string literal) =>
        PythonLiteral.Str(value).ShouldBe(literal);

    [Fact]
    public void Unpaired_surrogates_become_escapes()
    {
        // Not theory data: the test runner cannot carry unpaired surrogates in its arguments.
        PythonLiteral.Str("\uD800x\uDC00").ShouldBe("\"\\ud800x\\udc00\"");
        PythonLiteral.Str("\uD83D\uDE00").ShouldBe("\"😀\"");
    }

    [Fact]
    public void Scalars_have_their_python_spelling()
    {
        PythonLiteral.Int(-42).ShouldBe("-42");
        PythonLiteral.Float(2.0).ShouldBe("2.0");
        PythonLiteral.Float(0.1).ShouldBe("0.1");
        PythonLiteral.Float(1e21).ShouldBe("1E+21");
        PythonLiteral.Bool(true).ShouldBe("True");
        PythonLiteral.Of(null).ShouldBe("None");
        Should.Throw<ArgumentOutOfRangeException>(() => PythonLiteral.Float(double.NaN));
        Should.Throw<ArgumentOutOfRangeException>(() => PythonLiteral.Float(double.PositiveInfinity));
    }

    [Fact]
    public void Hostile_strings_evaluate_to_themselves_in_python()
    {
        var strings = HostileStrings.SpecSafe.Concat(HostileStrings.LiteralOnly).ToList();
        using var files = new GeneratedFiles();
        var module = files.WriteText("values.py", string.Concat(strings.Select((s, i) => $"v{i} = {PythonLiteral.Str(s)}\n")));

        var evaluated = Evaluate(files, module);

        evaluated.GetArrayLength().ShouldBe(strings.Count);
        for (var i = 0; i < strings.Count; i++)
        {
            evaluated[i].EnumerateArray().Select(p => p.GetInt32()).ShouldBe(HostileStrings.CodePoints(strings[i]), $"string {i}");
        }
    }

    [Fact]
    public void Literals_hold_no_line_breaks_or_invisible_characters()
    {
        foreach (var text in HostileStrings.SpecSafe.Concat(HostileStrings.LiteralOnly))
        {
            var literal = PythonLiteral.Str(text);
            literal.ShouldNotContain('\n');
            literal.ShouldNotContain('\r');
            literal.ShouldNotContain('\0');
            literal.ShouldNotContain('\u202E');
            literal.ShouldNotContain('\u2028');
            literal.ShouldNotContain('\uFEFF');
            literal.Any(char.IsSurrogate).ShouldBe(literal.Contains("😀", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Nested_values_evaluate_to_equal_json()
    {
        var value = new List<object?>
        {
            1L, -2, 0.5, -1e-7, true, false, null, "x",
            new List<object?> { new List<object?>(), "\"" },
            new Dictionary<string, object?> { ["b"] = 1L, ["a\n"] = new List<object?> { null } },
        };
        using var files = new GeneratedFiles();
        var module = files.WriteText("nested.py", $"v = {PythonLiteral.Of(value)}\n");

        var evaluated = Evaluate(files, module)[0];

        evaluated.GetRawText().ShouldBe("""[1, -2, 0.5, -1e-07, true, false, null, "x", [[], "\""], {"b": 1, "a\n": [null]}]""");
    }

    private static JsonElement Evaluate(GeneratedFiles files, string module)
    {
        var script = files.WriteText("evaluate.py", EvaluateScript);
        var result = PythonProcess.Python(script, module);
        result.ExitCode.ShouldBe(0, result.Output);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }
}
