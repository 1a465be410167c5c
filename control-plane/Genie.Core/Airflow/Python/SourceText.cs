using System.Buffers;
using System.Globalization;

namespace Genie.Core.Airflow.Python;

/// <summary>
/// The growing text of generated source on one pooled array. Layout writes a display on one line and takes it
/// back when it does not fit (<see cref="Truncate"/>), and a DAG file is hashed and copied from one span, which a
/// <see cref="System.Text.StringBuilder"/>'s chunks make slow; the array goes back to the pool on
/// <see cref="Dispose"/>, so compiling many files does not allocate a buffer per file.
/// </summary>
internal sealed class SourceText : IDisposable
{
    private char[] _chars;
    private int _length;

    public SourceText(int capacity = 256) => _chars = ArrayPool<char>.Shared.Rent(capacity);

    /// <summary>The number of characters written.</summary>
    public int Length => _length;

    /// <summary>The text written so far; valid until the next write.</summary>
    public ReadOnlySpan<char> Span => _chars.AsSpan(0, _length);

    /// <summary>Drops everything written after the first <paramref name="length"/> characters.</summary>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)length, (uint)_length, nameof(length));
        _length = length;
    }

    public SourceText Append(char c)
    {
        if (_length == _chars.Length)
        {
            Grow(1);
        }

        _chars[_length++] = c;
        return this;
    }

    public SourceText Append(char c, int count)
    {
        Reserve(count).Fill(c);
        _length += count;
        return this;
    }

    public SourceText Append(string text) => Append(text.AsSpan());

    public SourceText Append(ReadOnlySpan<char> text)
    {
        text.CopyTo(Reserve(text.Length));
        _length += text.Length;
        return this;
    }

    /// <summary>Appends a number in the invariant culture, with an optional .NET format such as <c>x4</c>.</summary>
    public SourceText Append<T>(T value, ReadOnlySpan<char> format = default)
        where T : ISpanFormattable
    {
        int written;
        while (!value.TryFormat(_chars.AsSpan(_length), out written, format, CultureInfo.InvariantCulture))
        {
            Grow(32);
        }

        _length += written;
        return this;
    }

    public override string ToString() => new(Span);

    public void Dispose()
    {
        var chars = _chars;
        _chars = [];
        _length = 0;
        if (chars.Length > 0)
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private Span<char> Reserve(int count)
    {
        if (count > _chars.Length - _length)
        {
            Grow(count);
        }

        return _chars.AsSpan(_length, count);
    }

    private void Grow(int atLeast)
    {
        var larger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + atLeast));
        Span.CopyTo(larger);
        ArrayPool<char>.Shared.Return(_chars);
        _chars = larger;
    }
}
