using Helpline.Web.Content;
using Helpline.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Helpline.Web.Tests.Content;

/// <summary>
/// Editors change content while people are texting: good edits apply without a restart, bad ones never
/// reach a caller. The tests say when a file changed (<see cref="ManualContentChanges"/>) instead of
/// waiting on the operating system's file events; <see cref="HotReloadWatcherTests"/> keeps one real watcher.
/// </summary>
public sealed class HotReloadTests : IDisposable
{
    private readonly EditableContent _content = new(realWatcher: false);
    private HelplineApp App => _content.App;
    private const string Texter = "+15205551001";

    public void Dispose() => _content.Dispose();

    [Fact]
    public async Task EditedText_IsSaidOnTheNextMessage_WithoutARestart()
    {
        Assert.Contains("Bienvenido.", (await App.PostSmsAsync(Texter, "Español")).Message);
        Assert.True(await _content.EditAsync("locales/es.yaml", t => t.Replace("Menú principal:", "Menú de inicio:")));
        Assert.Contains("Menú de inicio:", (await App.PostSmsAsync(Texter, "*")).Message);
    }

    [Fact]
    public async Task EditThatFailsValidation_IsRefused_AndTheLastGoodContentKeepsServing()
    {
        await App.PostSmsAsync(Texter, "Español");
        Assert.False(await _content.EditAsync("flows/main.yaml", t => t.Replace("goto: fear,", "goto: nowhere,")));

        var reply = await App.PostSmsAsync(Texter, "1");
        Assert.Contains("Dígale al oficial", reply.Message);
        Assert.Contains(App.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Content edit refused", StringComparison.Ordinal)
            && e.Properties["Reason"].ToString().Contains("'1' leads to 'main/nowhere'", StringComparison.Ordinal));

        // The reason is in the log (above); the unauthenticated /readyz only says that an edit was refused.
        var ready = await App.CreateClient().GetStringAsync("/readyz");
        Assert.DoesNotContain("main/nowhere", ready);
        Assert.Contains("refused", ready);
    }

    [Fact]
    public async Task ConversationWhoseNodeDisappeared_StartsAgainAtTheMainMenu_InItsLanguage()
    {
        await App.PostSmsAsync(Texter, "Español");
        await App.PostSmsAsync(Texter, "1"); // the fear answer
        Assert.True(await _content.EditAsync("flows/main.yaml", t => t
            .Replace("      - { digit: \"1\", label: main.fear, goto: fear, keywords: fear }\n", "")
            .Replace("  - id: fear\n    kind: answer\n    texts: [fear.1, fear.2]\n    facts: [fear-referral]\n", "")));

        var reply = await App.PostSmsAsync(Texter, "más");
        Assert.Contains("Menú principal:", reply.Message);
        Assert.DoesNotContain("Decir que tiene miedo", reply.Message);
    }

    [Fact]
    public async Task NoChangeAnnounced_NothingIsReloaded()
    {
        var source = App.Services.GetRequiredService<ContentSource>();
        var loaded = source.Current;
        await App.PostSmsAsync(Texter, "Español");
        Assert.Same(loaded, source.Current);
    }
}

/// <summary>The one test on the operating system's file events: an edit is noticed by the real watcher.</summary>
public sealed class HotReloadWatcherTests : IDisposable
{
    private readonly EditableContent _content = new(realWatcher: true);

    public void Dispose() => _content.Dispose();

    [Fact]
    public async Task EditedFile_IsNoticedByTheFileSystemWatcher()
    {
        Assert.Contains("Bienvenido.", (await _content.App.PostSmsAsync("+15205551002", "Español")).Message);
        Assert.True(await _content.EditAsync("locales/es.yaml", t => t.Replace("Menú principal:", "Menú de inicio:")));
        Assert.Contains("Menú de inicio:", (await _content.App.PostSmsAsync("+15205551002", "*")).Message);
    }
}

/// <summary>A copy of the minimal fixture served by the helpline, with edits announced by the test or noticed by the real watcher.</summary>
internal sealed class EditableContent : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "helpline-reload-" + Guid.NewGuid().ToString("N"));
    private readonly ManualContentChanges? _changes;

    public EditableContent(bool realWatcher)
    {
        var fixture = Path.Combine(HelplineApp.RepoRoot, "tests", "Helpline.Core.Tests", "Fixtures", "minimal");
        foreach (var file in Directory.EnumerateFiles(fixture, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_root, Path.GetRelativePath(fixture, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        _changes = realWatcher ? null : new ManualContentChanges();
        App = new HelplineApp(new() { ["Helpline:ContentRoot"] = _root }, services: s =>
        {
            if (_changes is not null) s.AddSingleton<IContentChanges>(_changes);
        });
    }

    public HelplineApp App { get; }

    /// <summary>Edits a content file and waits for the reloader's verdict (true: applied, false: refused).</summary>
    public async Task<bool> EditAsync(string file, Func<string, string> edit)
    {
        var source = App.Services.GetRequiredService<ContentSource>();
        var verdict = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Reloaded += applied => verdict.TrySetResult(applied);
        var path = Path.Combine(_root, file);
        await File.WriteAllTextAsync(path, edit(await File.ReadAllTextAsync(path)));
        _changes?.Changed();
        return await verdict.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    public void Dispose()
    {
        App.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Content changes the test announces itself, right after writing the file.</summary>
public sealed class ManualContentChanges : IContentChanges
{
    private readonly Lock _gate = new();
    private Action? _changed;
    private bool _pending; // announced before the reloader started watching

    public IDisposable Watch(string contentRoot, Action changed)
    {
        lock (_gate)
        {
            _changed = changed;
            if (_pending) { _pending = false; changed(); }
        }
        return new Stop(() => { lock (_gate) _changed = null; });
    }

    public void Changed()
    {
        lock (_gate)
        {
            if (_changed is null) _pending = true;
            else _changed();
        }
    }

    private sealed class Stop(Action stop) : IDisposable
    {
        public void Dispose() => stop();
    }
}
