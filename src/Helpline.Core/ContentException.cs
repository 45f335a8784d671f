namespace Helpline.Core;

/// <summary>Content that cannot be loaded at all (a YAML syntax error, a missing folder): names the file.</summary>
public sealed class ContentException(string message, Exception? inner = null) : Exception(message, inner);
