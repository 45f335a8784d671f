using Helpline.Web.Content;
using Helpline.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Helpline.Web.Tests.Content;

/// <summary>
/// In production an answer is only as good as the last check of its facts. The repository's facts were
/// last verified on 2026-12-01; the limit is 180 days. Helpline:StaleFacts decides what the running
/// helpline does with an answer past it: flag (serve, and say so in the log) or refuse.
/// </summary>
public sealed class StaleFactsTests
{
    private static readonly DateTimeOffset WithinTheLimit = new(2027, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset PastTheLimit = new(2028, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private static HelplineApp App(DateTimeOffset now, string? mode) => new(
        mode is null ? null : new() { ["Helpline:StaleFacts"] = mode },
        services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(now)));

    [Fact]
    public async Task FactsPastTheLimit_ByDefault_AreServed_AndEachAnswerIsNamedInTheLog()
    {
        using var app = App(PastTheLimit, mode: null);
        var reply = await app.PostSmsAsync("+15205550901", "English");
        Assert.Contains("Asylum at the border", reply.Message);
        Assert.Contains(app.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Serving answer", StringComparison.Ordinal)
            && e.Properties["Node"].ToString().Contains("fear_say", StringComparison.Ordinal));
    }

    [Fact]
    public void FactsPastTheLimit_WithRefuse_TheHelplineDoesNotStart_NamingTheAnswer()
    {
        using var app = App(PastTheLimit, "Refuse");
        var failure = Assert.ThrowsAny<Exception>(() => app.Services.GetRequiredService<ContentSource>());
        Assert.Contains("refused in production", failure.ToString());
        Assert.Contains("fear_say", failure.ToString());
    }

    [Fact]
    public async Task FactsWithinTheLimit_WithRefuse_AreServed_AndNothingIsFlagged()
    {
        using var app = App(WithinTheLimit, "Refuse");
        var reply = await app.PostSmsAsync("+15205550902", "English");
        Assert.Contains("Asylum at the border", reply.Message);
        Assert.DoesNotContain(app.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Serving answer", StringComparison.Ordinal));
    }

    [Fact]
    public void FactsPastTheLimit_InDevelopment_AreNeitherRefusedNorFlagged()
    {
        using var app = new HelplineApp(new() { ["Helpline:StaleFacts"] = "Refuse" },
            services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(PastTheLimit)), environment: "Development");
        Assert.NotNull(app.Services.GetRequiredService<ContentSource>().Current);
        Assert.DoesNotContain(app.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Serving answer", StringComparison.Ordinal));
    }
}
