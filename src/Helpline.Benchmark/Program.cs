using Helpline.Benchmark;

// The same executable is the minimal endpoint the helpline is compared with.
if (args.Contains(MinimalServer.Switch)) return MinimalServer.Run(args.Where(a => a != MinimalServer.Switch).ToArray());
if (args.Contains(TwilioAdapterComparison.Switch)) return TwilioAdapterComparison.Run(args);

if (!BenchmarkOptions.TryParse(args, out var options, out var error))
{
    if (!string.IsNullOrEmpty(error)) Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Stop cleanly: the run's finally blocks kill the servers.
    e.Cancel = true;
    cancel.Cancel();
};
return await new BenchmarkRun(options).RunAsync(cancel.Token);
