using Genie.Core.Specs;

namespace Genie.Core.Tests.Specs;

public class QuantityTests
{
    [Theory]
    [InlineData("500m", "0.5")]
    [InlineData("0.5", "0.5")]
    [InlineData("2", "2")]
    [InlineData("+2", "2")]
    [InlineData("512Mi", "536870912")]
    [InlineData("1Gi", "1073741824")]
    [InlineData("1Ki", "1024")]
    [InlineData("1Ti", "1099511627776")]
    [InlineData("1G", "1000000000")]
    [InlineData("1k", "1000")]
    [InlineData("1M", "1000000")]
    [InlineData("1e3", "1000")]
    [InlineData("1E3", "1000")]
    [InlineData("5e-3", "0.005")]
    [InlineData("1.5Gi", "1610612736")]
    [InlineData(".5", "0.5")]
    [InlineData("100u", "0.0001")]
    [InlineData("1E", "1000000000000000000")]
    [InlineData("0", "0")]
    public void Kubernetes_quantities_parse(string text, string value)
    {
        Quantity.TryParse(text, out var quantity, out var error).ShouldBeTrue(error);

        quantity!.Text.ShouldBe(text);
        quantity.Value.ShouldBe(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("-1", "`-1` must not be negative")]
    [InlineData("-500m", "`-500m` must not be negative")]
    [InlineData("1GB", "`1GB` is not a quantity: use a Kubernetes quantity like 500m, 0.5, 2, 512Mi, 1Gi or 1G")]
    [InlineData("1gi", "is not a quantity")]
    [InlineData("lots", "is not a quantity")]
    [InlineData("", "is not a quantity")]
    [InlineData("1.2.3", "is not a quantity")]
    [InlineData("1e", "is not a quantity")]
    [InlineData("1e999", "is not a quantity")]
    [InlineData("1 Gi", "is not a quantity")]
    [InlineData("Mi", "is not a quantity")]
    [InlineData("1Mi ", "is not a quantity")]
    [InlineData("99999999999999999999E", "is too large")]
    public void Other_text_is_not_a_quantity(string text, string fragment)
    {
        Quantity.TryParse(text, out var quantity, out var error).ShouldBeFalse();

        quantity.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(fragment);
    }
}
