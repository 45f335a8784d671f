using Helpline.Core.Localization;

namespace Helpline.Core.Tests.Localization;

public class LocaleCatalogTests
{
    private static LocaleCatalog Catalog => TestContent.Minimal.Locales;

    [Fact]
    public void Text_KeyInLocale_IsTheLocalesOwn() =>
        Assert.Equal("Menú principal:", Catalog.Text("es", "main.prompt"));

    [Fact]
    public void Text_KeyMissingInLocale_FallsBackToEnglish()
    {
        var found = Catalog.Find("es", "fear.2");
        Assert.NotNull(found);
        Assert.True(found.IsFallback);
        Assert.Equal("You can ask for an interpreter.", found.Value);
    }

    [Fact]
    public void Text_KeyMissingEverywhere_ShowsItsNameInsteadOfCrashing() =>
        Assert.Equal("[no.such.key]", Catalog.Text("es", "no.such.key"));

    [Fact]
    public void Get_RegionalCulture_UsesItsParent() => Assert.Equal("es", Catalog.Get("es-MX").Culture);

    [Fact]
    public void Get_UnknownCulture_IsEnglish() => Assert.Equal("en", Catalog.Get("xx").Culture);

    [Theory]
    [InlineData("Español")]
    [InlineData("ESPANOL")]
    [InlineData("spanish")]
    [InlineData("hola")]
    public void BySelectWord_NamesInOwnScriptOrEnglish_SelectTheLanguage(string typed) =>
        Assert.Equal("es", Catalog.ByWordKey(Helpline.Core.Text.InputNormalizer.WordKey(typed))?.Culture);

    [Fact]
    public void Localizer_ServesTextsThroughMicrosoftExtensionsLocalization_WithEnglishPerKey()
    {
        var spanish = Catalog.Localizer("es");
        Assert.Equal("Menú principal:", spanish["main.prompt"].Value);
        Assert.False(spanish["main.prompt"].ResourceNotFound);
        Assert.Equal("en", spanish["fear.2"].SearchedLocation);
        Assert.True(spanish["no.such.key"].ResourceNotFound);
        Assert.Equal("[no.such.key]", spanish["no.such.key"].Value);
        Assert.Equal("Place: Texas.", Catalog.Localizer("en")["directory.region_chosen", "Texas"].Value);
        Assert.Contains(spanish.GetAllStrings(includeParentCultures: true), s => s.Name == "fear.2");
        Assert.DoesNotContain(spanish.GetAllStrings(includeParentCultures: false), s => s.Name == "fear.2");
        Assert.Same(spanish, Catalog.Localizer("es-MX")); // one per locale and content load, parents first
    }

    [Fact]
    public void Text_IsTheLocalizersValue()
    {
        Assert.Equal(Catalog.Localizer("es")["main.prompt"].Value, Catalog.Text("es", "main.prompt"));
    }

}
