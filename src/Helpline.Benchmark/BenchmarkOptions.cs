using System.Globalization;

namespace Helpline.Benchmark;

/// <summary>The command line of one benchmark run.</summary>
public sealed record BenchmarkOptions(int Seconds, int Concurrency, string Store, int Warmup, string Channel = "sms", int Soak = 0, int Rate = 0, int Conversations = 0, int Flood = 0)
{
    public const string Usage = """
        usage: dotnet run -c Release --project src/Helpline.Benchmark -- [--seconds 20] [--concurrency 32] [--store Sqlite|Memory|Redis] [--warmup 3] [--channel sms|voice]
                 [--soak <seconds> --rate <req/s>]   steady rate against the helpline only, its VmRSS sampled every 10 s
                 [--conversations <n>]               n distinct SMS conversations ("hola" each), then bytes stored per conversation
                 [--flood <seconds>]                 forged 29 MB posts to the webhooks from --concurrency workers (24 is the attack measured), VmRSS sampled
          (first: dotnet build -c Release src/Helpline.Web)
        """;

    public static readonly BenchmarkOptions Default = new(Seconds: 20, Concurrency: 32, Store: "Sqlite", Warmup: 3);

    /// <summary>Parses "--name value" pairs; every value is bounded, so a run always ends.</summary>
    public static bool TryParse(string[] args, out BenchmarkOptions options, out string? error)
    {
        options = Default;
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
            {
                error = "";
                return false;
            }
            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value";
                return false;
            }
            var value = args[++i];
            switch (name)
            {
                case "--seconds" when TryInt(value, 1, 600, out var seconds):
                    options = options with { Seconds = seconds };
                    break;
                case "--warmup" when TryInt(value, 0, 120, out var warmup):
                    options = options with { Warmup = warmup };
                    break;
                case "--concurrency" when TryInt(value, 1, 1024, out var concurrency):
                    options = options with { Concurrency = concurrency };
                    break;
                case "--store" when value.Equals("Sqlite", StringComparison.OrdinalIgnoreCase):
                    options = options with { Store = "Sqlite" };
                    break;
                case "--store" when value.Equals("Memory", StringComparison.OrdinalIgnoreCase):
                    options = options with { Store = "Memory" };
                    break;
                case "--store" when value.Equals("Redis", StringComparison.OrdinalIgnoreCase):
                    options = options with { Store = "Redis" };
                    break;
                case "--channel" when value is "sms" or "voice":
                    options = options with { Channel = value };
                    break;
                case "--soak" when TryInt(value, 1, 3600, out var soak):
                    options = options with { Soak = soak };
                    break;
                case "--rate" when TryInt(value, 1, 100_000, out var rate):
                    options = options with { Rate = rate };
                    break;
                case "--conversations" when TryInt(value, 1, 1_000_000, out var conversations):
                    options = options with { Conversations = conversations };
                    break;
                case "--flood" when TryInt(value, 1, 120, out var flood):
                    options = options with { Flood = flood };
                    break;
                case "--seconds" or "--warmup" or "--concurrency" or "--store" or "--channel" or "--soak" or "--rate" or "--conversations" or "--flood":
                    error = $"{name} {value}: out of range (seconds 1-600, warmup 0-120, concurrency 1-1024, store Sqlite, Memory or Redis, channel sms or voice, " +
                            "soak 1-3600, rate 1-100000, conversations 1-1000000, flood 1-120)";
                    return false;
                default:
                    error = $"unknown option {name}";
                    return false;
            }
        }
        if (options.Soak > 0 && options.Rate == 0)
        {
            error = "--soak needs --rate";
            return false;
        }
        return true;
    }

    private static bool TryInt(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
