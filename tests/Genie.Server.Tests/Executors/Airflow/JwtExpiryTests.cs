using System.Buffers.Text;
using System.Text;
using Genie.Server.Executors.Airflow.Client;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>The token's `exp` is read from the JWT payload; anything that is not a readable JWT has no known expiry.</summary>
public sealed class JwtExpiryTests
{
    [Fact]
    public void Exp_of_a_jwt_is_read_without_validating_it()
    {
        JwtExpiry.Read(Jwt("""{"sub":"admin","exp":1768816800}""")).ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1768816800));
    }

    [Theory]
    [InlineData("string")]
    [InlineData("a.b")]
    [InlineData("a.!!!.c")]
    public void A_token_that_is_not_a_jwt_has_no_expiry(string token)
    {
        JwtExpiry.Read(token).ShouldBeNull();
    }

    [Theory]
    [InlineData("""{"sub":"admin"}""")]
    [InlineData("""{"exp":"tomorrow"}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""not json""")]
    [InlineData("""{"exp":1e300}""")]
    public void A_payload_without_a_usable_exp_has_no_expiry(string payload)
    {
        JwtExpiry.Read(Jwt(payload)).ShouldBeNull();
    }

    private static string Jwt(string payload) =>
        $"{Base64Url.EncodeToString("""{"alg":"HS512"}"""u8)}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.c2ln";
}
