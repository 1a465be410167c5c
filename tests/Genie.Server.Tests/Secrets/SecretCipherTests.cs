using Genie.Server.Secrets;

namespace Genie.Server.Tests.Secrets;

/// <summary>AES-256-GCM sealing: a round trip, and a clear error (never garbage) for a wrong key, an altered row or a malformed key.</summary>
public sealed class SecretCipherTests
{
    private static readonly Dictionary<string, string> Values = new() { ["password"] = "hunter2" };

    [Fact]
    public void Sealed_values_open_with_the_key_that_sealed_them_also_once_it_is_a_previous_key()
    {
        var old = SecretKey.Generate();
        var sealedValues = new SecretCipher(new SecretKeyRing(old, [])).Seal("team", "db", Values);

        var rotated = new SecretCipher(new SecretKeyRing(SecretKey.Generate(), [old]));

        sealedValues.KeyId.ShouldBe(old.Id);
        rotated.Open("team", "db", sealedValues).ShouldBe(Values);
    }

    [Fact]
    public void A_missing_key_names_the_key_id_and_the_setting_to_fix()
    {
        var sealedValues = new SecretCipher(new SecretKeyRing(SecretKey.Generate(), [])).Seal("team", "db", Values);

        var error = Should.Throw<SecretKeyException>(() => new SecretCipher(new SecretKeyRing(SecretKey.Generate(), [])).Open("team", "db", sealedValues));

        error.Message.ShouldContain(sealedValues.KeyId);
        error.Message.ShouldContain("Genie:Secrets:PreviousKeys");
    }

    [Fact]
    public void Altered_ciphertext_or_a_ciphertext_moved_to_another_secret_fails_the_tag_check()
    {
        var cipher = new SecretCipher(new SecretKeyRing(SecretKey.Generate(), []));
        var sealedValues = cipher.Seal("team", "db", Values);
        var altered = sealedValues with { Ciphertext = sealedValues.Ciphertext.ToArray() };
        altered.Ciphertext[0] ^= 1;

        Should.Throw<SecretKeyException>(() => cipher.Open("team", "db", altered)).Message.ShouldContain("team/db");
        Should.Throw<SecretKeyException>(() => cipher.Open("team", "other", sealedValues)).Message.ShouldContain("team/other");
        Should.Throw<SecretKeyException>(() => cipher.Open("team", "db", sealedValues with { Ciphertext = [1, 2] }));
    }

    [Theory]
    [InlineData("not base64!", "not base64")]
    [InlineData("c2hvcnQ=", "holds 5 bytes")]
    public void A_malformed_key_is_refused_without_echoing_it(string text, string message)
    {
        var error = Should.Throw<SecretKeyException>(() => SecretKey.FromBase64(text, "Genie:Secrets:Key"));

        error.Message.ShouldContain(message);
        error.Message.ShouldContain("Genie:Secrets:Key");
        error.Message.ShouldNotContain(text);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_key_file_is_created_once_with_mode_0600_and_read_back_after()
    {
        var dir = Path.Combine(Path.GetTempPath(), "genie-keyfile-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var first = SecretKeyFile.ReadOrCreate(dir);
            var again = SecretKeyFile.ReadOrCreate(dir);

            again.Id.ShouldBe(first.Id);
            File.GetUnixFileMode(Path.Combine(dir, SecretKeyFile.FileName)).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
