using System.Text;
using Genie.Core.Specs.Binding;
using Genie.Core.Specs.Parsing;

namespace Genie.Core.Specs;

/// <summary>
/// Parses and validates a <c>genie.dev/v1</c> Job written in YAML or JSON. Never throws: every problem,
/// including syntax errors and breached limits, comes back as a <see cref="SpecError"/>, all of them in
/// one pass, in document order.
/// </summary>
public static class JobSpecParser
{
    private const char ByteOrderMark = '\uFEFF';

    /// <summary>Parses <paramref name="text"/>; the result holds a job only when there are no errors.</summary>
    public static SpecParseResult Parse(string text, SpecFormat format, SpecLimits? limits = null)
    {
        limits ??= SpecLimits.Default;
        var errors = new SpecErrorSink(limits.MaxErrors);
        try
        {
            var job = ParseChecked(text ?? "", format, limits, errors);
            return errors.HasErrors || job is null ? new SpecParseResult(null, errors.ToList()) : new SpecParseResult(job, []);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A reader bug must not take the caller down; the document is reported unreadable instead.
            errors.Add(SpecPath.Root, SourceMark.Start, $"the document could not be read: {e.Message}");
            return new SpecParseResult(null, errors.ToList());
        }
    }

    private static JobDefinition? ParseChecked(string text, SpecFormat format, SpecLimits limits, SpecErrorSink errors)
    {
        if (text.Length > 0 && text[0] == ByteOrderMark)
        {
            text = text[1..];
        }

        // Counting is vectorised and far cheaper than parsing, so even huge bodies are measured exactly.
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > limits.MaxDocumentBytes)
        {
            errors.Add(SpecPath.Root, SourceMark.Start, $"the document is {bytes} bytes; at most {limits.MaxDocumentBytes} are allowed");
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(SpecPath.Root, SourceMark.Start, "the document is empty");
            return null;
        }

        if (UnreadableCharacter(text) is { } problem)
        {
            errors.Add(SpecPath.Root, problem.At, problem.Message);
            return null;
        }

        var root = format == SpecFormat.Json
            ? JsonTreeReader.Read(text, limits, errors)
            : YamlTreeReader.Read(text, limits, errors);
        return root is null ? null : JobBinder.Bind(new BindingContext(limits, errors), root);
    }

    // Neither can be stored or shown faithfully; finding them here gives a position instead of a parser's guess.
    private static (SourceMark At, string Message)? UnreadableCharacter(string text)
    {
        long line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                var at = new SourceMark(line, i - lineStart + 1);
                return (at, $"the text contains an unpaired UTF-16 surrogate at {at}; it is not valid Unicode");
            }
            else if (c == '\0')
            {
                var at = new SourceMark(line, i - lineStart + 1);
                return (at, $"the text contains the NUL character (U+0000) at {at}; it cannot be stored");
            }
        }

        return null;
    }
}
