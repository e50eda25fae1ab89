using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Testing.Revocation;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Security;

namespace Kz.MicroCredit.Identity.Benchmarks.Revocation;

/// <summary>A synthetic RSA-signed CRL with N entries of 20-byte serials (NCA's serial size), 10% with a reason code.</summary>
internal sealed class SyntheticCrl
{
    private static readonly Dictionary<int, SyntheticCrl> Cache = [];

    private SyntheticCrl(int entries)
    {
        Key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Benchmark CA, C=KZ", Key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        Ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(5));
        var random = new Random(42);
        Serials = new byte[entries][];
        var list = new TestCrlEntry[entries];
        DateTimeOffset start = DateTimeOffset.UtcNow.AddYears(-1);
        for (int i = 0; i < entries; i++)
        {
            byte[] serial = new byte[20];
            random.NextBytes(serial);
            serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
            Serials[i] = serial;
            list[i] = new TestCrlEntry(serial, start.AddSeconds(i), i % 10 == 0 ? 1 : null);
        }

        var builder = new TestCrlBuilder(Ca, new Asn1SignatureFactory("SHA256WITHRSA", DotNetUtilities.GetRsaKeyPair(Key).Private))
        {
            ThisUpdate = DateTimeOffset.UtcNow.AddHours(-1),
            NextUpdate = DateTimeOffset.UtcNow.AddDays(1),
            CrlNumber = 100,
        };
        Der = builder.Build(list);
    }

    public RSA Key { get; }

    public X509Certificate2 Ca { get; }

    public byte[][] Serials { get; }

    public byte[] Der { get; }

    public static SyntheticCrl Get(int entries)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(entries, out SyntheticCrl? crl))
            {
                crl = new SyntheticCrl(entries);
                Cache[entries] = crl;
            }

            return crl;
        }
    }
}
