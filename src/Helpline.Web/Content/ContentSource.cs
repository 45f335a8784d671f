using Helpline.Core.Content;
using Helpline.Core.Engine;
using Helpline.Core.Localization;
using Helpline.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Helpline.Web.Content;

/// <summary>
/// The content every request uses. A bundle is immutable, so swapping it (a reload) never changes a
/// turn already running; each turn takes the bundle current when it starts.
/// </summary>
public sealed class ContentSource(ContentBundle initial, TimeProvider time, IOptions<HelplineOptions> options)
{
    private volatile ContentBundle _current = Served(initial, options);

    public ContentBundle Current => _current;

    public DateTimeOffset LoadedAt { get; private set; } = time.GetUtcNow();

    /// <summary>Why the last edit was refused (the validator's errors), or null when the newest content serves.</summary>
    public string? LastRefusal { get; private set; }

    /// <summary>Raised after every reload attempt, applied or refused (tests and /readyz use it).</summary>
    public event Action<bool>? Reloaded;

    public void Replace(ContentBundle bundle)
    {
        _current = Served(bundle, options);
        LoadedAt = time.GetUtcNow();
        LastRefusal = null;
        Reloaded?.Invoke(true);
    }

    public void Refuse(string reason)
    {
        LastRefusal = reason;
        Reloaded?.Invoke(false);
    }

    /// <summary>The content as callers get it: without unreviewed translations when Helpline:ServeMachineDraftTranslations is false.</summary>
    private static ContentBundle Served(ContentBundle bundle, IOptions<HelplineOptions> options) =>
        TranslationServing.Apply(bundle, options.Value.ServeMachineDraftTranslations);

    private volatile ConversationEngine? _engine;

    /// <summary>The engine for the current content: one per bundle, so what it works out once (SMS pages) is kept.</summary>
    public ConversationEngine Engine()
    {
        var current = _current;
        var engine = _engine;
        if (engine is not null && ReferenceEquals(engine.Content, current)) return engine;
        return _engine = new(current, time, new EngineOptions
        {
            SmsSegmentBudget = options.Value.SmsSegmentBudget,
            SmsAnswerPageBudget = options.Value.SmsAnswerPageBudget,
            IdleReset = options.Value.IdleReset,
            MarkLanguagesUnderReview = options.Value.MarkLanguagesUnderReview,
        });
    }
}
