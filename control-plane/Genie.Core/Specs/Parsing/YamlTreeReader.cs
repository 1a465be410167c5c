using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Genie.Core.Specs.Parsing;

/// <summary>
/// Reads exactly one YAML document into a <see cref="SpecNode"/> tree from YamlDotNet's event stream.
/// Scalars are kept as text with their quoting, so YAML 1.1 surprises (<c>on</c>, <c>no</c>) never happen.
/// </summary>
internal static partial class YamlTreeReader
{
    private const string StringTag = "tag:yaml.org,2002:str";

    /// <summary>The tree, or null after reporting why there is none.</summary>
    public static SpecNode? Read(string text, SpecLimits limits, SpecErrorSink errors)
    {
        var builder = new SpecTreeBuilder(limits, errors);
        var documents = 0;
        var lastMark = SourceMark.Start;
        try
        {
            var parser = new Parser(new StringReader(text));
            while (!builder.Stopped && parser.MoveNext())
            {
                var current = parser.Current!;
                var mark = new SourceMark(current.Start.Line, current.Start.Column);
                lastMark = mark;
                if (current is DocumentStart && ++documents > 1)
                {
                    errors.Add(SpecPath.Root, mark, $"expected exactly one YAML document, but another starts at {mark}");
                    return null;
                }

                Feed(builder, current, mark);
            }
        }
        catch (YamlException e)
        {
            var at = TabIndentation(text, e.Message) ?? new SourceMark(e.Start.Line, e.Start.Column);
            errors.Add(builder.CurrentPath, at, $"YAML syntax error at {at}: {Detail(e.Message)}");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner fails this way on some malformed flow collections; the last good position
            // is the best hint there is.
            errors.Add(builder.CurrentPath, lastMark, $"YAML syntax error after {lastMark}: the text that follows is not valid YAML " +
                                                      "(look for an unclosed `[`, `{` or quote)");
            return null;
        }

        if (documents == 0 && !builder.Stopped)
        {
            errors.Add(SpecPath.Root, SourceMark.Start, "the document is empty");
        }

        return builder.Stopped ? null : builder.Root;
    }

    private static void Feed(SpecTreeBuilder builder, ParsingEvent current, SourceMark mark)
    {
        switch (current)
        {
            case Scalar scalar:
                var forcedString = CheckTag(builder, scalar, mark);
                var plain = scalar.Style == ScalarStyle.Plain && !forcedString;
                builder.Scalar(mark, scalar.Value, plain, Anchor(scalar));
                break;
            case MappingStart mapping:
                CheckTag(builder, mapping, mark);
                builder.StartMapping(mark, Anchor(mapping));
                break;
            case SequenceStart sequence:
                CheckTag(builder, sequence, mark);
                builder.StartSequence(mark, Anchor(sequence));
                break;
            case MappingEnd or SequenceEnd:
                builder.End();
                break;
            case AnchorAlias alias:
                builder.Alias(mark, alias.Value.Value);
                break;
        }
    }

    private static string? Anchor(NodeEvent node) => node.Anchor.IsEmpty ? null : node.Anchor.Value;

    // Only `!!str` (and the non-specific `!`) are understood: both make a scalar a string.
    private static bool CheckTag(SpecTreeBuilder builder, NodeEvent node, SourceMark mark)
    {
        if (node.Tag.IsEmpty)
        {
            return false;
        }

        if (node is Scalar && (node.Tag.IsNonSpecific || node.Tag.Value == StringTag))
        {
            return true;
        }

        builder.Report(mark, $"YAML tag `{QuotedText.Of(node.Tag.Value)}` is not supported; only `!!str` is");
        return false;
    }

    // YamlDotNet places tab indentation errors at the start of the enclosing mapping; the first line
    // indented with a tab is where the user has to look.
    private static SourceMark? TabIndentation(string text, string message)
    {
        if (!message.Contains("tab", StringComparison.Ordinal))
        {
            return null;
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indentation = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indentation);
            if (tab >= 0)
            {
                return new SourceMark(i + 1, tab + 1);
            }
        }

        return null;
    }

    // YamlDotNet prefixes messages with the marks, which the caller already states as line and column.
    private static string Detail(string message) => MarkPrefix().Replace(message, "");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();
}
