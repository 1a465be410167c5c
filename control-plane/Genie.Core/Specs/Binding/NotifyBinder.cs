namespace Genie.Core.Specs.Binding;

/// <summary>
/// Binds <c>spec.notify</c>: for each entry an absolute http(s) webhook, the run states to watch (every end of a run
/// when absent) and optionally the secret key that signs the deliveries.
/// </summary>
internal static class NotifyBinder
{
    private static readonly string[] Fields = ["on", "webhook", "secret"];
    private static readonly string[] SecretFields = ["name", "key"];

    /// <summary>The notification targets, in order.</summary>
    public static List<NotifySpec> Bind(FieldReader read, Field field) => read.List(field, item =>
    {
        var o = read.Object(item, Fields, required: true);
        if (o is null)
        {
            return null;
        }

        var events = new List<RunEvent>();
        foreach (var entry in read.Items(o["on"], "run states"))
        {
            if (read.RequiredItem(entry, read.String) is not null && read.Word(entry, SpecVocabulary.RunEvent) is { } state)
            {
                if (events.Contains(state))
                {
                    read.Error(entry, $"`{SpecVocabulary.RunEvent.Word(state)}` is listed twice");
                }
                else
                {
                    events.Add(state);
                }
            }
        }

        if (o["on"].Node is Parsing.SequenceNode { Items.Count: 0 })
        {
            read.Error(o["on"], $"must list at least one run state: {string.Join(", ", SpecVocabulary.RunEvent.Words)}");
        }

        var webhook = read.String(o["webhook"], required: true);
        if (webhook is not null && !IsWebUrl(webhook))
        {
            read.Error(o["webhook"], $"`{QuotedText.Of(webhook)}` is not an absolute http or https URL");
        }

        var secret = Secret(read, o["secret"]);
        var on = o["on"].IsAbsent ? NotifySpec.RunEnd : events;
        return webhook is null || on.Count == 0 ? null : new NotifySpec(on, webhook, secret);
    }, "notification targets");

    private static NotifySecret? Secret(FieldReader read, Field field)
    {
        var o = read.Object(field, SecretFields);
        if (o is null)
        {
            return null;
        }

        var name = read.Name(o["name"], SpecNames.IsDns1123Subdomain, "a secret name", SpecNames.Dns1123SubdomainRule, required: true);
        var key = read.Name(o["key"], SpecNames.IsSecretKey, "a secret key", SpecNames.SecretKeyRule, required: true);
        return name is null || key is null ? null : new NotifySecret(name, key);
    }

    private static bool IsWebUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.Host.Length > 0
        && !text.Any(char.IsWhiteSpace);
}
