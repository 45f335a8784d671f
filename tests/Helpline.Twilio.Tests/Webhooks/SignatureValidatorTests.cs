using System.Security.Cryptography;
using System.Text;

namespace Helpline.Twilio.Tests.Webhooks;

/// <summary>The vectors of docs/twilio-contract.md (from Twilio's documentation and official libraries' tests), then the ways a signature must fail.</summary>
public sealed class SignatureValidatorTests
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string UrlSignature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    private const string HttpsWithPortSignature = "kvajT1Ptam85bY51eRf/AJRuM3w=";
    private const string HttpWithPortSignature = "0ZXoZLH/DfblKGATFgpif+LLRf4=";
    private const string JsonBody = """{"property": "value", "boolean": true}""";
    private const string JsonBodyHash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    private const string JsonSignature = "a9nBmqA0ju/hNViExpshrM61xv4=";

    private static readonly KeyValuePair<string, string>[] CallParameters =
    [
        KeyValuePair.Create("CallSid", "CA1234567890ABCDE"),
        KeyValuePair.Create("Caller", "+14158675309"),
        KeyValuePair.Create("Digits", "1234"),
        KeyValuePair.Create("From", "+14158675309"),
        KeyValuePair.Create("To", "+18005551212"),
    ];

    private static readonly KeyValuePair<string, string>[] RepeatedDigits =
    [
        KeyValuePair.Create("Sid", "CA123"),
        KeyValuePair.Create("SidAccount", "AC123"),
        KeyValuePair.Create("Digits", "5678"),
        KeyValuePair.Create("Digits", "1234"),
        KeyValuePair.Create("Digits", "1234"),
    ];

    private readonly SignatureValidator validator = new(Token);

    public static TheoryData<string, string> UrlVectors => new()
    {
        { Url, UrlSignature },
        { "https://mycompany.com:443/myapp.php?foo=1&bar=2", HttpsWithPortSignature },
        { "http://mycompany.com:80/myapp.php?foo=1&bar=2", HttpWithPortSignature },
        { "http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=" },
        { "https://MyCompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=" },
        { "http://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "PJ08CxXr7KLPjEQCTc8LkUSMwSM=" },
    };

    [Theory]
    [MemberData(nameof(UrlVectors))]
    public void Compute_ContractUrlVector_GivesTheOfficialSignature(string url, string expected) =>
        Assert.Equal(expected, SignatureValidator.Compute(Token, url, CallParameters));

    [Theory]
    [MemberData(nameof(UrlVectors))]
    public void IsValid_ContractUrlVector_Accepts(string url, string signature) =>
        Assert.True(validator.IsValid(url, CallParameters, signature));

    [Fact]
    public void Compute_RepeatedName_SignsEachDistinctValueOnceInOrder() =>
        Assert.Equal("IK+Dwps556ElfBT0I3Rgjkr1wJU=", SignatureValidator.Compute(Token, Url, RepeatedDigits));

    [Fact]
    public void IsValid_RepeatedNameInAnyOrder_Accepts()
    {
        var shuffled = RepeatedDigits.Reverse().ToArray();

        Assert.True(validator.IsValid(Url, shuffled, "IK+Dwps556ElfBT0I3Rgjkr1wJU="));
    }

    [Fact]
    public void IsValid_ParametersInAnyOrder_Accepts() =>
        Assert.True(validator.IsValid(Url, CallParameters.Reverse(), UrlSignature));

    [Fact]
    public void Compute_UrlWithBodyHashAndNoParameters_GivesTheOfficialJsonSignature() =>
        Assert.Equal(JsonSignature, SignatureValidator.Compute(Token, $"{Url}&bodySHA256={JsonBodyHash}", []));

    [Fact]
    public void IsValidJsonBody_ContractVector_Accepts() =>
        Assert.True(validator.IsValidJsonBody($"{Url}&bodySHA256={JsonBodyHash}", JsonBody, JsonSignature));

    [Fact]
    public void ContractBodyHash_IsLowercaseHexSha256OfTheBody() =>
        Assert.Equal(JsonBodyHash, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonBody))));

    [Fact]
    public void IsValidJsonBody_UrlGivenWithDefaultPort_AcceptsSignatureOfUrlWithout()
    {
        var withPort = $"https://mycompany.com:443/myapp.php?foo=1&bar=2&bodySHA256={JsonBodyHash}";

        Assert.True(validator.IsValidJsonBody(withPort, JsonBody, JsonSignature));
    }

    [Fact]
    public void IsValidJsonBody_BodyChanged_Rejects() =>
        Assert.False(validator.IsValidJsonBody($"{Url}&bodySHA256={JsonBodyHash}", JsonBody.Replace("true", "false"), JsonSignature));

    [Fact]
    public void IsValidJsonBody_HashNotInUrl_Rejects()
    {
        var signatureOfBareUrl = SignatureValidator.Compute(Token, Url, []);

        Assert.False(validator.IsValidJsonBody(Url, JsonBody, signatureOfBareUrl));
    }

    [Fact]
    public void IsValidJsonBody_MatchingHashButSignatureOfAnotherUrl_Rejects() =>
        Assert.False(validator.IsValidJsonBody($"https://mycompany.com/other.php?bodySHA256={JsonBodyHash}", JsonBody, JsonSignature));

    [Theory]
    [InlineData(Url, HttpsWithPortSignature)]
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2", UrlSignature)]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2", HttpWithPortSignature)]
    public void IsValid_SignatureOfThePortVariant_Accepts(string url, string signature) =>
        Assert.True(validator.IsValid(url, CallParameters, signature));

    [Fact]
    public void IsValid_UrlWithoutPort_RejectsSignatureOfANonDefaultPort()
    {
        var signedForOtherPort = SignatureValidator.Compute(Token, "https://mycompany.com:8443/myapp.php?foo=1&bar=2", CallParameters);

        Assert.False(validator.IsValid(Url, CallParameters, signedForOtherPort));
    }

    [Fact]
    public void IsValid_UrlWithAnotherExplicitPort_RejectsSignatureOfTheDefaultPort() =>
        Assert.False(validator.IsValid("https://mycompany.com:8443/myapp.php?foo=1&bar=2", CallParameters, HttpsWithPortSignature));

    [Theory]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=")]
    [InlineData("https://MyCompany.com/myapp.php?foo=1&bar=2", UrlSignature)]
    public void IsValid_HostCaseDiffersFromTheSignedUrl_Rejects(string url, string signature) =>
        Assert.False(validator.IsValid(url, CallParameters, signature));

    [Fact]
    public void IsValid_UserInfoDropped_Rejects() =>
        Assert.False(validator.IsValid("http://MyCompany.com/myapp.php?foo=1&bar=2", CallParameters, "PJ08CxXr7KLPjEQCTc8LkUSMwSM="));

    [Fact]
    public void IsValid_UserInfoKept_AcceptsItsDefaultPortVariant()
    {
        var signedWithPort = SignatureValidator.Compute(Token, "http://username:password@MyCompany.com:80/myapp.php?foo=1&bar=2", CallParameters);

        Assert.True(validator.IsValid("http://username:password@MyCompany.com/myapp.php?foo=1&bar=2", CallParameters, signedWithPort));
    }

    [Fact]
    public void IsValid_Ipv6HostWithPort_AcceptsSignatureOfUrlWithoutPort()
    {
        var signedWithoutPort = SignatureValidator.Compute(Token, "http://[::1]/sms", CallParameters);

        Assert.True(validator.IsValid("http://[::1]:80/sms", CallParameters, signedWithoutPort));
    }

    [Fact]
    public void IsValid_WrongToken_Rejects() =>
        Assert.False(new SignatureValidator("54321").IsValid(Url, CallParameters, UrlSignature));

    [Fact]
    public void IsValid_TamperedParameter_Rejects()
    {
        var tampered = CallParameters.Select(p => p.Key == "Digits" ? KeyValuePair.Create("Digits", "9999") : p);

        Assert.False(validator.IsValid(Url, tampered, UrlSignature));
    }

    [Fact]
    public void IsValid_ExtraParameter_Rejects() =>
        Assert.False(validator.IsValid(Url, [.. CallParameters, KeyValuePair.Create("Body", "hi")], UrlSignature));

    [Fact]
    public void IsValid_TamperedQueryString_Rejects() =>
        Assert.False(validator.IsValid("https://mycompany.com/myapp.php?foo=2&bar=2", CallParameters, UrlSignature));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all")]
    public void IsValid_MissingOrGarbledSignature_Rejects(string? signature) =>
        Assert.False(validator.IsValid(Url, CallParameters, signature));

    [Theory]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("/myapp.php?foo=1&bar=2")]
    [InlineData("https://")]
    [InlineData("https://my company.com/%%%")]
    public void IsValid_MalformedUrl_RejectsWithoutThrowing(string url) =>
        Assert.False(validator.IsValid(url, CallParameters, UrlSignature));

    [Fact]
    public void IsValid_NullArguments_RejectWithoutThrowing()
    {
        Assert.False(validator.IsValid(null!, CallParameters, UrlSignature));
        Assert.False(validator.IsValid(Url, null!, UrlSignature));
        Assert.False(validator.IsValidJsonBody(null!, JsonBody, JsonSignature));
        Assert.False(validator.IsValidJsonBody($"{Url}&bodySHA256={JsonBodyHash}", null!, JsonSignature));
    }

    [Fact]
    public void IsValid_EmptyAuthToken_RejectsEvenASignatureMadeWithTheEmptyKey()
    {
        var forged = SignatureValidator.Compute("", Url, CallParameters);

        Assert.False(new SignatureValidator("").IsValid(Url, CallParameters, forged));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void IsValidJsonBody_MissingSignature_Rejects(string? signature) =>
        Assert.False(validator.IsValidJsonBody($"{Url}&bodySHA256={JsonBodyHash}", JsonBody, signature));
}
