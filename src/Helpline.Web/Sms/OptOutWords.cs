namespace Helpline.Web.Sms;

/// <summary>Twilio's default opt-out and opt-in words; only a message that is exactly one of them counts.</summary>
public static class OptOutWords
{
    private static readonly HashSet<string> Stop = new(StringComparer.OrdinalIgnoreCase) { "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT" };
    private static readonly HashSet<string> Start = new(StringComparer.OrdinalIgnoreCase) { "START", "YES", "UNSTOP" };

    public static bool IsStop(string body, string? optOutType) =>
        string.Equals(optOutType, "STOP", StringComparison.OrdinalIgnoreCase) || Stop.Contains(body.Trim());

    public static bool IsStart(string body, string? optOutType) =>
        string.Equals(optOutType, "START", StringComparison.OrdinalIgnoreCase) || Start.Contains(body.Trim());
}
