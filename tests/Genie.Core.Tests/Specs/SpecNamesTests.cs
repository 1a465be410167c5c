using Genie.Core.Specs;

namespace Genie.Core.Tests.Specs;

public class SpecNamesTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("nightly-etl", true)]
    [InlineData("0day", true)]
    [InlineData("a1-b2-c3", true)]
    [InlineData("", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("A", false)]
    [InlineData("a_b", false)]
    [InlineData("a.b", false)]
    [InlineData("a\n", false)]
    [InlineData("ａ", false)]
    [InlineData("é", false)]
    public void Dns1123_labels(string value, bool valid) => SpecNames.IsDns1123Label(value).ShouldBe(valid);

    [Fact]
    public void Dns1123_labels_are_at_most_63_characters()
    {
        SpecNames.IsDns1123Label(new string('a', 63)).ShouldBeTrue();
        SpecNames.IsDns1123Label(new string('a', 64)).ShouldBeFalse();
        SpecNames.IsDns1123Label(null).ShouldBeFalse();
    }

    [Theory]
    [InlineData("db", true)]
    [InlineData("db.credentials", true)]
    [InlineData("a.b.c", true)]
    [InlineData("a..b", false)]
    [InlineData(".a", false)]
    [InlineData("A.b", false)]
    public void Dns1123_subdomains(string value, bool valid) => SpecNames.IsDns1123Subdomain(value).ShouldBe(valid);

    [Theory]
    [InlineData("team", true)]
    [InlineData("Team_Name.v2", true)]
    [InlineData("app.kubernetes.io/name", true)]
    [InlineData("example.com/tier", true)]
    [InlineData("/name", false)]
    [InlineData("example.com/", false)]
    [InlineData("a/b/c", false)]
    [InlineData("Example.com/x", false)]
    [InlineData("_x", false)]
    [InlineData("x_", false)]
    [InlineData("team\n", false)]
    public void Label_keys(string value, bool valid) => SpecNames.IsLabelKey(value).ShouldBe(valid);

    [Theory]
    [InlineData("", true)]
    [InlineData("data", true)]
    [InlineData("v1.2_rc-3", true)]
    [InlineData("has space", false)]
    [InlineData("-x", false)]
    [InlineData("x\n", false)]
    public void Label_values(string value, bool valid) => SpecNames.IsLabelValue(value).ShouldBe(valid);

    [Theory]
    [InlineData("date", true)]
    [InlineData("_private", true)]
    [InlineData("DATE_2", true)]
    [InlineData("2date", false)]
    [InlineData("my-param", false)]
    [InlineData("päram", false)]
    [InlineData("", false)]
    public void Param_and_env_names_are_identifiers(string value, bool valid)
    {
        SpecNames.IsParamName(value).ShouldBe(valid);
        SpecNames.IsEnvVarName(value).ShouldBe(valid);
    }

    [Theory]
    [InlineData("analytics", null)]
    [InlineData("Analytics", "`Analytics` is not a DNS-1123 label: lowercase letters a-z")]
    [InlineData("", "must not be empty: a DNS-1123 label is lowercase letters")]
    [InlineData("a\u200Bb", "`a\u200Bb` is not a DNS-1123 label (it contains an invisible character U+200B)")]
    [InlineData("a\tb", "`a\\tb` is not a DNS-1123 label (it contains a control character U+0009)")]
    public void Explanations_for_url_names(string value, string? fragment)
    {
        var explanation = SpecNames.ExplainDns1123Label(value);

        if (fragment is null)
        {
            explanation.ShouldBeNull();
        }
        else
        {
            explanation.ShouldNotBeNull().ShouldContain(fragment);
        }
    }
}
