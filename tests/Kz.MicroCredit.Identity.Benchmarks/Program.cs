using BenchmarkDotNet.Running;
using Kz.MicroCredit.Identity.Benchmarks.Cryptography;
using Kz.MicroCredit.Identity.Benchmarks.Eds;

if (args.Length == 1 && args[0] == "--gost-stopwatch")
{
    GostStopwatch.Run();
    return;
}

if (args.Length == 1 && args[0] == "--xml-allocations")
{
    XmlAllocationProfile.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
