using Microsoft.AspNetCore.Http.HttpResults;

namespace Genie.Server.Api;

/// <summary>
/// Reads a request body into memory up to a limit: a body declared or found larger is a 413 before the rest is
/// buffered, and one whose framing is broken (a chunk size Kestrel cannot parse surfaces as a plain IOException,
/// not a BadHttpRequestException) is a 400 naming the body, not a 500.
/// </summary>
public static class RequestBody
{
    public static async Task<(byte[]? Body, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, int limit, Func<ProblemHttpResult> tooLarge, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return (null, tooLarge());
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return (null, tooLarge());
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (IOException e) when (e is not BadHttpRequestException)
        {
            return (null, ApiProblems.Invalid("body", $"the body could not be read: {e.Message}"));
        }

        return (buffer.ToArray(), null);
    }
}
