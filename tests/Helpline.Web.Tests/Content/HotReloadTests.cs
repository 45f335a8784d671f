using Helpline.Web.Content;
using Helpline.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Helpline.Web.Tests.Content;

/// <summary>Editors change content while people are texting: good edits apply without a restart, bad ones never reach a caller.</summary>
public sealed class HotReloadTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "helpline-reload-" + Guid.NewGuid().ToString("N"));
    private readonly HelplineApp _app;
    private const string Texter = "+15205551001";

    public HotReloadTests()
    {
        var fixture = Path.Combine(HelplineApp.RepoRoot, "tests", "Helpline.Core.Tests", "Fixtures", "minimal");
        foreach (var file in Directory.EnumerateFiles(fixture, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_root, Path.GetRelativePath(fixture, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        _app = new HelplineApp(new() { ["Helpline:ContentRoot"] = _root });
    }

    public void Dispose()
    {
        _app.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    /// <summary>Edits a content file and waits for the reloader's verdict (true: applied, false: refused).</summary>
    private async Task<bool> EditAsync(string file, Func<string, string> edit)
    {
        var source = _app.Services.GetRequiredService<ContentSource>();
        var verdict = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Reloaded += applied => verdict.TrySetResult(applied);
        var path = Path.Combine(_root, file);
        await File.WriteAllTextAsync(path, edit(await File.ReadAllTextAsync(path)));
        return await verdict.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task EditedText_IsSaidOnTheNextMessage_WithoutARestart()
    {
        Assert.Contains("Bienvenido.", (await _app.PostSmsAsync(Texter, "Español")).Message);
        Assert.True(await EditAsync("locales/es.yaml", t => t.Replace("Menú principal:", "Menú de inicio:")));
        Assert.Contains("Menú de inicio:", (await _app.PostSmsAsync(Texter, "*")).Message);
    }

    [Fact]
    public async Task EditThatFailsValidation_IsRefused_AndTheLastGoodContentKeepsServing()
    {
        await _app.PostSmsAsync(Texter, "Español");
        Assert.False(await EditAsync("flows/main.yaml", t => t.Replace("goto: fear,", "goto: nowhere,")));

        var reply = await _app.PostSmsAsync(Texter, "1");
        Assert.Contains("Dígale al oficial", reply.Message);
        Assert.Contains(_app.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Content edit refused", StringComparison.Ordinal)
            && e.Properties["Reason"].ToString().Contains("'1' leads to 'main/nowhere'", StringComparison.Ordinal));

        var ready = await _app.CreateClient().GetStringAsync("/readyz");
        Assert.Contains("main/nowhere", ready);
    }

    [Fact]
    public async Task ConversationWhoseNodeDisappeared_StartsAgainAtTheMainMenu_InItsLanguage()
    {
        await _app.PostSmsAsync(Texter, "Español");
        await _app.PostSmsAsync(Texter, "1"); // the fear answer
        Assert.True(await EditAsync("flows/main.yaml", t => t
            .Replace("      - { digit: \"1\", label: main.fear, goto: fear, keywords: fear }\n", "")
            .Replace("  - id: fear\n    kind: answer\n    texts: [fear.1, fear.2]\n    facts: [fear-referral]\n", "")));

        var reply = await _app.PostSmsAsync(Texter, "más");
        Assert.Contains("Menú principal:", reply.Message);
        Assert.DoesNotContain("Decir que tiene miedo", reply.Message);
    }
}
