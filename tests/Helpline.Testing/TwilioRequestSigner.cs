using Helpline.Twilio;

namespace Helpline.Testing;

/// <summary>Signs requests the way Twilio does, so tests can call webhooks as Twilio would.</summary>
public static class TwilioRequestSigner
{
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form) =>
        SignatureValidator.Compute(authToken, url, form);

    /// <summary>A form POST to <paramref name="absoluteUrl"/>, signed for that same URL.</summary>
    public static HttpRequestMessage SignedFormPost(string authToken, string absoluteUrl, IEnumerable<KeyValuePair<string, string>> form) =>
        SignedFormPost(authToken, absoluteUrl, form, signedUrl: absoluteUrl);

    /// <summary>
    /// A form POST to <paramref name="absoluteUrl"/>, signed for <paramref name="signedUrl"/>: the public URL
    /// Twilio would have called when the app sits behind a proxy.
    /// </summary>
    public static HttpRequestMessage SignedFormPost(
        string authToken, string absoluteUrl, IEnumerable<KeyValuePair<string, string>> form, string signedUrl)
    {
        var fields = form.ToList();
        var request = new HttpRequestMessage(HttpMethod.Post, absoluteUrl) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.TryAddWithoutValidation(TwilioSignatureFilter.SignatureHeader, Sign(authToken, signedUrl, fields));
        return request;
    }
}
