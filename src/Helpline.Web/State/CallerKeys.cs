using System.Security.Cryptography;
using System.Text;

namespace Helpline.Web.State;

/// <summary>
/// Turns a phone number (or a CallSid) into the key its conversation is stored under: an HMAC with
/// a secret, so the store never holds a number and a leaked store cannot be reversed without the secret.
/// </summary>
public sealed class CallerKeys(byte[] secret)
{
    public string For(string channel, string address)
    {
        var bytes = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(channel + ":" + address.Trim()));
        return channel + ":" + Convert.ToHexStringLower(bytes);
    }

    /// <summary>The development secret: made once and kept in the data folder so keys survive restarts.</summary>
    public static byte[] LoadOrCreateDevelopmentSecret(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        var path = Path.Combine(dataFolder, "caller-key.secret");
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        var secret = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(secret));
        return secret;
    }
}
