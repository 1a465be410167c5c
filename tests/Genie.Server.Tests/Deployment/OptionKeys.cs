using System.Collections;
using System.Reflection;

namespace Genie.Server.Tests.Deployment;

/// <summary>
/// The configuration keys a set of options classes binds, found by reflection the way the configuration binder walks
/// them: a settable property per key segment, any segment for a dictionary's key, an index for a list's item. A key is
/// known when it reaches a value (a string, number, flag, duration, URL or enum), so a misspelled segment anywhere is not.
/// </summary>
public sealed class OptionKeys
{
    private readonly IReadOnlyList<(string[] Section, Type Type)> _roots;

    private OptionKeys(IReadOnlyList<(string[] Section, Type Type)> roots) => _roots = roots;

    public IEnumerable<string> Sections => _roots.Select(r => string.Join(':', r.Section));

    public static OptionKeys Of(IEnumerable<(string Section, Type Type)> roots) =>
        new(roots.Select(r => (r.Section.Split(':'), r.Type)).ToList());

    /// <summary>Every options class of an assembly that names its section in a `public const string Section`.</summary>
    public static IEnumerable<(string Section, Type Type)> SectionsIn(Assembly assembly) =>
        assembly.GetTypes()
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(t => t.Field is { IsLiteral: true } && t.Field.FieldType == typeof(string))
            .Select(t => ((string)t.Field!.GetRawConstantValue()!, t.Type));

    /// <summary>Whether `Section:Key:...` (any case, as configuration keys are) is a value some options class binds.</summary>
    public bool IsKnown(string key)
    {
        var segments = key.Split(':');
        return _roots.Any(root =>
            segments.Length > root.Section.Length &&
            root.Section.Select((s, i) => string.Equals(s, segments[i], StringComparison.OrdinalIgnoreCase)).All(same => same) &&
            Reaches(root.Type, segments.AsSpan(root.Section.Length)));
    }

    private static bool Reaches(Type type, ReadOnlySpan<string> rest)
    {
        if (rest.IsEmpty)
        {
            return IsValue(type);
        }

        if (IsValue(type))
        {
            return false;
        }

        if (Dictionary(type) is { } valueType)
        {
            return Reaches(valueType, rest[1..]);
        }

        if (ListItem(type) is { } itemType)
        {
            return int.TryParse(rest[0], out var index) && index >= 0 && Reaches(itemType, rest[1..]);
        }

        var name = rest[0];
        var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        // The binder sets what has a public setter (init included) and fills objects and collections it can get.
        return property is not null
               && (property.SetMethod is { IsPublic: true } || !IsValue(property.PropertyType))
               && Reaches(property.PropertyType, rest[1..]);
    }

    private static bool IsValue(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return plain.IsPrimitive || plain.IsEnum || plain == typeof(string) || plain == typeof(decimal) ||
               plain == typeof(TimeSpan) || plain == typeof(DateTime) || plain == typeof(DateTimeOffset) ||
               plain == typeof(Guid) || plain == typeof(Uri);
    }

    private static Type? Dictionary(Type type) =>
        Interfaces(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>) &&
                                             i.GetGenericArguments()[0] == typeof(string))?.GetGenericArguments()[1];

    private static Type? ListItem(Type type) =>
        type.IsArray
            ? type.GetElementType()
            : typeof(IEnumerable).IsAssignableFrom(type)
                ? Interfaces(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
                : null;

    private static IEnumerable<Type> Interfaces(Type type) => type.IsInterface ? type.GetInterfaces().Prepend(type) : type.GetInterfaces();
}
