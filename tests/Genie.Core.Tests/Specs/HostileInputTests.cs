using System.Text;
using Genie.Core.Specs;
using static Genie.Core.Tests.Specs.SpecAssertions;
using static Genie.Core.Tests.Specs.SpecDocuments;

namespace Genie.Core.Tests.Specs;

/// <summary>Documents built to exhaust, crash or confuse the parser; each must fail with a specific error, without hanging.</summary>
public class HostileInputTests
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(3);

    private static readonly SpecLimits Unbounded = SpecLimits.Default with
    {
        MaxDocumentBytes = 64 * 1024 * 1024,
        MaxNodes = 10_000_000,
        MaxDepth = 1_000_000,
    };

    [Fact]
    public void Ten_megabyte_document_is_rejected_before_parsing()
    {
        var text = "apiVersion: genie.dev/v1\ndescription: " + new string('x', 10 * 1024 * 1024);

        var error = WithoutHanging(() => ShouldFailOnlyAt(text, "", "at most 262144 are allowed"));

        error.Message.ShouldBe($"the document is {Encoding.UTF8.GetByteCount(text)} bytes; at most 262144 are allowed");
    }

    [Fact]
    public void Size_limit_counts_utf8_bytes_not_characters()
    {
        // 100k three-byte characters: 100k chars but 300k bytes.
        var text = WithTask("command: [echo]\ndescription: " + new string('€', 100_000));

        ShouldFailOnlyAt(text, "", "bytes; at most 262144 are allowed").Message.ShouldStartWith("the document is 300");
    }

    [Theory]
    [InlineData(SpecFormat.Yaml)]
    [InlineData(SpecFormat.Json)]
    public void Hundred_thousand_deep_nesting_fails_at_the_depth_limit(SpecFormat format)
    {
        var text = new string('[', 100_000) + new string(']', 100_000);

        var error = WithoutHanging(() => ShouldFail(text, format)).Single();

        error.Message.ShouldBe("the document nests deeper than 32 levels");
        error.Path.ShouldStartWith("[0][0][0]");
    }

    [Theory]
    [InlineData(SpecFormat.Yaml, 10_000)]
    [InlineData(SpecFormat.Json, 100_000)]
    public void Deep_nesting_does_not_overflow_the_stack_even_without_a_depth_limit(SpecFormat format, int depth)
    {
        // YamlDotNet's scanner is quadratic in flow nesting (100k levels take most of a minute), which
        // the default depth limit makes irrelevant; 10k levels still prove nothing recurses per level.
        var text = new string('[', depth) + new string(']', depth);

        var error = WithoutHanging(() => ShouldFail(text, format, Unbounded)).Single();

        error.Message.ShouldStartWith("the document must be a mapping");
    }

    [Fact]
    public void Deep_nesting_inside_a_valid_document_is_reported_at_its_path()
    {
        var text = WithTask("command: [echo]\ndescription: " + new string('[', 40) + new string(']', 40));

        // The description list is the 5th level, so the 33rd is 28 lists further in.
        ShouldFailOnlyAt(text, "spec.tasks[0].description" + string.Concat(Enumerable.Repeat("[0]", 28)), "the document nests deeper than 32 levels");
    }

    [Fact]
    public void Deep_json_objects_fail_at_the_depth_limit()
    {
        var text = string.Concat(Enumerable.Repeat("{\"a\":", 40_000)) + "1" + new string('}', 40_000);

        WithoutHanging(() => ShouldFail(text, SpecFormat.Json)).Single().Message.ShouldBe("the document nests deeper than 32 levels");
    }

    [Fact]
    public void Billion_laughs_alias_bomb_fails_fast_without_allocating()
    {
        var text = new StringBuilder("lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            text.Append($"lol{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))).Append("]\n");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = WithoutHanging(() => ShouldFail(text.ToString())).Single();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        error.Message.ShouldBe("the document has more than 50000 values (YAML aliases count once per use)");
        error.Path.ShouldStartWith("lol");
        allocated.ShouldBeLessThan(20L * 1024 * 1024);
    }

    [Fact]
    public void Alias_bomb_hidden_inside_a_spec_is_caught_at_its_path()
    {
        var text = WithTask("""
            command: [echo]
            env: {A: &big [1, 2, 3, 4, 5, 6, 7, 8, 9]}
            """) + "\n  x: [" + string.Join(",", Enumerable.Repeat("*big", 10_000)) + "]";

        // 34 values (keys included) come before the first alias, and each alias costs the list and its
        // 9 items: 34 + 10 * 4997 is the first total above 50000, reached at index 4996.
        var error = WithoutHanging(() => ShouldFail(text)).Single();
        error.ShouldBe(new SpecError("spec.x[4996]", "the document has more than 50000 values (YAML aliases count once per use)"));
    }

    [Fact]
    public void Wide_alias_fan_out_counts_every_use()
    {
        var text = "a: &a [" + string.Join(",", Enumerable.Repeat("x", 1000)) + "]\nb: [" + string.Join(",", Enumerable.Repeat("*a", 5000)) + "]";

        WithoutHanging(() => ShouldFail(text)).Single().Message.ShouldContain("more than 50000 values");
    }

    [Fact]
    public void Alias_into_its_own_node_is_rejected() =>
        ShouldFailOnlyAt("a: &a [x, *a]", "a[1]", "refers to a node that contains it");

    [Fact]
    public void Alias_to_an_undefined_anchor_is_reported() =>
        ShouldFail(WithTask("command: [echo, *nothing]")).ShouldHaveError("spec.tasks[0].command[1]", "refers to no anchor");

    [Fact]
    public void Aliases_may_not_deepen_the_document_past_the_limit()
    {
        var nested = new string('[', 20) + new string(']', 20);
        ShouldFail($"a: &deep {nested}\nb: [[[[[[[[[[[[[[*deep]]]]]]]]]]]]]]").Single().Message.ShouldContain("deeper than 32 levels");
    }

    [Fact]
    public void Hundred_thousand_tasks_stop_at_the_task_limit()
    {
        var text = new StringBuilder("apiVersion: genie.dev/v1\nkind: Job\nmetadata: {name: big}\nspec:\n  tasks:\n");
        for (var i = 0; i < 100_000; i++)
        {
            text.Append("  - {name: t").Append(i).Append(", command: [echo]}\n");
        }

        var errors = WithoutHanging(() => ShouldFail(text.ToString(), limits: Unbounded));

        errors.ShouldBe([new SpecError("spec.tasks", "has 100000 tasks; at most 500 are allowed")]);
    }

    [Fact]
    public void Too_many_nodes_stop_the_read()
    {
        var args = string.Join(",", Enumerable.Repeat("x", 60_000));

        // 21 values (keys included) come before args[0], so args[49979] is value number 50001.
        WithoutHanging(() => ShouldFail(WithTask($"command: [echo]\nargs: [{args}]"))).Single()
            .ShouldBe(new SpecError("spec.tasks[0].args[49979]", "the document has more than 50000 values (YAML aliases count once per use)"));
    }

    [Fact]
    public void Huge_single_scalar_is_rejected_with_its_path() =>
        ShouldFailOnlyAt(WithTask("command: [echo]", "description: " + new string('x', 70_000)), "spec.description", "is longer than 65536 bytes");

    [Fact]
    public void Huge_key_is_rejected_with_its_path()
    {
        var key = new string('K', 70_000);
        var error = ShouldFail(WithTask($"command: [echo]\nenv: {{{key}: x}}")).First();

        error.Path.ShouldBe("spec.tasks[0].env[\"" + new string('K', 80) + "…\"]");
        error.Message.ShouldBe("is longer than 65536 bytes");
    }

    [Fact]
    public void Raw_nul_in_yaml_is_rejected()
    {
        var text = WithTask("command: [echo]", "description: a\0b");

        ShouldFailOnlyAt(text, "", "the text contains the NUL character (U+0000) at line 6, column 17; it cannot be stored");
        ShouldFailOnlyAt("{\"a\": \"\0\"}", "", "the text contains the NUL character (U+0000) at line 1, column 8", SpecFormat.Json);
    }

    [Fact]
    public void Escaped_nul_in_yaml_is_rejected_with_its_path() =>
        ShouldFailOnlyAt(WithTask("command: [echo]", "description: \"a\\x00b\""), "spec.description", "must not contain the NUL character (U+0000)");

    [Fact]
    public void Lone_surrogate_json_escape_is_rejected_with_its_path() =>
        ShouldFailOnlyAt("""{"apiVersion": "genie.dev/v1", "kind": "Job", "metadata": {"name": "a"}, "spec": {"description": "bad \ud800 text", "tasks": [{"name": "a", "command": ["echo"]}]}}""",
            "spec.description", "contains an invalid \\u escape (an unpaired UTF-16 surrogate)", SpecFormat.Json);

    [Fact]
    public void Lone_surrogate_json_escape_in_a_key_is_rejected() =>
        ShouldFail("""{"apiVersion": "genie.dev/v1", "kind": "Job", "metadata": {"name": "a", "\udc00": 1}, "spec": {"tasks": [{"name": "a", "command": ["echo"]}]}}""", SpecFormat.Json)
            .ShouldHaveError("metadata", "contains an invalid \\u escape");

    [Fact]
    public void Paired_surrogate_json_escape_is_fine() =>
        ShouldParse("""{"apiVersion": "genie.dev/v1", "kind": "Job", "metadata": {"name": "a"}, "spec": {"description": "rocket \ud83d\ude80", "tasks": [{"name": "a", "command": ["echo"]}]}}""", SpecFormat.Json)
            .Spec.Description.ShouldBe("rocket 🚀");

    [Theory]
    [InlineData(SpecFormat.Yaml)]
    [InlineData(SpecFormat.Json)]
    public void Raw_lone_surrogate_in_the_text_is_rejected(SpecFormat format)
    {
        var text = format == SpecFormat.Yaml ? "apiVersion: genie.dev/v1\nkind: J\ud800ob" : "{\"kind\": \"J\ud800ob\"}";

        ShouldFailOnlyAt(text, "", "the text contains an unpaired UTF-16 surrogate at line");
    }

    [Theory]
    [InlineData(SpecFormat.Yaml)]
    [InlineData(SpecFormat.Json)]
    public void Byte_order_mark_is_ignored(SpecFormat format)
    {
        var text = format == SpecFormat.Yaml ? DesignExample : DesignExampleJson;

        ShouldParse("\uFEFF" + text, format).Metadata.Name.ShouldBe("nightly-etl");
    }

    [Theory]
    [InlineData("ex\u200Btract", "it contains an invisible character U+200B")]
    [InlineData("extract\u200F", "it contains an invisible character U+200F")]
    [InlineData("\u202Eabc", "it contains an invisible character U+202E")]
    [InlineData("🚀", "it contains the non-ASCII character U+1F680")]
    [InlineData("tâche", "it contains the non-ASCII character U+00E2")]
    [InlineData("cafe\u0301", "it contains an invisible character U+0301")]
    [InlineData("ехtract", "it contains the non-ASCII character U+0435")]
    [InlineData("two words", "it contains a space")]
    public void Odd_unicode_in_names_is_named_in_the_error(string name, string fragment) =>
        ShouldFailOnlyAt(WithTasks($"- {{name: \"{name}\", command: [echo]}}"), "spec.tasks[0].name", fragment);

    [Fact]
    public void Odd_unicode_in_param_names_and_env_keys_is_rejected()
    {
        var errors = ShouldFail(WithTask("command: [echo]\nenv: {\"PA\u200DTH\": x}", "params: {\"d\u00E4te\": {}}"));

        errors.ShouldHaveError("spec.params[\"d\u00E4te\"]", "it contains the non-ASCII character U+00E4");
        errors.ShouldHaveError("spec.tasks[0].env[\"PA\u200DTH\"]", "it contains an invisible character U+200D");
    }

    [Fact]
    public void Several_yaml_documents_are_rejected()
    {
        var second = DesignExample.Split('\n').Length + 1;

        ShouldFailOnlyAt(DesignExample + "\n---\n" + DesignExample, "", $"expected exactly one YAML document, but another starts at line {second}, column 1");
    }

    [Theory]
    [InlineData("", SpecFormat.Yaml)]
    [InlineData("   \n\n", SpecFormat.Yaml)]
    [InlineData("# only a comment\n", SpecFormat.Yaml)]
    [InlineData("", SpecFormat.Json)]
    [InlineData("  \n ", SpecFormat.Json)]
    public void Empty_documents_are_rejected(string text, SpecFormat format)
    {
        var error = ShouldFail(text, format).Single();

        error.Path.ShouldBe("");
        error.Message.ShouldBe("the document is empty");
    }

    [Theory]
    [InlineData("---\n")]
    [InlineData("~")]
    [InlineData("null")]
    public void Null_documents_are_rejected(string text) =>
        ShouldFailOnlyAt(text, "", "the document must be a mapping with apiVersion, kind, metadata and spec, got null");

    [Fact]
    public void Tab_indentation_is_a_yaml_syntax_error() =>
        ShouldFail("apiVersion: genie.dev/v1\nkind: Job\nmetadata:\n\tname: a\n").Single().Message
            .ShouldBe("YAML syntax error at line 4, column 1: While scanning a mapping, found invalid tab as indentation.");

    [Fact]
    public void Tabs_inside_values_are_kept() =>
        ShouldParse(WithTask("command: [echo, \"a\tb\"]")).Spec.Tasks[0].Command[1].ShouldBe("a\tb");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Binary_garbage_never_throws(int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        var text = Encoding.Latin1.GetString(bytes);

        foreach (var format in new[] { SpecFormat.Yaml, SpecFormat.Json })
        {
            var errors = WithoutHanging(() => ShouldFail(text, format));

            errors.ShouldAllBe(e => e.Message.Length > 0);
            errors[0].Message.ShouldMatch("syntax error|must be a mapping|NUL|longer than|not supported|duplicate|nests deeper");
        }
    }

    [Fact]
    public void Invalid_utf8_decoded_as_replacement_characters_is_just_text()
    {
        var text = Encoding.UTF8.GetString([0xC3, 0x28, 0xFF]);

        ShouldParse(WithTask("command: [echo]", $"description: \"{text}\"")).Spec.Description.ShouldBe("\uFFFD(\uFFFD");
    }

    [Theory]
    [InlineData("{\"a\": 1,}", "JSON syntax error at line 1")]
    [InlineData("{\"a\": 1} {\"b\": 2}", "JSON syntax error at line 1")]
    [InlineData("{\"a\": 1 // comment\n}", "JSON syntax error at line 1")]
    [InlineData("{'a': 1}", "JSON syntax error at line 1")]
    [InlineData("{\"a\": \"\\x41\"}", "JSON syntax error at line 1, column 9: ")]
    [InlineData("{\"a\": 01}", "JSON syntax error at line 1, column 8: ")]
    [InlineData("{\"a\": NaN}", "JSON syntax error at line 1, column 7: ")]
    public void Json_that_is_not_strict_json_is_a_syntax_error(string text, string fragment)
    {
        var error = ShouldFail(text, SpecFormat.Json).Single();

        error.Message.ShouldStartWith(fragment);
        error.Path.ShouldBeOneOf("", "a");
    }

    [Fact]
    public void Number_literals_out_of_range_are_not_integers()
    {
        var errors = ShouldFail(WithTask("command: [echo]\nreplicas: 1e400\npriority: 99999999999999999999999", "params: {n: {type: number, default: 1e400}}"));

        errors.ShouldHaveError("spec.params.n.default", "must be a number, got `1e400`");
        errors.ShouldHaveError("spec.tasks[0].replicas", "must be an integer, got `1e400`");
        errors.ShouldHaveError("spec.tasks[0].priority", "must be an integer");
        errors.Count.ShouldBe(3);
    }

    [Fact]
    public void Wrong_types_everywhere_are_all_reported()
    {
        var errors = ShouldFail("apiVersion: [genie.dev/v1]\nkind: {Job: 1}\nmetadata: 5\nspec: [1]");

        errors.Select(e => e.ToString()).ShouldBe([
            "apiVersion: must be a string, got a list",
            "kind: must be a string, got a mapping",
            "metadata: must be a mapping, got `5`",
            "spec: must be a mapping, got a list",
        ]);
    }

    [Fact]
    public void Collection_keys_are_rejected() =>
        ShouldFail(WithTask("command: [echo]\nenv: {? [a, b] : c}")).ShouldHaveError("spec.tasks[0].env", "mapping keys must be strings");

    [Fact]
    public void Control_characters_in_messages_are_escaped()
    {
        var error = ShouldFail(WithTasks("- {name: \"a\\x07\\nb\", command: [echo]}")).Single();

        error.Message.ShouldContain("`a\\u0007\\nb`");
        error.Message.ShouldNotContain("\n");
    }

    /// <summary>
    /// Runs a parse that must not hang. The cap only detects a hang (a loop that never ends); speed is
    /// measured by the benchmarks, never asserted here.
    /// </summary>
    private static T WithoutHanging<T>(Func<T> action)
    {
        var parse = Task.Run(action);
        parse.Wait(HangLimit).ShouldBeTrue("the parser did not finish: it hangs");
        return parse.Result;
    }
}
