using Helpline.Core.Tests.Voice;
using Helpline.Core.Validation;
using Helpline.Core.Voice;

namespace Helpline.Core.Tests.Validation;

/// <summary>What a caller hears in each language, as the validator reports it.</summary>
public class ContentValidatorVoiceTests
{
    private static readonly ValidationOptions Options = new() { Today = new DateOnly(2026, 11, 25) };

    private static IReadOnlyList<Finding> Validate(Core.Content.ContentBundle content) => new ContentValidator(Options).Validate(content);

    private static void RenderStandIns(TempContent temp) =>
        new StandInRenderer(temp.Load(), NoTwilioVoiceContent.Synthesizer().Object).RenderAll(force: false);

    [Fact]
    public void Validate_LocalesWithTwilioVoice_CoverageIsInfo()
    {
        var content = TestContent.Minimal;
        var prompts = VoicePrompts.For(content).Count;
        var coverage = Validate(content).Where(f => f.Where == "call prompts").ToList();

        Assert.Equal(["locales/en.yaml", "locales/es.yaml"], coverage.Select(f => f.File).Order(StringComparer.Ordinal));
        Assert.All(coverage, f =>
        {
            Assert.Equal(Severity.Info, f.Severity);
            Assert.Equal($"voice: 0 recorded, {prompts} Twilio voice, 0 stand-ins, 0 missing", f.Message);
        });
    }

    [Fact]
    public void Validate_NoTwilioVoiceAndNoAudio_EveryPromptIsAnErrorNamingFileAndKey()
    {
        using var temp = NoTwilioVoiceContent.Create();
        var content = temp.Load();

        var missing = Validate(content).Where(f => f.Severity == Severity.Error && f.Message.Contains("a caller hears nothing", StringComparison.Ordinal)).ToList();

        Assert.Equal(VoicePrompts.For(content).Order(StringComparer.Ordinal), missing.Select(f => f.Where).Order(StringComparer.Ordinal));
        Assert.All(missing, f => Assert.Equal("locales/es.yaml", f.File));
        Assert.Contains(Validate(content), f => f.File == "locales/es.yaml" && f.Severity == Severity.Info && f.Message == $"voice: 0 recorded, 0 Twilio voice, 0 stand-ins, {missing.Count} missing");
    }

    [Fact]
    public void Validate_AfterRender_OnlyKeysWithoutSpanishTextAreMissing()
    {
        using var temp = NoTwilioVoiceContent.Create();
        RenderStandIns(temp);

        var findings = Validate(temp.Load());
        var missing = findings.Where(f => f.Severity == Severity.Error && f.Message.Contains("a caller hears nothing", StringComparison.Ordinal)).ToList();

        Assert.DoesNotContain(missing, f => NoTwilioVoiceContent.SpanishPrompts.Contains(f.Where));
        Assert.Contains(missing, f => f.Where == "fear.2" && f.Message.Contains("translate it", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.File == "locales/es.yaml" && f.Message.StartsWith($"voice: 0 recorded, 0 Twilio voice, {NoTwilioVoiceContent.SpanishPrompts.Length} stand-ins,", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Severity == Severity.Warning && f.Message.Contains("stand-in", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TextChangedAfterRender_StandInIsOutOfDate()
    {
        using var temp = NoTwilioVoiceContent.Create();
        RenderStandIns(temp);
        NoTwilioVoiceContent.EditSpanish(temp, "Dígale al oficial que tiene miedo", "Dígale al agente que tiene miedo");

        var outOfDate = Assert.Single(Validate(temp.Load()), f => f.Message.Contains("out of date", StringComparison.Ordinal));

        Assert.Equal(new Finding(Severity.Warning, "locales/es.yaml", "fear.1", "stand-in is out of date: run helpline audio render"), outOfDate);
    }

    [Theory]
    [InlineData("welcome.ogg")]
    [InlineData("no.such.prompt.wav")]
    [InlineData("welcome.standin.mp3")]
    public void Validate_AudioFileACallNeverPlays_IsAWarning(string name)
    {
        using var temp = NoTwilioVoiceContent.Create();
        RenderStandIns(temp);
        File.WriteAllText(Path.Combine(NoTwilioVoiceContent.SpanishFolder(temp), name), "audio");

        var finding = Assert.Single(Validate(temp.Load()), f => f.File == $"locales/audio/es/{name}");

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.StartsWith("never played", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WordsOfForXPressNThisLanguageDoesNotSay_AreNeverPlayed()
    {
        using var temp = NoTwilioVoiceContent.Create(es => es.Replace("texts:\n", "texts:\n  voice.option: \"Para {0}, {1}\"\n", StringComparison.Ordinal));
        var english = Path.Combine(temp.Root, "locales", "en.yaml");
        File.WriteAllText(english, File.ReadAllText(english).Replace("texts:\n", "texts:\n  voice.option: \"For {0}, then {1}\"\n", StringComparison.Ordinal));
        RenderStandIns(temp);
        // English says "then" between topic and key; Spanish says nothing there, so this file never plays.
        File.WriteAllText(Path.Combine(NoTwilioVoiceContent.SpanishFolder(temp), "voice.option.middle.standin.wav"), "audio");

        var findings = Validate(temp.Load());

        var finding = Assert.Single(findings, f => f.File == "locales/audio/es/voice.option.middle.standin.wav");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.StartsWith("never played", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(findings, f => f.File == "locales/audio/es/voice.option.start.standin.wav");
    }
}
