using Genie.Core.Specs.Parsing;

namespace Genie.Core.Specs.Binding;

/// <summary>
/// What binders share while turning one document into a job: the reader, the limits, and the facts
/// later parts are checked against (declared params, the job's own name).
/// </summary>
internal sealed class BindingContext(SpecLimits limits, SpecErrorSink errors)
{
    /// <summary>Typed reads with error reporting.</summary>
    public FieldReader Read { get; } = new(errors);

    /// <summary>The limits in force.</summary>
    public SpecLimits Limits { get; } = limits;

    /// <summary>Every param name the document declares, valid or not, so references are not reported twice.</summary>
    public HashSet<string> DeclaredParams { get; } = new(StringComparer.Ordinal);

    /// <summary>The params that bound without errors.</summary>
    public Dictionary<string, ParamSpec> Params { get; } = new(StringComparer.Ordinal);

    /// <summary>False when <c>spec.params</c> itself is broken, which makes every reference unverifiable.</summary>
    public bool ParamsKnown { get; set; } = true;

    /// <summary>The job's name and namespace, for spotting a job that triggers itself.</summary>
    public JobMetadata? Metadata { get; set; }

    /// <summary>
    /// Checks the <c>${{ params.NAME }}</c> placeholders in a string: well formed, and naming declared params.
    /// </summary>
    public void CheckPlaceholders(Field field, string text)
    {
        if (!ParamReference.ContainsPlaceholderSyntax(text))
        {
            return;
        }

        var scan = ParamReference.Scan(text);
        foreach (var problem in scan.Problems)
        {
            Read.Error(field, problem);
        }

        foreach (var reference in scan.References)
        {
            if (ParamsKnown && !DeclaredParams.Contains(reference.Name))
            {
                var declared = DeclaredParams.Count == 0 ? "no params are declared" : "declared: " + string.Join(", ", DeclaredParams.Order(StringComparer.Ordinal));
                Read.Error(field, $"`${{{{ params.{reference.Name} }}}}` refers to an undeclared param{NameSuggestion.Hint(reference.Name, DeclaredParams)}; {declared}");
            }
        }
    }

    /// <summary>A string that may hold placeholders, checked, with placeholders in their canonical spelling.</summary>
    public string? Template(Field field, bool required = false)
    {
        var text = Read.String(field, required);
        if (text is null)
        {
            return null;
        }

        CheckPlaceholders(field, text);
        return ParamReference.Normalize(text);
    }
}
