using System.Security.Cryptography;
using System.Text;

namespace Helpline.Twilio;

/// <summary>Checks the <c>X-Twilio-Signature</c> of a webhook request (see shared/twilio/CONTRACT.md).</summary>
public sealed class SignatureValidator(string authToken)
{
    private const string BodyHashParameter = "bodySHA256";

    /// <summary>HMAC-SHA1 (base64) over the URL followed by every parameter's name and value.</summary>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(authToken);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(parameters);

        var data = new StringBuilder(url);
        // A repeated name is signed once per distinct value, values sorted: the rule of Twilio's node and python libraries.
        var byName = parameters
            .GroupBy(p => p.Key ?? "", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in byName)
        {
            var values = group.Select(p => p.Value ?? "").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            foreach (var value in values)
            {
                data.Append(group.Key).Append(value);
            }
        }

        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
        return Convert.ToBase64String(hash);
    }

    /// <summary>True when the signature matches the URL as given or its port variant.</summary>
    public bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> parameters, string? signature)
    {
        if (!CanCheck(url, signature) || parameters is null)
        {
            return false;
        }

        var materialised = parameters.ToList();
        return SignedUrlVariants(url).Any(candidate => SignatureMatches(candidate, materialised, signature!));
    }

    /// <summary>
    /// The JSON form: the URL carries <c>bodySHA256</c>, the hex SHA-256 of the raw body, and the signature
    /// covers the URL alone.
    /// </summary>
    public bool IsValidJsonBody(string url, string rawBody, string? signature) =>
        rawBody is not null && IsValidJsonBody(url, Encoding.UTF8.GetBytes(rawBody), signature);

    internal bool IsValidJsonBody(string url, ReadOnlySpan<byte> rawBody, string? signature)
    {
        if (!CanCheck(url, signature))
        {
            return false;
        }

        var claimedHash = QueryValue(url, BodyHashParameter);
        if (claimedHash is null)
        {
            return false;
        }

        var actualHash = Convert.ToHexStringLower(SHA256.HashData(rawBody));
        if (!FixedTimeEquals(actualHash, claimedHash))
        {
            return false;
        }

        return SignedUrlVariants(url).Any(candidate => SignatureMatches(candidate, [], signature!));
    }

    private bool CanCheck(string? url, string? signature) =>
        // An empty token would let anyone sign with the empty key, so it never validates anything.
        !string.IsNullOrEmpty(authToken)
        && !string.IsNullOrEmpty(signature)
        && !string.IsNullOrEmpty(url)
        && url.Contains("://", StringComparison.Ordinal)
        && Uri.TryCreate(url, UriKind.Absolute, out _);

    private bool SignatureMatches(string url, IEnumerable<KeyValuePair<string, string>> parameters, string signature) =>
        FixedTimeEquals(Compute(authToken, url, parameters), signature);

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    /// <summary>
    /// The URL as given, then the same URL with the port toggled. Works on the string, not on
    /// <see cref="Uri"/>, because Uri lower-cases the host and Twilio signs the host as it was written.
    /// </summary>
    private static IEnumerable<string> SignedUrlVariants(string url)
    {
        yield return url;

        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var authority = url[authorityStart..authorityEnd];
        var hostStart = authority.LastIndexOf('@') + 1;
        var hostAndPort = authority[hostStart..];
        var portColon = PortColonIndex(hostAndPort);

        if (portColon >= 0)
        {
            var colonInUrl = authorityStart + hostStart + portColon;
            yield return string.Concat(url.AsSpan(0, colonInUrl), url.AsSpan(authorityEnd));
            yield break;
        }

        var scheme = url[..schemeEnd];
        var defaultPort = scheme.ToLowerInvariant() switch
        {
            "https" => ":443",
            "http" => ":80",
            _ => null,
        };
        if (defaultPort is not null)
        {
            yield return url.Insert(authorityEnd, defaultPort);
        }
    }

    private static int PortColonIndex(string hostAndPort)
    {
        if (!hostAndPort.StartsWith('['))
        {
            return hostAndPort.LastIndexOf(':');
        }

        // An IPv6 literal is full of colons; only one after the closing bracket starts a port.
        var closingBracket = hostAndPort.IndexOf("]:", StringComparison.Ordinal);
        return closingBracket < 0 ? -1 : closingBracket + 1;
    }

    private static string? QueryValue(string url, string name)
    {
        var queryStart = url.IndexOf('?');
        if (queryStart < 0)
        {
            return null;
        }

        var queryEnd = url.IndexOf('#', queryStart);
        var query = queryEnd < 0 ? url[(queryStart + 1)..] : url[(queryStart + 1)..queryEnd];
        foreach (var pair in query.Split('&'))
        {
            var equals = pair.IndexOf('=');
            var key = equals < 0 ? pair : pair[..equals];
            if (string.Equals(Uri.UnescapeDataString(key), name, StringComparison.Ordinal))
            {
                return equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return null;
    }
}
