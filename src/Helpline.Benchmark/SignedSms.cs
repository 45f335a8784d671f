using System.Globalization;
using System.Net;
using Helpline.Twilio;

namespace Helpline.Benchmark;

/// <summary>
/// Inbound SMS webhooks as Twilio sends them: the usual form fields, a fresh MessageSid, and
/// X-Twilio-Signature over the URL and the sorted fields (docs/twilio-contract.md).
/// </summary>
public sealed class SignedSms(Uri baseUri, string authToken, string accountSid)
{
    public const string Path = "/twilio/sms";
    public const string HelplineNumber = "+15555550199";

    private readonly string _url = new Uri(baseUri, Path).ToString();

    public Uri Url => new(_url);

    public HttpRequestMessage Create(string from, string body)
    {
        var sid = "SM" + Guid.NewGuid().ToString("N");
        // The fields Twilio posts for a plain inbound SMS, in its order.
        KeyValuePair<string, string>[] fields =
        [
            new("ToCountry", "US"),
            new("ToState", "TX"),
            new("SmsMessageSid", sid),
            new("NumMedia", "0"),
            new("ToCity", "EL PASO"),
            new("FromZip", ""),
            new("SmsSid", sid),
            new("FromState", ""),
            new("SmsStatus", "received"),
            new("FromCity", ""),
            new("Body", body),
            new("FromCountry", "US"),
            new("To", HelplineNumber),
            new("ToZip", "79901"),
            new("NumSegments", "1"),
            new("MessageSid", sid),
            new("AccountSid", accountSid),
            new("From", from),
            new("ApiVersion", "2010-04-01"),
        ];

        return Signed(_url, fields);
    }

    /// <summary>
    /// A voice webhook as Twilio sends it: <paramref name="pathAndQuery"/> is /twilio/voice for a new call,
    /// then the action URL of the last TwiML (e.g. /twilio/voice/gather?s=2); signed over the full URL.
    /// </summary>
    public HttpRequestMessage CreateVoice(string pathAndQuery, string callSid, string from, string? digits)
    {
        var url = new Uri(new Uri(_url), pathAndQuery).ToString();
        var fields = new List<KeyValuePair<string, string>>
        {
            new("AccountSid", accountSid),
            new("ApiVersion", "2010-04-01"),
            new("CallSid", callSid),
            new("CallStatus", "in-progress"),
            new("Called", HelplineNumber),
            new("Caller", from),
            new("Direction", "inbound"),
            new("From", from),
            new("FromCountry", "US"),
            new("To", HelplineNumber),
            new("ToCountry", "US"),
        };
        if (digits is not null)
        {
            fields.Add(new("Digits", digits));
            fields.Add(new("FinishedOnKey", ""));
        }
        return Signed(url, fields);
    }

    /// <summary>A form POST signed as Twilio signs it, with the headers Twilio sends.</summary>
    private HttpRequestMessage Signed(string url, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new FormUrlEncodedContent(fields),
        };
        request.Headers.TryAddWithoutValidation("X-Twilio-Signature", SignatureValidator.Compute(authToken, url, fields));
        request.Headers.TryAddWithoutValidation("I-Twilio-Idempotency-Token", Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("User-Agent", "TwilioProxy/1.1");
        return request;
    }

    /// <summary>A fictional number in the 555 exchange Hollywood uses: +1555 and seven digits.</summary>
    public static string FictionalNumber(long caller) =>
        "+1555" + (caller % 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
}
