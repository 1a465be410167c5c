namespace Genie.Core.Specs.Parsing;

/// <summary>
/// Collects errors while a document is read and checked, so every problem is reported in one pass.
/// The final list is in document order, without repeats, capped at <see cref="SpecLimits.MaxErrors"/>.
/// </summary>
internal sealed class SpecErrorSink(int maxErrors)
{
    private readonly List<(SourceMark Mark, SpecError Error)> _errors = [];
    private readonly HashSet<SpecError> _seen = [];

    /// <summary>Whether anything was reported.</summary>
    public bool HasErrors => _errors.Count > 0;

    /// <summary>Reports a problem with the value at <paramref name="path"/>, which starts at <paramref name="mark"/>.</summary>
    public void Add(SpecPath path, SourceMark mark, string message)
    {
        var error = new SpecError(path.ToString(), message);
        if (_seen.Add(error))
        {
            _errors.Add((mark, error));
        }
    }

    /// <summary>The errors in document order; past the cap one last error says how many were left out.</summary>
    public IReadOnlyList<SpecError> ToList()
    {
        var ordered = _errors.OrderBy(e => e.Mark).Select(e => e.Error).ToList();
        if (ordered.Count <= maxErrors)
        {
            return ordered;
        }

        var kept = ordered.Take(maxErrors).ToList();
        kept.Add(new SpecError("", $"{ordered.Count - maxErrors} more errors not shown; fix these first"));
        return kept;
    }
}
