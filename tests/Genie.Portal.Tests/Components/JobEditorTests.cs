using System.Net;
using System.Text;
using Bunit;
using Genie.Portal.Jobs;
using Genie.Portal.Session;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Portal.Tests.Components;

/// <summary>The editor validates as people type, but once per pause in typing, not once per keystroke.</summary>
public sealed class JobEditorTests
{
    [Fact]
    public async Task A_burst_of_keystrokes_is_validated_once_with_the_last_text()
    {
        var server = new ValidatingServer();
        await using var context = PortalTestContext.Create();
        context.Services.AddHttpClient(PortalSession.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => server);
        await context.Services.GetRequiredService<PortalSession>().SignInAsync("a-token", CancellationToken.None);
        var editor = context.Render<JobEditor>();
        const string typed = "kind: Job";

        for (var length = 1; length <= typed.Length; length++)
        {
            editor.Find("textarea").Input(typed[..length]);
        }

        editor.WaitForAssertion(() => server.Validated.ShouldBe([typed]), TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1));
        server.Validated.ShouldBe([typed]);
    }

    /// <summary>A Genie that knows its caller and accepts every spec, recording each one it was asked to validate.</summary>
    private sealed class ValidatingServer : HttpMessageHandler
    {
        private readonly List<string> _validated = [];

        public IReadOnlyList<string> Validated
        {
            get
            {
                lock (_validated)
                {
                    return _validated.ToList();
                }
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/api/v1/validate")
            {
                var spec = await request.Content!.ReadAsStringAsync(cancellationToken);
                lock (_validated)
                {
                    _validated.Add(spec);
                }

                return Json("""{"valid": true, "namespace": "default", "name": "typed", "contentHash": "h", "definition": {}}""");
            }

            return request.RequestUri.AbsolutePath == "/api/v1/whoami"
                ? Json("""{"actor": "jwt:typist", "grants": ["operator:default"], "clusterAdmin": false}""")
                : new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        private static HttpResponseMessage Json(string body) =>
            new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
