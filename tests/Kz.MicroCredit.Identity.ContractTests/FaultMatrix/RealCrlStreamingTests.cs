using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Http;
using Xunit;
using Xunit.Abstractions;

namespace Kz.MicroCredit.Identity.ContractTests.FaultMatrix;

/// <summary>The streaming CRL walker accepts every real NCA CRL however the bytes arrive, and refuses early what is not a CRL.</summary>
public sealed class RealCrlStreamingTests(ITestOutputHelper output)
{
    public static TheoryData<string> RealCrls => new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "nca-crl"), "*.crl").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(RealCrls))]
    public void A_real_nca_crl_passes_the_walker_in_any_chunking_and_parses(string file)
    {
        byte[] der = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "nca-crl", file));
        foreach (int chunk in new[] { 1, 7, 64, der.Length })
        {
            var check = new CrlStreamCheck(RevocationOptions.DefaultMaxCrlBytes);
            for (int received = Math.Min(chunk, der.Length); ; received = Math.Min(received + chunk, der.Length))
            {
                check.Inspect(der.AsSpan(0, received), final: false);
                if (received == der.Length)
                {
                    break;
                }
            }

            check.Inspect(der, final: true);
        }

        CrlDocument doc = CrlDocument.Parse(der);
        double perEntry = doc.Index.Count == 0 ? 0 : (double)der.Length / doc.Index.Count;
        output.WriteLine($"{file}: {der.Length} B, {doc.Index.Count} entries, {perEntry:0.0} B/entry on the wire, index {doc.Index.FootprintBytes} B");
    }

    [Theory]
    [MemberData(nameof(RealCrls))]
    public void A_real_crl_followed_by_bytes_or_cut_short_is_refused(string file)
    {
        byte[] der = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "nca-crl", file));

        Assert.Throws<RemoteResponseException>(() => new CrlStreamCheck(RevocationOptions.DefaultMaxCrlBytes).Inspect([.. der, 0x00], final: false));
        Assert.Throws<RemoteResponseException>(() => new CrlStreamCheck(RevocationOptions.DefaultMaxCrlBytes).Inspect(der.AsSpan(0, der.Length - 1), final: true));
        Assert.Equal(
            RemoteResponseFault.TooLarge,
            Assert.Throws<RemoteResponseException>(() => new CrlStreamCheck(der.Length - 1).Inspect(der.AsSpan(0, 8), final: false)).Fault);
    }

    [Theory]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D })] // "<htm"
    [InlineData(new byte[] { 0x30, 0x80 })] // BER indefinite length
    [InlineData(new byte[] { 0x30, 0x85, 1, 2, 3, 4, 5 })] // a five-byte length
    [InlineData(new byte[] { 0x30, 0x06, 0x02, 0x01 })] // a TBS that is not a SEQUENCE
    public void Junk_is_refused_at_its_first_bytes(byte[] prefix) =>
        Assert.Throws<RemoteResponseException>(() => new CrlStreamCheck(RevocationOptions.DefaultMaxCrlBytes).Inspect(prefix, final: false));
}
