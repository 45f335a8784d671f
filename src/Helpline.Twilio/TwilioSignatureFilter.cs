using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Helpline.Twilio;

/// <summary>
/// Rejects webhook requests that Twilio did not sign. Put it on the whole webhook group, first:
/// <c>group.AddEndpointFilter&lt;TwilioSignatureFilter&gt;()</c>. Nothing after it (rate limits,
/// stored state, logs per caller) sees a request it refused.
/// </summary>
/// <remarks>
/// The body is bounded before it is read (<see cref="TwilioOptions.MaxRequestBodyBytes"/>), and a request
/// without a signature header is refused without reading its body at all, so forged traffic costs
/// almost nothing. Every refusal answers an empty &lt;Response/&gt; (403 unsigned, 413 too large,
/// 400 malformed), never a 5xx, and is reported to <see cref="IWebhookRefusals"/>, not logged one by one.
/// Endpoint filters run after parameter binding: handlers take <see cref="HttpRequest"/> and read the
/// form themselves, from the copy this filter has already parsed.
/// </remarks>
public sealed class TwilioSignatureFilter(IOptions<TwilioOptions> options, ILogger<TwilioSignatureFilter> logger) : IEndpointFilter
{
    public const string SignatureHeader = "X-Twilio-Signature";

    /// <summary>Twilio's form webhooks carry a few dozen fields.</summary>
    public const int MaxFormFields = 256;

    /// <summary>Base64 of HMAC-SHA1 is 28 characters; anything much longer is not a signature.</summary>
    private const int MaxSignatureLength = 128;

    private static readonly string EmptyTwiml = new TwimlResponse().ToString();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var settings = options.Value;
        if (settings.SkipSignatureValidation)
        {
            return await next(context);
        }

        var http = context.HttpContext;
        var request = http.Request;
        var signature = request.Headers[SignatureHeader];
        if (signature.Count != 1 || string.IsNullOrEmpty(signature[0]) || signature[0]!.Length > MaxSignatureLength)
        {
            return Refuse(http, WebhookRefusal.Unsigned, StatusCodes.Status403Forbidden);
        }

        if (string.IsNullOrEmpty(settings.AuthToken))
        {
            return Refuse(http, WebhookRefusal.NotConfigured, StatusCodes.Status403Forbidden);
        }

        var limit = Math.Max(1, settings.MaxRequestBodyBytes);
        if (request.ContentLength > limit)
        {
            return Refuse(http, WebhookRefusal.TooLarge, StatusCodes.Status413PayloadTooLarge);
        }

        // Kestrel stops a chunked body at the limit too, while it is being read.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        bool signed;
        try
        {
            signed = await IsSignedAsync(request, settings, signature[0]!, limit);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException or FormatException or DecoderFallbackException)
        {
            var tooLarge = e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or BodyTooLargeException;
            return Refuse(http, tooLarge ? WebhookRefusal.TooLarge : WebhookRefusal.Malformed,
                tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
        }

        if (!signed)
        {
            return Refuse(http, WebhookRefusal.BadSignature, StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }

    /// <summary>An empty &lt;Response/&gt; with the status, counted; only the reason is recorded, nothing from the request.</summary>
    private IResult Refuse(HttpContext http, string reason, int status)
    {
        if (http.RequestServices.GetService<IWebhookRefusals>() is { } refusals)
        {
            refusals.Refused(reason);
        }
        else if (reason == WebhookRefusal.NotConfigured)
        {
            logger.LogError("Refused a Twilio webhook on {Path}: Twilio:AuthToken is not configured", http.Request.Path.Value);
        }
        else
        {
            // Only the path: the form and the signature carry phone numbers and message text.
            logger.LogWarning("Refused a Twilio webhook on {Path}: {Reason}", http.Request.Path.Value, reason);
        }

        return Results.Content(EmptyTwiml, TwimlResponse.ContentType, Encoding.UTF8, status);
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

    private static async Task<bool> IsSignedAsync(HttpRequest request, TwilioOptions settings, string signature, int limit)
    {
        var url = SignedUrl(request, settings.PublicBaseUrl);
        var validator = new SignatureValidator(settings.AuthToken);

        if (IsMultipart(request.ContentType))
        {
            // Twilio never sends multipart, and reading it may spool files to disk.
            throw new InvalidDataException("multipart webhook");
        }

        if (request.HasFormContentType)
        {
            // Parsed once, with limits far below the framework's defaults (which allow 4 MB values),
            // unless a handler bound the form as a parameter and so read it before this filter.
            if (request.HttpContext.Features.Get<IFormFeature>() is not { Form: not null })
            {
                request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
                {
                    ValueCountLimit = MaxFormFields,
                    ValueLengthLimit = limit,
                    KeyLengthLimit = 256,
                    BufferBody = false,
                }));
            }
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            var fields = form.SelectMany(field => field.Value.Select(value => KeyValuePair.Create(field.Key, value ?? "")));
            return validator.IsValid(url, fields, signature);
        }

        if (IsJson(request.ContentType))
        {
            var body = await ReadRawBodyAsync(request, limit);
            return validator.IsValidJsonBody(url, body, signature);
        }

        // GET webhooks (and bodies of other types) are signed over the URL alone.
        return validator.IsValid(url, [], signature);
    }

    private static bool IsMultipart(string? contentType) =>
        contentType is not null && contentType.TrimStart().StartsWith("multipart/", StringComparison.OrdinalIgnoreCase);

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType is null)
        {
            return false;
        }

        return parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || parsed.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<byte[]> ReadRawBodyAsync(HttpRequest request, int limit)
    {
        // Buffered so the handler can still read the body after the filter.
        if (!request.Body.CanSeek)
        {
            request.EnableBuffering(bufferThreshold: limit, bufferLimit: limit);
        }

        request.Body.Position = 0;
        using var copy = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            if (copy.Length + read > limit)
            {
                throw new BodyTooLargeException();
            }

            copy.Write(buffer, 0, read);
        }

        request.Body.Position = 0;
        return copy.ToArray();
    }

    /// <summary>A body past the limit without a Content-Length saying so (chunked).</summary>
    private sealed class BodyTooLargeException() : IOException("webhook body over the limit");
}
