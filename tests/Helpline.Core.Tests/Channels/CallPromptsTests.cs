using Helpline.Core.Channels;
using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Voice;

namespace Helpline.Core.Tests.Channels;

/// <summary>A call's menus as the caller hears them: "for X, press N" in every language, in its own word order.</summary>
public sealed class CallPromptsTests : IDisposable
{
    private static ContentBundle Content => TestContent.Repo;
    private readonly string _audioFolder = System.IO.Directory.CreateTempSubdirectory("helpline-call-audio-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_audioFolder, recursive: true);

    private static ConversationEngine Engine => new(Content, TimeProvider.System, new EngineOptions());

    private static TurnResult CallStarts() => Engine.Handle(null, new TurnInput(Channel.Voice, TurnKind.CallStarted));

    /// <summary>The call chooses the language by its key: the turn that plays the main menu.</summary>
    private static List<CallPrompt> MainMenu(string culture, PromptAudio? audio = null)
    {
        var start = CallStarts();
        var offer = start.Outputs.OfType<LanguageChoicesOutput>().Single().Choices.Single(c => c.Culture == culture);
        var chosen = Engine.Handle(start.State, TurnInput.Keypad(offer.Digit));
        Assert.Equal(culture, chosen.State!.Culture);
        return CallPrompts.Of(Content, audio ?? new PromptAudio(Content), chosen.Outputs, culture);
    }

    private static IReadOnlyList<(string Digit, string Label)> MainMenuOptions =>
        [.. Content.Compiled.Node(Content.Compiled.MainMenu)!.OptionsOn(voice: true).Select(o => (o.Digit, o.Label))];

    [Theory]
    [InlineData("fa-AF", "برای", null)]
    [InlineData("ps-AF", "د", "لپاره،")]
    [InlineData("ht", "Pou", null)]
    public void MainMenu_LanguageTwilioCannotSpeak_EachOptionPlaysForThenTheTopicThenPressN_AsStandInFiles(string culture, string before, string? between)
    {
        var prompts = MainMenu(culture);

        Assert.Equal(5, MainMenuOptions.Count);
        foreach (var (digit, label) in MainMenuOptions)
        {
            var option = prompts.Where(p => p.Digit == digit).ToList();
            string[] expected = between is null
                ? [OptionParts.StartKey, label, Keys.Press(digit)]
                : [OptionParts.StartKey, label, OptionParts.MiddleKey, Keys.Press(digit)];
            Assert.Equal(expected, option.Select(p => p.Key!));
            Assert.Equal(before, option[0].Text);
            if (between is not null) Assert.Equal(between, option[2].Text);
            Assert.All(option, p =>
            {
                Assert.Equal(AudioSource.StandIn, p.Sound.Source);
                Assert.Equal(p.Key + PromptAudio.StandInSuffix, Path.GetFileName(p.Sound.File));
                Assert.True(File.Exists(p.Sound.File), $"{p.Sound.File} is not rendered: run helpline audio render");
            });
        }
        // One option after the other, each whole before the next begins.
        var digits = prompts.Where(p => p.Digit is not null).Select(p => p.Digit).ToList();
        Assert.Equal(MainMenuOptions.Select(o => o.Digit), digits.Distinct());
        Assert.Equal(digits.Order(StringComparer.Ordinal), digits);
    }

    [Theory]
    [InlineData("en", "For ")]
    [InlineData("es", "Para ")]
    public void MainMenu_TwilioVoice_EachOptionIsOneSentence_ForXPressN(string culture, string @for)
    {
        var prompts = MainMenu(culture);

        foreach (var (digit, label) in MainMenuOptions)
        {
            var option = Assert.Single(prompts, p => p.Digit == digit);
            Assert.Equal(label, option.Key);
            Assert.Equal(AudioSource.Tts, option.Sound.Source);
            var topic = Content.Locales.Text(culture, label);
            var press = Content.Locales.Text(culture, Keys.Press(digit));
            Assert.Equal($"{@for}{topic}, {press}", option.Text);
        }
        Assert.DoesNotContain(prompts, p => p.Key is not null && OptionParts.IsPart(p.Key));
    }

    [Fact]
    public void MainMenu_DariWithAVolunteersRecordingOfFor_PlaysTheRecordingNotTheStandIn()
    {
        var dari = Path.Combine(_audioFolder, "fa-AF");
        System.IO.Directory.CreateDirectory(dari);
        File.WriteAllText(Path.Combine(dari, OptionParts.StartKey + PromptAudio.StandInSuffix), "stand-in");
        File.WriteAllText(Path.Combine(dari, OptionParts.StartKey + ".wav"), "recorded");

        var prompts = MainMenu("fa-AF", new PromptAudio(_audioFolder));

        var fors = prompts.Where(p => p.Key == OptionParts.StartKey).ToList();
        Assert.Equal(5, fors.Count);
        Assert.All(fors, p => Assert.Equal(new PromptSound(AudioSource.Recording, Path.Combine(dari, OptionParts.StartKey + ".wav")), p.Sound));
    }

    [Fact]
    public void LanguageMenu_OffersStayAsTheyAre_NoForPartAddedToThem()
    {
        var prompts = CallPrompts.Of(Content, new PromptAudio(Content), CallStarts().Outputs, null);

        Assert.DoesNotContain(prompts, p => p.Key is not null && OptionParts.IsPart(p.Key));
        var dari = prompts.Where(p => p.Locale.Culture == "fa-AF").ToList();
        Assert.Equal([Keys.LanguageOffer, Keys.Press(dari[0].Digit!)], dari.Select(p => p.Key));
    }

    [Fact]
    public void CallTiming_CountsTheForClips_ByTheirRealDuration()
    {
        var menu = MainMenu("ps-AF");
        var heard = menu.Take(menu.FindLastIndex(p => p.Digit is not null) + 1).ToList();
        var parts = heard.Where(p => p.Key is not null && OptionParts.IsPart(p.Key)).ToList();

        var mainMenu = CallTiming.Measure(Content, new EngineOptions()).Single(t => t.Culture == "ps-AF").MainMenu;

        // "د" and "لپاره،" with each of the five options, each by its file's length and the pause after it.
        Assert.Equal(10, parts.Count);
        var partSeconds = parts.Sum(p => AudioDuration.Seconds(p.Sound.File!)!.Value + CallTiming.PauseBetweenPrompts);
        Assert.True(partSeconds > 5, $"{partSeconds:0.0} s");
        Assert.Equal(heard.Except(parts).Sum(CallTiming.Seconds) + partSeconds, mainMenu, precision: 6);
    }
}
