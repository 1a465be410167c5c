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
        };
        settings.UrlParameterFormatterMap[typeof(bool)] = new LowercaseBooleanFormatter();
        return settings;
    }
}
