using System.Text;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Pki;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Eds;

/// <summary>
/// An input whose signers cannot chain to a trusted anchor is refused after at most one public-key operation, however
/// many signers it carries (counted, not timed).
/// </summary>
public sealed class BoundedVerificationWorkTests
{
    [Fact]
    public async Task Sixteen_untrusted_GOST_signers_cost_one_signature_operation_and_trusted_ones_are_all_checked()
    {
        using var pki = new SandboxPki(new SandboxPkiOptions { Algorithm = NcaKeyAlgorithm.Gost2004 });
        using var stranger = new SandboxPki(new SandboxPkiOptions { Algorithm = NcaKeyAlgorithm.Gost2004, NameSuffix = "stranger" });
        INcaSigner signer = pki.IssueIndividual(Iin.Parse("880912300763"), "ТЕСТОВ", "ТЕСТ");
        var cmsSigner = new NcaCmsSigner(TimeProvider.System);
        byte[] cms = await cmsSigner.SignAsync(signer, Encoding.UTF8.GetBytes("bounded work"), false);
        for (int i = 1; i < 16; i++)
        {
            cms = await cmsSigner.AddSignerAsync(cms, signer);
        }

        DateTimeOffset at = DateTimeOffset.UtcNow.AddMinutes(1);
        var untrustedOptions = new CmsVerificationOptions { TrustStore = NcaTrustStore.Custom([stranger.RootCertificate], [stranger.IssuingCaCertificate]), ValidationTime = at };
        var trustedOptions = new CmsVerificationOptions { TrustStore = NcaTrustStore.Custom([pki.RootCertificate], [pki.IssuingCaCertificate]), ValidationTime = at };

        long before = NcaPublicKey.SignatureOperationsOnThisThread;
        CmsVerificationResult untrusted = NcaCmsVerifier.Verify(cms, untrustedOptions);
        long untrustedWork = NcaPublicKey.SignatureOperationsOnThisThread - before;

        Assert.False(untrusted.IsValid);
        Assert.Equal(16, untrusted.Signers.Count);
        Assert.All(untrusted.Signers, s => Assert.Equal(ReasonCode.CertificateUntrusted, s.Failure));
        Assert.Equal(1, untrustedWork);

        before = NcaPublicKey.SignatureOperationsOnThisThread;
        CmsVerificationResult trusted = NcaCmsVerifier.Verify(cms, trustedOptions);
        long trustedWork = NcaPublicKey.SignatureOperationsOnThisThread - before;

        Assert.True(trusted.IsValid, trusted.Failure?.ToString());
        Assert.All(trusted.Signers, s => Assert.True(s.SignatureValid));
        Assert.True(trustedWork >= 16, $"the counter saw {trustedWork} operations for 16 trusted signers");
    }
}
