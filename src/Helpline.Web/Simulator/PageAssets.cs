using Microsoft.Extensions.FileProviders;

namespace Helpline.Web.Simulator;

/// <summary>
/// The admin pages' own files (simulator, recording, review), each served by name with its type; any other
/// file in the folder is not served. Found in the web root, or beside the app's files when the app was
/// started from another folder (the web root is relative to where it starts).
/// </summary>
public sealed class PageAssets(IFileProvider files, string folder, IReadOnlyDictionary<string, string> types)
{
    public static IFileProvider Files(IWebHostEnvironment environment)
    {
        if (environment.WebRootFileProvider.GetFileInfo("simulator/index.html").Exists) return environment.WebRootFileProvider;
        var besideTheApp = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return System.IO.Directory.Exists(besideTheApp) ? new PhysicalFileProvider(besideTheApp) : environment.WebRootFileProvider;
    }

    public IResult Serve(string name, HttpContext http)
    {
        if (!types.TryGetValue(name, out var contentType)) return Results.NotFound();
        var file = files.GetFileInfo(folder + "/" + name);
        if (!file.Exists) return Results.NotFound();
        // Editors reload to see a content change; the page itself must not be a stale copy either.
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Stream(file.CreateReadStream(), contentType, lastModified: file.LastModified, enableRangeProcessing: false);
    }
}
