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

    /// <summary>A reviewer's XLIFF rewrites a text of a language played from files: its stand-in is spoken again at once.</summary>
    [Fact]
    public void ReviewImport_RewritesAText_OfALanguageWithoutATwilioVoice_SpeaksItsStandInAgain()
    {
        using var temp = NoTwilioVoiceContent.Create();
        var synthesizer = NoTwilioVoiceContent.Synthesizer();
        Assert.Equal(0, Run(synthesizer.Object, "render", "--root", temp.Root).Exit);
        var xliffFile = Path.Combine(temp.Root, "es.xlf");
        Assert.Equal(0, ReviewCommand.Run(CliArgs.Parse(["export", "es", "--out", xliffFile, "--root", temp.Root]), TimeProvider.System, new StringWriter(), new StringWriter()));
        var xliff = System.Xml.Linq.XDocument.Load(xliffFile);
        var unit = xliff.Descendants().Single(e => e.Name.LocalName == "trans-unit" && (string?)e.Attribute("id") == "main.prompt");
        var target = unit.Elements().Single(e => e.Name.LocalName == "target");
        target.Value = "Menú principal de Helpline:";
        target.SetAttributeValue("state", "translated");
        xliff.Save(xliffFile);

        var output = new StringWriter();
        var exit = ReviewCommand.Run(CliArgs.Parse(["import", xliffFile, "--by", "Ana Ruiz", "--root", temp.Root]), TimeProvider.System, output, new StringWriter(), synthesizer.Object);

        Assert.Equal(0, exit);
        Assert.Contains("stand-ins: 1 spoken again (main.prompt)", output.ToString());
        Assert.Equal("es: Menú principal de Helpline:", File.ReadAllText(Path.Combine(NoTwilioVoiceContent.SpanishFolder(temp), "main.prompt" + PromptAudio.StandInSuffix)));
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
