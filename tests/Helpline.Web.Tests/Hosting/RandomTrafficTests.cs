using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using CsCheck;
using Helpline.Testing;
using Helpline.Twilio;
using Helpline.Web.State;
using Helpline.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Helpline.Web.Tests.Hosting;

/// <summary>
/// Generated requests, signed and unsigned, thrown at every webhook: forms of odd fields and values,
/// raw bytes, any content type. Whatever arrives: no 5xx, the answer is TwiML or nothing, and stored
/// state changes only when Twilio signed the request.
/// </summary>
public sealed class RandomTrafficTests
{
    public sealed record Attack(string Path, bool Signed, string ContentType, KeyValuePair<string, string>[] Fields, byte[]? Raw)
    {
        public override string ToString() => $"{Path} signed={Signed} type='{ContentType}' fields={Fields.Length} raw={Raw?.Length.ToString() ?? "-"}";
    }

    private static readonly Gen<string> AnyText = Gen.Char[(char)0, (char)0xFFFF].Array[0, 40].Select(chars => new string(chars));
    private static readonly Gen<string> TwilioLikeText = Gen.OneOf("+15205551801", "whatsapp:+15205551801", "hola", "STOP", "START", "borrar", "1", "9", "*", "#", "", "CAfuzz1", "SMfuzz1", "completed", "busy");

    private static readonly Gen<KeyValuePair<string, string>> Field = Gen.Select(
        Gen.OneOf(Gen.OneOf("From", "To", "Body", "MessageSid", "CallSid", "Digits", "SpeechResult", "DialCallStatus", "OptOutType", "NumMedia"), AnyText),
        Gen.OneOf(TwilioLikeText, AnyText),
        KeyValuePair.Create);

    private static readonly Gen<Attack> Attacks = Gen.Select(
        Gen.OneOf("/twilio/sms", "/twilio/voice", "/twilio/voice/gather?s=1", "/twilio/voice/silence?s=2", "/twilio/voice/dial?s=1", "/twilio/voice/gather"),
        Gen.Bool,
        Gen.OneOf("application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8", "application/json", "text/plain",
            "multipart/form-data; boundary=b", "application/octet-stream", "", "text/xml; charset=\"", "application/x-www-form-urlencoded; charset=latin1"),
        Field.Array[0, 12],
        Gen.Frequency((3, Gen.Const((byte[]?)null)), (1, Gen.Byte.Array[0, 3000].Select(b => (byte[]?)b))),
        (path, signed, type, fields, raw) => new Attack(path, signed, type, fields, raw));

    [Fact]
    public async Task AnyRequest_GetsNo5xx_ValidTwimlOrNothing_AndChangesStateOnlyWhenSigned()
    {
        var store = new CountingStore(new MemoryConversationStore(TimeProvider.System));
        using var app = new HelplineApp(
            new() { ["Twilio:ApiBaseUrl"] = "http://127.0.0.1:9", ["Twilio:SendAttempts"] = "1" }, // nothing leaves the machine
            services => services.AddSingleton<IConversationStore>(store));
        var client = app.CreateClient();

        await Attacks.SampleAsync(async attack =>
        {
            var writesBefore = store.Writes;
            using var request = Build(attack);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {attack}");
            if (body.Length > 0) Assert.Equal("Response", XDocument.Parse(body).Root!.Name.LocalName);
            if (!attack.Signed)
            {
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                Assert.Equal(writesBefore, store.Writes);
            }
        }, iter: 400, threads: 1);

        Assert.DoesNotContain(app.Logs.Events, e => e.Level >= Serilog.Events.LogEventLevel.Error);
    }

    private static HttpRequestMessage Build(Attack attack)
    {
        var url = HelplineApp.PublicBaseUrl + attack.Path;
        byte[] bytes;
        var signedFields = Array.Empty<KeyValuePair<string, string>>();
        if (attack.Raw is { } raw) bytes = raw;
        else
        {
            bytes = Encoding.UTF8.GetBytes(string.Join("&", attack.Fields.Select(f => WebUtility.UrlEncode(f.Key) + "=" + WebUtility.UrlEncode(f.Value))));
            if (attack.ContentType.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal)) signedFields = attack.Fields;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "http://localhost" + attack.Path) { Content = new ByteArrayContent(bytes) };
        if (attack.ContentType.Length > 0) request.Content.Headers.TryAddWithoutValidation("Content-Type", attack.ContentType);
        else request.Content.Headers.ContentType = null;
        if (attack.Signed)
            request.Headers.TryAddWithoutValidation(TwilioSignatureFilter.SignatureHeader, TwilioRequestSigner.Sign(HelplineApp.AuthToken, url, signedFields));
        return request;
    }

    /// <summary>The memory store, counting every write (save or delete) that reaches it.</summary>
    private sealed class CountingStore(IConversationStore inner) : IConversationStore
    {
        private int _writes;
        public int Writes => Volatile.Read(ref _writes);

        public Task<StoredRecord?> GetAsync(string key, CancellationToken ct = default) => inner.GetAsync(key, ct);

        public Task<bool> TrySaveAsync(string key, string json, long expectedVersion, TimeSpan timeToLive, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _writes);
            return inner.TrySaveAsync(key, json, expectedVersion, timeToLive, ct);
        }

        public Task DeleteAsync(string key, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _writes);
            return inner.DeleteAsync(key, ct);
        }

        public Task<int> PurgeExpiredAsync(CancellationToken ct = default) => inner.PurgeExpiredAsync(ct);

        public Task<bool> PingAsync(CancellationToken ct = default) => inner.PingAsync(ct);
    }
}
