using Genie.Core.Specs;

namespace Genie.Core.Graph;

/// <summary>
/// The "does not exist" message of each unknown dependency of one graph. A document may list thousands of
/// tasks and unknown names, so the list of known names is built once and each unknown name's spelling
/// hint is searched for once, instead of once per entry. Only the first <see cref="MaxHintedNames"/>
/// unknown names get a hint: each search reads every known name, and parsers show at most
/// <see cref="SpecLimits.MaxErrors"/> errors (100 by default) anyway, so a document full of unknown names
/// costs time in proportion to its size rather than to its size squared.
/// </summary>
internal sealed class UnknownTaskMessages(IReadOnlyList<GraphNode> nodes)
{
    private const int MaxNamesListed = 20;
    private const int MaxHintedNames = 100;

    private readonly Dictionary<string, string> _messages = new(StringComparer.Ordinal);
    private List<string>? _known;
    private string? _listed;

    public string For(string name)
    {
        if (_messages.TryGetValue(name, out var message))
        {
            return message;
        }

        _known ??= nodes.Select(n => n.Name).Distinct().ToList();
        _listed ??= string.Join(", ", _known.Take(MaxNamesListed)) + (_known.Count > MaxNamesListed ? ", …" : "");
        var hint = _messages.Count < MaxHintedNames ? NameSuggestion.Hint(name, _known) : "";
        message = $"task `{QuotedText.Of(name)}` does not exist{hint}; known tasks: {_listed}";
        _messages[name] = message;
        return message;
    }
}
