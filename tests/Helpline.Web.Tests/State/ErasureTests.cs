using System.Text;
using Helpline.Web.State;
using Helpline.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Helpline.Web.Tests.State;

/// <summary>
/// "Delete my data" erases every record of the number, on every channel, and leaves no readable copy
/// in the SQLite files: not in the WAL, not in the main file's free space.
/// </summary>
public sealed class ErasureTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "helpline-erase-" + Guid.NewGuid().ToString("N"));
    private string DbPath => Path.Combine(_folder, "helpline.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task DeleteAsync_LeavesNoCopy_InTheDatabaseOrItsWal()
    {
        const string key = "sms:erase-me-3f9c2b";
        static string State(int n) => $$"""{"State":{"Culture":"es","Flow":"distinctive-flow-{{n}}"},"Recent":[{"Id":"x","Reply":"distinctive reply {{n}}"}]}""";

        // A first process writes the record and others beside it; closing checkpoints them into the main file.
        using (var first = new SqliteConversationStore(DbPath, TimeProvider.System))
        {
            for (var i = 0; i < 20; i++) await first.TrySaveAsync($"sms:other-{i}", """{"n":1}""", 0, TimeSpan.FromDays(1));
            await first.TrySaveAsync(key, State(1), 0, TimeSpan.FromDays(1));
            for (var v = 1; v < 5; v++) await first.TrySaveAsync(key, State(v + 1), v, TimeSpan.FromDays(1));
        }

        // The next process changes it a few more times (copies in the WAL), then erases it.
        using var second = new SqliteConversationStore(DbPath, TimeProvider.System);
        for (var v = 5; v < 15; v++) await second.TrySaveAsync(key, State(v + 1), v, TimeSpan.FromDays(1));
        await second.DeleteAsync(key);

        Assert.Null(await second.GetAsync(key));
        foreach (var file in new[] { DbPath, DbPath + "-wal" })
        {
            var bytes = ReadShared(file);
            Assert.False(Contains(bytes, key), $"{Path.GetFileName(file)} still holds the key");
            Assert.False(Contains(bytes, "distinctive"), $"{Path.GetFileName(file)} still holds the state");
        }
        // The records beside it are untouched.
        Assert.NotNull(await second.GetAsync("sms:other-3"));
    }

    [Fact]
    public async Task EraseWord_ByText_ErasesTheNumbersSmsWhatsAppAndVoiceRecords_AndLeavesNoCopyOnDisk()
    {
        const string number = "+15205551501";
        using var app = new HelplineApp(new()
        {
            ["Helpline:Store:Provider"] = "Sqlite",
            ["Helpline:DataFolder"] = _folder,
        });
        await app.PostSmsAsync(number, "español");
        await app.PostSmsAsync(number, "2");
        await app.PostSmsAsync("whatsapp:" + number, "english");
        await app.PostAsync("/twilio/voice", [new("CallSid", "CAerase1"), new("From", number), new("To", HelplineApp.HelplineNumber)]);
        await app.PostAsync("/twilio/voice/gather?s=1", [new("CallSid", "CAerase1"), new("From", number), new("To", HelplineApp.HelplineNumber), new("Digits", "2")]);

        var keys = app.Services.GetRequiredService<CallerKeys>();
        string[] recordKeys = [keys.For("sms", number), keys.For("whatsapp", "whatsapp:" + number), keys.For("voice", number)];
        var stored = new List<string>();
        foreach (var recordKey in recordKeys)
            stored.Add(Assert.IsType<StoredRecord>(await app.Store.GetAsync(recordKey)).Json);

        var reply = await app.PostSmsAsync(number, "borrar");
        Assert.Contains("borr", reply.Message, StringComparison.OrdinalIgnoreCase);

        foreach (var recordKey in recordKeys) Assert.Null(await app.Store.GetAsync(recordKey));
        foreach (var file in new[] { DbPath, DbPath + "-wal" })
        {
            var bytes = ReadShared(file);
            foreach (var recordKey in recordKeys) Assert.False(Contains(bytes, recordKey), $"{Path.GetFileName(file)} still holds {recordKey}");
            foreach (var json in stored) Assert.False(Contains(bytes, json), $"{Path.GetFileName(file)} still holds a record's state");
        }
    }

    [Fact]
    public async Task EraseWord_OnWhatsApp_ErasesTheSmsRecordToo()
    {
        const string number = "+15205551502";
        using var app = new HelplineApp();
        await app.PostSmsAsync(number, "español");
        await app.PostSmsAsync("whatsapp:" + number, "delete");

        var keys = app.Services.GetRequiredService<CallerKeys>();
        Assert.Null(await app.Store.GetAsync(keys.For("sms", number)));
        Assert.Contains("English", (await app.PostSmsAsync(number, "?")).Message); // asked for the language again
    }

    private static byte[] ReadShared(string path)
    {
        if (!File.Exists(path)) return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
