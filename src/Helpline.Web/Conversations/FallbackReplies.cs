using Helpline.Twilio;
using Helpline.Web.Content;

namespace Helpline.Web.Conversations;

/// <summary>
/// What to say when a turn cannot be completed: an apology in the caller's language (English and
/// Spanish when it is not known) with the way back to the menu and the emergency number.
/// </summary>
public sealed class FallbackReplies(ContentSource content)
{
    public const string ApologyKey = Helpline.Core.Engine.Keys.Apology;

    public string ApologyText(string? culture)
    {
        var locales = content.Current.Locales;
        return culture is not null && locales.Has(culture)
            ? locales.Text(culture, ApologyKey)
            : $"{locales.Text("en", ApologyKey)}\n{locales.Text("es", ApologyKey)}";
    }

    public string SmsApology(string? culture) => new TwimlResponse().Message(ApologyText(culture)).ToString();
}
