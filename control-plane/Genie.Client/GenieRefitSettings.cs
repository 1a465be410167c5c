using Refit;

namespace Genie.Client;

/// <summary>How the Refit interfaces talk to Genie: <see cref="GenieJson"/> on the wire and problem documents as <see cref="GenieApiException"/>.</summary>
public static class GenieRefitSettings
{
    public static RefitSettings Create()
    {
        var settings = new RefitSettings
        {
            ContentSerializer = new SystemTextJsonContentSerializer(GenieJson.Options),
            UrlParameterKeyFormatter = new CamelCaseUrlParameterKeyFormatter(),
            ExceptionFactory = async response => await GenieApiException.FromResponseAsync(response),

            // A request that got no answer fails as HttpClient failed it (HttpRequestException, a timeout's
            // TaskCanceledException), not wrapped: callers that retry on transport failures catch those, as they
            // did before Genie's client was on Refit.
            TransportExceptionFactory = (_, exception, _) => exception,
        };
        settings.UrlParameterFormatterMap[typeof(bool)] = new LowercaseBooleanFormatter();
        return settings;
    }
}
