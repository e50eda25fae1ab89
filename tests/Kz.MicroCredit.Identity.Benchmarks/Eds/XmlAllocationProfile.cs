using System.Globalization;
using System.Xml;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;

namespace Kz.MicroCredit.Identity.Benchmarks.Eds;

/// <summary>
/// Bytes allocated per call by each stage of a whole XML verification from bytes (exact, from
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/>, averaged over 200 calls after a warm-up):
/// <c>dotnet run -c Release --project tests/Kz.MicroCredit.Identity.Benchmarks -- --xml-allocations</c>.
/// </summary>
internal static class XmlAllocationProfile
{
    public static void Run()
    {
        foreach (NcaKeyAlgorithm algorithm in new[] { NcaKeyAlgorithm.Gost2004, NcaKeyAlgorithm.Gost2015_512, NcaKeyAlgorithm.Rsa })
        {
            using var bench = new EdsVerificationBenchmarks { Algorithm = algorithm };
            bench.Setup();
            Report(algorithm, "raw CMS (digest + signature)", bench.RawCms);
            Report(algorithm, "digest of 2 KB", () => NcaDigests.Compute(NcaDigests.DigestForKey(algorithm), new byte[2048]).Length > 0);
            Report(algorithm, "tokenise only (XmlReader, same settings)", () => bench.TokeniseOnly() > 0);
            Report(algorithm, "SafeXml.Load (parse into the DOM)", () => bench.ParseOnly() is not null);
            Report(algorithm, "same parse, a name table kept across loads", () => bench.ParseWithKeptNameTable() is not null);
            Report(algorithm, "Verify(loaded document)", bench.WholeXmlLoadedDocument);
            Report(algorithm, "Verify(bytes)", bench.WholeXml);
            Report(algorithm, "CMS Verify(bytes)", bench.WholeCms);
        }
    }

    private static void Report(NcaKeyAlgorithm algorithm, string stage, Func<bool> call)
    {
        for (int i = 0; i < 50; i++)
        {
            _ = call();
        }

        const int Calls = 500;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            _ = call();
        }

        long perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / Calls;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{algorithm,-14} {stage,-42} {perCall,8} B"));
    }
}
