using Helpline.Core.Voice;

namespace Helpline.Core.Tests.Voice;

public class StandInPartsTests
{
    [Fact]
    public void Split_DariWithAnEnglishName_EnglishVoiceReadsTheName() =>
        Assert.Equal(
            [new("fa", "به"), new("en-us", "Helpline"), new("fa", "خوش آمدید. اگر در خطر هستید، به 911 زنگ بزنید.")],
            StandInParts.Split("fa", "به Helpline خوش آمدید. اگر در خطر هستید، به 911 زنگ بزنید."));

    [Fact]
    public void Split_EnglishWordsInBrackets_BracketsAreNotSpokenAndDigitsStayDari() =>
        Assert.Equal(
            [new("fa", "منع اخراج ("), new("en-us", "withholding of removal"), new("fa", ") و 27 جولای")],
            StandInParts.Split("fa", "منع اخراج (withholding of removal) و 27 جولای"));

    [Fact]
    public void Split_FormNumberInsideEnglish_StaysEnglish() =>
        Assert.Equal(
            [new("fa", "فورم"), new("en-us", "I-589 A"), new("fa", "است")],
            StandInParts.Split("fa", "فورم I-589 A است"));

    [Theory]
    [InlineData("ht", "Byenvini nan Helpline. Si w an danje, rele 911.")]
    [InlineData("fa", "به خط کمک خوش آمدید.")]
    public void Split_OneScript_IsOnePartInTheLocalesVoice(string voice, string text) =>
        Assert.Equal([new SpokenPart(voice, text)], StandInParts.Split(voice, text));

    [Fact]
    public void Describe_SinglePart_IsTheTextSoUnchangedStandInsKeepTheirHash() =>
        Assert.Equal("متن", StandInParts.Describe([new("fa", "متن")]));
}

/// <summary>The real espeak-ng and sox (apt-get install espeak-ng sox): a mixed prompt becomes one phone WAV.</summary>
public sealed class MixedScriptStandInTests
{
    private const string Mixed = "برای پیدا کردن یک شخص از ICE Detainee Locator استفاده کنید.";

    [Fact]
    public void Render_DariPromptWithEnglishWords_OneWavSpokenByTwoVoices()
    {
        using var temp = NoTwilioVoiceContent.Create(es => es
            .Replace("espeak_voice: es", "espeak_voice: fa", StringComparison.Ordinal)
            .Replace("main.prompt: \"Menú principal:\"", $"main.prompt: \"{Mixed}\"", StringComparison.Ordinal));
        var synthesizer = new EspeakSpeechSynthesizer();
        Assert.Empty(synthesizer.MissingPrograms());

        var report = Assert.Single(new StandInRenderer(temp.Load(), synthesizer).RenderAll(force: false));

        Assert.Null(report.Error);
        var mixed = PcmAudio.Read(Path.Combine(NoTwilioVoiceContent.SpanishFolder(temp), "main.prompt.standin.wav"));
        Assert.Equal((8000, 1), (mixed.SampleRate, mixed.Channels));
        // It is the three parts, each spoken by its own voice, joined with a short pause.
        var parts = StandInParts.Split("fa", Mixed);
        Assert.Equal(["fa", "en-us", "fa"], parts.Select(p => p.Voice));
        var seconds = parts.Select((part, i) =>
        {
            var file = Path.Combine(temp.Root, $"part{i}.wav");
            synthesizer.Synthesize(part.Voice, part.Text, file);
            return PcmAudio.Read(file).Seconds;
        }).Sum();
        Assert.Equal(seconds + 2 * 0.08, mixed.Seconds, 2);
    }
}
