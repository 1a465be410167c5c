namespace Genie.Core.Specs;

/// <summary>A two-way table between the values of an enumeration and the exact words a spec writes for them.</summary>
public sealed class Vocabulary<T>
    where T : struct, Enum
{
    private readonly (T Value, string Word)[] _entries;

    /// <summary>Creates the table; words are matched case-sensitively.</summary>
    public Vocabulary(params (T Value, string Word)[] entries) => _entries = entries;

    /// <summary>Every word, in declaration order.</summary>
    public IReadOnlyList<string> Words => _entries.Select(e => e.Word).ToArray();

    /// <summary>The word for <paramref name="value"/>.</summary>
    public string Word(T value)
    {
        foreach (var (v, word) in _entries)
        {
            if (EqualityComparer<T>.Default.Equals(v, value))
            {
                return word;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, null);
    }

    /// <summary>The value a word stands for.</summary>
    public bool TryParse(string word, out T value)
    {
        foreach (var (v, w) in _entries)
        {
            if (w == word)
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>"one of a, b, c" for error messages.</summary>
    public string Choices => "one of " + string.Join(", ", Words);
}
