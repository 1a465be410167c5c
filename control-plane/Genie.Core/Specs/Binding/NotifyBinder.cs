namespace Genie.Core.Specs.Binding;

/// <summary>Binds <c>spec.notify</c>: run states to watch and an absolute http(s) webhook for each entry.</summary>
internal static class NotifyBinder
{
    private static readonly string[] Fields = ["on", "webhook"];

    /// <summary>The notification targets, in order.</summary>
    public static List<NotifySpec> Bind(FieldReader read, Field field) => read.List(field, item =>
    {
        var o = read.Object(item, Fields, required: true);
        if (o is null)
        {
            return null;
        }

        var events = new List<RunEvent>();
        foreach (var entry in read.Items(o["on"], "run states", required: true))
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

        return webhook is null || events.Count == 0 ? null : new NotifySpec(events, webhook);
    }, "notification targets");

    private static bool IsWebUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.Host.Length > 0
        && !text.Any(char.IsWhiteSpace);
}
