using System.Buffers.Binary;

namespace Helpline.Core.Channels;

/// <summary>
/// How long an audio file plays, read from its own header: WAV exactly (data size / byte rate), MP3 from its
/// first frame's bit rate (exact for constant bit rate, which is what phone recordings and the import produce;
/// an estimate for variable bit rate). No external tool is needed, so the report runs on any machine.
/// </summary>
public static class AudioDuration
{
    public static double? Seconds(string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            return path.EndsWith(".mp3", StringComparison.OrdinalIgnoreCase) ? Mp3(bytes) : Wav(bytes);
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    internal static double? Wav(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes[8..12].SequenceEqual("WAVE"u8)) return null;
        int? byteRate = null;
        for (var at = 12; at + 8 <= bytes.Length;)
        {
            var id = bytes.Slice(at, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(at + 4, 4));
            if (size < 0) return null;
            if (id.SequenceEqual("fmt "u8) && at + 16 <= bytes.Length) byteRate = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(at + 16, 4));
            if (id.SequenceEqual("data"u8))
            {
                // A streamed WAV may say 0 or too much: what is in the file is what plays.
                var data = Math.Min(size == 0 ? int.MaxValue : size, bytes.Length - at - 8);
                return byteRate is > 0 ? (double)data / byteRate.Value : null;
            }
            at += 8 + size + (size & 1);
        }
        return null;
    }

    private static readonly int[] Mpeg1Layer3Kbps = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] Mpeg2Layer3Kbps = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];

    internal static double? Mp3(ReadOnlySpan<byte> bytes)
    {
        var start = 0;
        if (bytes.Length >= 10 && bytes[..3].SequenceEqual("ID3"u8))
            start = 10 + ((bytes[6] & 0x7F) << 21 | (bytes[7] & 0x7F) << 14 | (bytes[8] & 0x7F) << 7 | (bytes[9] & 0x7F));
        for (var i = start; i + 4 <= bytes.Length; i++)
        {
            if (bytes[i] != 0xFF || (bytes[i + 1] & 0xE0) != 0xE0) continue;
            var version = (bytes[i + 1] >> 3) & 0x03; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
            var layer = (bytes[i + 1] >> 1) & 0x03;   // 1 = Layer III
            var index = bytes[i + 2] >> 4;
            if (layer != 1 || version == 1 || index is 0 or 15) continue;
            var kbps = (version == 3 ? Mpeg1Layer3Kbps : Mpeg2Layer3Kbps)[index];
            return (bytes.Length - i) * 8.0 / (kbps * 1000.0);
        }
        return null;
    }
}
