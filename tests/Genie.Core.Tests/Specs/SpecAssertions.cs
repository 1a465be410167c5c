using Genie.Core.Specs;

namespace Genie.Core.Tests.Specs;

/// <summary>Parses test documents and asserts on their errors by path and message fragment.</summary>
internal static class SpecAssertions
{
    /// <summary>Parses YAML and asserts it is valid, returning the job.</summary>
    public static JobDefinition ShouldParse(string text, SpecFormat format = SpecFormat.Yaml, SpecLimits? limits = null)
    {
        var result = JobSpecParser.Parse(text, format, limits);
        result.Errors.ShouldBeEmpty(string.Join("\n", result.Errors));
        result.IsValid.ShouldBeTrue();
        return result.Job!;
    }

    /// <summary>Parses and returns the errors, asserting there are some and no job.</summary>
    public static IReadOnlyList<SpecError> ShouldFail(string text, SpecFormat format = SpecFormat.Yaml, SpecLimits? limits = null)
    {
        var result = JobSpecParser.Parse(text, format, limits);
        result.Job.ShouldBeNull();
        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldNotBeEmpty();
        return result.Errors;
    }

    /// <summary>Asserts that exactly one error exists, at <paramref name="path"/>, whose message contains <paramref name="fragment"/>.</summary>
    public static SpecError ShouldFailOnlyAt(string text, string path, string fragment, SpecFormat format = SpecFormat.Yaml, SpecLimits? limits = null)
    {
        var errors = ShouldFail(text, format, limits);
        errors.Count.ShouldBe(1, string.Join("\n", errors));
        errors[0].Path.ShouldBe(path);
        errors[0].Message.ShouldContain(fragment, Case.Sensitive);
        return errors[0];
    }

    /// <summary>Asserts that an error at <paramref name="path"/> contains <paramref name="fragment"/>.</summary>
    public static void ShouldHaveError(this IReadOnlyList<SpecError> errors, string path, string fragment) =>
        errors.ShouldContain(e => e.Path == path && e.Message.Contains(fragment, StringComparison.Ordinal),
            $"expected `{path}: …{fragment}…` among:\n{string.Join("\n", errors)}");
}
