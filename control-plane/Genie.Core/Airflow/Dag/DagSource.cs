using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Genie.Core.Airflow.Python;

namespace Genie.Core.Airflow.Dag;

/// <summary>
/// The text of one DAG file for any value of its hash tag. The tag names the file by the hash of the file
/// with the tag's value left empty, so the file exists in two versions; only the start of the file holds the
/// tag (a header comment and the <c>DAG(...)</c> construction), and <paramref name="head"/> writes that start
/// for a given tag while <paramref name="body"/>, every task and dependency, is laid out once and shared by both.
/// </summary>
internal sealed class DagSource(Func<string, string[]> head, SourceText body) : IDisposable
{
    private (string Tag, string[] Parts)? _head;
    private byte[]? _bodyBytes;
    private int _bodyByteCount;

    /// <summary>The SHA-256 of the file's UTF-8 bytes with <paramref name="hashTag"/>, as lower-case hex.</summary>
    public string Sha256(string hashTag)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in Head(hashTag))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(part));
        }

        hash.AppendData(BodyBytes());
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    /// <summary>The file's text with <paramref name="hashTag"/>.</summary>
    public string Text(string hashTag)
    {
        var parts = Head(hashTag);
        var length = body.Length;
        foreach (var part in parts)
        {
            length += part.Length;
        }

        return string.Create(length, (parts, body), static (chars, state) =>
        {
            foreach (var part in state.parts)
            {
                part.CopyTo(chars);
                chars = chars[part.Length..];
            }

            state.body.Span.CopyTo(chars);
        });
    }

    public void Dispose()
    {
        body.Dispose();
        if (_bodyBytes is { } bytes)
        {
            _bodyBytes = null;
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private string[] Head(string hashTag)
    {
        if (_head is not { } known || known.Tag != hashTag)
        {
            _head = known = (hashTag, head(hashTag));
        }

        return known.Parts;
    }

    // Both hashes cover the body: its bytes are encoded once.
    private ReadOnlySpan<byte> BodyBytes()
    {
        if (_bodyBytes is null)
        {
            _bodyBytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(body.Length));
            _bodyByteCount = Encoding.UTF8.GetBytes(body.Span, _bodyBytes);
        }

        return _bodyBytes.AsSpan(0, _bodyByteCount);
    }
}
