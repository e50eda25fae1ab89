using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Pki;
using Kz.MicroCredit.Identity.Tests.Eds.Reference;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Eds;

/// <summary>
/// <see cref="NcaCmsVerifier"/> reads CMS with its own <c>AsnReader</c> parse; <see cref="BouncyCastleCmsVerifier"/> is
/// the BouncyCastle-based verifier it replaced. Both must decide every input the same way: the real Kalkan/NCANode
/// files, messages from .NET's SignedCms (subject-key-identifier signers, CAdES-T tokens) and our sandbox signer, and
/// thousands of mutations of each (bit flips, truncations, insertions, length changes).
/// </summary>
public sealed class CmsParserDifferentialTests
{
    private static readonly Lazy<List<Sample>> Samples = new(BuildSamples);

    public static TheoryData<string> SampleNames()
    {
        var names = new TheoryData<string>();
        foreach (Sample sample in Samples.Value)
        {
            names.Add(sample.Name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Unchanged_sample_is_decided_exactly_as_before(string name)
    {
        Sample sample = Samples.Value.Single(s => s.Name == name);
        (CmsVerificationResult ours, _) = AssertSameDecision(sample.Cms, sample.Options);
        Assert.True(sample.ExpectValid == ours.IsValid, $"{ours.Failure} [{string.Join(",", ours.Signers.Select(x => x.Failure?.ToString() ?? "ok"))}]");
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Mutated_sample_is_decided_exactly_as_before(string name)
    {
        Sample sample = Samples.Value.Single(s => s.Name == name);
        var random = new Random(name.Length * 7919 + name[^1]);
        int rejected = 0;

        // Ours keeps one path validator (and so its certificate caches) across all mutations, as a server would; the
        // reference builds a fresh one per message. Cached answers must not change any decision.
        var shared = new NcaCertificatePathValidator(sample.Options.TrustStore!);
        var ourOptions = new CmsVerificationOptions
        {
            PathValidator = shared,
            ValidationTime = sample.Options.ValidationTime,
            DetachedContent = sample.Options.DetachedContent,
        };
        for (int i = 0; i < 400; i++)
        {
            byte[] mutated = Mutate(i % 3 == 0 ? sample.Cms : Mutate(sample.Cms, random), random);
            (CmsVerificationResult ours, _) = AssertSameDecision(mutated, sample.Options, ourOptions, sample.Name);
            rejected += ours.IsValid ? 0 : 1;
        }

        Assert.True(rejected > 0, "mutations should break something");
    }

    [Fact]
    public void A_signer_issuer_name_that_is_not_UTF8_makes_the_whole_message_malformed_in_both()
    {
        // Found by the random mutations (flaky until pinned here): BouncyCastle decodes the signer identifier's issuer
        // Name while reading the SignerInfos, so invalid UTF-8 there fails the whole message, not one signer.
        Sample sample = Samples.Value.Single(s => s.Name == "ncanode two signers (GOST-2015 + RSA)");
        CmsSignerInfoData signer = CmsSignedMessage.Parse(sample.Cms).Signers[1];
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(signer.Issuer!.Value, out ArraySegment<byte> issuer));
        int utf8 = Array.IndexOf(issuer.Array!, (byte)0x0C, issuer.Offset, issuer.Count);
        Assert.True(utf8 > 0 && issuer.Array![utf8 + 1] > 1, "the NCA issuer name carries a UTF8String");
        byte[] damaged = Changed(sample.Cms, utf8 + 2, 0xFF);

        (CmsVerificationResult ours, CmsVerificationResult reference) = AssertSameDecision(damaged, sample.Options);
        Assert.Equal(ReasonCode.MalformedSignature, reference.Failure);
        Assert.Equal(ReasonCode.MalformedSignature, ours.Failure);
        Assert.Empty(ours.Signers);
    }

    private static (CmsVerificationResult Ours, CmsVerificationResult Reference) AssertSameDecision(byte[] cms, CmsVerificationOptions options, CmsVerificationOptions? ourOptions = null, string? label = null)
    {
        CmsVerificationResult reference = BouncyCastleCmsVerifier.Verify(cms, options);
        CmsVerificationResult ours = NcaCmsVerifier.Verify(cms, ourOptions ?? options);
        string where = Convert.ToHexString(SHA256.HashData(cms))[..16];
        string both = $"({where}): reference {reference.Failure} [{string.Join(",", reference.Signers.Select(x => x.Failure?.ToString() ?? "ok"))}], ours {ours.Failure} [{string.Join(",", ours.Signers.Select(x => x.Failure?.ToString() ?? "ok"))}]";
        if (Environment.GetEnvironmentVariable("KZID_DIFF_DUMP") is { } dump && (reference.Failure != ours.Failure || reference.Signers.Count != ours.Signers.Count))
        {
            File.WriteAllBytes(Path.Combine(dump, (label is null ? string.Empty : new string(label.Where(char.IsLetterOrDigit).ToArray()) + "-") + where + ".der"), cms);
        }

        if (!IsSignedDataContentInfo(cms) || !IsOctetStringOrAbsentContent(cms))
        {
            // Deliberately stricter: BouncyCastle never looked at the outer content type, and took any encapsulated
            // value as legacy PKCS #7 content (hashing its value octets, whatever the tag).
            Assert.True(ours.Failure == ReasonCode.MalformedSignature, "outer content type not checked " + both);
            return (ours, reference);
        }

        Assert.True(reference.IsValid == ours.IsValid, "validity differs " + both);
        if (ours.Failure == ReasonCode.MalformedSignature && reference.Failure is not null && reference.Signers.Count == 0)
        {
            // Both reject. Ours checks the whole structure first; the reference stopped at a message-level check
            // (content present/absent/different) before parsing the SignerInfos it would have choked on.
            return (ours, reference);
        }

        if (reference.Failure == ReasonCode.MalformedSignature && ours.Failure == ReasonCode.SignerCertificateMissing
            && ours.Signers.Any(o => o.Failure == ReasonCode.SignerCertificateMissing) && HasSubjectKeyIdentifierSigner(cms))
        {
            // Both reject. For a subject-key-identifier signer the reference decoded every bag certificate's SKI
            // extension before asking BouncyCastle, and crashed (malformed) on one it could not decode; ours lets
            // BouncyCastle compare the raw extension, finds no certificate and says so.
            return (ours, reference);
        }

        Assert.True(reference.Failure == ours.Failure, "failure differs " + both);
        if (ours.Failure == ReasonCode.MalformedSignature && reference.Signers.Count != ours.Signers.Count)
        {
            // Both call the message malformed; one noticed it while parsing, the other in a signer.
            return (ours, reference);
        }

        Assert.Equal(reference.IsDetached, ours.IsDetached);
        Assert.True(reference.SignedContent.Span.SequenceEqual(ours.SignedContent.Span), where);
        Assert.True(reference.Signers.Count == ours.Signers.Count, "signer count differs " + both);
        for (int i = 0; i < ours.Signers.Count; i++)
        {
            CmsSignerResult r = reference.Signers[i];
            CmsSignerResult o = ours.Signers[i];
            Assert.True(r.Failure == o.Failure, $"signer {i} failure differs ({where}): reference {r.Failure}, ours {o.Failure}");
            Assert.Equal(r.SignatureValid, o.SignatureValid);
            Assert.Equal(r.CertificateTrusted, o.CertificateTrusted);
            Assert.Equal(r.Certificate?.Thumbprint, o.Certificate?.Thumbprint);
            Assert.Equal(r.KeyAlgorithm, o.KeyAlgorithm);
            Assert.Equal(r.DigestAlgorithmOid, o.DigestAlgorithmOid);
            Assert.Equal(r.SignatureAlgorithmOid, o.SignatureAlgorithmOid);
            Assert.Equal(r.SigningTimeClaim, o.SigningTimeClaim);
            Assert.Equal(r.TimestampTime, o.TimestampTime);
            Assert.Equal(r.Warnings, o.Warnings);
            Assert.True(r.SignatureValue.Span.SequenceEqual(o.SignatureValue.Span), where);
            Assert.Equal(r.Path.Select(c => c.Thumbprint), o.Path.Select(c => c.Thumbprint));
        }

        return (ours, reference);
    }

    private static bool IsSignedDataContentInfo(byte[] cms)
    {
        try
        {
            var reader = new System.Formats.Asn1.AsnReader(cms, System.Formats.Asn1.AsnEncodingRules.BER);
            return reader.ReadSequence().ReadObjectIdentifier() == "1.2.840.113549.1.7.2";
        }
        catch (System.Formats.Asn1.AsnContentException)
        {
            return true; // not even a ContentInfo: both must call it malformed, compared below
        }
    }

    private static bool HasSubjectKeyIdentifierSigner(byte[] cms)
    {
        try
        {
            return CmsSignedMessage.Parse(cms).Signers.Any(s => s.SubjectKeyIdentifier is not null);
        }
        catch (Exception ex) when (NcaCmsVerifier.IsParseFault(ex))
        {
            return false;
        }
    }

    private static bool IsOctetStringOrAbsentContent(byte[] cms)
    {
        try
        {
            var reader = new System.Formats.Asn1.AsnReader(cms, System.Formats.Asn1.AsnEncodingRules.BER);
            System.Formats.Asn1.AsnReader contentInfo = reader.ReadSequence();
            contentInfo.ReadObjectIdentifier();
            System.Formats.Asn1.AsnReader signedData = contentInfo.ReadSequence(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 0)).ReadSequence();
            signedData.ReadInteger();
            signedData.ReadSetOf();
            System.Formats.Asn1.AsnReader encapsulated = signedData.ReadSequence();
            encapsulated.ReadObjectIdentifier();
            return !encapsulated.HasData
                || encapsulated.ReadSequence(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 0)).PeekTag().HasSameClassAndValue(System.Formats.Asn1.Asn1Tag.PrimitiveOctetString);
        }
        catch (System.Formats.Asn1.AsnContentException)
        {
            return true; // structurally broken elsewhere: both must call it malformed, compared below
        }
    }

    /// <summary>One random damage: most of them aimed at DER structure (tags, lengths), some at content bytes.</summary>
    private static byte[] Mutate(byte[] cms, Random random)
    {
        int at = random.Next(cms.Length);
        switch (random.Next(7))
        {
            case 0:
                return Changed(cms, at, (byte)(cms[at] ^ (1 << random.Next(8))));
            case 1:
                return Changed(cms, at, (byte)random.Next(256));
            case 2:
                return cms[..at];
            case 3:
                return [.. cms[..at], .. cms[(at + 1)..]];
            case 4:
                return [.. cms[..at], (byte)random.Next(256), .. cms[at..]];
            case 5:
                {
                    // A length octet: the byte after a typical tag, nudged by ±1 or to the indefinite form.
                    int tag = Array.FindIndex(cms, at, b => b is 0x30 or 0x31 or 0xA0 or 0xA1 or 0x04 or 0x02 or 0x06);
                    if (tag < 0 || tag + 1 >= cms.Length)
                    {
                        return cms[..at];
                    }

                    byte length = cms[tag + 1];
                    return Changed(cms, tag + 1, random.Next(3) switch { 0 => (byte)(length + 1), 1 => (byte)(length - 1), _ => (byte)0x80 });
                }

            default:
                return [.. cms, .. new byte[random.Next(1, 4)]];
        }
    }

    private static byte[] Changed(byte[] cms, int at, byte value)
    {
        byte[] copy = (byte[])cms.Clone();
        copy[at] = value;
        return copy;
    }

    private static List<Sample> BuildSamples()
    {
        var samples = new List<Sample>();
        CmsVerificationOptions Test(string at, byte[]? data = null) => new()
        {
            TrustStore = NcaTrustStore.Test,
            ValidationTime = EdsTestData.At(at),
            DetachedContent = data is null ? (ReadOnlyMemory<byte>?)null : data,
        };

        byte[] Ncanode(string name) => Der(EdsTestData.Bytes("nca", "ncanode", "cms", name));
        samples.Add(new("ncanode two signers (GOST-2015 + RSA)", Ncanode("CmsServiceTest.signed_cms.p7s"), Test("2022-10-01T00:00:00Z"), false));
        samples.Add(new("ncanode detached two signers", Ncanode("CmsServiceTest.signed_detached_cms.p7s"), Test("2022-10-01T00:00:00Z", EdsTestData.Bytes("nca", "ncanode", "cms", "CmsServiceTest.detached_content.txt")), false));
        // Signed in 2022 after the certificate ended (2022-01-18): SigningTimeOutsideCertificateValidity.
        samples.Add(new("ncanode RSA one signer", Ncanode("CmsServiceTest.signed_cms_one_signer.p7s"), Test("2021-06-01T00:00:00Z"), false));
        samples.Add(new("ncanode RSA integration", Ncanode("CmsIntegrationTest.signed_cms.p7s"), Test("2021-06-01T00:00:00Z"), false));

        samples.Add(new("Kalkan GOST-2004 detached, wrong data", Der(EdsTestData.Bytes("nca", "kalkan-sdk-testdata", "examples", "CMS_for_double_sign.txt")), Test("2019-09-01T00:00:00Z", "not the content"u8.ToArray()), false));

        (byte[] stamped, X509Certificate2 ca) = TimestampTests.SignedWithToken(TimestampTests.Token);
        var stampedOptions = new CmsVerificationOptions { TrustStore = NcaTrustStore.Custom([ca]), ValidationTime = new DateTimeOffset(2026, 3, 1, 10, 5, 0, TimeSpan.Zero) };
        samples.Add(new(".NET SignedCms with a CAdES-T token", stamped, stampedOptions, true));

        samples.Add(new(".NET SignedCms, subject key identifier signer", SubjectKeyIdentifierCms(out NcaTrustStore skiStore), new CmsVerificationOptions { TrustStore = skiStore, ValidationTime = DateTimeOffset.UtcNow.AddMinutes(1) }, true));

        foreach (NcaKeyAlgorithm algorithm in new[] { NcaKeyAlgorithm.Rsa, NcaKeyAlgorithm.Gost2015_512, NcaKeyAlgorithm.Gost2004 })
        {
            var pki = new SandboxPki(new SandboxPkiOptions { Algorithm = algorithm });
            INcaSigner first = pki.IssueIndividual(Iin.Parse("880912300763"), "ТЕСТОВ", "ТЕСТ");
            INcaSigner second = pki.IssueIndividual(Iin.Parse("880912300763"), "ТЕСТОВ", "ВТОРОЙ");
            byte[] content = Encoding.UTF8.GetBytes("kzid-challenge/1 id=AAAA nonce=BBBB");
            var signer = new NcaCmsSigner(TimeProvider.System);
            byte[] one = signer.SignAsync(first, content, false).GetAwaiter().GetResult();
            byte[] two = signer.AddSignerAsync(signer.SignAsync(first, content, true).GetAwaiter().GetResult(), second, content).GetAwaiter().GetResult();
            var store = NcaTrustStore.Custom([pki.RootCertificate], [pki.IssuingCaCertificate]);
            samples.Add(new($"sandbox {algorithm} attached", one, new CmsVerificationOptions { TrustStore = store, ValidationTime = DateTimeOffset.UtcNow.AddMinutes(1) }, true));
            samples.Add(new($"sandbox {algorithm} detached, two signers", two, new CmsVerificationOptions { TrustStore = store, ValidationTime = DateTimeOffset.UtcNow.AddMinutes(1), DetachedContent = content }, true));
        }

        return samples;
    }

    private static byte[] Der(byte[] file)
    {
        Assert.True(EdsInput.TryDecode(file, EdsSignatureFormat.Auto, 1 << 20, out _, out ReadOnlyMemory<byte> der, out _));
        return der.ToArray();
    }

    private static byte[] SubjectKeyIdentifierCms(out NcaTrustStore store)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest("CN=SKI signer, C=KZ", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var cms = new SignedCms(new ContentInfo("kzid-challenge"u8.ToArray()), false);
        var signer = new CmsSigner(SubjectIdentifierType.SubjectKeyIdentifier, certificate) { DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1") };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(DateTime.UtcNow));
        cms.ComputeSignature(signer);
        store = NcaTrustStore.Custom([X509CertificateLoader.LoadCertificate(certificate.RawData)]);
        return cms.Encode();
    }

    private sealed record Sample(string Name, byte[] Cms, CmsVerificationOptions Options, bool ExpectValid);
}
