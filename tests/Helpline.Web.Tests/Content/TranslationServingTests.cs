using Helpline.Core.Content;
using Helpline.Web.Tests.Support;

namespace Helpline.Web.Tests.Content;

/// <summary>Helpline:ServeMachineDraftTranslations decides whether unreviewed translations reach texters (default: they do).</summary>
public sealed class TranslationServingTests
{
    private static readonly ContentBundle Content = ContentLoader.Load(HelplineApp.RepoRoot);

    [Fact]
    public async Task Default_ServesMachineDrafts()
    {
        using var app = new HelplineApp();

        var reply = await app.PostSmsAsync("+15205550901", "Español");

        // The first reply after the language is chosen: the welcome heading the main menu (no "Menu:" line).
        Assert.Contains(Content.Locales.Get("es").Texts["welcome"], reply.Message);
        Assert.Contains(Content.Locales.Get("es").Texts["main.border"], reply.Message);
    }

    [Fact]
    public async Task DraftsOff_UnreviewedTextsAreSentInEnglish()
    {
        using var app = new HelplineApp(new Dictionary<string, string?> { ["Helpline:ServeMachineDraftTranslations"] = "false" });

        var reply = await app.PostSmsAsync("+15205550902", "Español");

        // Every Spanish text is a machine draft, so the texter gets the English one, in the language they chose.
        Assert.Contains(Content.Locales.English.Texts["welcome"], reply.Message);
        Assert.Contains(Content.Locales.English.Texts["main.border"], reply.Message);
        Assert.DoesNotContain(Content.Locales.Get("es").Texts["welcome"], reply.Message);
        Assert.DoesNotContain(Content.Locales.Get("es").Texts["main.border"], reply.Message);
    }
}
