using Helpline.Core.Voice;

namespace Helpline.Core.Tests.Voice;

public class StandInSpellingTests
{
    [Fact]
    public void For_PashtoReadByThePersianVoice_UsesPersianLetters() =>
        Assert.Equal("شه راغلاست", StandInSpelling.For("ps-AF", "fa", "ښه راغلاست"));

    [Theory]
    [InlineData("fa-AF", "fa")]
    [InlineData("ps-AF", "ps")]
    public void For_VoiceOfTheTextsOwnLanguage_LeavesItAsWritten(string culture, string voice) =>
        Assert.Equal("ښه راغلاست", StandInSpelling.For(culture, voice, "ښه راغلاست"));
}
