using System.Text;
using System.Xml;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Pki;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Eds;

/// <summary>
/// The XML side of bounded work (docs/cryptography.md): per signature, at most one key candidate that cannot reach a
/// trust anchor is tried, however many certificates KeyInfo carries; stacked signatures cost at most one operation
/// each. Counted with <see cref="NcaPublicKey.SignatureOperationsOnThisThread"/>, not timed.
/// </summary>
public sealed class BoundedXmlVerificationWorkTests
{
    private const string Document = "<challenge xmlns=\"urn:kz-microcredit-identity:challenge:1\" id=\"AAAA\" nonce=\"BBBB\"/>";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Eight_untrusted_key_candidates_cost_one_signature_operation_and_trusted_ones_are_all_tried(bool signerLast)
    {
        using var pki = new SandboxPki(new SandboxPkiOptions { Algorithm = NcaKeyAlgorithm.Gost2004 });
        using var stranger = new SandboxPki(new SandboxPkiOptions { Algorithm = NcaKeyAlgorithm.Gost2004, NameSuffix = "stranger" });
        INcaSigner signer = stranger.IssueIndividual(Iin.Parse("880912300763"), "ТЕСТОВ", "ТЕСТ");
        string signed = await NcaXmlSigner.SignEnvelopedAsync(Document, signer);

        // KeyInfo is outside what the signature covers: seven more certificates of other (untrusted) keys go next to
        // the signer's, before it or after it.
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(signed);
        var x509Data = (XmlElement)document.GetElementsByTagName("X509Data", NcaXmlSignatureVerifier.DsNs)[0]!;
        XmlNode signerCertificate = document.GetElementsByTagName("X509Certificate", NcaXmlSignatureVerifier.DsNs)[0]!;
        for (int i = 0; i < 7; i++)
        {
            INcaSigner other = stranger.IssueIndividual(Iin.Parse("880912300763"), "ТЕСТОВ", "ДРУГОЙ");
            XmlElement extra = document.CreateElement("ds", "X509Certificate", NcaXmlSignatureVerifier.DsNs);
            extra.InnerText = Convert.ToBase64String(other.Certificate.RawData);
            if (signerLast)
            {
                x509Data.InsertBefore(extra, signerCertificate);
            }
            else
            {
                x509Data.AppendChild(extra);
            }
        }

        byte[] xml = Encoding.UTF8.GetBytes(document.OuterXml);
        DateTimeOffset at = DateTimeOffset.UtcNow.AddMinutes(1);
        var untrustedOptions = new XmlSignatureVerificationOptions { TrustStore = NcaTrustStore.Custom([pki.RootCertificate], [pki.IssuingCaCertificate]), ValidationTime = at };
        var trustedOptions = new XmlSignatureVerificationOptions { TrustStore = NcaTrustStore.Custom([stranger.RootCertificate], [stranger.IssuingCaCertificate]), ValidationTime = at };

        long before = NcaPublicKey.SignatureOperationsOnThisThread;
        XmlSignatureVerificationResult untrusted = NcaXmlSignatureVerifier.Verify(xml, untrustedOptions);
        long untrustedWork = NcaPublicKey.SignatureOperationsOnThisThread - before;

        Assert.False(untrusted.IsValid);
        Assert.Equal(signerLast ? ReasonCode.SignatureInvalid : ReasonCode.CertificateUntrusted, untrusted.Failure);
        Assert.Equal(1, untrustedWork);

        before = NcaPublicKey.SignatureOperationsOnThisThread;
        XmlSignatureVerificationResult trusted = NcaXmlSignatureVerifier.Verify(xml, trustedOptions);
        long trustedWork = NcaPublicKey.SignatureOperationsOnThisThread - before;

        Assert.True(trusted.IsValid, trusted.Failure?.ToString());
        Assert.Equal(signer.Certificate.Thumbprint, trusted.Signatures[0].Certificate!.Thumbprint);
        Assert.True(trustedWork >= (signerLast ? 8 : 1), $"the counter saw {trustedWork} operations");
    }

    [Fact]
    public async Task Stacked_untrusted_signatures_cost_at_most_one_signature_operation_each()
    {
        using var pki = new SandboxPki(new SandboxPkiOptions { Algorithm = NcaKeyAlgorithm.Gost2004 });
        using var stranger = new SandboxPki(new SandboxPkiOptions { Algorithm = NcaKeyAlgorithm.Gost2004, NameSuffix = "stranger" });
        string signed = Document;
        for (int i = 0; i < 8; i++)
        {
            signed = await NcaXmlSigner.SignEnvelopedAsync(signed, stranger.IssueIndividual(Iin.Parse("880912300763"), "ТЕСТОВ", "ТЕСТ"));
        }

        byte[] xml = Encoding.UTF8.GetBytes(signed);
        DateTimeOffset at = DateTimeOffset.UtcNow.AddMinutes(1);
        var untrustedOptions = new XmlSignatureVerificationOptions { TrustStore = NcaTrustStore.Custom([pki.RootCertificate], [pki.IssuingCaCertificate]), ValidationTime = at, AllowStackedSignatures = true };
        var trustedOptions = new XmlSignatureVerificationOptions { TrustStore = NcaTrustStore.Custom([stranger.RootCertificate], [stranger.IssuingCaCertificate]), ValidationTime = at, AllowStackedSignatures = true };

        long before = NcaPublicKey.SignatureOperationsOnThisThread;
        XmlSignatureVerificationResult untrusted = NcaXmlSignatureVerifier.Verify(xml, untrustedOptions);
        long untrustedWork = NcaPublicKey.SignatureOperationsOnThisThread - before;

        Assert.False(untrusted.IsValid);
        Assert.Equal(8, untrusted.Signatures.Count);
        Assert.All(untrusted.Signatures, s => Assert.Equal(ReasonCode.CertificateUntrusted, s.Failure));
        Assert.InRange(untrustedWork, 1, 8);

        XmlSignatureVerificationResult trusted = NcaXmlSignatureVerifier.Verify(xml, trustedOptions);
        Assert.True(trusted.IsValid, trusted.Failure?.ToString());
        Assert.Equal(8, trusted.Signatures.Count);
    }
}
