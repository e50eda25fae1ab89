using BenchmarkDotNet.Running;
using Kz.MicroCredit.Identity.Benchmarks.Cryptography;

if (args.Length == 1 && args[0] == "--gost-stopwatch")
{
    GostStopwatch.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
