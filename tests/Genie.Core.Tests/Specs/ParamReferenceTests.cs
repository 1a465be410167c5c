using Genie.Core.Specs;
using static Genie.Core.Tests.Specs.SpecAssertions;
using static Genie.Core.Tests.Specs.SpecDocuments;

namespace Genie.Core.Tests.Specs;

public class ParamReferenceTests
{
    [Theory]
    [InlineData("${{ params.date }}", "date", 0, 18)]
    [InlineData("${{params.date}}", "date", 0, 16)]
    [InlineData("--date=${{  params.date\t}}", "date", 7, 19)]
    [InlineData("x${{ params._a1 }}y", "_a1", 1, 17)]
    public void Placeholders_are_found_with_their_span(string text, string name, int index, int length) =>
        ParamReference.Scan(text).References.ShouldBe([new ParamReference(name, index, length)]);

    [Fact]
    public void Several_placeholders_and_plain_dollars_are_told_apart()
    {
        var scan = ParamReference.Scan("$HOME ${{ params.a }}-${{ params.b }} $${{ params.c }} ${x} $$");

        scan.IsValid.ShouldBeTrue();
        scan.References.Select(r => r.Name).ShouldBe(["a", "b"]);
    }

    [Theory]
    [InlineData("${{ params.date", "has no closing `}}`")]
    [InlineData("${{ date }}", "`${{ date }}` is not a param reference: write `${{ params.NAME }}` (or `$${{` for a literal `${{`)")]
    [InlineData("${{ params. date }}", "is not a param reference")]
    [InlineData("${{ params.9lives }}", "is not a param reference")]
    [InlineData("${{ params.a.b }}", "is not a param reference")]
    [InlineData("${{ env.HOME }}", "is not a param reference")]
    [InlineData("${{}}", "is not a param reference")]
    [InlineData("${{ params.a-b }}", "is not a param reference")]
    public void Malformed_placeholders_are_problems(string text, string fragment)
    {
        var scan = ParamReference.Scan(text);

        scan.IsValid.ShouldBeFalse();
        scan.Problems.Single().ShouldContain(fragment);
    }

    [Fact]
    public void Substitution_replaces_whole_placeholders_and_unescapes()
    {
        var values = new Dictionary<string, string> { ["date"] = "2024-06-01", ["who"] = "$(rm -rf /)" };

        ParamReference.Substitute("--date=${{params.date}} ${{ params.who }} $${{ params.date }}", n => values[n])
            .ShouldBe("--date=2024-06-01 $(rm -rf /) ${{ params.date }}");
    }

    [Fact]
    public void Substitution_leaves_text_without_placeholders_alone() =>
        ParamReference.Substitute("echo $HOME", _ => throw new InvalidOperationException()).ShouldBe("echo $HOME");

    [Fact]
    public void Normalize_respells_placeholders_and_keeps_escapes() =>
        ParamReference.Normalize("a${{params.x}}b$${{ params.y}}c${{  params.z }}").ShouldBe("a${{ params.x }}b$${{ params.y}}c${{ params.z }}");

    [Fact]
    public void Placeholders_may_appear_in_every_substituted_field()
    {
        var job = ShouldParse(WithTask(
            "image: \"repo/${{ params.tag }}\"\ncommand: [\"${{ params.tag }}\"]\nargs: [\"${{ params.tag }}\"]\nenv: {T: \"${{ params.tag }}\"}",
            "params: {tag: {default: latest}}\ndefaults: {image: \"base:${{ params.tag }}\", env: {D: \"${{params.tag}}\"}}"));

        job.Spec.Tasks[0].Image.ShouldBe("repo/${{ params.tag }}");
        job.Spec.Defaults.Env["D"].ShouldBe("${{ params.tag }}");
    }

    [Theory]
    [InlineData("command: [\"${{ params.dat }}\"]", "spec.tasks[0].command[0]", "`${{ params.dat }}` refers to an undeclared param (did you mean `date`?); declared: date, region")]
    [InlineData("command: [echo]\nargs: [\"${{ params.Date }}\"]", "spec.tasks[0].args[0]", "(did you mean `date`?)")]
    [InlineData("command: [echo]\nenv: {A: \"${{ params.nope }}\"}", "spec.tasks[0].env.A", "refers to an undeclared param; declared: date, region")]
    [InlineData("image: \"x:${{ params.nope }}\"\ncommand: [echo]", "spec.tasks[0].image", "refers to an undeclared param")]
    [InlineData("job: {name: other, params: {d: \"${{ params.nope }}\"}}", "spec.tasks[0].job.params.d", "refers to an undeclared param")]
    [InlineData("command: [\"${{ date }}\"]", "spec.tasks[0].command[0]", "is not a param reference")]
    [InlineData("command: [\"${{ params.date\"]", "spec.tasks[0].command[0]", "has no closing `}}`")]
    [InlineData("script: echo ${{ params.date }}", "spec.tasks[0].script", "`${{ ... }}` is not substituted in scripts: params reach scripts as environment variables, e.g. \"$GENIE_PARAM_DATE\"")]
    [InlineData("script: echo $${{ x }}", "spec.tasks[0].script", "is not substituted in scripts")]
    [InlineData("image: \"x y${{ params.date }}\"\ncommand: [echo]", "spec.tasks[0].image", "it contains whitespace")]
    public void References_are_checked_against_declared_params(string task, string path, string fragment) =>
        ShouldFailOnlyAt(WithTask(task, "params: {date: {required: true}, region: {default: eu}}"), path, fragment);

    [Fact]
    public void References_without_any_params_say_so() =>
        ShouldFailOnlyAt(WithTask("command: [\"${{ params.x }}\"]"), "spec.tasks[0].command[0]", "refers to an undeclared param; no params are declared");

    [Fact]
    public void Params_declared_after_the_tasks_still_count() =>
        ShouldParse(Job("tasks: [{name: a, command: [\"${{ params.late }}\"]}]\nparams: {late: {default: x}}"));

    [Fact]
    public void References_are_not_checked_when_params_itself_is_broken() =>
        ShouldFailOnlyAt(WithTask("command: [\"${{ params.x }}\"]", "params: [x]"), "spec.params", "must be a mapping");

    [Fact]
    public void References_to_invalid_param_declarations_are_not_reported_twice() =>
        ShouldFailOnlyAt(WithTask("command: [\"${{ params.d }}\"]", "params: {d: {type: date}}"), "spec.params.d.type", "`date` is not one of string, integer, number, boolean");

    [Fact]
    public void Placeholders_in_free_text_are_left_alone() =>
        ShouldParse(WithTask("command: [echo]\ndescription: uses ${{ params.nothing }}")).Spec.Tasks[0].Description.ShouldBe("uses ${{ params.nothing }}");
}
