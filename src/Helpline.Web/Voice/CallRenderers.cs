using Helpline.Web.Content;

namespace Helpline.Web.Voice;

/// <summary>
/// The call renderer for the content now serving: one per content load, so its audio folder is listed
/// once per load and a call turn builds nothing but its TwiML.
/// </summary>
public sealed class CallRenderers(ContentSource content, ILogger<VoiceRenderer> logger)
{
    private volatile VoiceRenderer? _current;

    public VoiceRenderer Current()
    {
        var bundle = content.Current;
        var renderer = _current;
        if (renderer is not null && ReferenceEquals(renderer.Content, bundle)) return renderer;
        return _current = new VoiceRenderer(bundle, logger);
    }
}
