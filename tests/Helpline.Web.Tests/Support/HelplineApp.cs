using System.Collections.Concurrent;
using System.Xml.Linq;
using Helpline.Testing;
using Helpline.Web.State;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog.Core;
using Serilog.Events;

namespace Helpline.Web.Tests.Support;

/// <summary>
/// The helpline over HTTP as Twilio sees it: production settings, signed webhooks, the repository's
/// content, and every log event captured so tests can check what would reach a sink.
/// </summary>
public sealed class HelplineApp : WebApplicationFactory<Program>
{
    public const string AuthToken = "test-auth-token";
    public const string AccountSid = "ACtest00000000000000000000000000";
    public const string PublicBaseUrl = "https://helpline.example.org";
    public const string HelplineNumber = "+15005550006";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly string _environment;

    public HelplineApp(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string environment = "Production")
    {
        _environment = environment;
        _settings = new Dictionary<string, string?>
        {
            ["Twilio:AuthToken"] = AuthToken,
            ["Twilio:AccountSid"] = AccountSid,
            ["Twilio:RetryBaseDelay"] = "00:00:00",
            ["Helpline:PublicBaseUrl"] = PublicBaseUrl,
            ["Helpline:CallerKeySecret"] = "test-caller-key-secret",
            ["Helpline:ContentRoot"] = RepoRoot,
            ["Helpline:Store:Provider"] = "Memory",
        };
        foreach (var (key, value) in settings ?? []) _settings[key] = value;
        _services = services;
    }

    public LogCapture Logs { get; } = new();

    public static string RepoRoot { get; } = FindRepoRoot();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            _services?.Invoke(services);
        });
    }

    public IConversationStore Store => Services.GetRequiredService<IConversationStore>();

    public Task<Reply> PostSmsAsync(string from, string? body, string? messageSid = null, IDictionary<string, string>? extra = null)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", messageSid ?? "SM" + Guid.NewGuid().ToString("N")),
            new("AccountSid", AccountSid),
            new("From", from),
            new("To", HelplineNumber),
            new("NumMedia", "0"),
        };
        if (body is not null) form.Add(new("Body", body));
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) form.Add(new(key, value));
        return PostAsync("/twilio/sms", form);
    }

    /// <summary>A Twilio-signed form POST to a webhook path (with its query string).</summary>
    public async Task<Reply> PostAsync(string pathAndQuery, IEnumerable<KeyValuePair<string, string>> form, string? signature = null)
    {
        var client = CreateClient();
        var fields = form.ToList();
        var request = TwilioRequestSigner.SignedFormPost(AuthToken, "http://localhost" + pathAndQuery, fields, PublicBaseUrl + pathAndQuery);
        if (signature is not null)
        {
            request.Headers.Remove(Helpline.Twilio.TwilioSignatureFilter.SignatureHeader);
            if (signature.Length > 0) request.Headers.TryAddWithoutValidation(Helpline.Twilio.TwilioSignatureFilter.SignatureHeader, signature);
        }
        var response = await client.SendAsync(request);
        return new Reply((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", await response.Content.ReadAsStringAsync());
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Helpline.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Helpline.sln not found");
    }
}

/// <summary>A webhook's answer: status, content type and TwiML, parsed on demand.</summary>
public sealed record Reply(int Status, string ContentType, string Body)
{
    public XDocument Xml => XDocument.Parse(Body);

    /// <summary>The text of every &lt;Message&gt;, in order.</summary>
    public IReadOnlyList<string> Messages => [.. Xml.Root!.Elements("Message").Select(m => m.Value)];

    public string Message => Assert.Single(Messages);

    public bool IsEmptyResponse => Xml.Root!.Name == "Response" && !Xml.Root.HasElements;
}

/// <summary>Every Serilog event the app writes, rendered with its properties, for privacy checks.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public IReadOnlyList<LogEvent> Events => [.. _events];

    /// <summary>Each event as a sink would write it: message, properties and exception.</summary>
    public IEnumerable<string> Written() => _events.Select(e =>
    {
        using var writer = new StringWriter();
        new Serilog.Formatting.Compact.CompactJsonFormatter().Format(e, writer);
        return writer.ToString();
    });
}
