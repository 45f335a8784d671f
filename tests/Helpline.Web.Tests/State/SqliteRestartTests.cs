using Helpline.Web.Tests.Support;

namespace Helpline.Web.Tests.State;

public sealed class SqliteRestartTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "helpline-sqlite-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private HelplineApp App() => new(new() { ["Helpline:Store:Provider"] = "Sqlite", ["Helpline:DataFolder"] = _folder });

    [Fact]
    public async Task ANewHostOverTheSameFile_ContinuesTheConversation()
    {
        const string texter = "+15205550601";
        using (var first = App())
        {
            await first.PostSmsAsync(texter, "español");
            await first.PostSmsAsync(texter, "6");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        using var second = App();
        var reply = await second.PostSmsAsync(texter, "1");
        Assert.Contains("1-888-351-4024", reply.Message); // the detention menu's first answer, in Spanish
        Assert.Contains("ICE", reply.Message);
        Assert.True(File.Exists(Path.Combine(_folder, "helpline.db")));
    }
}
