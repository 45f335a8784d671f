namespace Helpline.Twilio;

/// <summary>
/// The official library's HTTP path for one attempt: it sends the library's request through the
/// project's <see cref="HttpClient"/> to <c>Twilio:ApiBaseUrl</c> (Twilio's own URL in production, a
/// loopback fake in tests), under the attempt's cancellation token (the library takes none), and keeps
/// the status and <c>Retry-After</c> that the library's exceptions do not carry.
/// </summary>
internal sealed class TwilioApiHandler(HttpClient http, Uri apiBase, CancellationToken attempt) : HttpMessageHandler
{
    public int? StatusCode { get; private set; }

    public System.Net.Http.Headers.RetryConditionHeaderValue? RetryAfter { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The library always asks https://api.twilio.com/...: keep its path and query, change where it goes.
        var original = request.RequestUri ?? throw new InvalidOperationException("The Twilio library sent a request without a URL.");
        // A message an HttpClient has sent cannot be sent by another: copy it (the body is not copied).
        using var forwarded = new HttpRequestMessage(request.Method, new Uri(apiBase.AbsoluteUri.TrimEnd('/') + original.PathAndQuery))
        {
            Content = request.Content,
            Version = request.Version,
        };
        foreach (var header in request.Headers)
        {
            forwarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt);
        var response = await http.SendAsync(forwarded, HttpCompletionOption.ResponseContentRead, linked.Token);
        StatusCode = (int)response.StatusCode;
        RetryAfter = response.Headers.RetryAfter;
        return response;
    }
}
