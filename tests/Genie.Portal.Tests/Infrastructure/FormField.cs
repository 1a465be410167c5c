using Microsoft.Playwright;

namespace Genie.Portal.Tests.Infrastructure;

/// <summary>The text box of a MudBlazor field by its test id, wherever MudBlazor puts the attribute (on the box or around it).</summary>
public static class FormField
{
    public static ILocator Of(IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], textarea[data-testid='{testId}'], [data-testid='{testId}'] input, [data-testid='{testId}'] textarea").First;
}
