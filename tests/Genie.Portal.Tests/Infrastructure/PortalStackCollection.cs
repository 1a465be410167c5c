namespace Genie.Portal.Tests.Infrastructure;

/// <summary>The browser test classes share one server, portal and Chromium, and run one after the other on it.</summary>
[CollectionDefinition(Name)]
public sealed class PortalStackCollection : ICollectionFixture<PortalStack>
{
    public const string Name = "Portal stack";
}
