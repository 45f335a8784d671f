using Helpline.Web.State;
using Microsoft.Data.Sqlite;

namespace Helpline.Web.Tests.State;

/// <summary>The contract on a real SQLite file, new for each test.</summary>
public class SqliteConversationStoreTests : ClockDrivenConversationStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "helpline-store-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteConversationStore _store;

    public SqliteConversationStoreTests() : this(SqliteConversationStore.DefaultCachedRecords) { }

    protected SqliteConversationStoreTests(int cachedRecords) =>
        _store = new SqliteConversationStore(Path.Combine(_folder, "helpline.db"), Time, cachedRecords);

    protected override IConversationStore Store => _store;

    public override Task DisposeAsync()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

/// <summary>
/// The contract again with room for one record in memory, so nearly every read goes to the file:
/// the in-memory copies and the file must tell the same story.
/// </summary>
public sealed class SqliteWithOneCachedRecordTests() : SqliteConversationStoreTests(cachedRecords: 1);
