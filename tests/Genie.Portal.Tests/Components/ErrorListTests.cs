using Bunit;
using Genie.Client.Contracts;
using Genie.Portal.Shared;

namespace Genie.Portal.Tests.Components;

/// <summary>The error list shows every error of a request at its path, and nothing when there is no failure.</summary>
public sealed class ErrorListTests
{
    [Fact]
    public async Task Every_error_is_listed_with_its_path()
    {
        await using var context = PortalTestContext.Create();
        var failure = new CallFailure("400 Invalid job spec", [
            new FieldError("spec.tasks[1].dependsOn[0]", "task `lod` does not exist"),
            new FieldError("metadata.name", "must be a DNS-1123 label"),
        ], ServerUnreachable: false);

        var list = context.Render<ErrorList>(p => p.Add(e => e.Failure, failure));

        list.FindAll("li").Select(li => li.TextContent).ShouldBe([
            "spec.tasks[1].dependsOn[0]: task `lod` does not exist",
            "metadata.name: must be a DNS-1123 label",
        ]);
        list.Find("[data-testid=error-list]").TextContent.ShouldContain("400 Invalid job spec");
    }

    [Fact]
    public async Task Nothing_is_rendered_without_a_failure()
    {
        await using var context = PortalTestContext.Create();

        context.Render<ErrorList>().Markup.Trim().ShouldBeEmpty();
    }
}
