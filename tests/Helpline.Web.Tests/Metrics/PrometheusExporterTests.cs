using System.Diagnostics.Metrics;
using Helpline.Core.Engine;
using Helpline.Web.Metrics;
using Helpline.Web.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace Helpline.Web.Tests.Metrics;

/// <summary>The exporter's text and the labels' bounds, without a host: exact values a webhook test cannot pin down.</summary>
public sealed class PrometheusExporterTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly HelplineMetrics _metrics;
    private readonly PrometheusExporter _exporter;

    public PrometheusExporterTests()
    {
        _metrics = new HelplineMetrics(_services.GetRequiredService<IMeterFactory>());
        _exporter = new PrometheusExporter(_metrics);
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _services.Dispose();
    }

    private static TurnLog Turn(Channel channel, string? locale, string? node, string outcome) => new(channel) { Locale = locale, Node = node, Outcome = outcome };

    [Fact]
    public void Durations_FallInCumulativeBuckets_WithTheBoundItselfInside()
    {
        foreach (var seconds in new[] { 0.003, 0.2, 0.25, 20 })
            _metrics.TurnEnded(Turn(Channel.Sms, "es", "main/main", "next"), TimeSpan.FromSeconds(seconds));

        var lines = _exporter.Scrape().Split('\n');
        Assert.Contains("# TYPE helpline_webhook_duration_seconds histogram", lines);
        Assert.Contains(@"helpline_webhook_duration_seconds_bucket{channel=""sms"",le=""0.005""} 1", lines);
        Assert.Contains(@"helpline_webhook_duration_seconds_bucket{channel=""sms"",le=""0.1""} 1", lines);
        Assert.Contains(@"helpline_webhook_duration_seconds_bucket{channel=""sms"",le=""0.25""} 3", lines);
        Assert.Contains(@"helpline_webhook_duration_seconds_bucket{channel=""sms"",le=""15""} 3", lines);
        Assert.Contains(@"helpline_webhook_duration_seconds_bucket{channel=""sms"",le=""+Inf""} 4", lines);
        Assert.Contains(@"helpline_webhook_duration_seconds_count{channel=""sms""} 4", lines);
        Assert.Contains(@"helpline_webhook_duration_seconds_sum{channel=""sms""} 20.453", lines);
        Assert.Contains(@"helpline_turns_total{channel=""sms"",locale=""es"",node=""main/main""} 4", lines);
    }

    [Theory]
    [InlineData("3", "option")]
    [InlineData("transfer-next", "transfer-next")]
    [InlineData("opted-out", "opted-out")]
    [InlineData("hola amigo", "other")]
    [InlineData("+15205550101", "other")]
    [InlineData("", "other")]
    public void Outcomes_AreDigitsAsOption_KnownWords_OrOther(string outcome, string label) =>
        Assert.Equal(label, HelplineMetrics.OutcomeLabel(outcome));

    [Fact]
    public void LabelsThatAreNotACultureNodeOrDirectoryId_AreCountedAsOther()
    {
        _metrics.TurnEnded(Turn(Channel.WhatsApp, "sms:0a1b2c3d4e5f6a7b", "+15205550101", "help"), TimeSpan.Zero);
        _metrics.TransferStarted("+15205550101");
        _metrics.TransferEnded("kind", "answered");
        _metrics.TransferEnded("kind", "in-a-strange-state");
        _metrics.TurnEnded(Turn(Channel.Voice, null, null, "call-started"), TimeSpan.Zero);

        var lines = _exporter.Scrape().Split('\n');
        Assert.Contains(@"helpline_turns_total{channel=""whatsapp"",locale=""other"",node=""other""} 1", lines);
        Assert.Contains(@"helpline_turns_total{channel=""voice"",locale=""-"",node=""-""} 1", lines);
        Assert.Contains(@"helpline_transfers_total{organization=""other"",outcome=""started""} 1", lines);
        Assert.Contains(@"helpline_transfers_total{organization=""kind"",outcome=""completed""} 1", lines);
        Assert.Contains(@"helpline_transfers_total{organization=""kind"",outcome=""unknown""} 1", lines);
        Assert.DoesNotContain("5205550101", string.Join('\n', lines));
        Assert.DoesNotContain("0a1b2c3d", string.Join('\n', lines));
    }

    [Fact]
    public void TwoHosts_CountApart()
    {
        using var otherServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var otherExporter = new PrometheusExporter(new HelplineMetrics(otherServices.GetRequiredService<IMeterFactory>()));

        _metrics.TurnEnded(Turn(Channel.Sms, "en", "main/main", "next"), TimeSpan.Zero);

        Assert.Contains("helpline_turns_total{", _exporter.Scrape());
        Assert.DoesNotContain("helpline_turns_total{", otherExporter.Scrape());
        Assert.Contains("# TYPE helpline_turns_total counter", otherExporter.Scrape());
    }
}
