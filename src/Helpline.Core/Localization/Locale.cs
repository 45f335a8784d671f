namespace Helpline.Core.Localization;

/// <summary>One locales/&lt;culture&gt;.yaml file: how a language is shown, spoken, matched and reviewed.</summary>
public sealed class Locale
{
    public string Culture { get; set; } = "";
    /// <summary>The language's name in its own script, e.g. "دری".</summary>
    public string Name { get; set; } = "";
    public string EnglishName { get; set; } = "";
    public string Direction { get; set; } = "ltr";
    public LocaleVoice Voice { get; set; } = new();
    public LocaleReview Review { get; set; } = new();
    /// <summary>Words that choose this language wherever they are typed ("dari", "دری").</summary>
    public List<string> SelectWords { get; set; } = [];
    /// <summary>Command and option words by name: menu, back, more, repeat, language, help, delete, yes, and option keywords.</summary>
    public Dictionary<string, List<string>> Keywords { get; set; } = [];
    public Dictionary<string, string> Texts { get; set; } = [];

    /// <summary>
    /// SMS only: fold letters and marks outside GSM-7 into GSM-7 (á→a, ç→c, “”→"), so a reply costs 160 characters a
    /// segment instead of 70. Off unless the locale opts in; calls and WhatsApp are never folded.
    /// </summary>
    public bool SmsFoldGsm7 { get; set; }

    /// <summary>The file it came from, for messages that name it.</summary>
    public string File { get; set; } = "";

    public bool IsRightToLeft => Direction.Equals("rtl", StringComparison.OrdinalIgnoreCase);
}

public sealed class LocaleVoice
{
    /// <summary>Twilio &lt;Say&gt; voice, e.g. "Google.es-US-Standard-A"; null where Twilio has none.</summary>
    public string? SayVoice { get; set; }
    /// <summary>Twilio &lt;Say&gt; language, e.g. "es-US"; null where Twilio has none.</summary>
    public string? SayLanguage { get; set; }
    /// <summary>Twilio &lt;Gather&gt; speech language; null means keypad only.</summary>
    public string? SpeechLanguage { get; set; }
    /// <summary>espeak-ng voice used to render stand-in audio until a person records it.</summary>
    public string? EspeakVoice { get; set; }
}

public sealed class LocaleReview
{
    /// <summary>"machine-draft" until a native speaker has reviewed it, then "reviewed".</summary>
    public string Status { get; set; } = "machine-draft";
    public string? ReviewedBy { get; set; }
    public string? Date { get; set; }
    public string? Notes { get; set; }
}
