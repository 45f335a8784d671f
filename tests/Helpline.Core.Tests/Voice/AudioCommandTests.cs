using Helpline.Cli.Commands;
using Helpline.Core.Voice;
using Moq;

namespace Helpline.Core.Tests.Voice;

public class AudioCommandTests
{
    private static (int Exit, string Output, string Errors) Run(ISpeechSynthesizer synthesizer, params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = AudioCommand.Run(CliArgs.Parse(args), synthesizer, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    [Fact]
    public void Render_ProgramsNotInstalled_ExitsNonZeroNamingThem()
    {
        using var temp = NoTwilioVoiceContent.Create();
        var synthesizer = new Mock<ISpeechSynthesizer>();
        synthesizer.Setup(s => s.MissingPrograms()).Returns(["espeak-ng", "sox"]);

        var (exit, _, errors) = Run(synthesizer.Object, "render", "--root", temp.Root);

        Assert.Equal(1, exit);
        Assert.Contains("espeak-ng and sox are not installed", errors);
        synthesizer.Verify(s => s.Synthesize(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()), Times.Never);
    }

    [Fact]
    public void Render_PrintsASummaryPerCultureAndTheKeysSkipped()
    {
        using var temp = NoTwilioVoiceContent.Create();

        var (exit, output, _) = Run(NoTwilioVoiceContent.Synthesizer().Object, "render", "--root", temp.Root);

        Assert.Equal(0, exit);
        Assert.Matches(@"^es \(espeak-ng es\): 6 rendered, 0 unchanged, \d+ skipped-fallback, 0 recorded", output);
        Assert.Contains("skipped fear.2: no es text", output);
    }

    [Fact]
    public void Render_CultureWithTwilioVoice_RendersNothing()
    {
        using var temp = NoTwilioVoiceContent.Create();
        var synthesizer = NoTwilioVoiceContent.Synthesizer();

        var (exit, output, _) = Run(synthesizer.Object, "render", "--culture", "en", "--root", temp.Root);

        Assert.Equal(0, exit);
        Assert.Contains("no stand-ins needed", output);
        synthesizer.Verify(s => s.Synthesize(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()), Times.Never);
    }

    [Fact]
    public void Render_UnknownCulture_IsAUsageError()
    {
        using var temp = NoTwilioVoiceContent.Create();
        var (exit, _, errors) = Run(NoTwilioVoiceContent.Synthesizer().Object, "render", "--culture", "xx", "--root", temp.Root);
        Assert.Equal(2, exit);
        Assert.Contains("no locale 'xx'", errors);
    }
}
