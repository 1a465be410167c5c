using System.Net;
using Genie.Core.Access;
using Genie.Server.Access;
using Genie.Server.Limits;
using Microsoft.AspNetCore.Http;

namespace Genie.Server.Tests.Limits;

/// <summary>
/// Who a request counts against: its authenticated actor from any address; without credentials its client address,
/// one IPv6 /64 as one caller, no address as local.
/// </summary>
public sealed class CallerKeyTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7", false)]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7", false)]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64", false)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64", false)]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("::1", "::/64", true)]
    public void A_caller_is_its_address_or_network(string address, string key, bool local)
    {
        var context = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(address) } };

        CallerKey.Of(context).ShouldBe(key);
        CallerKey.IsLocal(context).ShouldBe(local);
    }

    [Fact]
    public void No_address_is_a_local_caller()
    {
        var context = new DefaultHttpContext();

        CallerKey.Of(context).ShouldBe("local");
        CallerKey.IsLocal(context).ShouldBeTrue();
    }

    [Fact]
    public void An_authenticated_caller_is_its_actor_whatever_its_address()
    {
        var user = CallerClaims.Principal(ApiKeyAuthentication.SchemeName, "key:abcd1234", [Grant.Parse("viewer:team")]);
        var here = new DefaultHttpContext { User = user, Connection = { RemoteIpAddress = IPAddress.Parse("203.0.113.7") } };
        var there = new DefaultHttpContext { User = user, Connection = { RemoteIpAddress = IPAddress.Parse("198.51.100.1") } };

        CallerKey.Of(here).ShouldBe("actor:key:abcd1234");
        CallerKey.Of(there).ShouldBe(CallerKey.Of(here));
    }
}
