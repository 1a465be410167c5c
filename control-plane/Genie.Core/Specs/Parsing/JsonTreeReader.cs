using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Genie.Core.Specs.Parsing;

/// <summary>
/// Reads one JSON value into a <see cref="SpecNode"/> tree with <see cref="Utf8JsonReader"/>, token by
/// token. Strings become quoted scalars; numbers, booleans and null become plain scalars holding their
/// literal text.
/// </summary>
internal static partial class JsonTreeReader
{
    /// <summary>The tree, or null after reporting why there is none.</summary>
    public static SpecNode? Read(string text, SpecLimits limits, SpecErrorSink errors)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = LineStarts(bytes);
        var builder = new SpecTreeBuilder(limits, errors);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            // One level more than allowed, so the builder reports the breach in its own words first.
            MaxDepth = limits.MaxDepth + 1,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });
        try
        {
            while (!builder.Stopped && reader.Read())
            {
                Feed(builder, ref reader, MarkAt(lines, reader.TokenStartIndex));
            }
        }
        catch (JsonException e)
        {
            var at = new SourceMark((e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1);
            errors.Add(builder.CurrentPath, at, $"JSON syntax error at {at}: {Detail(e.Message)}");
            return null;
        }

        if (builder.Root is null && !builder.Stopped)
        {
            errors.Add(SpecPath.Root, SourceMark.Start, "the document is empty");
        }

        return builder.Stopped ? null : builder.Root;
    }

    private static void Feed(SpecTreeBuilder builder, ref Utf8JsonReader reader, SourceMark mark)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                builder.StartMapping(mark, null);
                break;
            case JsonTokenType.StartArray:
                builder.StartSequence(mark, null);
                break;
            case JsonTokenType.EndObject or JsonTokenType.EndArray:
                builder.End();
                break;
            case JsonTokenType.PropertyName or JsonTokenType.String:
                builder.Scalar(mark, ReadString(builder, ref reader, mark), isPlain: false, null);
                break;
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                builder.Scalar(mark, Encoding.UTF8.GetString(reader.ValueSpan), isPlain: true, null);
                break;
        }
    }

    // Escapes such as a lone "\ud800" are valid JSON tokens but no valid text; the raw token stands in for
    // the value so reading can go on and report further problems.
    private static string ReadString(SpecTreeBuilder builder, ref Utf8JsonReader reader, SourceMark mark)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            builder.Report(mark, "contains an invalid \\u escape (an unpaired UTF-16 surrogate)");
            return Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }

    private static List<int> LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static SourceMark MarkAt(List<int> lineStarts, long offset)
    {
        var line = lineStarts.BinarySearch((int)offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new SourceMark(line + 1, offset - lineStarts[line] + 1);
    }

    // System.Text.Json appends the position, which the caller already states as line and column.
    private static string Detail(string message) => PositionSuffix().Replace(message, "").TrimEnd();

    [GeneratedRegex(@"\s*(Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.$")]
    private static partial Regex PositionSuffix();
}
