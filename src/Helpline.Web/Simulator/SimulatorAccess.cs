using System.Security.Cryptography;
using System.Text;

namespace Helpline.Web.Simulator;

/// <summary>
/// Who may open the simulator. It shows every text and flow before they are published, so outside
/// Development it needs the admin token (Helpline:AdminToken); without one configured it does not exist (404).
/// The token comes as <c>Authorization: Bearer</c>, or once as <c>?token=</c>, which is traded for an
/// HttpOnly, SameSite=Strict cookie (and, on a page, a redirect) so it leaves the address bar and history.
/// </summary>
public sealed class SimulatorAccess(IConfiguration configuration, IHostEnvironment environment) : IEndpointFilter
{
    public const string TokenKey = "Helpline:AdminToken";
    public const string CookieName = "helpline-simulator";
    public const string QueryName = "token";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (environment.IsDevelopment()) return await next(context);
        var token = configuration[TokenKey];
        if (string.IsNullOrWhiteSpace(token)) return Results.NotFound();

        var http = context.HttpContext;
        var request = http.Request;
        var expectedCookie = CookieValue(token);

        if (request.Query.TryGetValue(QueryName, out var fromQuery))
        {
            if (!SameSecret(fromQuery.ToString(), token)) return Unauthorized(http);
            http.Response.Cookies.Append(CookieName, expectedCookie, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                // Behind a TLS-terminating proxy the request here is http: the public URL says what the browser used.
                Secure = request.IsHttps || (configuration["Helpline:PublicBaseUrl"]?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ?? false),
                Path = SimulatorEndpoints.BasePath,
                IsEssential = true,
            });
            // A page is reloaded without the token; an API call just goes on.
            if (HttpMethods.IsGet(request.Method) && !request.Path.StartsWithSegments(SimulatorEndpoints.ApiPath))
                return Results.Redirect(request.PathBase + request.Path + WithoutToken(request.Query));
            return await next(context);
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            const string bearer = "Bearer ";
            var presented = authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? authorization[bearer.Length..].Trim() : "";
            return SameSecret(presented, token) ? await next(context) : Unauthorized(http);
        }

        if (request.Cookies.TryGetValue(CookieName, out var cookie))
            return SameSecret(cookie, expectedCookie) ? await next(context) : Unauthorized(http);

        return Unauthorized(http);
    }

    /// <summary>The cookie holds a value derived from the token, not the token: a leaked cookie does not leak the API credential.</summary>
    public static string CookieValue(string token) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), "helpline simulator cookie"u8));

    /// <summary>Compares in constant time; hashing first hides the length too.</summary>
    private static bool SameSecret(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static IResult Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Text(
            "The simulator needs the admin token (Helpline:AdminToken): open /simulator?token=... once, or send Authorization: Bearer.",
            statusCode: StatusCodes.Status401Unauthorized);
    }

    private static string WithoutToken(IQueryCollection query)
    {
        var rest = query.Where(q => q.Key != QueryName).SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}")).ToList();
        return rest.Count == 0 ? "" : "?" + string.Join("&", rest);
    }
}
