using Helpline.Core.Channels;
using Helpline.Core.Engine;
using Helpline.Twilio;
using Helpline.Web.Content;

namespace Helpline.Web.Conversations;

/// <summary>
/// What to say when a turn cannot be completed (the store is down, a bug): an apology in the caller's
/// language (English and Spanish when it is not known), the emergency number, where to find free legal
/// help, and the language menu, which needs no stored state to work.
/// </summary>
public sealed class FallbackReplies(ContentSource content)
{
    public const string ApologyKey = Keys.Apology;

    public string ApologyText(string? culture)
    {
        var locales = content.Current.Locales;
        return culture is not null && locales.Has(culture)
            ? locales.Text(culture, ApologyKey)
            : $"{locales.Text("en", ApologyKey)}\n{locales.Text("es", ApologyKey)}";
    }

    /// <summary>The degraded SMS reply: apology, national legal-help contacts, and the language menu.</summary>
    public string SmsDegraded(string? culture, Channel channel)
    {
        var bundle = content.Current;
        var lines = new List<string> { ApologyText(culture) };
        var contactCulture = culture is not null && bundle.Locales.Has(culture) ? culture : "en";
        foreach (var organization in bundle.Directory.Lookup(ConversationEngine.LegalHelpNeed, null).Take(1))
        {
            var contact = $"{organization.Name}: {bundle.Locales.Text(contactCulture, organization.Description)}";
            if (organization.Website is not null) contact += $"\n{bundle.Locales.Text(contactCulture, Keys.ContactWebsite, organization.Website)}";
            lines.Add(contact);
        }
        // With no memory of the conversation, the one menu that still works is choosing a language.
        var languageMenu = content.Engine().Handle(null, new TurnInput(channel, TurnKind.Message, ""));
        lines.Add(SmsRenderer.Render(languageMenu.Outputs));
        return new TwimlResponse().Message(SmsRenderer.Fit(string.Join("\n\n", lines))).ToString();
    }
}
