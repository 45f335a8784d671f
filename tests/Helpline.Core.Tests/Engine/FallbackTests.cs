using Helpline.Core.Channels;
using Helpline.Core.Engine;
using Microsoft.Extensions.Time.Testing;

namespace Helpline.Core.Tests.Engine;

/// <summary>The one fallback: an apology, where to find free legal help, and the language menu, for a text and for a call.</summary>
public sealed class FallbackTests
{
    private static readonly ConversationEngine Engine = new(TestContent.Repo, new FakeTimeProvider(), new EngineOptions());

    private static Helpline.Core.Directory.Organization FirstLegalHelp =>
        TestContent.Repo.Directory.Lookup(ConversationEngine.LegalHelpNeed, null)[0];

    private static string En(string key) => TestContent.Repo.Locales.Text("en", key);

    [Fact]
    public void Fallback_Text_LanguageUnknown_ApologisesInEnglishAndSpanish_GivesTheContact_AndTheLanguageMenu()
    {
        var text = SmsRenderer.Render(Engine.Fallback(null, Channel.Sms));
        Assert.Contains(En(Keys.Apology), text);
        Assert.Contains(TestContent.Repo.Locales.Text("es", Keys.Apology), text);
        Assert.Contains(FirstLegalHelp.Website!, text);
        Assert.Contains(FirstLegalHelp.Name, text);
        Assert.Contains("1 Español", text);
        Assert.Contains("دری", text);
    }

    [Fact]
    public void Fallback_Text_LanguageKnown_ApologisesInIt_AndTheContactIsInIt()
    {
        var outputs = Engine.Fallback("es", Channel.Sms);
        var text = SmsRenderer.Render(outputs);
        Assert.StartsWith(TestContent.Repo.Locales.Text("es", Keys.Apology), text);
        Assert.DoesNotContain(En(Keys.Apology), text);
        Assert.Contains(TestContent.Repo.Locales.Text("es", FirstLegalHelp.Description), text);
        Assert.Single(outputs.OfType<LanguageChoicesOutput>());
    }

    [Fact]
    public void Fallback_Call_SpeaksTheApology_TheOrganizationsParts_AndOffersEachLanguage()
    {
        var outputs = Engine.Fallback(null, Channel.Voice);
        var keys = outputs.OfType<TextOutput>().Select(t => t.Key).ToList();
        Assert.Equal(Keys.Apology + ConversationEngine.VoiceSuffix, keys[0]);
        Assert.Contains(FirstLegalHelp.Description, keys);
        Assert.Contains(FirstLegalHelp.WebsiteSpoken, keys);
        Assert.DoesNotContain(Keys.LanguageTitle, keys); // a call hears each language offered in its own voice instead
        var languages = Assert.Single(outputs.OfType<LanguageChoicesOutput>());
        Assert.Equal(TestContent.Repo.Compiled.Node(TestContent.Repo.Compiled.LanguageMenu)!.Languages.Count, languages.Choices.Count);
    }

}
