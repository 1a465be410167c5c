using System.Text;
using Genie.Core.Specs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Genie.Server.Api;

/// <summary>Reads a spec from a request body: format from Content-Type, size bounded before it is buffered, strict UTF-8.</summary>
public static class SpecDocumentReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<(SpecDocument? Document, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, SpecLimits limits, CancellationToken cancellationToken)
    {
        var format = FormatOf(request.ContentType);
        if (format is null)
        {
            return (null, ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Send the spec as application/yaml or application/json (UTF-8); got `{request.ContentType ?? "no Content-Type"}`."));
        }

        var (body, problem) = await RequestBody.ReadAsync(request, limits.MaxDocumentBytes, () => TooLarge(limits), cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(body!);
        }
        catch (DecoderFallbackException)
        {
            return (null, ApiProblems.Invalid("body", "the body is not valid UTF-8"));
        }

        return (new SpecDocument(text.TrimStart('\uFEFF'), format.Value), null);
    }

    private static SpecFormat? FormatOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type)
        {
            return null;
        }

        if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        type = type.ToLowerInvariant();
        return type switch
        {
            "application/json" => SpecFormat.Json,
            "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml" => SpecFormat.Yaml,
            _ when type.EndsWith("+json", StringComparison.Ordinal) => SpecFormat.Json,
            _ when type.EndsWith("+yaml", StringComparison.Ordinal) => SpecFormat.Yaml,
            _ => null,
        };
    }

    private static ProblemHttpResult TooLarge(SpecLimits limits) =>
        ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "Spec too large",
            $"A spec may be at most {limits.MaxDocumentBytes} bytes.");
}
