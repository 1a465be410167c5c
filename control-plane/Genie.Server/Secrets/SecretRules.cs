using System.Text;
using Genie.Client.Contracts;
using Genie.Core.Specs;

namespace Genie.Server.Secrets;

/// <summary>
/// What a secret may hold: Kubernetes' rules for Secret names and keys (so every secret can become a Kubernetes
/// Secret), and a size limit. Messages quote key names, which are not secret, and never a value.
/// </summary>
public static class SecretRules
{
    /// <summary>Total UTF-8 bytes of a secret's values; Kubernetes allows 1 MiB, credentials need far less.</summary>
    public const int MaxDataBytes = 64 * 1024;

    public const int MaxKeys = 100;

    /// <summary>Every problem of a name (null when it came in the URL, already checked) and of a data map.</summary>
    public static List<FieldError> Check(string? name, bool nameInBody, IReadOnlyDictionary<string, string?>? data)
    {
        var errors = new List<FieldError>();
        if (nameInBody && (name is null || !SpecNames.IsDns1123Subdomain(name)))
        {
            errors.Add(new FieldError("body.name", name is null ? "is required" : $"`{Shorten(name)}` {SpecNames.Dns1123SubdomainRule}"));
        }

        if (data is null || data.Count == 0)
        {
            errors.Add(new FieldError("body.data", "must hold at least one key and its value"));
            return errors;
        }

        if (data.Count > MaxKeys)
        {
            errors.Add(new FieldError("body.data", $"holds {data.Count} keys; at most {MaxKeys} are allowed"));
        }

        var bytes = 0L;
        foreach (var (key, value) in data)
        {
            if (!SpecNames.IsSecretKey(key))
            {
                errors.Add(new FieldError($"body.data.{Shorten(key)}", $"the key must be {SpecNames.SecretKeyRule}"));
            }

            if (value is null)
            {
                errors.Add(new FieldError($"body.data.{Shorten(key)}", "must be a string"));
            }
            else
            {
                bytes += Encoding.UTF8.GetByteCount(value);
            }
        }

        if (bytes > MaxDataBytes)
        {
            errors.Add(new FieldError("body.data", $"the values take {bytes} bytes; at most {MaxDataBytes} are allowed"));
        }

        return errors;
    }

    // Names are echoed back; a megabyte of one should not be.
    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
