using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;

namespace Kz.MicroCredit.Identity.Testing.Revocation;

/// <summary>
/// Writes signed X.509 CRLs (base or delta) for tests and the sandbox with a streaming DER writer, so that CRLs with
/// millions of entries can be produced quickly. The signature comes from any BouncyCastle
/// <see cref="ISignatureFactory"/> (e.g. the NCA signature factory for GOST, or an RSA one).
/// </summary>
public sealed class TestCrlBuilder
{
    private readonly byte[] _issuerName;
    private readonly ISignatureFactory _signer;

    /// <summary>Initializes a new instance of the <see cref="TestCrlBuilder"/> class.</summary>
    /// <param name="issuer">The CA certificate (its subject becomes the CRL issuer).</param>
    /// <param name="signer">Signs with the CA's key.</param>
    public TestCrlBuilder(X509Certificate2 issuer, ISignatureFactory signer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(signer);
        _issuerName = issuer.SubjectName.RawData;
        _signer = signer;
    }

    /// <summary>Gets or sets thisUpdate.</summary>
    public DateTimeOffset ThisUpdate { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Gets or sets nextUpdate (<see langword="null"/> omits it).</summary>
    public DateTimeOffset? NextUpdate { get; set; } = DateTimeOffset.UtcNow.AddDays(1);

    /// <summary>Gets or sets the CRL number.</summary>
    public long CrlNumber { get; set; } = 1;

    /// <summary>Gets or sets the base CRL number; when set the CRL is a delta CRL.</summary>
    public long? DeltaBaseCrlNumber { get; set; }

    /// <summary>Builds the DER CRL.</summary>
    /// <param name="entries">The revoked certificates.</param>
    /// <returns>The signed DER CRL.</returns>
    public byte[] Build(IEnumerable<TestCrlEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        TestCrlEntry[] list = entries as TestCrlEntry[] ?? entries.ToArray();
        byte[] algorithm = ((AlgorithmIdentifier)_signer.AlgorithmDetails).GetEncoded(Asn1Encodable.Der);

        // AsnWriter grows in 1 KiB steps: size it up front, or a million entries cost quadratic copying.
        var tbs = new AsnWriter(AsnEncodingRules.DER, initialCapacity: 1024 + _issuerName.Length + (list.Length * 64));
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(1);
            tbs.WriteEncodedValue(algorithm);
            tbs.WriteEncodedValue(_issuerName);
            WriteTime(tbs, ThisUpdate);
            if (NextUpdate is { } next)
            {
                WriteTime(tbs, next);
            }

            bool any = false;
            foreach (TestCrlEntry entry in list)
            {
                if (!any)
                {
                    tbs.PushSequence();
                    any = true;
                }

                using (tbs.PushSequence())
                {
                    tbs.WriteInteger(new BigInteger(entry.Serial, isUnsigned: true, isBigEndian: true));
                    WriteTime(tbs, entry.RevokedAt);
                    if (entry.Reason is { } reason)
                    {
                        using (tbs.PushSequence())
                        using (tbs.PushSequence())
                        {
                            tbs.WriteObjectIdentifier("2.5.29.21");
                            var value = new AsnWriter(AsnEncodingRules.DER);
                            value.WriteEnumeratedValue((CrlReasonValue)reason);
                            tbs.WriteOctetString(value.Encode());
                        }
                    }
                }
            }

            if (any)
            {
                tbs.PopSequence();
            }

            using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            using (tbs.PushSequence())
            {
                WriteExtension(tbs, "2.5.29.20", false, w => w.WriteInteger(CrlNumber));
                if (DeltaBaseCrlNumber is { } baseNumber)
                {
                    WriteExtension(tbs, "2.5.29.27", true, w => w.WriteInteger(baseNumber));
                }
            }
        }

        byte[] tbsDer = tbs.Encode();
        IStreamCalculator<IBlockResult> calculator = _signer.CreateCalculator();
        using (Stream stream = calculator.Stream)
        {
            stream.Write(tbsDer);
        }

        byte[] signature = calculator.GetResult().Collect();
        var crl = new AsnWriter(AsnEncodingRules.DER, initialCapacity: tbsDer.Length + signature.Length + 256);
        using (crl.PushSequence())
        {
            crl.WriteEncodedValue(tbsDer);
            crl.WriteEncodedValue(algorithm);
            crl.WriteBitString(signature);
        }

        return crl.Encode();
    }

    private static void WriteExtension(AsnWriter writer, string oid, bool critical, Action<AsnWriter> value)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (critical)
            {
                writer.WriteBoolean(true);
            }

            var inner = new AsnWriter(AsnEncodingRules.DER);
            value(inner);
            writer.WriteOctetString(inner.Encode());
        }
    }

    private static void WriteTime(AsnWriter writer, DateTimeOffset value)
    {
        value = new DateTimeOffset(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        if (value.Year is >= 1950 and < 2050)
        {
            writer.WriteUtcTime(value);
        }
        else
        {
            writer.WriteGeneralizedTime(value, omitFractionalSeconds: true);
        }
    }

    private enum CrlReasonValue
    {
        Unspecified = 0,
    }
}
