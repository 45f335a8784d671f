using Helpline.Core.Channels;
using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Localization;
using Microsoft.Extensions.Time.Testing;

namespace Helpline.Core.Tests.Content;

/// <summary>The repository's content says what the fact base says, in every language (issue 12's wording fixes).</summary>
public class RepoContentTruthTests
{
    private const string OrrNumber = "1-800-203-7001";

    private static ContentBundle Content => TestContent.Repo;

    public static TheoryData<string> Cultures
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var locale in TestContent.Repo.Locales.Locales) data.Add(locale.Culture);
            return data;
        }
    }

    /// <summary>"Ask for asylum" means telling an officer at the border elsewhere: the deadline is for filing the form.</summary>
    [Theory]
    [MemberData(nameof(Cultures))]
    public void Deadline_InEveryLanguage_NamesFormI589(string culture) =>
        Assert.Contains("I-589", Content.Locales.Get(culture).Texts["deadline.1"]);

    /// <summary>An answer that depends on the border policy states it with its date, or it is one step away.</summary>
    [Theory]
    [InlineData("main/fear_say")]
    [InlineData("main/fear_decision")]
    [InlineData("main/expedited_removal")]
    [InlineData("main/border")]
    public void AnswerThatDependsOnTheBorderBar_StatesItWithItsDate(string node)
    {
        var answer = Content.Compiled.Node(node)!;
        Assert.Contains("proclamation-10888", answer.Facts);
        Assert.Contains(answer.Texts, k => Content.Locales.English.Texts[k].Contains("as of July", StringComparison.OrdinalIgnoreCase) && Content.Locales.English.Texts[k].Contains("10888", StringComparison.Ordinal));
    }

    private static readonly string[] LegalAnswers =
        ["border", "fear_say", "fear_questions", "fear_decision", "reasonable_fear", "expedited_removal", "asylum_basics", "deadline", "fees", "asylum_types", "other_protections", "work_permit", "scams"];

    /// <summary>
    /// Every page that gives legal information says it is general information, not legal advice: the first page and
    /// each later one (a texter may read page 3 alone), by SMS and in the messages a call's "text me this" sends.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cultures))]
    public void LegalAnswers_InEveryLanguage_SayGeneralInformationOnEveryPage(string culture)
    {
        var note = Content.Locales.Text(culture, Keys.GeneralInformation);
        foreach (var node in LegalAnswers) Assert.True(Content.Compiled.Node("main/" + node)!.GeneralInformation, $"main/{node} is not marked general_information");

        var pages = SentReplies.All(Content, new EngineOptions())
            .Where(r => r.Culture == culture && LegalAnswers.Any(n => r.Node == "main/" + n) && r.Situation is "arrives" or "MORE" or "a call's 'text me this'")
            .ToList();
        Assert.Contains(pages, p => p.Page > 0); // later pages are among them, not only first pages
        foreach (var page in pages)
        {
            Assert.True(page.Body.StartsWith(note + "\n", StringComparison.Ordinal), $"{culture} {page.Node} page {page.Page} ({page.Situation}) does not open with \"{note}\"");
            Assert.Single(page.Body.Split(note)[1..]); // said once, not again by the text itself
        }
    }

    /// <summary>
    /// A call in a language Twilio cannot speak hears "general information" before each legal answer from a
    /// stand-in or recording like every other prompt: none of the answer's first part is silent.
    /// </summary>
    [Theory]
    [InlineData("fa-AF")]
    [InlineData("ps-AF")]
    [InlineData("ht")]
    public void LegalAnswers_OnACall_WithoutATwilioVoice_EveryPromptHasASound(string culture)
    {
        var engine = new ConversationEngine(Content, new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero)), new EngineOptions());
        var audio = new Helpline.Core.Voice.PromptAudio(Content);
        foreach (var node in LegalAnswers)
        {
            var at = new ConversationState { Culture = culture, Flow = "main", Node = node, LastActive = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero) };
            var turn = engine.Handle(at, TurnInput.Keypad(Commands.RepeatKey));
            var prompts = CallPrompts.Of(Content, audio, turn.Outputs, culture);
            Assert.Equal(Keys.GeneralInformation, prompts[0].Key);
            Assert.All(prompts, p => Assert.True(p.Sound.Source != Helpline.Core.Voice.AudioSource.Missing, $"{culture} {node}: {p.Key} has no sound"));
        }
    }

    /// <summary>A parent who chooses "separated children" gets the ORR line by text, and on a call can be connected to it.</summary>
    [Theory]
    [MemberData(nameof(Cultures))]
    public void SeparatedChildren_InEveryLanguage_GivesTheOrrLineAndATransferOnACall(string culture)
    {
        var engine = new ConversationEngine(Content, new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero)), new EngineOptions());
        var language = Content.Locales.Get(culture);

        ConversationState? sms = null;
        var reply = "";
        foreach (var text in new[] { language.Name, "0", "6", "3" })
        {
            var turn = engine.Handle(sms, TurnInput.Sms(text));
            sms = turn.State;
            reply = SmsRenderer.Render(turn.Outputs);
        }
        Assert.Equal("main/separated_children", sms!.Position);
        Assert.Contains(OrrNumber, reply);

        var digit = Content.Compiled.Node("main/language")!.Languages.IndexOf(language.Culture) is var i and < 9 ? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "0";
        ConversationState? call = engine.Handle(null, new TurnInput(Channel.Voice, TurnKind.CallStarted)).State;
        TransferOutput? transfer = null;
        // Choose the language, Detention (3 on a call: flows/main.yaml voice_options), Separated children,
        // then 1 through the answer's parts and at the ORR line.
        foreach (var key in new[] { digit, "3", "3", "1", "1", "1", "1" })
        {
            var turn = engine.Handle(call, TurnInput.Keypad(key));
            call = turn.State;
            transfer = turn.Outputs.OfType<TransferOutput>().FirstOrDefault();
            if (transfer is not null) break;
        }
        Assert.NotNull(transfer);
        Assert.Equal("+18002037001", transfer.Number);
        Assert.Equal("orr-national-call-center", transfer.Organization.Id);
    }

    [Fact]
    public void OrrLine_IsInNoLegalHelpList()
    {
        var orr = Content.Directory.Get("orr-national-call-center")!;
        Assert.True(orr.IsShown);
        Assert.Empty(orr.Needs);
        Assert.Null(orr.SpeedDial);
    }

    [Fact]
    public void Spanish_NeverCallsWithholdingSuspensionOfDeportation()
    {
        var spanish = Content.Locales.Get("es").Texts;
        Assert.DoesNotContain(spanish, t => t.Value.Contains("suspensión", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("restricción de la deportación (withholding of removal)", spanish["other_protections.1"]);
    }

    /// <summary>English inside a translation is explained in the language (the name of a list read by a Persian voice was not).</summary>
    [Theory]
    [MemberData(nameof(Cultures))]
    public void SpokenListName_IsTranslated(string culture)
    {
        if (culture == LocaleCatalog.FallbackCulture) return;
        Assert.DoesNotContain("List of Pro Bono", Content.Locales.Get(culture).Texts["detention_calls.2.voice"]);
    }

    [Fact]
    public void Dari_ExplainsNotarioAndNotaryPublic()
    {
        var scams = Content.Locales.Get("fa-AF").Texts["scams.1"];
        Assert.Contains("نوتاریو", scams);
        Assert.Contains("تصدیق‌کننده", scams);
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void EveryTranslation_IsTrackedAndCurrent(string culture)
    {
        if (culture == LocaleCatalog.FallbackCulture) return;
        var notCurrent = Content.Translations.StatusesOf(Content.Locales, culture)
            .Where(s => Content.Locales.English.Texts.ContainsKey(s.Key) && s.State is TranslationState.Stale or TranslationState.Untracked)
            .Select(s => $"{s.Key}: {s.State}").ToList();
        Assert.True(notCurrent.Count == 0, string.Join("\n", notCurrent));
    }
}
