namespace Genie.Core.Tests.Airflow;

/// <summary>The seed of a test case is FNV-1a's published value without the sign bit, so it never changes between runs or machines.</summary>
public class StableSeedTests
{
    [Theory]
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Seeds_are_the_32_bit_FNV_1a_test_vectors_without_the_sign_bit(string name, uint fnv1a) =>
        StableSeed.Of(name).ShouldBe((int)(fnv1a & 0x7fffffff));
}
