using Helpline.Web.Tests.Support;

namespace Helpline.Web.Tests.Sms;

/// <summary>A whole conversation's log events, as any sink would write them, hold no number and no message text.</summary>
public sealed class PrivacyTests
{
    [Fact]
    public async Task NoPhoneNumberOrMessageText_EverReachesTheLogs()
    {
        using var app = new HelplineApp();
        const string texter = "+15205550777";
        string[] messages = ["Español", "2", "1", "my husband is detained in Texas", "0", "8", "1", "79901", "más", "STOP", "START", "borrar"];
        foreach (var message in messages) await app.PostSmsAsync(texter, message);
        await app.PostSmsAsync("whatsapp:+15205550778", "hello there friend");
        await app.PostAsync("/twilio/sms", [new("From", "+15205550779"), new("Body", "unsigned secret words")], signature: "");

        var written = app.Logs.Written().ToList();
        Assert.Contains(written, line => line.Contains("Turn", StringComparison.Ordinal));
        foreach (var line in written)
        {
            Assert.DoesNotContain("5205550777", line);
            Assert.DoesNotContain("5205550778", line);
            Assert.DoesNotContain("5205550779", line);
            Assert.DoesNotContain("husband", line);
            Assert.DoesNotContain("hello there friend", line);
            Assert.DoesNotContain("secret words", line);
        }
    }

    [Fact]
    public async Task EachTurn_IsOneStructuredEvent_WithChannelLocaleNodeOutcomeAndDuration()
    {
        using var app = new HelplineApp();
        await app.PostSmsAsync("+15205550780", "Español", messageSid: "SMturnlog");
        var turn = Assert.Single(app.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Turn", StringComparison.Ordinal));
        Assert.Equal("\"Sms\"", turn.Properties["Channel"].ToString());
        Assert.Equal("\"es\"", turn.Properties["Locale"].ToString());
        Assert.Equal("\"main/main\"", turn.Properties["Node"].ToString());
        Assert.Equal("\"language-by-name\"", turn.Properties["Outcome"].ToString());
        Assert.Equal("\"SMturnlog\"", turn.Properties["MessageSid"].ToString());
        Assert.True(turn.Properties.ContainsKey("DurationMs"));
    }
}
