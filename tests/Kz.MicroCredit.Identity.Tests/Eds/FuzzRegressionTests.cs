using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Eds;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Eds;

/// <summary>
/// Regression tests for findings of the built-in fuzzer (tests/Kz.MicroCredit.Identity.Fuzz): each reduces a crashing
/// input to the one malformed field that caused it. Every case has a well-formed control that must validate, so a
/// failure here means the malformed field (not the test setup) is what the validator rejected.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    // BIT STRING announcing 5 content octets with none present (fuzzer: key usage extension with a nudged length).
    private static readonly byte[] MalformedKeyUsage = Convert.FromHexString("030500");

    // SEQUENCE { [0] keyIdentifier } whose inner length overruns the outer one (fuzzer: AKI with a nudged length).
    private static readonly byte[] MalformedAuthorityKeyId = Convert.FromHexString("3004800600112233");

    // SEQUENCE { BOOLEAN with 3 content octets } (basic constraints a DER reader refuses).
    private static readonly byte[] MalformedBasicConstraints = Convert.FromHexString("30050103FFFFFF");

    [Fact]
    public void Leaf_with_an_undecodable_key_usage_is_untrusted_not_an_exception()
    {
        using RSA caKey = RSA.Create(2048);
        using X509Certificate2 ca = CreateCa(caKey);
        using X509Certificate2 good = CreateLeaf(ca, caKey, new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using X509Certificate2 bad = CreateLeaf(ca, caKey, new X509Extension("2.5.29.15", MalformedKeyUsage, true));
        NcaCertificatePathValidator validator = new(NcaTrustStore.Custom([ca]));

        Assert.True(validator.Validate(good, null, At).IsValid);
        CertificatePathResult result = validator.Validate(bad, null, At);
        Assert.False(result.IsValid);
        Assert.Equal(ReasonCode.CertificateUntrusted, result.Failure);
    }

    [Fact]
    public void Leaf_with_an_undecodable_authority_key_identifier_is_untrusted_not_an_exception()
    {
        using RSA caKey = RSA.Create(2048);
        using X509Certificate2 ca = CreateCa(caKey);
        using X509Certificate2 good = CreateLeaf(ca, caKey, X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using X509Certificate2 bad = CreateLeaf(ca, caKey, new X509Extension("2.5.29.35", MalformedAuthorityKeyId, false));
        NcaCertificatePathValidator validator = new(NcaTrustStore.Custom([ca]));

        Assert.True(validator.Validate(good, null, At).IsValid);
        CertificatePathResult result = validator.Validate(bad, null, At);
        Assert.Equal(ReasonCode.CertificateUntrusted, result.Failure);
        Assert.Empty(result.Path);
    }

    [Fact]
    public void Intermediate_hint_with_undecodable_basic_constraints_or_key_usage_is_skipped_not_an_exception()
    {
        using RSA rootKey = RSA.Create(2048);
        using RSA midKey = RSA.Create(2048);
        using X509Certificate2 root = CreateCa(rootKey);
        using X509Certificate2 goodMid = CreateIntermediate(root, rootKey, midKey, new X509BasicConstraintsExtension(true, false, 0, true), new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using X509Certificate2 badBc = CreateIntermediate(root, rootKey, midKey, new X509Extension("2.5.29.19", MalformedBasicConstraints, true), new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using X509Certificate2 badKu = CreateIntermediate(root, rootKey, midKey, new X509BasicConstraintsExtension(true, false, 0, true), new X509Extension("2.5.29.15", MalformedKeyUsage, true));
        using X509Certificate2 leaf = CreateLeaf(goodMid, midKey, new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        NcaCertificatePathValidator validator = new(NcaTrustStore.Custom([root]));

        Assert.Equal(ReasonCode.CertificateUntrusted, validator.Validate(leaf, [badBc], At).Failure);
        Assert.Equal(ReasonCode.CertificateUntrusted, validator.Validate(leaf, [badKu], At).Failure);
        CertificatePathResult withGood = validator.Validate(leaf, [badBc, badKu, goodMid], At);
        Assert.True(withGood.IsValid, withGood.Failure?.ToString());
        Assert.Equal(3, withGood.Path.Count);
    }

    [Theory]
    [InlineData("1.0W")] // the fuzzer's mutation: XmlReader takes any version starting "1.", the DOM only "1.0"
    [InlineData("1.1")]
    [InlineData("1.")]
    public void Xml_declaration_the_dom_refuses_is_malformed_not_an_exception(string version)
    {
        byte[] bad = Encoding.UTF8.GetBytes($"<?xml version=\"{version}\"?><r/>");
        byte[] good = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><r/>");

        Assert.True(SafeXml.TryLoad(good, SafeXml.DefaultMaxBytes, out _, out _));
        Assert.False(SafeXml.TryLoad(bad, SafeXml.DefaultMaxBytes, out XmlDocument? document, out ReasonCode failure));
        Assert.Null(document);
        Assert.Equal(ReasonCode.MalformedSignature, failure);
        Assert.Equal(ReasonCode.MalformedSignature, Assert.Throws<EdsFormatException>(() => SafeXml.Load(bad)).Reason);

        XmlSignatureVerificationOptions options = new() { TrustStore = NcaTrustStore.Test, ValidationTime = At };
        Assert.Equal(ReasonCode.SignatureMissing, NcaXmlSignatureVerifier.Verify(good, options).Failure);
        Assert.Equal(ReasonCode.MalformedSignature, NcaXmlSignatureVerifier.Verify(bad, options).Failure);
    }

    private static X509Certificate2 CreateCa(RSA key)
    {
        CertificateRequest request = new("CN=Fuzz Regression Root", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(At.AddYears(-1), At.AddYears(1));
    }

    private static X509Certificate2 CreateIntermediate(X509Certificate2 root, RSA rootKey, RSA key, X509Extension basicConstraints, X509Extension keyUsage)
    {
        CertificateRequest request = new("CN=Fuzz Regression Intermediate", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(basicConstraints);
        request.CertificateExtensions.Add(keyUsage);
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        X509SignatureGenerator generator = X509SignatureGenerator.CreateForRSA(rootKey, RSASignaturePadding.Pkcs1);
        using X509Certificate2 created = request.Create(root.SubjectName, generator, At.AddMonths(-6), At.AddMonths(6), [1, 2, 3, (byte)keyUsage.RawData.Length, (byte)basicConstraints.RawData.Length]);
        return X509CertificateLoader.LoadCertificate(created.RawData);
    }

    private static X509Certificate2 CreateLeaf(X509Certificate2 issuer, RSA issuerKey, X509Extension extension)
    {
        using RSA key = RSA.Create(2048);
        CertificateRequest request = new("CN=Fuzz Regression Leaf", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(extension);
        if (extension.Oid?.Value != "2.5.29.15")
        {
            // A document signer must state its key usage; the leaf differs from a good one only by the extension under test.
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        }

        X509SignatureGenerator generator = X509SignatureGenerator.CreateForRSA(issuerKey, RSASignaturePadding.Pkcs1);
        using X509Certificate2 created = request.Create(issuer.SubjectName, generator, At.AddMonths(-1), At.AddMonths(1), [9, 8, 7, (byte)extension.RawData.Length]);
        return X509CertificateLoader.LoadCertificate(created.RawData);
    }
}
