using System.Text;
using Helpline.Twilio;

namespace Helpline.Web.Hosting;

/// <summary>
/// Twilio's SMS and voice webhooks are forms. A signed request with another body (Twilio signs a
/// body-less request over its URL alone) gets 400 and an empty &lt;Response/&gt;, not an exception.
/// </summary>
public sealed class FormWebhookFilter(IWebhookRefusals refusals) : IEndpointFilter
{
    private static readonly string EmptyTwiml = new TwimlResponse().ToString();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Request.HasFormContentType) return await next(context);
        refusals.Refused(WebhookRefusal.NotAForm);
        return Results.Content(EmptyTwiml, TwimlResponse.ContentType, Encoding.UTF8, StatusCodes.Status400BadRequest);
    }
}
