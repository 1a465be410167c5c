using System.Net;
using System.Text;
using Genie.Client;

namespace Genie.Server.Tests.PublicClient;

/// <summary>
/// What the client makes of failures: problem documents, error answers Genie itself never sends (a proxy's page, an
/// empty body), requests that got no answer; and that the calls outside Refit's own pipeline (apply, log follow) map
/// problems the same way as the generated ones.
/// </summary>
public sealed class ErrorMappingTests
{
    private const string Problem = """
        {"type":"https://genie.dev/problems/invalid","title":"Invalid request","status":400,"detail":"2 errors",
         "errors":[{"path":"spec.tasks[0].name","message":"is required"},{"path":"query.limit","message":"must be 1..500"}]}
        """;

    [Fact]
    public async Task A_problem_document_keeps_status_title_and_every_field_error()
    {
        var client = ClientAnswering(HttpStatusCode.BadRequest, Problem, "application/problem+json");

        var error = await Should.ThrowAsync<GenieApiException>(() => client.GetJobAsync("ns", "job"));

        error.StatusCode.ShouldBe(400);
        error.Problem.Title.ShouldBe("Invalid request");
        error.Problem.Errors!.Select(e => e.Path).ShouldBe(["spec.tasks[0].name", "query.limit"]);
        error.Message.ShouldBe("400 Invalid request: 2 errors spec.tasks[0].name: is required; query.limit: must be 1..500");
    }

    [Fact]
    public async Task The_apply_and_follow_calls_map_problems_like_every_other_call()
    {
        var client = ClientAnswering(HttpStatusCode.BadRequest, Problem, "application/problem+json");

        var apply = await Should.ThrowAsync<GenieApiException>(() => client.ApplyJobAsync("ns", "job", "kind: Job"));
        var follow = await Should.ThrowAsync<GenieApiException>(async () =>
        {
            await foreach (var _ in client.FollowTaskLogAsync("ns", "run", "task"))
            {
            }
        });

        apply.Problem.Errors!.Count.ShouldBe(2);
        follow.Problem.Errors!.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_body_that_is_not_a_problem_becomes_one_from_the_status_and_the_start_of_the_body()
    {
        var page = "<html>" + new string('x', 2000) + "</html>";
        var client = ClientAnswering(HttpStatusCode.BadGateway, page, "text/html");

        var error = await Should.ThrowAsync<GenieApiException>(() => client.GetHealthAsync());

        error.StatusCode.ShouldBe(502);
        error.Problem.Title.ShouldBe("Bad Gateway");
        error.Problem.Detail.ShouldBe(page[..500]);
    }

    [Fact]
    public async Task An_empty_error_body_still_says_the_status()
    {
        var client = ClientAnswering(HttpStatusCode.ServiceUnavailable, "", "text/plain");

        var error = await Should.ThrowAsync<GenieApiException>(() => client.GetReadinessAsync());

        error.StatusCode.ShouldBe(503);
        error.Problem.Title.ShouldBe("Service Unavailable");
    }

    [Fact]
    public async Task A_request_that_gets_no_answer_fails_as_httpclient_failed_it()
    {
        var refused = new GenieClient(new HttpClient(new NoAnswer()) { BaseAddress = new Uri("http://genie.invalid/") });
        var slow = new GenieClient(new HttpClient(new NoAnswer(TimeSpan.FromSeconds(30)))
        {
            BaseAddress = new Uri("http://genie.invalid/"),
            Timeout = TimeSpan.FromMilliseconds(50),
        });

        await Should.ThrowAsync<HttpRequestException>(() => refused.GetRunAsync("ns", "run"));
        await Should.ThrowAsync<HttpRequestException>(() => refused.ApplyJobAsync("ns", "job", "kind: Job"));
        await Should.ThrowAsync<TaskCanceledException>(() => slow.GetRunAsync("ns", "run"));
    }

    private static GenieClient ClientAnswering(HttpStatusCode status, string body, string mediaType) =>
        new(new HttpClient(new CannedAnswer(status, body, mediaType)) { BaseAddress = new Uri("http://genie.invalid/") });

    /// <summary>Answers every request with the same status and body, as a misbehaving proxy in front of Genie would.</summary>
    private sealed class CannedAnswer(HttpStatusCode status, string body, string mediaType) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status)
            {
                Content = new StringContent(body, Encoding.UTF8, mediaType),
                RequestMessage = request,
            });
    }

    /// <summary>Never answers: refuses the connection at once, or (with a delay) keeps the caller waiting until its timeout.</summary>
    private sealed class NoAnswer(TimeSpan? delay = null) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (delay is { } wait)
            {
                await Task.Delay(wait, cancellationToken);
            }

            throw new HttpRequestException("Connection refused");
        }
    }
}
