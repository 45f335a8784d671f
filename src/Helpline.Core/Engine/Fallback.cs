using Helpline.Core.Content;
using Helpline.Core.Localization;

namespace Helpline.Core.Engine;

/// <summary>
/// Somewhere to turn when a conversation cannot go on, as outputs each channel renders: the national
/// free legal-help listings (a call that ends without a choice), and the degraded reply when a turn
/// fails inside the helpline (the store is down, a bug): an apology in the person's language, where to
/// find free legal help, and the language menu, which needs no stored state to work.
/// </summary>
internal static class Fallback
{
    /// <summary>Said with English's apology to a texter whose language is not known: most who write are Spanish speakers.</summary>
    public const string SecondApologyCulture = "es";

    /// <summary>The first <paramref name="count"/> national legal-help organizations: spoken on a call, as contacts in a text.</summary>
    public static IEnumerable<TextOutput> LegalHelp(ContentBundle content, Wording words, int count)
    {
        foreach (var organization in content.Directory.Lookup(ConversationEngine.LegalHelpNeed, null).Take(count))
        {
            if (words.Spoken)
            {
                foreach (var part in NodeBlocks.Spoken(organization, words)) yield return part;
            }
            else yield return new TextOutput(null, NodeBlocks.Contact(organization, words));
        }
    }

    /// <summary>The degraded reply, in the person's language when it is known (else English; on a text, English and Spanish).</summary>
    public static IReadOnlyList<Output> Degraded(ContentBundle content, SmsPaging paging, string? culture, Channel channel)
    {
        var locales = content.Locales;
        var known = culture is not null && locales.Has(culture) ? culture : null;
        var state = new ConversationState { Culture = known };
        var reply = new NodePresenter(content, paging, state, channel);

        if (known is null && channel != Channel.Voice && locales.Has(SecondApologyCulture))
            reply.Add(new TextOutput(Keys.Apology, $"{locales.Text(LocaleCatalog.FallbackCulture, Keys.Apology)}\n{locales.Text(SecondApologyCulture, Keys.Apology)}"));
        else
            reply.Say(Keys.Apology);
        reply.Outputs.AddRange(LegalHelp(content, reply.Words, 1));

        // With no memory of the conversation, the one menu that still works is choosing a language.
        state.Culture = null;
        if (content.Compiled.Node(content.Compiled.LanguageMenu) is { } languageMenu) reply.Present(languageMenu);
        return reply.Outputs;
    }
}
