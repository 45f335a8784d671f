using Helpline.Core.Channels;
using Helpline.Core.Content;
using Helpline.Core.Engine;
using Microsoft.Extensions.Time.Testing;

namespace Helpline.Core.Tests.Engine;

/// <summary>
/// Runs a transcript file: "> what the person sends", then "< the reply contains" / "<! the reply does not contain"
/// lines; "@segments 3" says the SMS reply costs at most 3 segments. "@voice" makes it a call ("> " sends keys, "> (silence)" times out); "@advance 31m" moves the fake clock;
/// "@content minimal" uses the test fixture instead of the repository's content; "@mark-under-review" turns on
/// Helpline:MarkLanguagesUnderReview; "#" starts a comment. Any other
/// line fails the transcript, so a typo cannot silently drop an assertion.
/// </summary>
public static class TranscriptRunner
{
    public static string Folder => Path.Combine(TestContent.RepoRoot, "tests", "Helpline.Core.Tests", "Transcripts");

    public static IEnumerable<object[]> All() =>
        System.IO.Directory.EnumerateFiles(Folder, "*.txt").Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    public static void Run(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, file));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        ContentBundle content = lines.Any(l => l.Trim() == "@content minimal") ? TestContent.Minimal : TestContent.Repo;
        var engine = new ConversationEngine(content, clock, new EngineOptions { MarkLanguagesUnderReview = lines.Any(l => l.Trim() == "@mark-under-review") });
        var voice = lines.Any(l => l.Trim() == "@voice");
        ConversationState? state = null;
        TurnResult? last = null;
        var reply = "";

        if (voice)
        {
            last = engine.Handle(state, new TurnInput(Channel.Voice, TurnKind.CallStarted));
            state = last.State;
            reply = Describe(last, voice);
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var where = $"{file}:{i + 1}";
            if (line.StartsWith("> ", StringComparison.Ordinal) || line == ">")
            {
                var sent = line.Length > 2 ? line[2..] : "";
                var input = voice
                    ? sent == "(silence)" ? new TurnInput(Channel.Voice, TurnKind.Silence)
                    : sent == "(dial failed)" ? new TurnInput(Channel.Voice, TurnKind.TransferFailed)
                    : TurnInput.Keypad(sent)
                    : TurnInput.Sms(sent);
                last = engine.Handle(state, input);
                state = last.State;
                reply = Describe(last, voice);
            }
            else if (line.StartsWith("<! ", StringComparison.Ordinal))
            {
                Assert.False(reply.Contains(line[3..], StringComparison.Ordinal), $"{where}: the reply should not contain \"{line[3..]}\" but was:\n{reply}");
            }
            else if (line.StartsWith("< ", StringComparison.Ordinal))
            {
                Assert.True(reply.Contains(line[2..], StringComparison.Ordinal), $"{where}: the reply should contain \"{line[2..]}\" but was:\n{reply}");
            }
            else if (line.StartsWith("@advance ", StringComparison.Ordinal))
            {
                var text = line["@advance ".Length..].Trim();
                var amount = int.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture);
                clock.Advance(text[^1] switch { 'm' => TimeSpan.FromMinutes(amount), 'h' => TimeSpan.FromHours(amount), _ => TimeSpan.FromSeconds(amount) });
            }
            else if (line.StartsWith("@segments ", StringComparison.Ordinal))
            {
                var most = int.Parse(line["@segments ".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                var cost = Core.Text.SmsCost.Of(reply);
                Assert.True(cost.Segments <= most, $"{where}: the reply should cost at most {most} SMS segments but costs {cost.Segments} ({cost.Encoding}, {reply.Length} characters):\n{reply}");
            }
            else if (line.StartsWith("@state ", StringComparison.Ordinal))
            {
                Assert.Equal(line["@state ".Length..].Trim(), state?.Position ?? "(erased)");
            }
            else if (!IsNote(line))
            {
                // A typo ("<  ", "< !", "@stat") must not quietly turn an assertion into nothing.
                Assert.Fail($"{where}: not a transcript line: \"{line}\" (use > < <! @voice @content @mark-under-review @advance @state @segments, # for a comment)");
            }
        }
    }

    /// <summary>A line that asserts nothing by design: blank, a comment, or a setting read before the run.</summary>
    public static bool IsNote(string line) =>
        line.Trim().Length == 0 || line.StartsWith('#') || line.Trim() is "@voice" or "@content minimal" or "@mark-under-review";

    /// <summary>The reply as the person gets it; for calls, prompts and actions one per line.</summary>
    public static string Describe(TurnResult turn, bool voice)
    {
        if (!voice) return SmsRenderer.Render(turn.Outputs);
        var lines = new List<string>();
        foreach (var output in turn.Outputs)
        {
            lines.Add(output switch
            {
                TextOutput t => t.Text,
                ChoicesOutput c => string.Join("\n", c.Choices.Select(x => $"{x.Label} [{x.Digit}]")),
                LanguageChoicesOutput l => string.Join("\n", l.Choices.Select(x => $"{x.Offer} [{x.Digit}]")),
                TransferOutput t => $"[dial {t.Number}]",
                SendTextOutput s => string.Join("\n", s.Messages.Select(m => $"[sms] {m}")),
                HangupOutput => "[hang up]",
                _ => "",
            });
        }
        return string.Join("\n", lines);
    }
}

public class TranscriptTests
{
    [Theory]
    [MemberData(nameof(TranscriptRunner.All), MemberType = typeof(TranscriptRunner))]
    public void Transcript(string file) => TranscriptRunner.Run(file);
}

public class TranscriptRunnerTests : IDisposable
{
    private readonly string _file = Path.Combine(TranscriptRunner.Folder, $"zz-runner-test-{Guid.NewGuid():N}.tmp");

    public void Dispose() => File.Delete(_file);

    private void Run(params string[] lines)
    {
        File.WriteAllLines(_file, lines);
        TranscriptRunner.Run(Path.GetFileName(_file));
    }

    [Theory]
    [InlineData("< 1 Asylum at the border")]
    [InlineData("@segments 2")]
    [InlineData("# a comment")]
    [InlineData("")]
    public void Run_KnownLines_Pass(string line) => Run("> english", line);

    [Fact]
    public void Run_ReplyOverItsSegments_FailsWithTheCost()
    {
        // English's welcome and main menu: 2 GSM-7 segments.
        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Run("> english", "@segments 1"));
        Assert.Contains("should cost at most 1 SMS segments but costs 2", error.Message);
    }

    [Theory]
    [InlineData("<Main menu")]
    [InlineData("<!Main menu")]
    [InlineData("@stat main/main")]
    [InlineData("expect: Main menu")]
    public void Run_UnknownLine_FailsNamingIt(string line)
    {
        var error = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Run("> english", line));
        Assert.Contains("not a transcript line", error.Message);
        Assert.Contains(line, error.Message);
    }

    [Fact]
    public void Run_AssertionThatDoesNotHold_Fails() =>
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Run("> english", "< no such reply"));
}
