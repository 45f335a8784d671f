using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Helpline.Twilio;

/// <summary>
/// Rejects webhook requests that Twilio did not sign. Put it on the whole webhook group:
/// <c>group.AddEndpointFilter&lt;TwilioSignatureFilter&gt;()</c>.
/// </summary>
/// <remarks>
/// Endpoint filters run after parameter binding. Form values are cached by then, so form webhooks just
/// work; a JSON webhook must read its body itself (take <see cref="HttpRequest"/>) or the host must call
/// <c>EnableBuffering</c> before routing, otherwise the body hash cannot match and the request is refused.
/// </remarks>
public sealed class TwilioSignatureFilter(IOptions<TwilioOptions> options, ILogger<TwilioSignatureFilter> logger) : IEndpointFilter
{
    public const string SignatureHeader = "X-Twilio-Signature";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var settings = options.Value;
        if (settings.SkipSignatureValidation)
        {
            return await next(context);
        }

        var request = context.HttpContext.Request;
        if (string.IsNullOrEmpty(settings.AuthToken))
        {
            logger.LogError("Refused a Twilio webhook on {Path}: Twilio:AuthToken is not configured", request.Path.Value);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!await IsSignedAsync(request, settings))
        {
            // Only the path: the form and the signature carry phone numbers and message text.
            logger.LogWarning("Refused a Twilio webhook on {Path}: missing or invalid signature", request.Path.Value);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }

    /// <summary>For the host to call at start, so nobody forgets that validation is off.</summary>
    public static void WarnIfSkipping(TwilioOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.SkipSignatureValidation)
        {
            logger.LogWarning("Twilio:SkipSignatureValidation is on: webhooks are accepted without a signature. Development only.");
        }
    }

    /// <summary>The URL Twilio requested, as it signed it: public base (if set) + path base + path + raw query.</summary>
    public static string SignedUrl(HttpRequest request, string? publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(request);
        var origin = string.IsNullOrWhiteSpace(publicBaseUrl)
            ? $"{request.Scheme}://{request.Host.ToUriComponent()}"
            : publicBaseUrl.TrimEnd('/');
        return origin + (request.PathBase + request.Path).ToUriComponent() + request.QueryString.Value;
    }

    private static async Task<bool> IsSignedAsync(HttpRequest request, TwilioOptions settings)
    {
        var url = SignedUrl(request, settings.PublicBaseUrl);
        var signature = request.Headers[SignatureHeader].ToString();
        var validator = new SignatureValidator(settings.AuthToken);

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            var fields = form.SelectMany(field => field.Value.Select(value => KeyValuePair.Create(field.Key, value ?? "")));
            return validator.IsValid(url, fields, signature);
        }

        if (IsJson(request.ContentType))
        {
            var body = await ReadRawBodyAsync(request);
            return validator.IsValidJsonBody(url, body, signature);
        }

        // GET webhooks (and bodies of other types) are signed over the URL alone.
        return validator.IsValid(url, [], signature);
    }

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType is null)
        {
            return false;
        }

        return parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || parsed.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<byte[]> ReadRawBodyAsync(HttpRequest request)
    {
        // Buffered so the handler can still read the body after the filter.
        if (!request.Body.CanSeek)
        {
            request.EnableBuffering();
        }

        request.Body.Position = 0;
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return copy.ToArray();
    }
}
