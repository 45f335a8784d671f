using System.Collections.Specialized;
using Twilio.Security;

namespace Helpline.Twilio.Tests.Differential;

/// <summary>
/// The project's <see cref="SignatureValidator"/> against the official library's <see cref="RequestValidator"/>
/// (Twilio 8.2.0): the same verdict wherever Twilio's documentation and the official library agree, and the
/// three places they do not pinned down, so a change on either side shows here (src/Helpline.Twilio/README.md).
/// </summary>
public sealed class SignatureDifferentialTests
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static readonly Dictionary<string, string> CallFields = new()
    {
        ["CallSid"] = "CA1234567890ABCDE", ["Caller"] = "+14158675309", ["Digits"] = "1234",
        ["From"] = "+14158675309", ["To"] = "+18005551212",
    };

    private readonly SignatureValidator ours = new(Token);
    private readonly RequestValidator official = new(Token);

    public static TheoryData<string, string> DocumentedVectors => new()
    {
        { Url, "RSOYDt4T1cUTdK1PDd93/VVr8B8=" },
        { "https://mycompany.com:443/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w=" },
        { "http://mycompany.com:80/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=" },
        { "http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=" },
        { "https://MyCompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=" },
        { "http://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "PJ08CxXr7KLPjEQCTc8LkUSMwSM=" },
    };

    [Theory]
    [MemberData(nameof(DocumentedVectors))]
    public void DocumentedVector_BothAccept(string url, string signature)
    {
        Assert.True(ours.IsValid(url, CallFields, signature));
        Assert.True(official.Validate(url, CallFields, signature));
    }

    [Theory]
    [MemberData(nameof(DocumentedVectors))]
    public void DocumentedVector_OneFieldChanged_BothRefuse(string url, string signature)
    {
        var tampered = new Dictionary<string, string>(CallFields) { ["Digits"] = "9" };

        Assert.False(ours.IsValid(url, tampered, signature));
        Assert.False(official.Validate(url, tampered, signature));
    }

    [Fact]
    public void JsonBodyVector_BothAccept()
    {
        const string body = """{"property": "value", "boolean": true}""";
        const string signed = Url + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";

        Assert.True(ours.IsValidJsonBody(signed, body, "a9nBmqA0ju/hNViExpshrM61xv4="));
        Assert.True(official.Validate(signed, body, "a9nBmqA0ju/hNViExpshrM61xv4="));
    }

    /// <summary>
    /// Many webhooks as the helpline receives them (both schemes, hosts in any case, explicit ports, queries,
    /// Unicode bodies, WhatsApp addresses), signed as Twilio does: the two validators give the same verdict
    /// for the signature and for the signature of a changed request.
    /// </summary>
    [Fact]
    public void GeneratedWebhooks_SameVerdict()
    {
        var random = new Random(15);
        string[] hosts = ["helpline.example.org", "Helpline.Example.org", "127.0.0.1", "tunnel.example.net"];
        string[] paths = ["/twilio/sms", "/twilio/voice", "/twilio/voice/turn", "/twilio/voice/dial"];
        string[] bodies = ["hola", "دری", "۲", "STOP", "Kreyòl", "中文", "a b&c=d", "", "😜 1", "ਪੰਜਾਬੀ"];
        for (var i = 0; i < 300; i++)
        {
            var scheme = random.Next(2) == 0 ? "https" : "http";
            var port = random.Next(4) switch { 0 => ":8443", 1 => ":5080", _ => "" };
            var query = random.Next(3) == 0 ? $"?n={random.Next(100)}&node=fear%2Fsay" : "";
            var url = $"{scheme}://{hosts[random.Next(hosts.Length)]}{port}{paths[random.Next(paths.Length)]}{query}";
            var fields = new Dictionary<string, string>
            {
                ["AccountSid"] = "AC" + random.Next().ToString("x8"),
                ["Body"] = bodies[random.Next(bodies.Length)],
                ["From"] = (random.Next(2) == 0 ? "whatsapp:" : "") + "+1555555" + random.Next(1000, 9999),
                ["MessageSid"] = "SM" + random.Next().ToString("x8"),
                ["To"] = "+15555550199",
            };
            if (random.Next(2) == 0) fields["Digits"] = random.Next(10).ToString();
            var signature = SignatureValidator.Compute(Token, url, fields);
            var changed = new Dictionary<string, string>(fields) { ["Body"] = fields["Body"] + "!" };

            Assert.True(ours.IsValid(url, fields, signature), url);
            Assert.True(official.Validate(url, fields, signature), url);
            Assert.False(ours.IsValid(url, changed, signature), url);
            Assert.False(official.Validate(url, changed, signature), url);
        }
    }

    // --- Where they differ, and why the helpline keeps its own ------------------------------------------

    /// <summary>
    /// A repeated field: Twilio's documentation (and its node and python libraries) sign each distinct value,
    /// sorted, as name+value. The C# library (8.2.0) treats them otherwise and refuses the documented vector.
    /// </summary>
    [Fact]
    public void RepeatedField_OursFollowsTheDocumentedRule_TheOfficialLibraryDoesNot()
    {
        KeyValuePair<string, string>[] fields =
        [
            new("Sid", "CA123"), new("SidAccount", "AC123"), new("Digits", "5678"), new("Digits", "1234"), new("Digits", "1234"),
        ];
        var collection = new NameValueCollection();
        foreach (var (name, value) in fields) collection.Add(name, value);

        Assert.True(ours.IsValid(Url, fields, "IK+Dwps556ElfBT0I3Rgjkr1wJU="));
        Assert.False(official.Validate(Url, collection, "IK+Dwps556ElfBT0I3Rgjkr1wJU="));
    }

    /// <summary>
    /// A URL with an explicit default port (a proxy that adds :443) and a signature over the URL without it:
    /// the documented rule accepts the port variant both ways; the C# library only adds a port, never drops one.
    /// </summary>
    [Fact]
    public void ExplicitPortSignedWithout_OursAccepts_TheOfficialLibraryRefuses()
    {
        const string withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
        const string signedWithout = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

        Assert.True(ours.IsValid(withPort, CallFields, signedWithout));
        Assert.False(official.Validate(withPort, CallFields, signedWithout));
    }

    /// <summary>A request without a signature is a 403, not an exception: the C# library throws on an empty or missing one.</summary>
    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void MissingSignature_OursRefuses_TheOfficialLibraryThrows(string? signature)
    {
        Assert.False(ours.IsValid(Url, CallFields, signature));
        Assert.Throws<ArgumentException>(() => official.Validate(Url, CallFields, signature!));
    }
}
