using Helpline.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Helpline.Browser.Tests.Support;
using Helpline.Core.Content;
using Helpline.Core.Voice;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Helpline.Browser.Tests;

/// <summary>
/// A volunteer records a Haitian Creole prompt in Chromium: the microphone is Chromium's fake device
/// playing a WAV that espeak-ng spoke (--use-fake-device-for-media-stream
/// --use-file-for-fake-audio-capture), MediaRecorder records it, the server checks and converts it
/// with ffmpeg and sox like `helpline audio import`, and the page shows it recorded.
/// </summary>
public sealed class RecordingPageTests : IAsyncLifetime
{
    private const string Creole = "ht";
    private const string Key = "voice.no_input";
    private static readonly ContentBundle Content = ContentLoader.Load(SimulatorServer.RepoRoot);

    private readonly RecordingServer _server = new();
    private readonly string _work = Directory.CreateTempSubdirectory("helpline-fake-mic-").FullName;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Uri _baseUrl = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(SimulatorBrowser.ChromiumPath), "apt-get install -y chromium");
        // What the volunteer says into the fake microphone: the prompt's own Creole text, with a breath of silence around it.
        var spoken = Path.Combine(_work, "spoken.wav");
        var microphone = Path.Combine(_work, "microphone.wav");
        ExternalProgram.Run("espeak-ng", "-v", "ht", "-w", spoken, Content.Locales.Text(Creole, Key));
        ExternalProgram.Run("sox", spoken, "-r", "48000", "-c", "1", "-b", "16", microphone, "pad", "0.5", "0.5");

        _baseUrl = _server.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = SimulatorBrowser.ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                $"--use-file-for-fake-audio-capture={microphone}", "--autoplay-policy=no-user-gesture-required",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await _server.DisposeAsync();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task ForOfForXPressN_IsListedAlone_WithTheSentenceItIsCutFrom()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _baseUrl.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/simulator/record?culture={Creole}");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", Creole);

        var prompt = page.Locator("section.prompt[data-key='voice.option.start']");
        await Expect(prompt.Locator(".text")).ToHaveTextAsync("Pou");
        await Expect(prompt.Locator(".said-in")).ToContainTextAsync("Pou …, …");
        await Expect(prompt.Locator(".badge")).ToContainTextAsync("stand-in");
        await context.CloseAsync();
    }

    [Fact]
    public async Task RecordListenSave_CreolePrompt_IsCheckedConvertedAndShownRecorded()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _baseUrl.ToString(), Permissions = ["microphone"] });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/simulator/record?culture={Creole}");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", Creole);
        var prompt = page.Locator($"section.prompt[data-key='{Key}']");
        await Expect(prompt.Locator(".text")).ToHaveTextAsync(Content.Locales.Text(Creole, Key));
        await Expect(prompt.Locator(".badge")).ToContainTextAsync("stand-in");
        // Prompts are listed in call order: the first is what a caller hears first.
        Assert.Equal(VoicePrompts.InCallOrder(Content)[0], await page.Locator("section.prompt").First.GetAttributeAsync("data-key"));

        await page.Locator("#by").FillAsync("Wideline");
        await prompt.Locator("button.record").ClickAsync();
        await Expect(prompt).ToHaveAttributeAsync("data-state", "recording");
        // Speak for about three seconds: the page's own clock shows it, the test waits for what it shows.
        await Expect(prompt.Locator(".elapsed")).ToHaveAttributeAsync("data-seconds", "3", new() { Timeout = 15000 });
        await prompt.Locator("button.record").ClickAsync();
        await Expect(prompt).ToHaveAttributeAsync("data-state", "recorded");
        await Expect(prompt.Locator("audio.preview")).ToBeVisibleAsync();

        await prompt.Locator("button.save").ClickAsync();

        await Expect(prompt).ToHaveAttributeAsync("data-outcome", "Saved", new() { Timeout = 30000 });
        await Expect(prompt.Locator(".badge")).ToHaveTextAsync("recorded");
        await Expect(prompt.Locator("audio.current")).ToBeVisibleAsync();
        var saved = PcmAudio.Read(Path.Combine(_server.AudioFolder, Creole, Key + ".wav"));
        Assert.Equal((8000, 1), (saved.SampleRate, saved.Channels));
        Assert.InRange(saved.Seconds, 1, 4);
        var entry = RecordingManifest.Read(Path.Combine(_server.AudioFolder, Creole)).Of(Key);
        Assert.NotNull(entry);
        Assert.Equal(("Wideline", "browser"), (entry.RecordedBy, entry.Source));
        Assert.Equal(RecordingManifest.Hash(Content.Locales.Text(Creole, Key)), entry.TextHash);

        // The summary counts it once the page is loaded again.
        await page.ReloadAsync();
        await Expect(page.Locator("#summary")).ToHaveAttributeAsync("data-recorded", "1");
        await Expect(page.Locator("#summary")).ToContainTextAsync("1 recorded");
    }

    [Fact]
    public async Task Save_SilentRecording_IsRefusedWithTheImportsReason()
    {
        var silence = Path.Combine(_work, "silence.wav");
        ExternalProgram.Run("sox", "-n", "-r", "48000", "-c", "1", "-b", "16", silence, "trim", "0", "3");
        using var http = new HttpClient { BaseAddress = _baseUrl };
        using var body = new ByteArrayContent(await File.ReadAllBytesAsync(silence));
        body.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");

        var response = await http.PostAsync($"/simulator/api/recordings/{Creole}/{Key}?by=Wideline", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Rejected", answer.GetProperty("outcome").GetString());
        Assert.StartsWith("silent", answer.GetProperty("reason").GetString());
        Assert.False(File.Exists(Path.Combine(_server.AudioFolder, Creole, Key + ".wav")));
    }

    [Fact]
    public async Task Save_KeyNoCallSays_IsRefused()
    {
        using var http = new HttpClient { BaseAddress = _baseUrl };
        using var body = new ByteArrayContent(File.ReadAllBytes(Path.Combine(_work, "microphone.wav")));
        body.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");

        var response = await http.PostAsync($"/simulator/api/recordings/{Creole}/..%2F..%2Fevil?by=Wideline", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("unknown key", await response.Content.ReadAsStringAsync());
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(_server.AudioFolder)!, "evil*", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(_server.AudioFolder, Creole, RecordingManifest.FileName)));
    }

}

/// <summary>Outside Development the recording page and its API are behind the admin token, like the rest of the simulator.</summary>
public sealed class RecordingPageAccessTests : IAsyncLifetime
{
    private readonly RecordingServer _server = new(production: true);
    private Uri _baseUrl = null!;

    public Task InitializeAsync()
    {
        _baseUrl = _server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("GET", "/simulator/record")]
    [InlineData("GET", "/simulator/record.js")]
    [InlineData("GET", "/simulator/api/recordings/ht")]
    [InlineData("POST", "/simulator/api/recordings/ht/voice.no_input?by=x")]
    public async Task WithoutTheToken_Unauthorized(string method, string path)
    {
        using var http = new HttpClient { BaseAddress = _baseUrl };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = new ByteArrayContent([1, 2, 3]) { Headers = { ContentType = new MediaTypeHeaderValue("audio/wav") } };

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(File.Exists(Path.Combine(_server.AudioFolder, "ht", RecordingManifest.FileName)));
    }

    [Fact]
    public async Task WithTheToken_ListsTheLanguagesPromptsInCallOrder()
    {
        using var http = new HttpClient { BaseAddress = _baseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RecordingServer.AdminToken);

        var answer = JsonDocument.Parse(await http.GetStringAsync("/simulator/api/recordings/ht")).RootElement;

        var content = ContentLoader.Load(SimulatorServer.RepoRoot);
        Assert.Equal(VoicePrompts.InCallOrder(content, content.Locales.Get("ht")), answer.GetProperty("prompts").EnumerateArray().Select(p => p.GetProperty("key").GetString()));
        Assert.StartsWith("stand-in", answer.GetProperty("prompts")[0].GetProperty("statusText").GetString());
    }
}
