namespace Genie.Server.Tests.Limits;

/// <summary>
/// One generated request as the bytes a client sends: the head (request line and headers), the body, and how it is
/// sent (a pause between body bytes for a slow body; half-closing the connection afterwards).
/// </summary>
public sealed record HostileRequest(string Kind, byte[] Head, byte[] Body, TimeSpan? BodyPause = null, bool HalfClose = false)
{
    /// <summary>The request line, for failure messages.</summary>
    public string RequestLine => System.Text.Encoding.Latin1.GetString(Head, 0, Math.Min(Head.Length, 200)).Split("\r\n")[0];
}
