using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Genie.Server.Access;

/// <summary>Reads the statically configured signing keys: PEM public keys (RSA or EC) and `base64:` HMAC secrets.</summary>
public static class JwtSigningKeys
{
    private const string SharedSecretMarker = "base64:";

    public static IReadOnlyList<SecurityKey> Read(IEnumerable<string> configured) =>
        configured.Select((text, index) => Read(text.Trim(), index)).ToList();

    private static SecurityKey Read(string text, int index)
    {
        try
        {
            if (text.StartsWith(SharedSecretMarker, StringComparison.Ordinal))
            {
                return new SymmetricSecurityKey(Convert.FromBase64String(text[SharedSecretMarker.Length..]));
            }

            if (text.Contains("BEGIN EC", StringComparison.Ordinal) || IsEcPublicKey(text))
            {
                var ec = ECDsa.Create();
                ec.ImportFromPem(text);
                return new ECDsaSecurityKey(ec);
            }

            var rsa = RSA.Create();
            rsa.ImportFromPem(text);
            return new RsaSecurityKey(rsa);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException or FormatException)
        {
            throw new AccessConfigurationException(
                $"Genie:Auth:Jwt:SigningKeys:{index} is neither a PEM public key (RSA or EC) nor a `base64:` shared secret.", e);
        }
    }

    // A SubjectPublicKeyInfo PEM does not say its algorithm; EC keys are told apart by trying.
    private static bool IsEcPublicKey(string pem)
    {
        using var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return false;
        }
    }
}
