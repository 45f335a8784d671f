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

    [Fact]
    public async Task MarkLanguagesUnderReview_Default_TextsGetTodaysMenuAndWelcome()
    {
        using var app = new HelplineApp();

        var menu = await app.PostSmsAsync("+15205550903", "hola");
        var first = await app.PostSmsAsync("+15205550903", "3");

        Assert.Contains("1 Español\n", menu.Message);
        Assert.DoesNotContain(" *", menu.Message);
        Assert.DoesNotContain(Content.Locales.Get("ht").Texts["welcome.under_review"], first.Message);
    }

    [Fact]
    public async Task MarkLanguagesUnderReview_On_TheMenuMarksTheDrafts_AndTheWelcomeSaysSo()
    {
        using var app = new HelplineApp(new Dictionary<string, string?> { ["Helpline:MarkLanguagesUnderReview"] = "true" });

        var menu = await app.PostSmsAsync("+15205550904", "hola");
        var first = await app.PostSmsAsync("+15205550904", "3");

        Assert.Contains("1 Español *", menu.Message);
        Assert.Contains("0 English", menu.Message);
        Assert.DoesNotContain("English *", menu.Message);
        // Haitian Creole's first reply has room: the note follows the welcome there.
        Assert.Contains(Content.Locales.Get("ht").Texts["welcome"] + "\n" + Content.Locales.Get("ht").Texts["welcome.under_review"], first.Message);
    }
}
