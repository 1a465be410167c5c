using System.Text.Json;
using System.Text.Json.Nodes;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// Sits between a client and Prism and records every exchange with the violations Prism reported, from the
/// `sl-violations` header or, failing that, the `validation` list of Prism's problem+json error body.
/// </summary>
public sealed class PrismRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly List<PrismExchange> _exchanges = [];

    public IReadOnlyList<PrismExchange> Exchanges
    {
        get
        {
            lock (_exchanges)
            {
                return _exchanges.ToList();
            }
        }
    }

    public void Clear()
    {
        lock (_exchanges)
        {
            _exchanges.Clear();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var violations = response.Headers.TryGetValues("sl-violations", out var header)
            ? Parse(JsonNode.Parse(string.Concat(header)))
            : Parse(ValidationOf(await response.Content.ReadAsStringAsync(cancellationToken)));
        lock (_exchanges)
        {
            _exchanges.Add(new PrismExchange(request.Method.Method, request.RequestUri!.PathAndQuery, (int)response.StatusCode, violations));
        }

        return response;
    }

    private static JsonNode? ValidationOf(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject problem && problem["type"]?.ToString().Contains("stoplight.io/prism", StringComparison.Ordinal) == true
                ? problem["validation"] ?? new JsonArray(new JsonObject { ["location"] = new JsonArray("request"), ["severity"] = "Error", ["message"] = problem["detail"]?.ToString() })
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<PrismViolation> Parse(JsonNode? violations) => violations is JsonArray list
        ? list.OfType<JsonObject>().Select(v => new PrismViolation(
                v["location"] is JsonArray location ? location.Select(part => part?.ToString() ?? "").ToList() : [],
                v["severity"]?.ToString() ?? "",
                v["message"]?.ToString() ?? ""))
            .ToList()
        : [];
}
