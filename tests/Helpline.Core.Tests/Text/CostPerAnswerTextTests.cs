using Helpline.Core.Channels;
using Helpline.Core.Text;

namespace Helpline.Core.Tests.Text;

/// <summary>Folding into GSM-7, clause breaks and audio durations: the pieces the cost per answer is measured with.</summary>
public class CostPerAnswerTextTests
{
    [Theory]
    [InlineData("Información general, no asesoría legal.", "Informacion general, no asesoria legal.")]
    [InlineData("Não é conselho jurídico: ligue já", "Nao é conselho juridico: ligue ja")]
    [InlineData("Ce n’est pas « un avis » — à côté", "Ce n'est pas \" un avis \" - à coté")]
    [InlineData("Kreyòl ayisyen, peze 1", "Kreyòl ayisyen, peze 1")]
    public void Fold_LatinLettersAndMarks_BecomeGsm7(string text, string expected)
    {
        var folded = Gsm7Folding.Fold(text);
        Assert.Equal(expected, folded);
        Assert.True(SegmentCounter.IsGsm7(folded));
    }

    [Theory]
    [InlineData("در خطر؟ به 911 زنگ بزنید. ۱-۸۰۰")]
    [InlineData("Опасность? Звоните 911.")]
    [InlineData("有危险？请拨打911。")]
    [InlineData("ਖ਼ਤਰਾ? 911 ਤੇ ਫ਼ੋਨ ਕਰੋ।")]
    [InlineData("Phone: 1-888-351-4024 (8am-8pm)")]
    public void Fold_DigitsNumbersAndOtherScripts_AreNeverChanged(string text) =>
        Assert.Equal(text, Gsm7Folding.Fold(text));

    [Fact]
    public void Pages_SentenceLongerThanAPage_BreaksAtAClauseNotMidClause()
    {
        // One sentence of three clauses, each about half a segment: it cannot be one page of one segment.
        var sentence = "Credible fear means a significant possibility that you can prove persecution for your race, " +
                       "religion, nationality, political opinion or membership in a particular social group, " +
                       "or that torture is more likely than not.";
        var pages = TextPager.Pages([sentence], TextPager.SegmentBudget(1, ""));
        Assert.True(pages.Count > 1);
        Assert.All(pages.Take(pages.Count - 1), p => Assert.EndsWith(",", p, StringComparison.Ordinal));
        Assert.EndsWith("or that torture is more likely than not.", pages[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void AudioDuration_Wav_IsDataSizeOverByteRate()
    {
        // 8 kHz, 16-bit mono: 16,000 bytes a second; 24,000 bytes of data = 1.5 s.
        var path = Path.Combine(Path.GetTempPath(), $"helpline-{Guid.NewGuid():N}.wav");
        try
        {
            using (var w = new BinaryWriter(File.Create(path)))
            {
                w.Write("RIFF"u8); w.Write(36 + 24000); w.Write("WAVE"u8);
                w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(8000); w.Write(16000); w.Write((short)2); w.Write((short)16);
                w.Write("data"u8); w.Write(24000); w.Write(new byte[24000]);
            }
            Assert.Equal(1.5, AudioDuration.Seconds(path)!.Value, 3);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void AudioDuration_RepositoryStandIn_AgreesWithItsHeader()
    {
        var file = System.IO.Directory.EnumerateFiles(Path.Combine(TestContent.RepoRoot, "locales", "audio", "fa-AF"), "*.standin.wav").First();
        var seconds = AudioDuration.Seconds(file);
        Assert.NotNull(seconds);
        Assert.InRange(seconds!.Value, 0.2, 60);
    }
}
