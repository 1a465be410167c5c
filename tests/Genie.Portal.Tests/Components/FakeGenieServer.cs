using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Portal.Tests.Components;

/// <summary>
/// The Genie server behind the portal's HttpClient in component tests: any key signs in, one run is answered in
/// whatever state the test sets (counting how often it is read), and every task log reads <see cref="LogText"/>.
/// </summary>
public sealed class FakeGenieServer : HttpMessageHandler
{
    private int _runReads;

    public RunResource Run { get; set; } = RunIn("queued");

    /// <summary>How many times the run was read.</summary>
    public int RunReads => Volatile.Read(ref _runReads);

    public const string LogText = "a line of the log\n";

    /// <summary>The run in <paramref name="state"/>, with <paramref name="tasks"/> (none by default).</summary>
    public static RunResource RunIn(string state, params TaskRunResource[] tasks) => new(
        "run-1", "default", "greet", 1, "local", state, null, new Dictionary<string, JsonElement>(), 0, "manual", "key:test",
        null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, tasks);

    /// <summary>Task <paramref name="name"/> with one attempt per state given, numbered from 1.</summary>
    public static TaskRunResource TaskWith(string name, params string[] attemptStates) => new(
        name, 0, attemptStates[^1], null, attemptStates.Length, null, null, null, DateTimeOffset.UnixEpoch, null,
        [.. attemptStates.Select((state, i) => new TaskAttemptResource(i + 1, state, null, null, DateTimeOffset.UnixEpoch, null, ""))]);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path.EndsWith("/logs", StringComparison.Ordinal))
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(LogText) });
        }

        object? body = path switch
        {
            "/api/v1/jobs" => new Page<JobResource>([], null),
            "/api/v1/whoami" => new CallerResource("key:abcd1234", ["viewer:*"], ClusterAdmin: false),
            _ when path == $"/api/v1/namespaces/{Run.Namespace}/runs/{Run.Id}" => ReadRun(),
            _ => null,
        };
        return Task.FromResult(body is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            {
                Content = JsonContent.Create(new ApiProblem(null, "Not found", 404, $"The fake server does not serve {path}.", path, null), options: GenieJson.Options),
            }
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(body, body.GetType(), options: GenieJson.Options) });
    }

    private RunResource ReadRun()
    {
        Interlocked.Increment(ref _runReads);
        return Run;
    }
}
