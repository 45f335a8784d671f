using Helpline.Core.Text;

namespace Helpline.Core.Tests.Text;

/// <summary>The vectors of docs/twilio-contract.md, "SMS segments".</summary>
public class SegmentCounterTests
{
    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Count_GsmDigits_MatchesContractVectors(int length, int segments) =>
        Assert.Equal(segments, SegmentCounter.Count(new string('1', length)));

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Count_AccentedLetter_MakesUcs2(int length, int segments) =>
        Assert.Equal(segments, SegmentCounter.Count(new string('Á', length)));

    [Fact]
    public void Count_EmojiPlus68_IsOneSegment_Plus69_IsTwo()
    {
        Assert.Equal(1, SegmentCounter.Count("😜" + new string('a', 68)));
        Assert.Equal(2, SegmentCounter.Count("😜" + new string('a', 69)));
    }

    [Fact]
    public void Count_ExtensionCharacters_CostTwoSeptets()
    {
        Assert.Equal(1, SegmentCounter.Count(new string('€', 80)));
        Assert.Equal(2, SegmentCounter.Count(new string('€', 81)));
        Assert.Equal(SmsEncoding.Gsm7, SegmentCounter.EncodingOf("{[~]}"));
    }

    [Fact]
    public void Count_OneStrayNonGsmLetter_MakesTheWholeMessageUcs2()
    {
        var spanish = "Información general, no asesoría legal.";
        Assert.Equal(SmsEncoding.Ucs2, SegmentCounter.EncodingOf(spanish));
        Assert.Equal(SmsEncoding.Gsm7, SegmentCounter.EncodingOf("Kreyòl ayisyen: è ò à"));
    }

    [Fact]
    public void Count_Dari_IsAlwaysUcs2() =>
        Assert.Equal(SmsEncoding.Ucs2, SegmentCounter.EncodingOf("دری"));

    [Fact]
    public void Count_EmptyMessage_IsOneSegment() => Assert.Equal(1, SegmentCounter.Count(""));
}
