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

    // Worked out once per content load, and only when the setting is on: it walks every text of every language.
    private readonly Lazy<IReadOnlySet<string>> _underReview = new(() =>
        options.MarkLanguagesUnderReview ? Review.LanguagesUnderReview.Of(content) : new HashSet<string>());

    /// <summary>The languages the menu marks as still under review (none unless Helpline:MarkLanguagesUnderReview is on).</summary>
    public IReadOnlySet<string> UnderReview => _underReview.Value;

    public ContentBundle Content => content;

    public TurnResult Handle(ConversationState? stored, TurnInput input) =>
        new Turn(content, options, _paging, UnderReview, stored, input, time.GetUtcNow()).Run();

    /// <summary>
    /// What to say when a turn fails inside the helpline (the store is down, a bug): an apology in the
    /// person's language (<paramref name="culture"/>, when known), where to find free legal help, and the
    /// language menu, which needs no stored state. One source for every channel; each renders it.
    /// </summary>
    public IReadOnlyList<Output> Fallback(string? culture, Channel channel) => Engine.Fallback.Degraded(content, _paging, culture, channel);
}
