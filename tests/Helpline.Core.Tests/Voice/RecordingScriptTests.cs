using Helpline.Core.Voice;

namespace Helpline.Core.Tests.Voice;

public class RecordingScriptTests
{
    [Fact]
    public void Lines_RepositoryDari_EveryCallPromptOnceInCallOrderWithItsEnglish()
    {
        var content = TestContent.Repo;
        var dari = content.Locales.Get("fa-AF");

        var lines = RecordingScript.Lines(content, dari).ToList();

        Assert.Equal(VoicePrompts.For(content, dari).Order(StringComparer.Ordinal), lines.Select(l => l.Key).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, lines.Count), lines.Select(l => l.Order));
        // The caller first hears the language menu, then the main menu.
        var languageIntro = content.Compiled.Node(content.Compiled.LanguageMenu)!.Intro!;
        Assert.Equal(languageIntro, lines[0].Key.Replace(".voice", ""));
        var mainMenu = content.Compiled.Node(content.Compiled.MainMenu)!.Prompt!;
        Assert.True(lines.FindIndex(l => l.Key.StartsWith(mainMenu, StringComparison.Ordinal)) < lines.FindIndex(l => l.Key == "voice.after_call"));
        var line = lines.First(l => !l.TextIsEnglish);
        Assert.Equal(content.Locales.Find("fa-AF", line.Key)!.Value.Split('{')[0], line.Text.Split('…')[0]);
        Assert.Equal(content.Locales.English.Texts[line.Key].Split('{')[0], line.English.Split('…')[0]);
    }

    [Fact]
    public void Lines_MinimalSpanishWithoutTwilioVoice_StatusSaysWhatACallerHearsNow()
    {
        using var temp = NoTwilioVoiceContent.Create();
        var folder = NoTwilioVoiceContent.SpanishFolder(temp);
        System.IO.Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "fear.1" + PromptAudio.StandInSuffix), "stand-in");
        File.WriteAllText(Path.Combine(folder, "welcome.wav"), "recorded by hand");
        var content = temp.Load();

        var lines = RecordingScript.Lines(content, content.Locales.Get("es")).ToDictionary(l => l.Key);

        Assert.Equal(RecordingStatus.Recorded, lines["welcome"].Status);
        Assert.Equal(RecordingStatus.StandIn, lines["fear.1"].Status);
        Assert.Equal(RecordingStatus.Missing, lines["main.prompt"].Status);
        Assert.True(lines["fear.2"].TextIsEnglish);
    }

    [Fact]
    public void Html_RightToLeftLanguage_MarksItsTextsRtlAndEscapesThem()
    {
        var content = TestContent.Repo;
        var dari = content.Locales.Get("fa-AF");

        var html = RecordingScript.Html(dari, RecordingScript.Lines(content, dari), new DateOnly(2026, 12, 1));

        Assert.Contains("lang=\"fa-AF\" dir=\"rtl\"", html);
        Assert.Contains("helpline audio import fa-AF FOLDER", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Csv_QuotesCommasAndDefusesFormulas()
    {
        ScriptLine[] lines = [new(1, "k", "=HYPERLINK(\"x\"), then", "Press 1, now", false, RecordingStatus.Missing, null, null)];

        var csv = RecordingScript.Csv(lines);

        Assert.Contains("\"'=HYPERLINK(\"\"x\"\"), then\",\"Press 1, now\"", csv);
        Assert.StartsWith("order,key,file_name,status,text,english", csv);
    }
}
