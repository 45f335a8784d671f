using Helpline.Web.State;

namespace Helpline.Web.Tests.State;

public sealed class MemoryConversationStoreTests : ClockDrivenConversationStoreContract
{
    private readonly MemoryConversationStore _store;

    public MemoryConversationStoreTests() => _store = new MemoryConversationStore(Time);

    protected override IConversationStore Store => _store;
}
