using System.Buffers.Binary;
using Helpline.Core.Voice;

namespace Helpline.Core.Tests.Voice;

/// <summary>Runs the real espeak-ng and sox (CI installs both: apt-get install espeak-ng sox).</summary>
public sealed class EspeakSpeechSynthesizerTests : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("helpline-espeak-").FullName;
    private readonly EspeakSpeechSynthesizer _synthesizer = new();

    public EspeakSpeechSynthesizerTests() =>
        Assert.True(_synthesizer.MissingPrograms().Count == 0, $"not installed: {string.Join(", ", _synthesizer.MissingPrograms())} (apt-get install espeak-ng sox)");

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    private sealed record WavFormat(int Channels, int SampleRate, int BitsPerSample, int DataBytes);

    /// <summary>The fmt and data chunks of a RIFF WAVE file, which is all a phone line cares about.</summary>
    private static WavFormat ReadWav(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(bytes, 8, 4));
        int channels = 0, rate = 0, bits = 0, data = 0;
        for (var at = 12; at + 8 <= bytes.Length;)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, at, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
            if (id == "fmt ")
            {
                channels = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(at + 10));
                rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 12));
                bits = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(at + 22));
            }
            if (id == "data") data = size;
            at += 8 + size + (size & 1);
        }
        return new(channels, rate, bits, data);
    }

    [Theory]
    [InlineData("fa", "به خط کمک خوش آمدید.")]
    [InlineData("ht", "Byenvini nan liy èd la.")]
    public void Synthesize_RealPrograms_WritesEightKilohertzMonoSixteenBitWav(string voice, string text)
    {
        var file = Path.Combine(_folder, "welcome.standin.wav");

        _synthesizer.Synthesize(voice, text, file);

        var wav = ReadWav(file);
        Assert.Equal(new WavFormat(1, 8000, 16, wav.DataBytes), wav);
        Assert.True(wav.DataBytes > 8000, $"expected at least half a second of speech, got {wav.DataBytes} bytes");
    }

    [Theory]
    [InlineData("fa", "برای")]
    [InlineData("ht", "Pou")]
    public void Synthesize_OneWord_EndsWithinATenthOfASecondOfItsLastSound_NoDeadAirBeforeTheNextClip(string voice, string word)
    {
        var file = Path.Combine(_folder, "voice.option.start.standin.wav");

        _synthesizer.Synthesize(voice, word, file);

        var audio = PcmAudio.Read(file);
        var samples = File.ReadAllBytes(file)[^(int)(audio.SampleRate * 0.1 * 2)..];
        var tail = Enumerable.Range(0, samples.Length / 2).Max(i => Math.Abs((int)BinaryPrimitives.ReadInt16LittleEndian(samples.AsSpan(i * 2))));
        // The last tenth of a second still holds the word's end (above -50 dBFS): the silence after it is under 0.1 s.
        Assert.True(tail > 32768 * 0.00316, $"the last 0.1 s is silent (peak {tail}): espeak-ng's trailing silence was kept");
        Assert.InRange(audio.Seconds, 0.15, 0.75);
    }

    [Fact]
    public void Synthesize_TextThatLooksLikeAnOption_IsSpokenNotObeyed()
    {
        // Passed as an argument, "--version" would make espeak-ng print its version and write no audio.
        var file = Path.Combine(_folder, "option.standin.wav");

        _synthesizer.Synthesize("ht", "--version", file);

        Assert.True(ReadWav(file).DataBytes > 0);
    }

    [Fact]
    public void Synthesize_UnknownVoice_ThrowsNamingTheProgram()
    {
        // Not a language code at all: espeak-ng matches a voice by its language prefix ("no-..." is Norwegian).
        var error = Assert.Throws<SpeechSynthesisException>(() => _synthesizer.Synthesize("zz", "test", Path.Combine(_folder, "x.wav")));
        Assert.Contains("espeak-ng", error.Message);
        Assert.False(File.Exists(Path.Combine(_folder, "x.wav")));
    }

    [Fact]
    public void MissingPrograms_ProgramNotInstalled_IsNamed() =>
        Assert.Equal(["helpline-no-such-espeak"], new EspeakSpeechSynthesizer("helpline-no-such-espeak", "sox").MissingPrograms());
}
