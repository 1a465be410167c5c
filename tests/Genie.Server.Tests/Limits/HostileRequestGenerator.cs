using System.Text;

namespace Genie.Server.Tests.Limits;

/// <summary>
/// Generates malformed and hostile requests from a seed: specs with wrong types, deep nesting and YAML alias bombs,
/// trigger params of every wrong shape, odd paths and percent-encodings, hostile headers and auth headers, broken
/// framing, oversized and slow bodies. Every request presents <paramref name="credential"/> (so hostile bodies reach the
/// handlers behind authentication) unless it is one of the hostile auth headers. The same seed yields the same requests.
/// </summary>
public sealed class HostileRequestGenerator(int seed, string ns, string paramJob, string credential)
{
    private static readonly string[] Methods = ["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "CONNECT", "FOO", "G\u00c9T", ""];
    private static readonly string[] ContentTypes =
    [
        "application/yaml", "application/json", "text/yaml", "application/x-yaml; charset=utf-16", "application/json; charset=utf-8",
        "text/plain", "application/vnd.genie+json", "multipart/form-data; boundary=x", ";;;", "application/json\u0000", "",
    ];

    private static readonly string[] Scalars =
    [
        "0", "-1", "1e309", "NaN", "true", "null", "~", "''", "\"\"", "[]", "{}", "!!binary AAAA", "!!python/object:os.system",
        "&x 1", "*nope", "\"\\u0000\"", "0x7fffffffffffffff", "99999999999999999999999", "2h", "-5m", "\"${{ params.x }}\"", "|\n  x",
    ];

    private readonly Random _random = new(seed);

    /// <summary>The next request, sent at full speed.</summary>
    public HostileRequest Next()
    {
        var pick = _random.Next(100);
        return pick switch
        {
            < 22 => YamlSpec(),
            < 34 => JsonSpec(),
            < 50 => Trigger(),
            < 64 => OddPath(),
            < 76 => HostileHeaders(),
            < 86 => BrokenFraming(),
            < 97 => Bomb(),
            _ => OddPath(),
        };
    }

    private HostileRequest YamlSpec()
    {
        var name = JobName();
        var lines = ValidYaml(name).Split('\n').ToList();
        for (var i = _random.Next(1, 4); i > 0; i--)
        {
            var at = _random.Next(lines.Count);
            lines[at] = _random.Next(4) switch
            {
                0 => lines[at].Split(':')[0] + ": " + Pick(Scalars),
                1 => new string(' ', _random.Next(0, 12)) + lines[at].TrimStart(),
                2 => lines[at] + " " + Garbage(_random.Next(1, 40)),
                _ => Pick(["- x", "? [a]", "key: {", "]]", "%YAML 9.9", "---", "...", "<<: *a", "\t\tx: y", "spec: [1, 2"]),
            };
        }

        return Put(name, string.Join('\n', lines), Pick(ContentTypes[..5]));
    }

    private HostileRequest JsonSpec()
    {
        var name = JobName();
        var value = _random.Next(6) switch
        {
            0 => $$$"""{"apiVersion": "genie.dev/v1", "kind": "Job", "metadata": {"name": "{{{name}}}"}, "spec": {"tasks": {{{JsonValue(3)}}}}}""",
            1 => $$"""{"apiVersion": {{JsonValue(2)}}, "kind": {{JsonValue(2)}}, "metadata": {{JsonValue(3)}}, "spec": {{JsonValue(3)}}}""",
            2 => $$$"""{"apiVersion": "genie.dev/v1", "kind": "Job", "metadata": {"name": "{{{name}}}"}, "spec": {"params": {{{JsonValue(4)}}}, "tasks": [{"name": "a", "command": ["true"]}]}}""",
            3 => TestSpecJson(name)[..Math.Max(1, _random.Next(TestSpecJson(name).Length))],
            4 => TestSpecJson(name).Replace("\"greet\"", JsonValue(2), StringComparison.Ordinal),
            _ => $$$"""{"apiVersion": "genie.dev/v1", "apiVersion": "genie.dev/v2", "kind": "Job", "metadata": {"name": "{{{name}}}", "name": 5}, "spec": {}}""",
        };
        return Put(name, value, Pick(["application/json", "application/json; charset=utf-8", "application/problem+json", "application/yaml"]));
    }

    private HostileRequest Trigger()
    {
        var job = _random.Next(3) == 0 ? JobName() : paramJob;
        var body = _random.Next(7) switch
        {
            0 => $$"""{"params": {{JsonValue(3)}}}""",
            1 => $$$"""{"params": {"n": {{{JsonValue(2)}}}, "{{{Garbage(8)}}}": 1}}""",
            2 => $$"""{"params": {"n": 7}, "at": {{JsonValue(1)}}, "delay": {{JsonValue(1)}}}""",
            3 => $$"""{"params": {"n": 7}, "delay": "{{Pick(["-1s", "99999999h", "1x", "", "P1D", "1e9s"])}}"}""",
            4 => "{\"params\": {" + string.Join(",", Enumerable.Range(0, _random.Next(100, 3000)).Select(i => $"\"p{i}\": {i}")) + "}}",
            5 => Garbage(_random.Next(0, 200)),
            _ => $$"""{"params": {"n": "{{new string('x', _random.Next(60_000, 70_000))}}"}, "unknown": true}""",
        };
        var headers = new List<(string, string)>();
        if (_random.Next(3) == 0)
        {
            headers.Add(("Idempotency-Key", Pick(["", new string('k', 300), "a\u0001b", "ok-" + _random.Next(), Garbage(20)])));
        }

        return Http("POST", $"/api/v1/namespaces/{ns}/jobs/{job}/runs", headers, Encoding.UTF8.GetBytes(body),
            Pick(["application/json", "text/plain", "application/json; charset=latin1", ""]));
    }

    private HostileRequest OddPath()
    {
        string[] segments =
        [
            "%00", "%2F", "%2e%2e", "..", ".", "%ZZ", "%", "%C0%AF", "%E2%80%AE", "%F0%9F%92%A9", "%uFFFF", "a%20b", "UPPER",
            "-x-", new string('a', _random.Next(60, 3000)), "~", "%25", "%3Fq", "%23h", "ns:1", "\u00e9", "%FF%FE", "*", "%0d%0aX: y",
        ];
        string[] prefixes =
        [
            "/api/v1/namespaces/{0}/jobs/{1}", "/api/v1/namespaces/{0}/jobs/{1}/versions/{1}", "/api/v1/namespaces/{0}/jobs/{1}/source",
            "/api/v1/namespaces/{0}/runs/{1}", "/api/v1/namespaces/{0}/runs/{1}/tasks/{1}/logs", "/api/v1/namespaces/{0}/runs",
            "/api/v1/namespaces/{0}/jobs", "/api/v1/{0}/{1}", "/{0}", "/hangfire/{0}", "/openapi/{0}.json", "/healthz/{0}", "//{0}//{1}",
        ];
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(prefixes),
            _random.Next(2) == 0 ? ns : Pick(segments), Pick(segments));
        if (_random.Next(2) == 0)
        {
            string[] keys = ["limit", "cursor", "since", "until", "state", "job", "offset", "tail", "follow", "attempt", "replica", "x"];
            string[] values = ["-1", "0", "99999999999", "abc", "%%%", "", "2024-13-45T99:99:99Z", "true", "eyJ4IjoxfQ", new string('=', 500), "%00"];
            path += "?" + string.Join("&", Enumerable.Range(0, _random.Next(1, 6)).Select(_ => $"{Pick(keys)}={Pick(values)}"));
        }

        return Http(Pick(Methods[..7]), path, [], [], null);
    }

    private HostileRequest HostileHeaders()
    {
        string[] authorizations =
        [
            "Bearer", "Bearer ", "Bearer " + new string('A', _random.Next(100, 6000)), "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.",
            "Basic", "Basic !!!notbase64", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:admin")), "ApiKey gn_" + Garbage(30),
            "Bearer " + Genie.Server.Access.ApiKeyToken.Generate().Text, "Bearer genie_" + Garbage(52), "Bearer " + credential + "x",
            "Digest username=\"x\", realm=", "Negotiate YIIB", "\u00ff\u00fe", ", , ,",
        ];
        var headers = new List<(string, string)>();
        for (var i = _random.Next(1, 6); i > 0; i--)
        {
            headers.Add(_random.Next(8) switch
            {
                0 or 1 => ("Authorization", Pick(authorizations)),
                2 => ("X-Forwarded-For", Pick(["1.2.3.4", "::1, 10.0.0.1", "not-an-ip", new string('9', 200)])),
                3 => ("Accept", Pick(["*/*", "application/problem+json", "text/html;q=x", ""])),
                4 => ("If-Match", Pick(["\"v1\"", "*", "W/\"x\"", "garbage", "\"" + new string('1', 400) + "\""])),
                5 => ("X-" + Garbage(5).Replace(":", "", StringComparison.Ordinal), new string('h', _random.Next(1, 20_000))),
                6 => ("Content-Encoding", Pick(["gzip", "br", "deflate", "identity", "x"])),
                _ => ("Expect", Pick(["100-continue", "200-ok", ""])),
            });
        }

        var target = Pick(["/api/v1/namespaces/{0}/jobs", "/api/v1/namespaces/{0}/jobs/steady", "/api/v1/namespaces/{0}/runs", "/hangfire"]).Replace("{0}", ns, StringComparison.Ordinal);
        var body = _random.Next(3) == 0 ? Encoding.UTF8.GetBytes(ValidYaml("hdr-" + _random.Next(5))) : [];
        return Http(body.Length > 0 ? "PUT" : "GET", body.Length > 0 ? $"/api/v1/namespaces/{ns}/jobs/hdr-{_random.Next(5)}" : target, headers, body,
            body.Length > 0 ? "application/yaml" : null);
    }

    private HostileRequest BrokenFraming()
    {
        var spec = Encoding.UTF8.GetBytes(ValidYaml(JobName()));
        var target = $"/api/v1/namespaces/{ns}/jobs/{JobName()}";
        string head;
        byte[] body = [];
        switch (_random.Next(9))
        {
            case 0:
                head = $"{Pick(Methods)} {Garbage(_random.Next(0, 50))} HTTP/1.1\r\nHost: x\r\n\r\n";
                break;
            case 1:
                head = $"GET {target} HTTP/{Pick(["0.9", "1.0", "2.0", "9.9", "x"])}\r\nHost: x\r\nConnection: close\r\n\r\n";
                break;
            case 2:
                head = $"PUT {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {credential}\r\nContent-Type: application/yaml\r\nContent-Length: {spec.Length + _random.Next(1, 500)}\r\n\r\n";
                body = spec;
                return new HostileRequest("framing", Encoding.Latin1.GetBytes(head), body, HalfClose: true);
            case 3:
                head = $"PUT {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {credential}\r\nContent-Type: application/yaml\r\nContent-Length: {Pick(["-1", "abc", "99999999999999999999", "1, 2", "0x10"])}\r\n\r\n";
                body = spec;
                break;
            case 4:
                head = $"PUT {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {credential}\r\nContent-Type: application/yaml\r\nTransfer-Encoding: chunked\r\n\r\n";
                body = Encoding.Latin1.GetBytes($"{Pick(["zz", "-5", "FFFFFFFFFFFF", "5;ext=\"", "3"])}\r\n{Garbage(10)}\r\n0\r\n\r\n");
                break;
            case 5:
                head = $"PUT {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {credential}\r\nContent-Type: application/yaml\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n";
                body = Encoding.Latin1.GetBytes("5\r\nhello\r\n0\r\n\r\n");
                break;
            case 6:
                head = $"GET {target} HTTP/1.1\r\n{Pick(["Host: x\r\nHost: y", "Ho st: x", ": empty", "X-Bad\u0000: 1", "X-Fold: a\r\n b", "Host x"])}\r\nConnection: close\r\n\r\n";
                break;
            case 7:
                head = $"GET {target} HTTP/1.1\r\nConnection: close\r\n\r\n";
                break;
            default:
                head = $"GET /{new string('a', _random.Next(8_000, 20_000))} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
                break;
        }

        return new HostileRequest("framing", Encoding.Latin1.GetBytes(head), body);
    }

    private HostileRequest Bomb()
    {
        var name = JobName();
        var depth = _random.Next(20, 20_000);
        return _random.Next(7) switch
        {
            0 => Put(name, "spec: " + new string('[', depth) + new string(']', depth), "application/yaml"),
            1 => Put(name, "{\"spec\": " + new string('[', depth) + new string(']', depth) + "}", "application/json"),
            2 => Put(name, string.Concat(Enumerable.Range(0, Math.Min(depth, 3000)).Select(i => new string(' ', i) + "a:\n")), "application/yaml"),
            3 => Put(name, AliasBomb(), "application/yaml"),
            4 => Put(name, ValidYaml(name) + "\n# " + new string('x', _random.Next(250_000, 300_000)), "application/yaml"),
            5 => Http("POST", $"/api/v1/namespaces/{ns}/jobs/{paramJob}/runs", [],
                Encoding.UTF8.GetBytes("{\"params\": {\"n\": " + new string('[', depth) + new string(']', depth) + "}}"), "application/json"),
            _ => Put(name, "spec:\n  tasks:\n" + string.Concat(Enumerable.Range(0, _random.Next(501, 2000)).Select(i => $"    - {{name: t{i}, command: [\"true\"]}}\n")), "application/yaml"),
        };
    }

    /// <summary>A request that trickles its headers or body, holding its connection until the server cuts it off.</summary>
    public HostileRequest Slow()
    {
        var spec = Encoding.UTF8.GetBytes(ValidYaml(JobName()));
        if (_random.Next(2) == 0)
        {
            // Headers that never end: the request-headers timeout has to close the connection.
            var head = Encoding.Latin1.GetBytes($"GET /api/v1/namespaces/{ns}/jobs HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            return new HostileRequest("slow-headers", head, Encoding.Latin1.GetBytes(new string('s', 20)), TimeSpan.FromMilliseconds(150));
        }

        var bodyHead = Encoding.Latin1.GetBytes(
            $"PUT /api/v1/namespaces/{ns}/jobs/{JobName()} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {credential}\r\nContent-Type: application/yaml\r\nContent-Length: {spec.Length}\r\n\r\n");
        return new HostileRequest("slow-body", bodyHead, spec[..Math.Min(spec.Length, 20)], TimeSpan.FromMilliseconds(150));
    }

    private string AliasBomb()
    {
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            text.Append($"a{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))).Append("]\n");
        }

        return text.Append("spec: {tasks: *a11}\n").ToString();
    }

    private HostileRequest Put(string name, string body, string contentType) =>
        Http("PUT", $"/api/v1/namespaces/{ns}/jobs/{name}", [], Encoding.UTF8.GetBytes(body), contentType);

    private HostileRequest Http(string method, string target, IEnumerable<(string Name, string Value)> headers, byte[] body, string? contentType)
    {
        var head = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        if (contentType is not null)
        {
            head.Append($"Content-Type: {contentType}\r\n");
        }

        var sent = headers.ToList();
        if (!sent.Any(h => h.Name == "Authorization"))
        {
            sent.Add(("Authorization", "Bearer " + credential));
        }

        foreach (var (name, value) in sent)
        {
            head.Append($"{name}: {value}\r\n");
        }

        head.Append($"Content-Length: {body.Length}\r\n\r\n");
        return new HostileRequest(method, Encoding.UTF8.GetBytes(head.ToString()), body);
    }

    private string JsonValue(int depth)
    {
        if (depth <= 0)
        {
            return Pick(["1", "-0.5", "1e400", "true", "null", "\"s\"", "\"\"", "\"\\ud800\"", "\"" + new string('z', _random.Next(0, 100)) + "\""]);
        }

        return _random.Next(3) switch
        {
            0 => "[" + string.Join(",", Enumerable.Range(0, _random.Next(0, 4)).Select(_ => JsonValue(depth - 1))) + "]",
            1 => "{" + string.Join(",", Enumerable.Range(0, _random.Next(0, 4)).Select(i => $"\"{Pick(["name", "n", "type", "command", "", "k" + i])}\": {JsonValue(depth - 1)}")) + "}",
            _ => JsonValue(0),
        };
    }

    private static string ValidYaml(string name) => $"""
        apiVersion: genie.dev/v1
        kind: Job
        metadata:
          name: {name}
          group: fuzz
        spec:
          tasks:
            - name: greet
              command: [echo, "hello"]
        """;

    private static string TestSpecJson(string name) =>
        $$$"""{"apiVersion": "genie.dev/v1", "kind": "Job", "metadata": {"name": "{{{name}}}"}, "spec": {"tasks": [{"name": "greet", "command": ["echo"]}]}}""";

    private string JobName() => Pick(["fz-a", "fz-b", "fz-c", "Bad_Name", "x", new string('n', 70), "fz-" + _random.Next(20)]);

    private string Garbage(int length) =>
        new(Enumerable.Range(0, length).Select(_ => (char)_random.Next(1, 0x250)).ToArray());

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
