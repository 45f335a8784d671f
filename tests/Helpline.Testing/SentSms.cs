namespace Helpline.Testing;

/// <summary>A message the loopback Twilio API accepted.</summary>
public sealed record SentSms(string To, string From, string Body);
