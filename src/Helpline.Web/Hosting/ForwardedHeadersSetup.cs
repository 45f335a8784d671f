using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Helpline.Web.Hosting;

/// <summary>
/// Forwarded headers from <see cref="HelplineOptions.TrustedProxies"/> only. The framework's own
/// defaults would believe any loopback peer, and ASPNETCORE_FORWARDEDHEADERS_ENABLED believes everyone;
/// neither is used. Without trusted proxies nothing is forwarded.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static ForwardedHeadersOptions? For(HelplineOptions options)
    {
        if (options.TrustedProxies.Length == 0) return null;
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in options.TrustedProxies)
        {
            if (TryParse(proxy, out var network)) forwarded.KnownIPNetworks.Add(network);
        }
        return forwarded;
    }

    /// <summary>An address (a network of one) or a CIDR network.</summary>
    public static bool TryParse(string value, out System.Net.IPNetwork network)
    {
        value = value.Trim();
        if (IPAddress.TryParse(value, out var address))
        {
            network = new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return System.Net.IPNetwork.TryParse(value, out network);
    }
}
