namespace Helpline.Core.Voice;

/// <summary>
/// Turns a locale's text into a phone-quality WAV file. The seam between the stand-in renderer and
/// the programs that do the speaking, so the renderer can be tested without them.
/// </summary>
public interface ISpeechSynthesizer
{
    /// <summary>The programs it needs that cannot be started here; empty when it is ready to speak.</summary>
    IReadOnlyList<string> MissingPrograms();

    /// <summary>Speaks <paramref name="text"/> with an espeak-ng voice into <paramref name="outputFile"/>, replacing it.</summary>
    /// <exception cref="SpeechSynthesisException">the voice is unknown or a program failed</exception>
    void Synthesize(string voice, string text, string outputFile);
}

/// <summary>A synthesizer program failed; the message carries what it printed.</summary>
public sealed class SpeechSynthesisException(string message, Exception? inner = null) : Exception(message, inner);
