using Helpline.Cli.Commands;
using Helpline.Core.Voice;
using Microsoft.Extensions.Time.Testing;

namespace Helpline.Core.Tests.Voice;

/// <summary>helpline audio script and helpline audio import, as a coordinator runs them.</summary>
public sealed class AudioRecordingCommandTests : IDisposable
{
    private readonly TempContent _temp = NoTwilioVoiceContent.Create();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => _temp.Dispose();

    private (int Exit, string Output, string Errors) Script(params string[] args)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exit = AudioScriptCommand.Run(CliArgs.Parse(["script", .. args]), _time, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    private (int Exit, string Output, string Errors) Import(params string[] args)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exit = AudioImportCommand.Run(CliArgs.Parse(["import", .. args]), new AudioPrograms(), _time, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    [Fact]
    public void Script_WritesHtmlAndCsvWithEveryPrompt()
    {
        var output = Path.Combine(_temp.Root, "out");

        var (exit, printed, _) = Script("es", "--root", _temp.Root, "--out", output);

        Assert.Equal(0, exit);
        var csv = File.ReadAllLines(Path.Combine(output, "es-recording-script.csv"));
        Assert.Equal(VoicePrompts.For(_temp.Load()).Count + 1, csv.Length);
        Assert.StartsWith("1,welcome,welcome.m4a,missing: record,", csv[1]);
        Assert.Contains("Bienvenido. Esto es información general", File.ReadAllText(Path.Combine(output, "es-recording-script.html")));
        Assert.Contains("wrote ", printed);
    }

    [Fact]
    public void Script_UnknownCulture_ExitsTwoListingTheLocales()
    {
        var (exit, _, errors) = Script("xx", "--root", _temp.Root, "--out", _temp.Root);

        Assert.Equal(2, exit);
        Assert.Contains("no locale 'xx' (locales: en, es)", errors);
    }

    [Fact]
    public void Import_WithoutWhoRecorded_ExitsTwoAndSavesNothing()
    {
        var (exit, _, errors) = Import("es", _temp.Root, "--root", _temp.Root);

        Assert.Equal(2, exit);
        Assert.Contains("--by NAME", errors);
    }

    [Fact]
    public void Import_FolderWithGoodAndSilentFiles_ReportsEachAndExitsOneForTheRejected()
    {
        using var audio = new GeneratedAudio();
        audio.Speech("in/main.prompt.m4a", "Menú principal:");
        audio.Silence("in/welcome.ogg", 2);
        var report = Path.Combine(_temp.Root, "report.md");
        var target = Path.Combine(_temp.Root, "elsewhere");

        var (exit, printed, _) = Import("es", Path.Combine(audio.Folder, "in"), "--by", "Ana", "--root", _temp.Root, "--audio", target, "--report", report);

        Assert.Equal(1, exit);
        Assert.Contains("| main.prompt.m4a | main.prompt | saved |", printed);
        Assert.Contains("| welcome.ogg | welcome | rejected | silent", printed);
        Assert.Equal(printed, File.ReadAllText(report));
        // --audio puts recordings where the operator keeps them, not in the repository.
        Assert.True(File.Exists(Path.Combine(target, "es", "main.prompt.wav")));
        Assert.False(System.IO.Directory.Exists(NoTwilioVoiceContent.SpanishFolder(_temp)));
    }
}
