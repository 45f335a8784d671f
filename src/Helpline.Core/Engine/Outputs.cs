using Helpline.Core.Directory;

namespace Helpline.Core.Engine;

/// <summary>What the helpline says or does, independent of SMS or voice; channels render these.</summary>
public abstract record Output;

/// <summary>A text to show or say. Key names the locale text (for recorded audio); null for assembled SMS pages.</summary>
public sealed record TextOutput(string? Key, string Text) : Output;

/// <summary>Menu choices; SMS shows "1 Label" lines, voice says each label and "press 1".</summary>
public sealed record ChoicesOutput(IReadOnlyList<Choice> Choices) : Output;

public sealed record Choice(string Digit, string LabelKey, string Label);

/// <summary>The language menu: each language offered in its own words and voice.</summary>
public sealed record LanguageChoicesOutput(IReadOnlyList<LanguageChoice> Choices) : Output;

public sealed record LanguageChoice(string Digit, string Culture, string Name, string OfferKey, string Offer);

/// <summary>Connect the call to an organization from the directory.</summary>
public sealed record TransferOutput(Organization Organization, string Number) : Output;

/// <summary>Send this text as SMS to the caller (a call's "text me this"); pages are sent as separate messages.</summary>
public sealed record SendTextOutput(IReadOnlyList<string> Messages) : Output;

/// <summary>End the call.</summary>
public sealed record HangupOutput : Output;

/// <summary>Erase everything stored for this caller.</summary>
public sealed record EraseDataOutput : Output;

/// <summary>The new state (null once erased), what to say, and a word for the log.</summary>
public sealed record TurnResult(ConversationState? State, IReadOnlyList<Output> Outputs, string Outcome);
