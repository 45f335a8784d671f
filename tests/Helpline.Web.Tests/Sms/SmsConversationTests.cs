using Helpline.Core.Text;
using Helpline.Web.Tests.Support;

namespace Helpline.Web.Tests.Sms;

/// <summary>Texting the helpline over HTTP, signed as Twilio signs: conversations as a texter has them.</summary>
public sealed class SmsConversationTests : IDisposable
{
    private readonly HelplineApp _app = new();
    private const string Texter = "+15205550101";

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TextsEspañol_GetsTheSpanishMenu_ThenTheCredibleFearAnswer()
    {
        var menu = await _app.PostSmsAsync(Texter, "Español");
        Assert.Equal(200, menu.Status);
        Assert.StartsWith("text/xml", menu.ContentType);
        Assert.Contains("Información general, no asesoría legal.", menu.Message);

        // "2 Tengo miedo" is the answer itself, every page saying it is general information.
        var answer = await _app.PostSmsAsync(Texter, "2");
        Assert.StartsWith("Info general, no asesoría legal.\n", answer.Message);
        Assert.Contains("miedo de regresar", answer.Message);
        Assert.Contains("1=más", answer.Message);
        // Spanish is UCS-2 (á, í, ó): 67 characters a segment, so the answer comes in pages of at most 3 segments;
        // "más" (or "mas") reads on.
        Assert.True(SmsCost.Of(answer.Message).Segments <= 3, answer.Message);
        Assert.DoesNotContain("intérprete", answer.Message);
        var pages = new List<string>();
        foreach (var more in new[] { "más", "mas", "más", "más" }) pages.Add((await _app.PostSmsAsync(Texter, more)).Message);
        // The policy with its date (Proclamation 10888) comes before the last page, the interpreter.
        Assert.Contains(pages.SkipLast(1), page => page.Contains("Proclamación 10888", StringComparison.Ordinal));
        Assert.Contains("intérprete", pages[^1]);
        Assert.All(pages, page => Assert.StartsWith("Info general, no asesoría legal.\n", page));
        Assert.All(pages.SkipLast(1), page => Assert.True(SmsCost.Of(page).Segments <= 3, page));
        // After the last page, 1 leads on to the other fear topics.
        Assert.Contains("2 La entrevista", (await _app.PostSmsAsync(Texter, "1")).Message);
    }

    [Fact]
    public async Task TextsEnglish_WalksToTheCaseStatusLine()
    {
        await _app.PostSmsAsync(Texter, "english");
        await _app.PostSmsAsync(Texter, "5");
        var answer = await _app.PostSmsAsync(Texter, "1");
        Assert.Contains("1-800-898-7180", answer.Message);
    }

    [Fact]
    public async Task TextsDari_WithPersianDigits_AnswersAsWithAsciiDigits()
    {
        const string other = "+15205550102";
        await _app.PostSmsAsync(Texter, "دری");
        await _app.PostSmsAsync(other, "دری");
        var persian = await _app.PostSmsAsync(Texter, "۲");
        var ascii = await _app.PostSmsAsync(other, "2");
        Assert.Equal(ascii.Message, persian.Message);
        Assert.Contains("ترس", persian.Message);
    }

    [Fact]
    public async Task NotAnOption_SaysSo_InTheTextersLanguage()
    {
        await _app.PostSmsAsync(Texter, "español");
        var reply = await _app.PostSmsAsync(Texter, "99");
        Assert.Contains("no es una opción", reply.Message);
    }

    [Fact]
    public async Task LongAnswerInRussian_IsPagedWithinTheSegmentBudget_AndMoreGetsTheNextPage()
    {
        await _app.PostSmsAsync(Texter, "русский");
        var first = await _app.PostSmsAsync(Texter, "1");
        Assert.True(SegmentCounter.Count(first.Message) <= 4, $"{SegmentCounter.Count(first.Message)} segments: {first.Message}");
        Assert.Contains("1=дальше", first.Message);

        var second = await _app.PostSmsAsync(Texter, "ещё");
        Assert.NotEqual(first.Message, second.Message);
        Assert.True(SegmentCounter.Count(second.Message) <= 4);
        Assert.Contains("Title 42", first.Message + second.Message);
    }

    [Fact]
    public async Task WhatsApp_IsNotPagedBySegments_ButStaysUnder1600Characters()
    {
        const string whatsapp = "whatsapp:+15205550103";
        await _app.PostSmsAsync(whatsapp, "русский");
        var answer = await _app.PostSmsAsync(whatsapp, "1");
        Assert.True(SegmentCounter.Count(answer.Message) > 4, "a WhatsApp answer is one long message");
        Assert.True(answer.Message.Length <= 1600);
        Assert.DoesNotContain("ЕЩЁ", answer.Message);
    }

    [Fact]
    public async Task SmsAndWhatsApp_FromTheSameNumber_AreSeparateConversations()
    {
        await _app.PostSmsAsync("+15205550104", "español");
        var whatsapp = await _app.PostSmsAsync("whatsapp:+15205550104", "?");
        Assert.Contains("Español", whatsapp.Message); // the WhatsApp conversation still asks for the language
    }

    [Fact]
    public async Task DeleteMyData_ErasesTheConversation_AndConfirms()
    {
        await _app.PostSmsAsync(Texter, "español");
        var reply = await _app.PostSmsAsync(Texter, "borrar");
        Assert.Contains("borr", reply.Message, StringComparison.OrdinalIgnoreCase);
        var after = await _app.PostSmsAsync(Texter, "¿qué?");
        Assert.Contains("English", after.Message); // asked for the language again: nothing was kept
    }

    [Fact]
    public async Task Help_GetsAShortHelpText()
    {
        await _app.PostSmsAsync(Texter, "english");
        var reply = await _app.PostSmsAsync(Texter, "HELP");
        Assert.Contains("not legal advice", reply.Message);
        Assert.Contains("911", reply.Message);
    }
}
