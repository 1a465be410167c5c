using System.Text.Json;
using Genie.Client.Contracts;

namespace Genie.Portal.Jobs;

/// <summary>Turns a trigger form's texts into the params of a trigger request, or the errors at their params' paths.</summary>
public static class TriggerValues
{
    /// <summary>The params to send (empty fields left out) and every field error, with paths as the server writes them.</summary>
    public static (Dictionary<string, JsonElement> Params, IReadOnlyList<FieldError> Errors) Build(
        IReadOnlyList<ParamField> fields, IReadOnlyDictionary<string, string?> texts)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        foreach (var field in fields)
        {
            var (value, error) = field.Convert(texts.GetValueOrDefault(field.Name));
            if (error is not null)
            {
                errors.Add(new FieldError($"body.params.{field.Name}", error));
            }
            else if (value is { } v)
            {
                values[field.Name] = v;
            }
        }

        return (values, errors);
    }
}
