using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Genie.Server.Tests.Secrets;

/// <summary>
/// The core/v1 Secret endpoints of a Kubernetes API server on 127.0.0.1, with the server's semantics (409 for a
/// name taken, 404 for a missing one, resourceVersion preconditions, equality label selectors), for the namespace
/// <see cref="Namespace"/> only. It checks every request Genie's client sends: the namespace, the content type, and
/// that a body is a v1 Secret with base64 data and Genie's labels. What broke a rule is in <see cref="Violations"/>
/// (and answered 400); <see cref="Down"/> drops every connection, as an unreachable API server would.
/// </summary>
public sealed partial class FakeKubernetesApi : IAsyncDisposable
{
    public const string Namespace = "genie-jobs";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonObject> _secrets = new(StringComparer.Ordinal);
    private readonly List<string> _violations = [];
    private readonly List<string> _requests = [];
    private long _resourceVersion = 100;
    private volatile bool _down;

    private FakeKubernetesApi(WebApplication app) => _app = app;

    public string Url => _app.Urls.Single();

    /// <summary>While true, every connection is dropped before an answer.</summary>
    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public IReadOnlyList<string> Violations => Locked(() => _violations.ToList());

    /// <summary>"METHOD path" of every request answered.</summary>
    public IReadOnlyList<string> Requests => Locked(() => _requests.ToList());

    public IReadOnlyList<string> Names => Locked(() => _secrets.Keys.Order(StringComparer.Ordinal).ToList());

    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeKubernetesApi(builder.Build());
        fake.Map();
        await fake._app.StartAsync();
        return fake;
    }

    /// <summary>The stored Secret (a copy), or null.</summary>
    public JsonObject? Get(string name) => Locked(() => _secrets.TryGetValue(name, out var s) ? (JsonObject)s.DeepClone() : null);

    /// <summary>A stored Secret's data, decoded.</summary>
    public Dictionary<string, string>? Data(string name) =>
        Get(name)?["data"]?.AsObject().ToDictionary(d => d.Key, d => Encoding.UTF8.GetString(Convert.FromBase64String(d.Value!.GetValue<string>())));

    /// <summary>Stores a Secret as kubectl would, e.g. an edited copy, someone else's Secret or a leftover.</summary>
    public void Put(string name, IReadOnlyDictionary<string, string> data, IReadOnlyDictionary<string, string>? labels = null, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["type"] = "Opaque",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = Map(labels ?? new Dictionary<string, string>()),
                ["annotations"] = Map(annotations ?? new Dictionary<string, string>()),
            },
            ["data"] = Map(data.ToDictionary(d => d.Key, d => Convert.ToBase64String(Encoding.UTF8.GetBytes(d.Value)))),
        };
        Locked(() => Store(name, secret));
    }

    public bool Remove(string name) => Locked(() => _secrets.Remove(name));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map()
    {
        _app.Use(async (context, next) =>
        {
            if (_down)
            {
                context.Abort();
                return;
            }

            Locked(() => _requests.Add($"{context.Request.Method} {context.Request.Path}"));
            await next(context);
        });
        const string Collection = "/api/v1/namespaces/{ns}/secrets";
        _app.MapGet(Collection, (string ns, HttpRequest request) => Answer(ns, () => List(request.Query["labelSelector"].ToString())));
        _app.MapPost(Collection, async (string ns, HttpRequest request) =>
        {
            var body = await ReadSecretAsync(request, pathName: null);
            return Answer(ns, () => body is null ? Invalid() : Create(body));
        });
        _app.MapGet(Collection + "/{name}", (string ns, string name) => Answer(ns, () => Read(name)));
        _app.MapPut(Collection + "/{name}", async (string ns, string name, HttpRequest request) =>
        {
            var body = await ReadSecretAsync(request, name);
            return Answer(ns, () => body is null ? Invalid() : Replace(name, body));
        });
        _app.MapDelete(Collection + "/{name}", async (string ns, string name, HttpRequest request) =>
        {
            var options = request.ContentLength > 0 ? await JsonNode.ParseAsync(request.Body) : null;
            return Answer(ns, () => Delete(name, options?["preconditions"]?["resourceVersion"]?.GetValue<string>()));
        });
    }

    private IResult Answer(string ns, Func<IResult> answer)
    {
        lock (_gate)
        {
            if (ns != Namespace)
            {
                _violations.Add($"a request for namespace {ns}, not {Namespace}");
                return Status(404, "NotFound", $"namespaces \"{ns}\" not found");
            }

            return answer();
        }
    }

    private IResult List(string selector)
    {
        var wanted = new List<(string Key, string Value)>();
        foreach (var term in selector.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = term.Split('=');
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                _violations.Add($"a label selector this fake does not understand: {selector}");
                return Invalid();
            }

            wanted.Add((parts[0], parts[1]));
        }

        var items = _secrets.Values
            .Where(s => wanted.All(w => s["metadata"]?["labels"]?[w.Key]?.GetValue<string>() == w.Value))
            .Select(s => (JsonNode)s.DeepClone())
            .ToArray();
        return Json(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "SecretList",
            ["metadata"] = new JsonObject { ["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture) },
            ["items"] = new JsonArray(items),
        }, 200);
    }

    private IResult Create(JsonObject body)
    {
        var name = Name(body);
        if (_secrets.ContainsKey(name))
        {
            return Status(409, "AlreadyExists", $"secrets \"{name}\" already exists");
        }

        if (body["metadata"]!["resourceVersion"] is not null)
        {
            _violations.Add($"create of {name} sent a resourceVersion");
        }

        return Json(Store(name, body), 201);
    }

    private IResult Read(string name) =>
        _secrets.TryGetValue(name, out var secret) ? Json(secret.DeepClone(), 200) : Status(404, "NotFound", $"secrets \"{name}\" not found");

    private IResult Replace(string name, JsonObject body)
    {
        if (!_secrets.TryGetValue(name, out var current))
        {
            return Status(404, "NotFound", $"secrets \"{name}\" not found");
        }

        var sent = body["metadata"]!["resourceVersion"]?.GetValue<string>();
        if (sent is not null && sent != ResourceVersion(current))
        {
            return Status(409, "Conflict", $"Operation cannot be fulfilled on secrets \"{name}\": the object has been modified");
        }

        return Json(Store(name, body), 200);
    }

    private IResult Delete(string name, string? precondition)
    {
        if (!_secrets.TryGetValue(name, out var current))
        {
            return Status(404, "NotFound", $"secrets \"{name}\" not found");
        }

        if (precondition is not null && precondition != ResourceVersion(current))
        {
            return Status(409, "Conflict", $"Precondition failed: ResourceVersion in precondition: {precondition}");
        }

        _secrets.Remove(name);
        return Json(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Status", ["status"] = "Success" }, 200);
    }

    private JsonObject Store(string name, JsonObject secret)
    {
        var metadata = secret["metadata"]!.AsObject();
        metadata["namespace"] = Namespace;
        metadata["resourceVersion"] = (++_resourceVersion).ToString(CultureInfo.InvariantCulture);
        metadata["uid"] ??= Guid.NewGuid().ToString();
        _secrets[name] = (JsonObject)secret.DeepClone();
        return secret;
    }

    /// <summary>The body as a Secret, or null (with the reason in <see cref="Violations"/>) when it is not a valid one.</summary>
    private async Task<JsonObject?> ReadSecretAsync(HttpRequest request, string? pathName)
    {
        var problems = new List<string>();
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.Ordinal))
        {
            problems.Add($"content type {request.ContentType}");
        }

        JsonObject? body = null;
        try
        {
            body = (await JsonNode.ParseAsync(request.Body))?.AsObject();
        }
        catch (JsonException e)
        {
            problems.Add("a body that is not JSON: " + e.Message);
        }

        if (body is not null)
        {
            problems.AddRange(SecretProblems(body, pathName));
        }

        if (problems.Count == 0)
        {
            return body;
        }

        Locked(() => _violations.AddRange(problems.Select(p => $"{request.Method} {request.Path}: {p}")));
        return null;
    }

    private static IEnumerable<string> SecretProblems(JsonObject body, string? pathName)
    {
        if (Text(body["apiVersion"]) != "v1" || Text(body["kind"]) != "Secret")
        {
            yield return "not apiVersion v1, kind Secret";
        }

        var metadata = body["metadata"] as JsonObject;
        var name = Text(metadata?["name"]);
        if (name is null || name.Length > 253 || !KubernetesName().IsMatch(name))
        {
            yield return $"metadata.name `{name}` is not a DNS-1123 subdomain";
        }

        if (pathName is not null && name != pathName)
        {
            yield return $"metadata.name `{name}` differs from the path's `{pathName}`";
        }

        if (Text(metadata?["namespace"]) is { } ns && ns != Namespace)
        {
            yield return $"metadata.namespace {ns}";
        }

        var labels = metadata?["labels"] as JsonObject;
        if (Text(labels?["app.kubernetes.io/managed-by"]) != "genie" || Text(labels?["genie.io/namespace"]) is null)
        {
            yield return "the labels app.kubernetes.io/managed-by=genie and genie.io/namespace are missing";
        }

        if (body["stringData"] is not null)
        {
            yield return "stringData (values must come base64 in data)";
        }

        if (body["data"] is not JsonObject data || data.Count == 0)
        {
            yield return "no data";
            yield break;
        }

        foreach (var (key, value) in data)
        {
            if (Text(value) is not { } text || !Convert.TryFromBase64String(text, new byte[text.Length], out _))
            {
                yield return $"data.{key} is not base64";
            }
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Name(JsonObject secret) => secret["metadata"]!["name"]!.GetValue<string>();

    private static string? ResourceVersion(JsonObject secret) => secret["metadata"]?["resourceVersion"]?.GetValue<string>();

    private static JsonObject Map(IReadOnlyDictionary<string, string> entries) =>
        new(entries.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value)));

    private static IResult Invalid() => Status(400, "BadRequest", "the fake Kubernetes API refused the request; see its violations");

    private static IResult Status(int code, string reason, string message) => Json(new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Status",
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    }, code);

    private static IResult Json(JsonNode node, int status) => Results.Content(node.ToJsonString(), "application/json", Encoding.UTF8, status);

    private T Locked<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private void Locked(Action write)
    {
        lock (_gate)
        {
            write();
        }
    }

    // Kubernetes' object name check (validation.IsDNS1123Subdomain).
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex KubernetesName();
}
