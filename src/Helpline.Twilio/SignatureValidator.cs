using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Helpline.Twilio;

/// <summary>Checks the <c>X-Twilio-Signature</c> of a webhook request (see docs/twilio-contract.md).</summary>
public sealed class SignatureValidator(string authToken)
{
    private const string BodyHashParameter = "bodySHA256";

    /// <summary>HMAC-SHA1 (base64) over the URL followed by every parameter's name and value.</summary>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(authToken);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(parameters);

        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        Hash(Encoding.UTF8.GetBytes(authToken), url, SortedDistinct(parameters), hash);
        return Convert.ToBase64String(hash);
    }

    /// <summary>
    /// Parameters in signing order: by name, then by value (ordinal), a repeated name signed once per
    /// distinct value: the rule of Twilio's node and python libraries.
    /// </summary>
    private static KeyValuePair<string, string>[] SortedDistinct(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var sorted = parameters.Select(p => KeyValuePair.Create(p.Key ?? "", p.Value ?? "")).ToArray();
        Array.Sort(sorted, static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Key, b.Key);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        var distinct = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (distinct > 0 && sorted[distinct - 1].Key == sorted[i].Key && sorted[distinct - 1].Value == sorted[i].Value) continue;
            sorted[distinct++] = sorted[i];
        }
        return sorted[..distinct];
    }

    /// <summary>The HMAC over URL + names and values, built in one pooled buffer: a webhook pays for this on every request.</summary>
    private static void Hash(byte[] key, string url, KeyValuePair<string, string>[] sorted, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetByteCount(url);
        foreach (var (name, value) in sorted) length += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value);

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(url, buffer);
            foreach (var (name, value) in sorted)
            {
                written += Encoding.UTF8.GetBytes(name, buffer.AsSpan(written));
                written += Encoding.UTF8.GetBytes(value, buffer.AsSpan(written));
            }
            HMACSHA1.HashData(key, buffer.AsSpan(0, written), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>True when the signature matches the URL as given or its port variant.</summary>
    public bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> parameters, string? signature)
    {
        if (!CanCheck(url, signature) || parameters is null)
        {
            return false;
        }

        var sorted = SortedDistinct(parameters);
        return SignedUrlVariants(url).Any(candidate => SignatureMatches(candidate, sorted, signature!));
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

    private readonly byte[] _key = Encoding.UTF8.GetBytes(authToken ?? "");

    private bool SignatureMatches(string url, KeyValuePair<string, string>[] sorted, string signature)
    {
        Span<byte> expected = stackalloc byte[HMACSHA1.HashSizeInBytes];
        Hash(_key, url, sorted, expected);
        // Compared as the base64 text Twilio sends, in constant time.
        Span<char> encoded = stackalloc char[28];
        return Convert.TryToBase64Chars(expected, encoded, out var length)
               && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(encoded[..length]), MemoryMarshal.AsBytes(signature.AsSpan()));
    }

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
