namespace Helpline.Core.Engine;

/// <summary>Locale text keys the engine itself says (flows name the rest).</summary>
public static class Keys
{
    public const string LanguageTitle = "language.title";
    public const string LanguageOffer = "language.offer";
    public const string NotAnOption = "error.not_an_option";
    /// <summary>Said when a turn fails inside the helpline (the web host answers with it instead of an error).</summary>
    public const string Apology = "error.apology";
    public const string Help = "help";
    /// <summary>After the welcome in a language still under review (Helpline:MarkLanguagesUnderReview): its texts are still being checked.</summary>
    public const string UnderReviewNote = "welcome.under_review";
    public const string Deleted = "privacy.deleted";
    public const string MenuFooter = "footer.menu";
    /// <summary>The main menu's footer: "0 = menu, # = back" would be no use there, so it says only what matters (911).</summary>
    public const string MainFooter = "footer.main";
    public const string AnswerFooter = "footer.answer";
    /// <summary>"General information, not legal advice.": heads every page of an answer that gives legal information.</summary>
    public const string GeneralInformation = "answer.general";
    public const string SmsMore = "sms.more";
    public const string NoneFound = "directory.none";
    public const string RegionChosen = "directory.region_chosen";
    public const string RegionOther = "directory.region_other";
    public const string ContactPhone = "directory.phone";
    public const string ContactSpeedDial = "directory.speed_dial";
    public const string ContactWebsite = "directory.website";
    public const string VoiceKeys = "voice.keys";
    public const string VoiceMore = "voice.more";
    public const string VoiceAnswerEnd = "voice.answer_end";
    public const string VoiceMenuFooter = "voice.menu_footer";
    public const string VoiceNoInput = "voice.no_input";
    public const string VoiceGoodbye = "voice.goodbye_no_input";
    public const string VoiceTextConfirm = "voice.text_confirm";
    public const string VoiceTextSending = "voice.text_sending";
    public const string VoiceTextFailed = "voice.text_failed";
    public const string VoiceConnecting = "voice.connecting";
    public const string VoiceTransferFailed = "voice.transfer_failed";
    public const string VoiceTransferNext = "voice.transfer_next";
    public const string VoiceAfterCall = "voice.after_call";

    public static string Press(string digit) => digit switch
    {
        "*" => "voice.press.star",
        "#" => "voice.press.hash",
        _ => $"voice.press.{digit}",
    };

    /// <summary>Every key the engine may say, for the validator.</summary>
    public static IEnumerable<string> All()
    {
        foreach (var field in typeof(Keys).GetFields())
        {
            if (field.IsLiteral && field.GetRawConstantValue() is string key) yield return key;
        }
        foreach (var digit in "0123456789*#") yield return Press(digit.ToString());
    }
}

/// <summary>Names of the keyword lists every locale carries for the global commands.</summary>
public static class Commands
{
    public const string Menu = "menu";
    public const string Back = "back";
    public const string More = "more";
    public const string Repeat = "repeat";
    public const string Language = "language";
    public const string Help = "help";
    /// <summary>After the welcome in a language still under review (Helpline:MarkLanguagesUnderReview): its texts are still being checked.</summary>
    public const string UnderReviewNote = "welcome.under_review";
    public const string Delete = "delete";
    public const string Yes = "yes";

    public static readonly IReadOnlyList<string> All = [Menu, Back, More, Repeat, Language, Help, Delete, Yes];

    /// <summary>Keypad keys with the same meaning in every language and on every menu.</summary>
    public const string MenuDigit = "0";
    public const string RepeatKey = "*";
    public const string BackKey = "#";
    /// <summary>On a call: "text me this" on answers and legal-help lists.</summary>
    public const string TextMeDigit = "9";
    /// <summary>On answers: continue to the next part.</summary>
    public const string ContinueDigit = "1";
}
