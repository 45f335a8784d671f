using System.Text;
using Helpline.Core.Content;
using Helpline.Core.Localization;
using Helpline.Core.Review;
using Helpline.Testing;

namespace Helpline.Core.Tests.Review;

/// <summary>
/// A volunteer reviews a language in their own tool: helpline review export writes XLIFF 1.2, the tool writes it
/// back in its own way (namespace prefixes, entities, CDATA, segment markers, states), and the import applies
/// what passes the checks and names what does not.
/// </summary>
public sealed class XliffReviewTests : IDisposable
{
    private const string Dari = "fa-AF";
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ContentCopy _content = new();

    public void Dispose() => _content.Dispose();

    private ContentBundle Content => ContentLoader.Load(_content.Root);

    private ReviewResult Import(string xliff, string? reviewer = "Mariam Ahmadi") =>
        XliffImport.Apply(Content, XliffFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(xliff))), null, reviewer, Today, 4);

    private string English(string key) => Content.Locales.English.Texts[key];

    private static string Xml(string text) => System.Security.SecurityElement.Escape(text);

    [Fact]
    public void ExportThenImport_Unchanged_LeavesEveryLocaleFileByteIdentical()
    {
        var before = _content.LocalesFingerprint();
        foreach (var locale in Content.Locales.Locales.Where(l => l.Culture != "en"))
        {
            var result = Import(XliffExport.Write(Content, locale.Culture, Now));
            Assert.Empty(result.Refused);
            Assert.Empty(result.Rewritten);
            Assert.Empty(result.Approved);
        }
        Assert.Equal(before, _content.LocalesFingerprint());
    }

    [Fact]
    public void ExportThenImport_OfReviewedAndStaleTexts_IsStillUnchanged()
    {
        var content = Content;
        TranslationReviews.MarkMachineDraft(content.Root, content.Locales, Dari, null, Today);
        TranslationReviews.Approve(content.Root, content.Locales, Dari, ["welcome", "main.prompt"], "Mariam Ahmadi", Today);
        // The English of main.border changes after review: the Dari is stale.
        File.WriteAllText(Path.Combine(content.Root, "locales", "en.yaml"), File.ReadAllText(Path.Combine(content.Root, "locales", "en.yaml"))
            .Replace("main.border: \"Asylum at the border\"", "main.border: \"Asylum at the southern border\"", StringComparison.Ordinal));
        var before = _content.LocalesFingerprint();

        var xliff = XliffExport.Write(Content, Dari, Now);
        // Imported by someone else: an unchanged, reviewed text keeps its reviewer.
        var result = Import(xliff, reviewer: "Someone Else");

        Assert.Contains("<trans-unit id=\"welcome\" resname=\"welcome\" approved=\"yes\"", xliff, StringComparison.Ordinal);
        Assert.Matches("id=\"main.border\"[^>]*approved=\"no\"[\\s\\S]*?state=\"needs-translation\"", xliff);
        Assert.Empty(result.Refused);
        Assert.Equal(before, _content.LocalesFingerprint());
    }

    [Fact]
    public void Export_WritesSourceTargetStateAndNotes_InConversationOrder()
    {
        var xliff = XliffExport.Write(Content, Dari, Now);
        var file = XliffFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(xliff)));

        Assert.Equal("1.2", file.Version);
        Assert.Equal(Dari, file.TargetLanguage);
        Assert.Equal(["language.title", "language.title.voice", "language.offer", "welcome"], file.Units.Take(4).Select(u => u.Id));
        Assert.Equal(ContentReport(Content).Count, file.Units.Count);
        var fearSay = file.Units.Single(u => u.Id == "fear_say.2");
        Assert.Equal(English("fear_say.2"), fearSay.Source);
        Assert.Equal(Content.Locales.Get(Dari).Texts["fear_say.2"], fearSay.Target);
        Assert.False(fearSay.Reviewed);
        Assert.Matches("id=\"fear_say.2\"[\\s\\S]*?state=\"needs-review-translation\" state-qualifier=\"leveraged-mt\"[\\s\\S]*?Legal terms: credible fear[^<]*expedited removal", xliff);
        Assert.Matches("id=\"scams.1\"[\\s\\S]*?Legal terms: notario", xliff);
    }

    private static IReadOnlyList<TranslationStatus> ContentReport(ContentBundle content) =>
        Helpline.Core.Reporting.ContentReport.CallerTexts(content, content.Locales.Get(Dari));

    [Fact]
    public void Import_PoeditStyleEditWithEntities_RewritesOnlyThatLineAndRecordsTheReview()
    {
        var linesBefore = _content.LocaleLines(Dari);
        // The welcome is part of the first reply (3 SMS segments at most): a reviewer's small rewording that still fits.
        var edited = "این معلومات عمومی است، نه مشوره حقوقی.";
        // Poedit: default namespace, its own header, state="translated" once "needs work" is cleared, numeric entities.
        var entityText = string.Concat(edited.Select(c => c > 127 ? $"&#{(int)c};" : Xml(c.ToString())));
        var xliff = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
              <file original="locales/fa-AF.yaml" datatype="plaintext" source-language="en" target-language="fa-AF">
                <header><tool tool-id="poedit" tool-name="Poedit" tool-version="3.5"/></header>
                <body>
                  <trans-unit id="welcome" resname="welcome" xml:space="preserve">
                    <source>{Xml(English("welcome"))}</source>
                    <target state="translated">{entityText}</target>
                  </trans-unit>
                  <trans-unit id="main.prompt" resname="main.prompt">
                    <source>{Xml(English("main.prompt"))}</source>
                    <target state="needs-review-translation">فهرست اصلی:</target>
                  </trans-unit>
                </body>
              </file>
            </xliff>
            """;

        var result = Import(xliff);

        Assert.Empty(result.Refused);
        Assert.Equal(["welcome"], result.Rewritten);
        Assert.Equal(["welcome"], result.Approved);
        var linesAfter = _content.LocaleLines(Dari);
        var changed = linesBefore.Zip(linesAfter).Where(p => p.First != p.Second).ToList();
        Assert.Equal(linesBefore.Length, linesAfter.Length);
        Assert.Equal($"  welcome: \"{edited}\"", Assert.Single(changed).Second);
        var content = Content;
        Assert.Equal(edited, content.Locales.Get(Dari).Texts["welcome"]);
        var status = content.Translations.StatusOf(content.Locales, Dari, "welcome");
        Assert.Equal(TranslationState.Reviewed, status.State);
        Assert.Equal("Mariam Ahmadi", status.Record!.ReviewedBy);
        Assert.Equal("2026-12-01", status.Record.Date);
        Assert.Equal(TranslationStatus.SourceHash(English("welcome")), status.Record.Source);
        // main.prompt came back unchanged and "needs review": still the machine draft it was, no review recorded.
        var mainPrompt = content.Translations.StatusOf(content.Locales, Dari, "main.prompt");
        Assert.Equal(TranslationState.MachineDraft, mainPrompt.State);
        Assert.Null(mainPrompt.Record!.ReviewedBy);
    }

    [Fact]
    public void Import_OmegaTStylePrefixesCdataSegmentsAndDoctype_ApprovesTheUnitsMarkedFinal()
    {
        var dari = Content.Locales.Get(Dari).Texts;
        // An Okapi-filtered file: prefixed namespace, a DOCTYPE (ignored, never fetched), <mrk> segments, CDATA, &quot;.
        var xliff = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE xliff PUBLIC "-//XLIFF//DTD XLIFF//EN" "http://www.oasis-open.org/committees/xliff/documents/xliff.dtd">
            <x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:1.2" xmlns:okp="okapi-framework:xliff-extensions" version="1.2">
            <x:file original="fa-AF.xlf" source-language="en" target-language="fa_AF" datatype="x-undefined">
            <x:body>
            <x:trans-unit id="tu1" resname="main.prompt" approved="yes">
            <x:source><![CDATA[{English("main.prompt")}]]></x:source>
            <x:seg-source><x:mrk mid="0" mtype="seg">{Xml(English("main.prompt"))}</x:mrk></x:seg-source>
            <x:target xml:lang="fa-AF" state="final"><x:mrk mid="0" mtype="seg"><![CDATA[{dari["main.prompt"]}]]></x:mrk></x:target>
            </x:trans-unit>
            <x:trans-unit id="tu2" resname="scams.1">
            <x:source>{Xml(English("scams.1"))}</x:source>
            <x:target state="signed-off">{dari["scams.1"].Replace("«", "&quot;", StringComparison.Ordinal).Replace("»", "&quot;", StringComparison.Ordinal)}</x:target>
            </x:trans-unit>
            </x:body>
            </x:file>
            </x:xliff>
            """;

        var result = Import(xliff);

        Assert.Empty(result.Refused);
        Assert.Equal(["main.prompt", "scams.1"], result.Approved);
        Assert.Equal(["scams.1"], result.Rewritten);
        var content = Content;
        Assert.Contains("\"مشاور مهاجرت\"", content.Locales.Get(Dari).Texts["scams.1"], StringComparison.Ordinal);
        Assert.Contains("\\\"مشاور مهاجرت\\\"", File.ReadAllText(_content.LocaleFile(Dari)), StringComparison.Ordinal);
        Assert.True(content.Translations.StatusOf(content.Locales, Dari, "main.prompt").IsReviewed);
    }

    [Fact]
    public void Import_BrokenPlaceholderChangedNumberAndForeignScript_AreRefusedByKeyAndReason_TheRestApplied()
    {
        var dari = Content.Locales.Get(Dari).Texts;
        var before = File.ReadAllText(_content.LocaleFile(Dari));
        var xliff = Unit12("directory.phone", "تیلفون: {1}", "signed-off")
            + Unit12("footer.main", dari["footer.main"].Replace("911", "991", StringComparison.Ordinal), "signed-off")
            + Unit12("main.prompt", "Главное меню:", "signed-off")
            + Unit12("legal.prompt", dari["legal.prompt"], "signed-off");

        var result = Import(File12(xliff));

        Assert.Equal(["legal.prompt"], result.Approved);
        var reasons = result.Refused.ToDictionary(r => r.Key, r => r.Reason);
        Assert.Equal(["directory.phone", "footer.main", "main.prompt"], reasons.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("placeholders {1} differ from the English {0}", reasons["directory.phone"], StringComparison.Ordinal);
        Assert.Contains("missing 911", reasons["footer.main"], StringComparison.Ordinal);
        Assert.Contains("Cyrillic", reasons["main.prompt"], StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(_content.LocaleFile(Dari)));
    }

    [Fact]
    public void Import_PersianDigitsForTheSameNumber_Pass()
    {
        var dari = Content.Locales.Get(Dari).Texts;
        // The welcome no longer carries 911 (the footer of the first reply does).
        var result = Import(File12(Unit12("footer.main", dari["footer.main"].Replace("911", "۹۱۱", StringComparison.Ordinal), "translated")));
        Assert.Empty(result.Refused);
        Assert.Equal(["footer.main"], result.Rewritten);
    }

    [Fact]
    public void Import_OverTheSegmentBudget_IsRefused()
    {
        var dari = Content.Locales.Get(Dari).Texts;
        var result = Import(File12(Unit12("fear_say.2", string.Concat(Enumerable.Repeat(dari["fear_say.2"] + " ", 3)), "translated")));
        Assert.Contains("SMS segments (UCS-2), over the budget of 4", Assert.Single(result.Refused).Reason, StringComparison.Ordinal);
        Assert.Empty(result.Rewritten);
    }

    [Fact]
    public void Import_AfterTheEnglishChanged_RefusesTheUnitReviewedAgainstTheOldEnglish()
    {
        var xliff = XliffExport.Write(Content, Dari, Now).Replace("state=\"needs-review-translation\"", "state=\"signed-off\"", StringComparison.Ordinal);
        var en = Path.Combine(_content.Root, "locales", "en.yaml");
        File.WriteAllText(en, File.ReadAllText(en).Replace("main.prompt: \"Main menu:\"", "main.prompt: \"Main menu, choose:\"", StringComparison.Ordinal));

        var result = Import(xliff);

        var refusal = Assert.Single(result.Refused);
        Assert.Equal("main.prompt", refusal.Key);
        Assert.Contains("the English changed since the file was exported", refusal.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("main.prompt", result.Approved);
        Assert.Contains("welcome", result.Approved);
    }

    [Fact]
    public void Import_WeblateStyleUnitWithoutStateOrApproval_KeepsTheEditAsADraftNotAReview()
    {
        var edited = "فهرست عمومی:";
        var result = Import(File12($"""
            <trans-unit id="main.prompt"><source>{Xml(English("main.prompt"))}</source><target>{edited}</target></trans-unit>
            """));

        Assert.Equal(["main.prompt"], result.Drafts);
        Assert.Empty(result.Approved);
        var content = Content;
        Assert.Equal(edited, content.Locales.Get(Dari).Texts["main.prompt"]);
        Assert.Equal(TranslationState.MachineDraft, content.Translations.StatusOf(content.Locales, Dari, "main.prompt").State);
    }

    [Fact]
    public void Import_Xliff20ReviewedSegment_IsApproved_AndInlineCodesAreRefused()
    {
        var dari = Content.Locales.Get(Dari).Texts;
        var xliff = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fa-AF">
              <file id="f1">
                <unit id="u1" name="welcome">
                  <notes><note category="legal">-</note></notes>
                  <segment state="reviewed"><source>{Xml(English("welcome"))}</source><target>{Xml(dari["welcome"])}</target></segment>
                </unit>
                <unit id="directory.phone">
                  <segment state="final"><source>Phone: <ph id="1" disp="{"{0}"}"/></source><target>تیلفون: <ph id="1"/></target></segment>
                </unit>
              </file>
            </xliff>
            """;

        var result = Import(xliff);

        Assert.Equal(["welcome"], result.Approved);
        Assert.Contains("inline code <ph>", Assert.Single(result.Refused).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnExternalEntity_IsNeverResolved()
    {
        var xliff = """
            <?xml version="1.0"?>
            <!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file target-language="fa-AF"><body>
            <trans-unit id="welcome"><source>x</source><target state="final">&secret;</target></trans-unit></body></file></xliff>
            """;
        Assert.Throws<Helpline.Core.ContentException>(() => XliffFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(xliff))));
    }

    [Fact]
    public void Import_AnApprovalWithoutAReviewerName_IsRefused()
    {
        var result = Import(File12(Unit12("main.prompt", Content.Locales.Get(Dari).Texts["main.prompt"], "final")), reviewer: null);
        Assert.Contains("reviewer's name", Assert.Single(result.Refused).Reason, StringComparison.Ordinal);
    }

    private string Unit12(string key, string target, string state) =>
        $"""<trans-unit id="{key}"><source>{Xml(English(key))}</source><target state="{state}">{Xml(target)}</target></trans-unit>""";

    private static string File12(string units) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
          <file original="locales/fa-AF.yaml" source-language="en" target-language="fa-AF" datatype="plaintext"><body>
        {units}
          </body></file>
        </xliff>
        """;
}
