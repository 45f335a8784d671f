namespace Helpline.Twilio.Tests.Support;

/// <summary>Values that recur across the tests, named for what they stand for.</summary>
internal static class TestParameters
{
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "test-auth-token";
    public const string CallerNumber = "+15005550006";
    public const string HelplineNumber = "+15005550001";

    public static readonly TimeSpan GenerousWait = TimeSpan.FromSeconds(10);
}
