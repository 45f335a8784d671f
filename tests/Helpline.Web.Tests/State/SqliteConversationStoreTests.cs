using Helpline.Web.State;
using Microsoft.Data.Sqlite;

namespace Helpline.Web.Tests.State;

/// <summary>The contract on a real SQLite file, new for each test.</summary>
public sealed class SqliteConversationStoreTests : ClockDrivenConversationStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "helpline-store-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteConversationStore _store;

    public SqliteConversationStoreTests() => _store = new SqliteConversationStore(Path.Combine(_folder, "helpline.db"), Time);

    protected override IConversationStore Store => _store;

    public override Task DisposeAsync()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
