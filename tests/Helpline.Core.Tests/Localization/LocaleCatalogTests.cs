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
        Assert.Equal("es", Catalog.BySelectWord(typed)?.Culture);

    [Fact]
    public void StringLocalizer_ServesTextsThroughMicrosoftExtensionsLocalization()
    {
        var factory = new LocaleStringLocalizerFactory(() => Catalog);
        var spanish = factory.For("es");
        Assert.Equal("Menú principal:", spanish["main.prompt"].Value);
        Assert.False(spanish["main.prompt"].ResourceNotFound);
        Assert.Equal("en", spanish["fear.2"].SearchedLocation);
        Assert.True(spanish["no.such.key"].ResourceNotFound);
        Assert.Equal("Place: Texas.", factory.For("en")["directory.region_chosen", "Texas"].Value);
        Assert.Contains(spanish.GetAllStrings(includeParentCultures: true), s => s.Name == "fear.2");
        Assert.DoesNotContain(spanish.GetAllStrings(includeParentCultures: false), s => s.Name == "fear.2");
    }

    [Fact]
    public void StringLocalizerFactory_CreateForType_UsesTheCurrentUiCulture()
    {
        var factory = new LocaleStringLocalizerFactory(() => Catalog);
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("es-MX");
            Assert.Equal("Menú principal:", factory.Create(typeof(LocaleCatalogTests))["main.prompt"].Value);
        }
        finally { System.Globalization.CultureInfo.CurrentUICulture = previous; }
    }
}
