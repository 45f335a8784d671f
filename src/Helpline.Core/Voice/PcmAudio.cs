using System.Buffers.Binary;

namespace Helpline.Core.Voice;

/// <summary>What the checks need to know about a recording, measured from its samples.</summary>
/// <param name="PeakDb">Loudest sample, dB below full scale.</param>
/// <param name="SpeechDb">Level of the loud parts (90th percentile of 20 ms frames), dBFS.</param>
/// <param name="NoiseDb">Level of the quiet parts (10th percentile of 20 ms frames), dBFS: the room and the phone's hiss.</param>
/// <param name="VoicedSeconds">Time spent clearly above the noise: roughly how long someone speaks.</param>
/// <param name="ClippedRuns">Places where three or more samples in a row sit at full scale: the signal was cut off.</param>
public sealed record AudioMeasurement(double Seconds, double PeakDb, double SpeechDb, double NoiseDb, double VoicedSeconds, int ClippedRuns)
{
    /// <summary>How far the voice stands above the noise; the import keeps the recording with more of it.</summary>
    public double SignalToNoiseDb => SpeechDb - NoiseDb;
}

/// <summary>
/// 16-bit PCM WAV, as ffmpeg writes it and as the helpline serves it, read without a library: a
/// RIFF header, a "fmt " chunk and a "data" chunk.
/// </summary>
public sealed class PcmAudio(int sampleRate, int channels, short[] samples)
{
    private readonly short[] samples = samples;

    private const double Silence = -120;

    public int SampleRate => sampleRate;
    public int Channels => channels;
    public double Seconds => samples.Length / (double)(sampleRate * channels);

    public static PcmAudio Read(string file) => Parse(File.ReadAllBytes(file), file);

    /// <summary>Seconds of a WAV file from its header alone, or null when it is not a PCM WAV (an MP3, say).</summary>
    public static double? DurationOf(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            var head = new byte[Math.Min(stream.Length, 4096)];
            stream.ReadExactly(head);
            if (!TryHeader(head, out var rate, out var channels, out var bits, out _, out var dataLength)) return null;
            // The data chunk's own length, capped by what the file holds (a header written before the end was known says 0 or ~4 GB).
            var available = stream.Length - dataLength.Offset;
            var length = dataLength.Length is 0 or uint.MaxValue ? available : Math.Min(dataLength.Length, available);
            return length / (double)(rate * channels * (bits / 8));
        }
        catch (IOException) { return null; }
    }

    public static PcmAudio Parse(byte[] bytes, string name)
    {
        if (!TryHeader(bytes, out var rate, out var channels, out var bits, out var format, out var data))
            throw new AudioProgramException($"{name}: not a WAV file");
        if (format != 1 || bits != 16) throw new AudioProgramException($"{name}: WAV is not 16-bit PCM");
        var length = (int)Math.Min(data.Length is 0 or uint.MaxValue ? bytes.Length - data.Offset : data.Length, bytes.Length - data.Offset);
        var samples = new short[length / 2];
        for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(data.Offset + i * 2, 2));
        return new PcmAudio(rate, channels, samples);
    }

    /// <summary>WAV files of one format, one after the other with a short pause between: a stand-in spoken by two voices.</summary>
    public static void Join(IReadOnlyList<string> files, string output, double pauseSeconds)
    {
        var parts = files.Select(Read).ToList();
        var (rate, channels) = (parts[0].SampleRate, parts[0].Channels);
        if (parts.Any(p => p.SampleRate != rate || p.Channels != channels)) throw new AudioProgramException("parts differ in sample rate or channels");
        var pause = new short[(int)(rate * pauseSeconds) * channels];
        var all = new List<short>();
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0) all.AddRange(pause);
            all.AddRange(parts[i].samples);
        }
        new PcmAudio(rate, channels, [.. all]).Write(output);
    }

    public void Write(string file)
    {
        using var writer = new BinaryWriter(File.Create(file));
        var bytes = samples.Length * 2;
        writer.Write("RIFF"u8);
        writer.Write(36 + bytes);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)channels);
        writer.Write(sampleRate);
        writer.Write(sampleRate * channels * 2);
        writer.Write((short)(channels * 2));
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(bytes);
        foreach (var sample in samples) writer.Write(sample);
    }

    public AudioMeasurement Measure()
    {
        if (samples.Length == 0) return new(0, Silence, Silence, Silence, 0, 0);
        var peak = 0;
        var clippedRuns = 0;
        var run = 0;
        foreach (var sample in samples)
        {
            var magnitude = Math.Abs((int)sample);
            peak = Math.Max(peak, magnitude);
            // 32700 rather than 32767: a codec's rounding leaves the flattened top a count or two below full scale.
            if (magnitude >= 32700)
            {
                if (++run == 3) clippedRuns++;
            }
            else run = 0;
        }

        var frame = Math.Max(1, sampleRate * channels / 50);
        var frames = new List<double>();
        for (var start = 0; start + frame <= samples.Length; start += frame)
        {
            double sum = 0;
            for (var i = start; i < start + frame; i++) sum += (double)samples[i] * samples[i];
            frames.Add(Db(Math.Sqrt(sum / frame)));
        }
        if (frames.Count == 0) frames.Add(Db(peak));
        var sorted = frames.Order().ToList();
        var noise = sorted[(int)(sorted.Count * 0.1)];
        var speech = sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * 0.9))];
        // Voiced: well above the noise and not lost in it; a file of pure hiss has no voiced time.
        var voicedThreshold = Math.Max(noise + 12, -50);
        var voiced = frames.Count(f => f >= voicedThreshold && f >= speech - 30) * (frame / (double)(sampleRate * channels));
        return new(Seconds, Db(peak), speech, noise, voiced, clippedRuns);
    }

    private static double Db(double amplitude) => amplitude <= 0 ? Silence : Math.Max(Silence, 20 * Math.Log10(amplitude / 32768.0));

    private static bool TryHeader(byte[] bytes, out int rate, out int channels, out int bits, out int format, out (int Offset, uint Length) data)
    {
        rate = channels = bits = format = 0;
        data = default;
        if (bytes.Length < 12 || !bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !bytes.AsSpan(8, 4).SequenceEqual("WAVE"u8)) return false;
        var offset = 12;
        var haveFormat = false;
        while (offset + 8 <= bytes.Length)
        {
            var id = bytes.AsSpan(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4, 4));
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8) && body + 16 <= bytes.Length)
            {
                format = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(body, 2));
                channels = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(body + 2, 2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(body + 4, 4));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(body + 14, 2));
                // WAVE_FORMAT_EXTENSIBLE carries the real format in its sub-format GUID's first two bytes.
                if (format == 0xFFFE && size >= 26 && body + 26 <= bytes.Length) format = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(body + 24, 2));
                haveFormat = true;
            }
            else if (id.SequenceEqual("data"u8))
            {
                data = (body, size);
                return haveFormat && rate > 0 && channels > 0 && bits > 0;
            }
            if (size > int.MaxValue) return false;
            offset = body + (int)size + (int)(size & 1);
        }
        return false;
    }
}
