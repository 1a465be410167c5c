using System.Net.Http.Headers;
using System.Text;
using Genie.Server.Secrets;
using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Notifications;

/// <summary>
/// One POST of a delivery: its stored body, signed now with the webhook's secret (read at send time, so a rotated secret
/// signs the next attempt), to a receiver that must answer 2xx within the timeout. Redirects are not followed: a webhook
/// URL is checked once, at apply, and must not lead Genie elsewhere.
/// </summary>
public sealed class WebhookCall(IHttpClientFactory clients, SecretVault secrets, IOptions<NotificationOptions> options, TimeProvider time)
{
    public const string HttpClientName = "genie-notifications";

    /// <summary>The receiver's status code, or why there was none (never the secret's value).</summary>
    public async Task<(int? StatusCode, string? Error)> SendAsync(NotificationDelivery delivery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Webhook)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id.ToString());
        if (delivery.SecretName is { } name && delivery.SecretKey is { } key)
        {
            IReadOnlyDictionary<string, string>? values;
            try
            {
                values = await secrets.ReadValuesAsync(delivery.Namespace, name, cancellationToken);
            }
            catch (SecretKeyException e)
            {
                return (null, $"the signing secret {name} cannot be opened: {e.Message}");
            }

            if (values is null || !values.TryGetValue(key, out var secret))
            {
                return (null, $"the signing secret {name} (key {key}) does not exist in namespace {delivery.Namespace}");
            }

            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Of(secret, time.GetUtcNow(), delivery.Body));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.RequestTimeout);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (code, null) : (code, $"the receiver answered {code}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {options.Value.RequestTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return (null, e.HttpRequestError == HttpRequestError.Unknown ? e.Message : $"{e.HttpRequestError}: {e.Message}");
        }
    }
}
