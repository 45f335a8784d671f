using Helpline.Core.Voice;
using Microsoft.Extensions.Time.Testing;

namespace Helpline.Core.Tests.Voice;

/// <summary>
/// "For X, press N" from files: the words of a locale's voice.option around the topic and the key, each a clip a
/// volunteer records once (a stand-in until then), in the script, the render and the import like any prompt.
/// </summary>
public sealed class OptionPartsTests
{
    private static string[] Said(IReadOnlyList<OptionPiece>? pieces) =>
        [.. pieces!.Select(p => p.Gap is { } gap ? "{" + gap + "}" : $"{p.PartKey}={p.Text}")];

    [Fact]
    public void Pieces_WordsBeforeTheTopic_AreOneClip_PunctuationBetweenIsNone()
    {
        Assert.Equal(["voice.option.start=For", "{0}", "{1}"], Said(OptionParts.Pieces("For {0}, {1}")));
        Assert.Equal(["voice.option.start=برای", "{0}", "{1}"], Said(OptionParts.Pieces("برای {0}، {1}")));
    }

    [Fact]
    public void Pieces_PashtoSaysWordsBeforeAndAfterTheTopic_TwoClips()
    {
        Assert.Equal(["voice.option.start=د", "{0}", "voice.option.middle=لپاره،", "{1}"], Said(OptionParts.Pieces("د {0} لپاره، {1}")));
    }

    [Fact]
    public void Pieces_KeyBeforeTopic_AndWordsAtTheEnd_KeepTheTemplatesOrder()
    {
        Assert.Equal(["{1}", "{0}", "voice.option.end=ke liye"], Said(OptionParts.Pieces("{1}, {0} ke liye")));
        Assert.Equal(["{0}", "{1}"], Said(OptionParts.Pieces("{0}: {1}")));
    }

    [Theory]
    [InlineData("For {0}")]
    [InlineData("For {0}, {0}")]
    [InlineData("Press the key")]
    public void Pieces_TemplateWithoutBothGaps_CannotBePlayedPartByPart(string template) =>
        Assert.Null(OptionParts.Pieces(template));

    [Fact]
    public void Repository_EachLanguageHasTheClipsItsTemplateSays_AndNoOthers()
    {
        var content = TestContent.Repo;
        string[] PartsOf(string culture) => [.. VoicePrompts.For(content, content.Locales.Get(culture)).Where(OptionParts.IsPart)];

        Assert.Equal([OptionParts.StartKey], PartsOf("fa-AF"));
        Assert.Equal([OptionParts.StartKey, OptionParts.MiddleKey], PartsOf("ps-AF"));
        Assert.Equal([OptionParts.StartKey], PartsOf("ht"));
        Assert.Empty(PartsOf("ru"));
        Assert.Equal("لپاره،", VoicePrompts.Text(content.Locales, "ps-AF", OptionParts.MiddleKey)!.Value);
        Assert.Equal("For", VoicePrompts.Text(content.Locales, "en", OptionParts.StartKey)!.Value);
    }

    [Fact]
    public void RecordingScript_Dari_ListsForOnce_BeforeTheFirstTopic_WithTheSentenceItIsCutFrom()
    {
        var content = TestContent.Repo;
        var dari = content.Locales.Get("fa-AF");

        var lines = RecordingScript.Lines(content, dari);

        var part = Assert.Single(lines, l => OptionParts.IsPart(l.Key));
        Assert.Equal((OptionParts.StartKey, "برای", "For", "برای …، …", RecordingStatus.StandIn), (part.Key, part.Text, part.English, part.SaidIn, part.Status));
        var firstTopic = content.Compiled.Node(content.Compiled.MainMenu)!.Options[0].Label;
        Assert.Equal(lines.ToList().FindIndex(l => l.Key == firstTopic) - 1, lines.ToList().IndexOf(part));
        Assert.Contains("Said with every menu choice", RecordingScript.Html(dari, lines, new DateOnly(2026, 12, 1)));
    }

    private static TempContent SpanishSaying(string template) =>
        NoTwilioVoiceContent.Create(es => es.Replace("texts:\n", $"texts:\n  voice.option: \"{template}\"\n", StringComparison.Ordinal));

    [Fact]
    public void Render_SpanishWithoutTwilioVoice_RendersForAsAStandIn_AndRemovesItWhenTheTemplateNoLongerSaysIt()
    {
        using var temp = SpanishSaying("Para {0}, {1}");
        var synthesizer = NoTwilioVoiceContent.Synthesizer();
        var standIn = Path.Combine(NoTwilioVoiceContent.SpanishFolder(temp), OptionParts.StartKey + PromptAudio.StandInSuffix);

        var report = Assert.Single(new StandInRenderer(temp.Load(), synthesizer.Object).RenderAll(force: false));

        Assert.Contains(OptionParts.StartKey, report.Rendered);
        Assert.Equal("es: Para", File.ReadAllText(standIn));
        Assert.DoesNotContain(report.Rendered, k => k is OptionParts.MiddleKey or OptionParts.EndKey);

        NoTwilioVoiceContent.EditSpanish(temp, "Para {0}, {1}", "{0}, {1}");
        var again = Assert.Single(new StandInRenderer(temp.Load(), synthesizer.Object).RenderAll(force: false));

        Assert.Contains(OptionParts.StartKey, again.Removed);
        Assert.False(File.Exists(standIn));
    }

    [Fact]
    public void Import_AVolunteersRecordingOfFor_IsSavedUnderItsKey_AndPlaysInsteadOfTheStandIn()
    {
        using var audio = new GeneratedAudio();
        using var temp = SpanishSaying("Para {0}, {1}");
        new StandInRenderer(temp.Load(), NoTwilioVoiceContent.Synthesizer().Object).RenderAll(force: false);
        var content = temp.Load();
        var spanish = content.Locales.Get("es");
        var importer = new RecordingImporter(content, new AudioPrograms(), new FakeTimeProvider());

        var recorded = audio.Speech("003_voice.option.start.m4a", "Para", voice: "es", silence: 0.5);
        var result = Assert.Single(importer.ImportAll(spanish, recorded, new ImportOptions("Ana")));

        Assert.True(result.Outcome == ImportOutcome.Saved, result.Reason);
        Assert.Equal(OptionParts.StartKey, result.Key);
        var entry = RecordingManifest.Read(NoTwilioVoiceContent.SpanishFolder(temp)).Of(OptionParts.StartKey);
        Assert.Equal(RecordingManifest.Hash("Para"), entry!.TextHash);
        var sound = new PromptAudio(temp.Load()).Resolve(spanish, OptionParts.StartKey);
        Assert.Equal((AudioSource.Recording, false), (sound.Source, sound.Stale));
        // English (Twilio's voice) has no template of its own in this content: no call says "for" from a file there.
        var english = importer.Import(content.Locales.English, OptionParts.StartKey, recorded, "voice.option.start.m4a", new ImportOptions("Ana"));
        Assert.Equal(ImportOutcome.Rejected, english.Outcome);
    }

    [Fact]
    public void Import_AfterTheTemplatesWordsChange_TheRecordingOfForIsStale()
    {
        using var temp = SpanishSaying("Para {0}, {1}");
        var folder = NoTwilioVoiceContent.SpanishFolder(temp);
        System.IO.Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, OptionParts.StartKey + ".wav"), "recorded");
        var content = temp.Load();
        var (text, english) = RecordingManifest.CurrentHashes(content.Locales, content.Locales.Get("es"), OptionParts.StartKey);
        var manifest = RecordingManifest.Read(folder);
        manifest.Set(OptionParts.StartKey, new RecordingEntry { RecordedBy = "Ana", TextHash = text, EnglishHash = english });
        manifest.Write(folder);
        Assert.False(new PromptAudio(temp.Load()).Resolve(content.Locales.Get("es"), OptionParts.StartKey).Stale);

        NoTwilioVoiceContent.EditSpanish(temp, "Para {0}, {1}", "Por {0}, {1}");

        var changed = temp.Load();
        Assert.True(new PromptAudio(changed).Resolve(changed.Locales.Get("es"), OptionParts.StartKey).Stale);
    }
}
