using Helpline.Core.Voice;
using Moq;

namespace Helpline.Core.Tests.Voice;

public class StandInRendererTests
{
    private static StandInReport RenderSpanish(TempContent temp, Mock<ISpeechSynthesizer> synthesizer, bool force = false) =>
        Assert.Single(new StandInRenderer(temp.Load(), synthesizer.Object).RenderAll(force));

    [Fact]
    public void RenderAll_LocaleWithoutTwilioVoice_RendersAStandInForEachOfItsOwnTexts()
    {
        using var temp = NoTwilioVoiceContent.Create();
        var synthesizer = NoTwilioVoiceContent.Synthesizer();

        var report = RenderSpanish(temp, synthesizer);

        Assert.Equal("es", report.Culture);
        Assert.Equal(NoTwilioVoiceContent.SpanishPrompts, report.Rendered.Order(StringComparer.Ordinal));
        foreach (var key in NoTwilioVoiceContent.SpanishPrompts)
            Assert.True(File.Exists(Path.Combine(NoTwilioVoiceContent.SpanishFolder(temp), key + ".standin.wav")), key);
        Assert.Equal("es: Menú principal:", File.ReadAllText(Path.Combine(NoTwilioVoiceContent.SpanishFolder(temp), "main.prompt.standin.wav")));
        synthesizer.Verify(s => s.Synthesize(It.Is<string>(v => v != "es"), It.IsAny<string>(), It.IsAny<string>()), Times.Never);
        Assert.False(System.IO.Directory.Exists(Path.Combine(temp.Root, "locales", "audio", "en")));
    }

    [Fact]
    public void RenderAll_EveryLocaleHasATwilioVoice_RendersNothing()
    {
        using var temp = new TempContent(TestContent.MinimalRoot);
        var synthesizer = NoTwilioVoiceContent.Synthesizer();

        Assert.Empty(new StandInRenderer(temp.Load(), synthesizer.Object).RenderAll(force: true));
        synthesizer.Verify(s => s.Synthesize(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()), Times.Never);
        Assert.False(System.IO.Directory.Exists(Path.Combine(temp.Root, "locales", "audio")));
    }

    [Fact]
    public void Render_KeyWithARecording_IsNotRendered()
    {
        using var temp = NoTwilioVoiceContent.Create();
        System.IO.Directory.CreateDirectory(NoTwilioVoiceContent.SpanishFolder(temp));
        File.WriteAllText(Path.Combine(NoTwilioVoiceContent.SpanishFolder(temp), "welcome.mp3"), "a person speaking");
        var synthesizer = NoTwilioVoiceContent.Synthesizer();

        var report = RenderSpanish(temp, synthesizer);

        Assert.Contains("welcome", report.Recorded);
        Assert.DoesNotContain("welcome", report.Rendered);
        Assert.False(File.Exists(Path.Combine(NoTwilioVoiceContent.SpanishFolder(temp), "welcome.standin.wav")));
        synthesizer.Verify(s => s.Synthesize(It.IsAny<string>(), It.Is<string>(t => t.StartsWith("Bienvenido", StringComparison.Ordinal)), It.IsAny<string>()), Times.Never);
    }

    [Fact]
    public void Render_KeyTheLocaleLacks_IsSkippedRatherThanReadInEnglish()
    {
        using var temp = NoTwilioVoiceContent.Create();
        var synthesizer = NoTwilioVoiceContent.Synthesizer();

        var report = RenderSpanish(temp, synthesizer);

        Assert.Contains("fear.2", report.SkippedFor(StandInSkip.EnglishFallback));
        Assert.False(File.Exists(Path.Combine(NoTwilioVoiceContent.SpanishFolder(temp), "fear.2.standin.wav")));
        synthesizer.Verify(s => s.Synthesize(It.IsAny<string>(), "You can ask for an interpreter.", It.IsAny<string>()), Times.Never);
    }

    [Fact]
    public void Render_SecondTime_LeavesUnchangedStandInsAlone()
    {
        using var temp = NoTwilioVoiceContent.Create();
        var synthesizer = NoTwilioVoiceContent.Synthesizer();
        RenderSpanish(temp, synthesizer);

        var again = RenderSpanish(temp, synthesizer);

        Assert.Empty(again.Rendered);
        Assert.Equal(NoTwilioVoiceContent.SpanishPrompts, again.Unchanged.Order(StringComparer.Ordinal));
        synthesizer.Verify(s => s.Synthesize(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()), Times.Exactly(NoTwilioVoiceContent.SpanishPrompts.Length));
    }

    [Fact]
    public void Render_TextChangedSinceLastRender_RendersThatKeyAgain()
    {
        using var temp = NoTwilioVoiceContent.Create();
        var synthesizer = NoTwilioVoiceContent.Synthesizer();
        RenderSpanish(temp, synthesizer);
        NoTwilioVoiceContent.EditSpanish(temp, "Dígale al oficial que tiene miedo", "Dígale al agente que tiene miedo");

        var again = RenderSpanish(temp, synthesizer);

        Assert.Equal(["fear.1"], again.Rendered);
        Assert.StartsWith("es: Dígale al agente", File.ReadAllText(Path.Combine(NoTwilioVoiceContent.SpanishFolder(temp), "fear.1.standin.wav")), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StandInWithoutManifestEntry_IsRenderedAgain()
    {
        using var temp = NoTwilioVoiceContent.Create();
        var synthesizer = NoTwilioVoiceContent.Synthesizer();
        RenderSpanish(temp, synthesizer);
        File.Delete(Path.Combine(NoTwilioVoiceContent.SpanishFolder(temp), StandInManifest.FileName));

        Assert.Equal(NoTwilioVoiceContent.SpanishPrompts, RenderSpanish(temp, synthesizer).Rendered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Render_Force_RendersEveryStandInAgain()
    {
        using var temp = NoTwilioVoiceContent.Create();
        var synthesizer = NoTwilioVoiceContent.Synthesizer();
        RenderSpanish(temp, synthesizer);

        var forced = RenderSpanish(temp, synthesizer, force: true);

        Assert.Equal(NoTwilioVoiceContent.SpanishPrompts, forced.Rendered.Order(StringComparer.Ordinal));
        Assert.Empty(forced.Unchanged);
    }

    [Fact]
    public void Render_StandInForAKeyNoCallSays_IsRemoved()
    {
        using var temp = NoTwilioVoiceContent.Create();
        var synthesizer = NoTwilioVoiceContent.Synthesizer();
        RenderSpanish(temp, synthesizer);
        var stale = Path.Combine(NoTwilioVoiceContent.SpanishFolder(temp), "old.prompt.standin.wav");
        File.WriteAllText(stale, "es: a prompt that was deleted");

        var again = RenderSpanish(temp, synthesizer);

        Assert.Equal(["old.prompt"], again.Removed);
        Assert.False(File.Exists(stale));
    }

    [Fact]
    public void Render_TextRemovedFromTheLocale_RemovesItsStandIn()
    {
        using var temp = NoTwilioVoiceContent.Create();
        var synthesizer = NoTwilioVoiceContent.Synthesizer();
        RenderSpanish(temp, synthesizer);
        NoTwilioVoiceContent.EditSpanish(temp, "  main.fear: \"Decir que tiene miedo\"\n", "");

        var again = RenderSpanish(temp, synthesizer);

        Assert.Equal(["main.fear"], again.Removed);
        Assert.False(File.Exists(Path.Combine(NoTwilioVoiceContent.SpanishFolder(temp), "main.fear.standin.wav")));
        Assert.Null(StandInManifest.Read(NoTwilioVoiceContent.SpanishFolder(temp)).HashOf("main.fear"));
    }

    [Fact]
    public void Render_TextWithAPlaceholder_IsSpokenWithoutIt()
    {
        using var temp = NoTwilioVoiceContent.Create(es => es.Replace("texts:\n", "texts:\n  voice.connecting: \"Le conectamos con {0}. Espere, por favor.\"\n", StringComparison.Ordinal));
        var synthesizer = NoTwilioVoiceContent.Synthesizer();

        var report = RenderSpanish(temp, synthesizer);

        Assert.Contains("voice.connecting", report.Rendered);
        synthesizer.Verify(s => s.Synthesize("es", "Le conectamos con . Espere, por favor.", It.IsAny<string>()), Times.Once);
    }

    [Fact]
    public void Render_SynthesizerFails_ReportsTheErrorAndKeepsWhatWasRendered()
    {
        using var temp = NoTwilioVoiceContent.Create();
        var synthesizer = NoTwilioVoiceContent.Synthesizer();
        synthesizer.Setup(s => s.Synthesize(It.IsAny<string>(), It.Is<string>(t => t.StartsWith("Menú", StringComparison.Ordinal)), It.IsAny<string>()))
            .Throws(new SpeechSynthesisException("espeak-ng failed (exit 1)"));

        var report = RenderSpanish(temp, synthesizer);

        Assert.Contains("espeak-ng failed", report.Error);
        var manifest = StandInManifest.Read(NoTwilioVoiceContent.SpanishFolder(temp));
        Assert.All(report.Rendered, key => Assert.NotNull(manifest.HashOf(key)));
        Assert.Null(manifest.HashOf("main.prompt"));
    }

    [Fact]
    public void Render_LocaleWithoutEspeakVoice_IsAnErrorAndRendersNothing()
    {
        using var temp = NoTwilioVoiceContent.Create(es => es.Replace(", espeak_voice: es }", " }", StringComparison.Ordinal));
        var synthesizer = NoTwilioVoiceContent.Synthesizer();

        var report = RenderSpanish(temp, synthesizer);

        Assert.Contains("espeak_voice", report.Error);
        Assert.Empty(report.Rendered);
        synthesizer.Verify(s => s.Synthesize(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()), Times.Never);
    }
}
