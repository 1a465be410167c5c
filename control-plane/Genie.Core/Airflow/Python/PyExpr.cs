namespace Genie.Core.Airflow.Python;

/// <summary>
/// The few Python expression shapes a generated DAG file uses: literals, names, attribute access,
/// calls, lists and string-keyed dicts. Generated code is built from these and never from text, so a
/// value can only ever become a literal.
/// </summary>
internal abstract record PyExpr
{
    private protected PyExpr()
    {
    }

    /// <summary>A literal str.</summary>
    public static PyExpr Str(string value) => new PyLiteral(value);

    /// <summary>A literal int.</summary>
    public static PyExpr Int(long value) => new PyLiteral(value);

    /// <summary>A literal float.</summary>
    public static PyExpr Float(double value) => new PyLiteral(value);

    /// <summary>A literal bool.</summary>
    public static PyExpr Bool(bool value) => new PyLiteral(value);

    /// <summary>The literal <c>None</c>.</summary>
    public static PyExpr None { get; } = new PyLiteral(null);

    /// <summary>A list of strings.</summary>
    public static PyExpr StrList(IEnumerable<string> values) => new PyList(values.Select(Str).ToList());

    /// <summary>A dict of strings with keys in ordinal order, so output never depends on insertion order.</summary>
    public static PyExpr StrDict(IEnumerable<KeyValuePair<string, string>> entries) =>
        PyDict.Sorted(entries.Select(e => new KeyValuePair<string, PyExpr>(e.Key, Str(e.Value))));
}

/// <summary>A str, int, float, bool or None literal.</summary>
internal sealed record PyLiteral(object? Value) : PyExpr;

/// <summary>A bare name bound by an import or an earlier assignment.</summary>
internal sealed record PyName(string Identifier) : PyExpr;

/// <summary><c>Target.Name</c>.</summary>
internal sealed record PyAttribute(PyExpr Target, string Name) : PyExpr;

/// <summary>A list display.</summary>
internal sealed record PyList(IReadOnlyList<PyExpr> Items) : PyExpr;

/// <summary>A dict display with string keys, in the order given.</summary>
internal sealed record PyDict(IReadOnlyList<KeyValuePair<string, PyExpr>> Entries) : PyExpr
{
    /// <summary>A dict whose keys, which are distinct, are in ordinal order.</summary>
    public static PyDict Sorted(IEnumerable<KeyValuePair<string, PyExpr>> entries)
    {
        var sorted = entries.ToList();
        sorted.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new PyDict(sorted);
    }
}

/// <summary>
/// A call with positional then keyword arguments. <see cref="Vertical"/> puts one argument per line
/// whatever the width, which keeps operator definitions easy to read and to diff.
/// </summary>
internal sealed record PyCall(PyExpr Function, IReadOnlyList<PyExpr> Arguments, IReadOnlyList<PyKeyword> Keywords, bool Vertical = false) : PyExpr
{
    /// <summary>A call of <paramref name="function"/> with keyword arguments only.</summary>
    public static PyCall Of(PyExpr function, IEnumerable<PyKeyword> keywords, bool vertical = false) =>
        new(function, [], keywords.ToList(), vertical);

    /// <summary>A call of a name with keyword arguments only.</summary>
    public static PyCall Of(string function, params PyKeyword[] keywords) => Of(new PyName(function), keywords);
}

/// <summary>One <c>name=value</c> argument.</summary>
internal sealed record PyKeyword(string Name, PyExpr Value);
