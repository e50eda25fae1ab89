using System.Diagnostics;
using System.Globalization;

namespace Kz.MicroCredit.Identity.Benchmarks.Cryptography;

/// <summary>
/// A quick interleaved stopwatch check of <see cref="GostEngineBenchmarks"/> (best of 5 rounds per case, the cases
/// taking turns, so that a load change on a shared machine hits every case alike): <c>dotnet run -c Release --project
/// tests/Kz.MicroCredit.Identity.Benchmarks -- --gost-stopwatch</c>. BenchmarkDotNet stays the measurement of record.
/// </summary>
internal static class GostStopwatch
{
    public static void Run()
    {
        foreach (string curve in new[] { "GostR3410-2001-CryptoPro-A", "Tc26-Gost-3410-12-512-paramSetA", "Tc26-Gost-3410-12-256-paramSetA" })
        {
            var bench = new GostEngineBenchmarks { Curve = curve };
            bench.Setup();
            int calls = curve.Contains("512", StringComparison.Ordinal) ? 40 : 120;
            var cases = new (string Name, Func<bool> Call)[]
            {
                ("BouncyCastle, returning key", bench.BouncyCastle),
                ("BouncyCastle, cold key", bench.BouncyCastleColdKey),
                ("managed, returning key", bench.Managed),
                ("managed, cold key", bench.ManagedColdKey),
            };
            var best = new double[cases.Length];
            Array.Fill(best, double.MaxValue);
            for (int round = 0; round < 5; round++)
            {
                for (int c = 0; c < cases.Length; c++)
                {
                    var watch = Stopwatch.StartNew();
                    for (int i = 0; i < calls; i++)
                    {
                        if (!cases[c].Call())
                        {
                            throw new InvalidOperationException("A benchmark input does not verify.");
                        }
                    }

                    best[c] = Math.Min(best[c], watch.Elapsed.TotalMicroseconds / calls);
                }
            }

            for (int c = 0; c < cases.Length; c++)
            {
                double ratio = best[c % 2] / best[c]; // against BouncyCastle with the same key state
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{curve,-34} {cases[c].Name,-30} {best[c],10:F1} µs  {ratio,5:F2}× BouncyCastle"));
            }
        }
    }
}
