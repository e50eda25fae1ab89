using System.Text;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Eds;

public sealed class CmsVerifierTests
{
    private static byte[] Cms(string name) => EdsTestData.Bytes("nca", "ncanode", "cms", name);

    internal static CmsVerificationResult Verify(byte[] input, string at, byte[]? data = null, NcaTrustStore? store = null, bool allowMalformed = false)
    {
        if (allowMalformed && input.Length > 0 && input[0] == 0x30)
        {
            return NcaCmsVerifier.Verify(input, new CmsVerificationOptions { TrustStore = store ?? NcaTrustStore.Test, ValidationTime = EdsTestData.At(at), DetachedContent = data is null ? (ReadOnlyMemory<byte>?)null : data });
        }

        Assert.True(EdsInput.TryDecode(input, EdsSignatureFormat.Auto, 1 << 20, out EdsSignatureFormat format, out ReadOnlyMemory<byte> der, out ReasonCode failure), failure.ToString());
        Assert.Equal(EdsSignatureFormat.Cms, format);
        return NcaCmsVerifier.Verify(der, new CmsVerificationOptions
        {
            TrustStore = store ?? NcaTrustStore.Test,
            ValidationTime = EdsTestData.At(at),
            DetachedContent = data is null ? (ReadOnlyMemory<byte>?)null : data,
        });
    }

    [Fact]
    public void Two_signers_attached_both_signatures_verify_and_each_is_trusted_within_its_validity()
    {
        byte[] cms = Cms("CmsServiceTest.signed_cms.p7s");
        CmsVerificationResult inGostValidity = Verify(cms, "2022-10-01T00:00:00Z");
        Assert.Equal(2, inGostValidity.Signers.Count);
        Assert.All(inGostValidity.Signers, s => Assert.True(s.SignatureValid, s.Failure?.ToString()));
        CmsSignerResult gost = inGostValidity.Signers.Single(s => s.KeyAlgorithm == NcaKeyAlgorithm.Gost2015_512);
        CmsSignerResult rsa = inGostValidity.Signers.Single(s => s.KeyAlgorithm == NcaKeyAlgorithm.Rsa);
        Assert.True(gost.CertificateTrusted);
        Assert.Null(gost.Failure);
        Assert.Equal(ReasonCode.CertificateExpired, rsa.Failure); // the RSA certificate expired 2022-01-18 (NCANode: invalid)
        Assert.False(inGostValidity.IsValid);
        Assert.Equal(EdsTestData.At("2022-09-27T21:17:59Z"), gost.SigningTimeClaim);
    }

    [Fact]
    public void Detached_two_signers_need_the_exact_content()
    {
        byte[] cms = Cms("CmsServiceTest.signed_detached_cms.p7s");
        byte[] content = EdsTestData.Bytes("nca", "ncanode", "cms", "CmsServiceTest.detached_content.txt");
        CmsVerificationResult ok = Verify(cms, "2022-10-01T00:00:00Z", content);
        Assert.All(ok.Signers, s => Assert.True(s.SignatureValid, s.Failure?.ToString()));
        Assert.True(ok.IsDetached);
        Assert.Equal(ReasonCode.ContentMissing, Verify(cms, "2022-10-01T00:00:00Z").Failure);
        byte[] other = [.. content, (byte)'!'];
        CmsVerificationResult tampered = Verify(cms, "2022-10-01T00:00:00Z", other);
        Assert.All(tampered.Signers, s => Assert.Equal(ReasonCode.SignatureInvalid, s.Failure));
    }

    [Theory]
    [InlineData("CmsServiceTest.signed_cms_one_signer.p7s", "test123")]
    [InlineData("CmsIntegrationTest.signed_cms.p7s", "lol_kek")]
    public void Rsa_single_signer_verifies_at_a_past_instant_and_is_expired_now(string file, string text)
    {
        // Both files were signed in autumn 2022 (signingTime) with a certificate that ended on 2022-01-18: the
        // signature and the path verify, but the claimed signing time lies outside the certificate's validity.
        CmsVerificationResult past = Verify(Cms(file), "2021-06-01T00:00:00Z");
        Assert.True(past.Signers[0].SignatureValid && past.Signers[0].CertificateTrusted);
        Assert.Equal(ReasonCode.SigningTimeOutsideCertificateValidity, past.Failure);
        Assert.True(IndexOf(Cms(file), Encoding.ASCII.GetBytes(text)) > 0); // the signed content (not exposed for an invalid signature)
        Assert.Equal(3, past.Signers[0].Path.Count);
        Assert.Equal(ReasonCode.CertificateExpired, Verify(Cms(file), "2026-01-01T00:00:00Z").Failure);
        Assert.Equal(ReasonCode.CertificateUntrusted, Verify(Cms(file), "2021-06-01T00:00:00Z", store: NcaTrustStore.Production).Failure);
    }

    [Fact]
    public void Kalkan_gost2004_pem_detached_without_data_is_content_missing_and_with_wrong_data_invalid()
    {
        byte[] pem = EdsTestData.Bytes("nca", "kalkan-sdk-testdata", "examples", "CMS_for_double_sign.txt");
        Assert.Equal(ReasonCode.ContentMissing, Verify(pem, "2019-09-01T00:00:00Z").Failure);
        CmsVerificationResult wrong = Verify(pem, "2019-09-01T00:00:00Z", Encoding.UTF8.GetBytes("not the content"));
        Assert.Equal(ReasonCode.SignatureInvalid, wrong.Failure);
        Assert.Equal(NcaKeyAlgorithm.Gost2004, wrong.Signers[0].KeyAlgorithm);
    }

    [Fact]
    public void Base64_input_is_detected()
    {
        byte[] b64 = Encoding.ASCII.GetBytes(Convert.ToBase64String(Cms("CmsIntegrationTest.signed_cms.p7s"), Base64FormattingOptions.InsertLineBreaks));
        CmsVerificationResult result = Verify(b64, "2021-06-01T00:00:00Z");
        Assert.True(result.Signers[0].SignatureValid && result.Signers[0].CertificateTrusted); // signed after the certificate ended
        Assert.Equal(ReasonCode.SigningTimeOutsideCertificateValidity, result.Failure);
    }

    [Fact]
    public void Tampered_content_signed_attributes_signature_or_certificate_are_rejected()
    {
        byte[] cms = Cms("CmsIntegrationTest.signed_cms.p7s");
        int content = IndexOf(cms, Encoding.ASCII.GetBytes("lol_kek"));
        int signingTime = IndexOf(cms, Encoding.ASCII.GetBytes("221001185219Z"));
        Assert.True(content > 0 && signingTime > 0);
        Assert.False(Verify(Flip(cms, content), "2021-06-01T00:00:00Z").IsValid);
        Assert.False(Verify(Flip(cms, signingTime + 3), "2021-06-01T00:00:00Z").IsValid);
        Assert.False(Verify(Flip(cms, cms.Length - 5), "2021-06-01T00:00:00Z").IsValid); // inside the signature value
        Assert.False(Verify(Flip(cms, 400), "2021-06-01T00:00:00Z").IsValid); // inside the certificate (public key)
    }

    [FsCheck.Xunit.Property(MaxTest = 60)]
    public bool Any_single_byte_change_inside_the_signed_region_is_rejected(byte position, byte delta)
    {
        // The signed region here: the content and the DER signed attributes (contentType, signingTime, messageDigest).
        byte[] cms = Cms("CmsIntegrationTest.signed_cms.p7s");
        int content = IndexOf(cms, Encoding.ASCII.GetBytes("lol_kek"));
        int attributes = IndexOf(cms, Encoding.ASCII.GetBytes("221001185219Z")) - 30;
        int index = position % 2 == 0 ? content + (position % 7) : attributes + (position % 90);
        byte change = delta == 0 ? (byte)0x80 : delta;
        return !Verify(Flip(cms, index, change), "2021-06-01T00:00:00Z", allowMalformed: true).IsValid;
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x30 })]
    [InlineData(new byte[] { 0x30, 0x82, 0xFF, 0xFF, 0x06 })]
    [InlineData(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00 })]
    public void Broken_der_is_malformed_never_valid(byte[] input)
    {
        CmsVerificationResult result = NcaCmsVerifier.Verify(input, new CmsVerificationOptions { TrustStore = NcaTrustStore.Test });
        Assert.Equal(ReasonCode.MalformedSignature, result.Failure);
    }

    [Fact]
    public void Truncated_and_random_inputs_never_verify()
    {
        byte[] cms = Cms("CmsServiceTest.signed_cms.p7s");
        var random = new Random(42);
        for (int i = 0; i < 50; i++)
        {
            byte[] truncated = cms[..random.Next(1, cms.Length - 1)];
            Assert.False(NcaCmsVerifier.Verify(truncated, new CmsVerificationOptions { TrustStore = NcaTrustStore.Test }).IsValid);
            byte[] noise = new byte[random.Next(1, 4096)];
            random.NextBytes(noise);
            noise[0] = 0x30;
            Assert.False(NcaCmsVerifier.Verify(noise, new CmsVerificationOptions { TrustStore = NcaTrustStore.Test }).IsValid);
        }
    }

    internal static byte[] Flip(byte[] source, int index, byte delta = 0x01)
    {
        byte[] copy = (byte[])source.Clone();
        copy[index] ^= delta;
        return copy;
    }

    internal static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
