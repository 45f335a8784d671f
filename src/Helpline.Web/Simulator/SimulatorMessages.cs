namespace Helpline.Web.Simulator;

public enum SimulatorChannel { Sms, Voice }

/// <summary>
/// POST /simulator/api/turn. <c>Event</c> "start" begins a new conversation (on voice: the call is
/// answered), optionally as a returning caller whose <c>Language</c> is known; "silence" is a call's
/// &lt;Gather&gt; timing out; "dial-answered" and "dial-failed" end a transfer. Otherwise <c>Input</c>
/// is the text message, or the one key pressed.
/// </summary>
public sealed record SimulatorTurnRequest(string? Session, string? Channel, string? Input, string? Event, string? Language);

/// <summary>What the caller gets from one turn, and where the conversation now stands.</summary>
public sealed record SimulatorTurnResult(
    string Session,
    string Channel,
    string Outcome,
    SimulatorPosition? Position,
    IReadOnlyList<SmsPage> Messages,
    IReadOnlyList<SpokenPrompt> Prompts,
    IReadOnlyList<SimulatorNote> Notes,
    bool CallEnded);

/// <summary>The node the conversation is at, and its language and writing direction.</summary>
public sealed record SimulatorPosition(string Flow, string Node, string? Culture, string Direction);

/// <summary>One SMS as the texter receives it, with what it costs; over budget when it costs more segments than Helpline:SmsSegmentBudget.</summary>
public sealed record SmsPage(string Text, int Segments, string Encoding, int Characters, bool OverBudget);

/// <summary>
/// One prompt as a caller hears it. Source: "recording", "twilio-voice" (Twilio's &lt;Say&gt;),
/// "stand-in" (espeak-ng until a person records it) or "missing" (left out of the call).
/// </summary>
public sealed record SpokenPrompt(string Text, string? Key, string Culture, string Direction, string Source, string? AudioUrl, string? SayLanguage);

/// <summary>Something that happens besides words: a transfer, a hang-up, an erasure, an opt-out.</summary>
public sealed record SimulatorNote(string Kind, string Text);

/// <summary>A language as the picker shows it; Translations counts the review state of the texts a caller can get in it.</summary>
public sealed record SimulatorLanguage(string Culture, string Name, string EnglishName, string Direction, string Review, string Translations);

/// <summary>A flow's picture: <see cref="Svg"/> drawn on the server (FlowDiagram.Svg), <see cref="Mermaid"/> as `helpline graph --no-globals` prints it.</summary>
public sealed record SimulatorGraph(string Flow, string File, string? Node, string Mermaid, string Svg);
