using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Eds;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Eds;

/// <summary>CAdES-T: a signature timestamp token over the SignerInfo signature value (RSA test PKI built with .NET).</summary>
public sealed class TimestampTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset TokenTime = Now.AddMinutes(1);

    private static X509Certificate2 Ca(string name, RSA key)
    {
        var request = new CertificateRequest($"CN={name}, C=KZ", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(5));
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, X500DistinguishedName subject, X509KeyUsageFlags usage, string eku, byte serial)
    {
        RSA key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(eku)], true));
        using X509Certificate2 cert = request.Create(ca, Now.AddDays(-10), Now.AddDays(300), [serial, 0x42]);
        return cert.CopyWithPrivateKey(key);
    }

    private static X500DistinguishedName Individual()
    {
        var b = new X500DistinguishedNameBuilder();
        b.AddCommonName("ТЕСТОВ ТЕСТ");
        b.Add("2.5.4.5", "IIN880912300763", UniversalTagNumber.PrintableString);
        b.AddCountryOrRegion("KZ");
        return b.Build();
    }

    internal static byte[] Token(X509Certificate2 tsa, byte[] imprinted)
    {
        var info = new Rfc3161TimestampTokenInfo(new Oid("1.2.398.3.3.2.6.1"), new Oid("2.16.840.1.101.3.4.2.1"), SHA256.HashData(imprinted), new byte[] { 7 }, TokenTime);
        var token = new SignedCms(new ContentInfo(new Oid("1.2.840.113549.1.9.16.1.4"), info.Encode()));
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, tsa) { DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), IncludeOption = X509IncludeOption.EndCertOnly };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(TokenTime.UtcDateTime));
        token.ComputeSignature(signer);
        return token.Encode();
    }

    internal static (byte[] Cms, X509Certificate2 Ca) SignedWithToken(Func<X509Certificate2, byte[], byte[]?> token) => SignedWithToken((tsa, _, sig) => token(tsa, sig));

    private static (byte[] Cms, X509Certificate2 Ca) SignedWithToken(Func<X509Certificate2, X509Certificate2, byte[], byte[]?> token)
    {
        using RSA caKey = RSA.Create(2048);
        using X509Certificate2 caWithKey = Ca("Sandbox CA", caKey);
        X509Certificate2 ca = X509CertificateLoader.LoadCertificate(caWithKey.RawData);
        X509Certificate2 leaf = Issue(caWithKey, Individual(), X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, "1.3.6.1.5.5.7.3.4", 1);
        X509Certificate2 tsa = Issue(caWithKey, new X500DistinguishedName("CN=Sandbox TSA, C=KZ"), X509KeyUsageFlags.DigitalSignature, "1.3.6.1.5.5.7.3.8", 2);
        var cms = new SignedCms(new ContentInfo("kzid-challenge"u8.ToArray()), false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, leaf) { DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), IncludeOption = X509IncludeOption.EndCertOnly };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(Now.UtcDateTime));
        cms.ComputeSignature(signer);
        if (token(tsa, caWithKey, cms.SignerInfos[0].GetSignature()) is { } t)
        {
            cms.SignerInfos[0].AddUnsignedAttribute(new AsnEncodedData(new Oid("1.2.840.113549.1.9.16.2.14"), t));
        }

        return (cms.Encode(), ca);
    }

    private static CmsVerificationResult Verify(byte[] cms, X509Certificate2 anchor) =>
        NcaCmsVerifier.Verify(cms, new CmsVerificationOptions { TrustStore = NcaTrustStore.Custom([anchor]), ValidationTime = Now.AddMinutes(5) });

    [Fact]
    public void A_valid_token_gives_the_trusted_signing_time()
    {
        (byte[] cms, X509Certificate2 ca) = SignedWithToken(Token);
        CmsVerificationResult result = Verify(cms, ca);
        Assert.True(result.IsValid, result.Failure?.ToString());
        Assert.Equal(TokenTime, result.Signers[0].TimestampTime);
        Assert.Equal(Now, result.Signers[0].SigningTimeClaim);
        Assert.Empty(result.Signers[0].Warnings);
    }

    [Fact]
    public void A_token_over_other_data_is_a_warning_and_not_a_signing_time()
    {
        (byte[] cms, X509Certificate2 ca) = SignedWithToken((tsa, _) => Token(tsa, "something else"u8.ToArray()));
        CmsVerificationResult result = Verify(cms, ca);
        Assert.True(result.IsValid, result.Failure?.ToString());
        Assert.Null(result.Signers[0].TimestampTime);
        Assert.Equal([ReasonCode.TimestampInvalid], result.Signers[0].Warnings);
    }

    [Fact]
    public void A_token_from_an_untrusted_tsa_is_a_warning_and_the_signature_stays_valid()
    {
        using RSA otherKey = RSA.Create(2048);
        using X509Certificate2 other = Ca("Other CA", otherKey);
        X509Certificate2 foreignTsa = Issue(other, new X500DistinguishedName("CN=Foreign TSA"), X509KeyUsageFlags.DigitalSignature, "1.3.6.1.5.5.7.3.8", 3);
        (byte[] cms, X509Certificate2 ca) = SignedWithToken((_, sig) => Token(foreignTsa, sig));
        CmsVerificationResult result = Verify(cms, ca);
        Assert.True(result.IsValid);
        Assert.Null(result.Signers[0].TimestampTime);
        Assert.Equal([ReasonCode.TimestampInvalid], result.Signers[0].Warnings);
    }

    [Fact]
    public void A_tsa_without_the_timestamping_eku_is_not_trusted_for_tokens()
    {
        (byte[] cms, X509Certificate2 ca) = SignedWithToken((_, issuer, sig) =>
            Token(Issue(issuer, new X500DistinguishedName("CN=Not a TSA"), X509KeyUsageFlags.DigitalSignature, "1.3.6.1.5.5.7.3.4", 4), sig));
        CmsVerificationResult result = Verify(cms, ca);
        Assert.True(result.IsValid);
        Assert.Null(result.Signers[0].TimestampTime);
        Assert.Equal([ReasonCode.TimestampInvalid], result.Signers[0].Warnings);
        Assert.Equal(ReasonCode.MalformedSignature, new TimeStampTokenValidator(NcaTrustStore.Custom([ca])).Validate([0x30, 0x00], [1]).Failure);
    }

    [Fact]
    public void Real_ncanode_gost_tsp_token_signature_and_imprint_verify()
    {
        byte[] token = EdsTestData.Bytes("nca", "ncanode", "resources", "tsp", "tsp_token.bin");
        var validator = new TimeStampTokenValidator(NcaTrustStore.Combine(NcaTrustStore.Production, NcaTrustStore.Test));
        TimeStampValidationResult right = validator.Validate(token, [0xCA, 0xFE, 0xBA, 0xBE]);
        TimeStampValidationResult wrong = validator.Validate(token, [0xCA, 0xFE, 0xBA, 0xBF]);
        Assert.Equal(ReasonCode.SignatureInvalid, wrong.Failure);
        Assert.True(right.IsValid || right.Failure == ReasonCode.CertificateUntrusted || right.Failure == ReasonCode.CertificateExpired, right.Failure?.ToString());
        Assert.NotEqual(ReasonCode.SignatureInvalid, right.Failure);
    }
}
