using Helpline.Core.Content;

namespace Helpline.Core.Engine;

/// <summary>
/// The helpline's conversation as a pure function: (stored state, what happened) -> (new state, what to say).
/// No I/O: the web host stores the state and renders the outputs; time comes from the TimeProvider.
/// </summary>
/// <remarks>
/// A turn (<see cref="Turn"/>) reads the input (<see cref="InputReader"/>), fires the flow's Stateless
/// machine, and presents where the conversation now is (<see cref="NodePresenter"/>); calls are put
/// through to the directory's numbers only (<see cref="CallTargets"/>); texts are paged within the
/// message budget (<see cref="SmsPaging"/>), worked out once per content load and kept here.
/// </remarks>
public sealed class ConversationEngine(ContentBundle content, TimeProvider time, EngineOptions options)
{
    /// <summary>A locale key with this suffix is the spoken form of the key before it.</summary>
    public const string VoiceSuffix = ".voice";

    /// <summary>The directory need whose national listings a call that ends without a choice is given.</summary>
    public const string LegalHelpNeed = "representation";

    private readonly SmsPaging _paging = new(content, options);

    public ContentBundle Content => content;

    public TurnResult Handle(ConversationState? stored, TurnInput input) =>
        new Turn(content, options, _paging, stored, input, time.GetUtcNow()).Run();
}
