using System.Security.Cryptography;
using Kz.MicroCredit.Identity;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Pki;
using Kz.MicroCredit.Identity.Testing.Revocation;
using Microsoft.Extensions.DependencyInjection;

namespace IdentifyBorrower;

/// <summary>
/// NCA EDS against the sandbox PKI: a test root/issuing CA (GOST 34.10-2015-512, NCA certificate profile) trusted through
/// a custom trust store; the borrower's certificate (IIN 880912300763) is issued by it; the issued challenge is signed as
/// a CMS the way NCALayer does and handed to the real <c>nca-eds</c> method. Revocation is ON (hard-fail): a loopback
/// responder serves OCSP and base/delta CRLs for the sandbox CAs; <c>--scenario revoked-key</c> revokes the borrower's
/// certificate before identification, so the method vetoes.
/// </summary>
internal static partial class Sandbox
{
    static partial void ConfigureNcaEds(SampleContext context)
    {
        var pki = new SandboxPki();
        context.Disposables.Add(new DisposeAsync(pki.Dispose));
        INcaSigner borrowerKey = pki.IssueIndividual(context.Iin, "ТЕСТОВ", "ЗАЁМЩИК", "САНДБОКСОВИЧ");
        SandboxRevocationResponder? responder = null;

        context.StartSteps.Add(async cancellationToken =>
        {
            responder = await SandboxRevocationResponder.StartAsync(pki, cancellationToken);
            context.Disposables.Add(responder);
        });

        context.Identification.AddNcaEds(o => o.TrustStore = NcaTrustStore.Custom([pki.RootCertificate], [pki.IssuingCaCertificate]));

        // Endpoints are pinned here (never taken from the borrower's certificate); the responder's port is known once it runs.
        context.Identification.AddNcaRevocation(o =>
        {
            SandboxRevocationResponder running = responder ?? throw new InvalidOperationException("The revocation responder is not running.");
            var issuing = new RevocationIssuerOptions
            {
                Name = "Sandbox issuing CA",
                CertificateSha256 = pki.IssuingCaCertificate.GetCertHashString(HashAlgorithmName.SHA256),
                OcspUrl = running.OcspUrl,
            };
            issuing.CrlUrls.Add(running.CrlUrl);
            issuing.DeltaCrlUrls.Add(running.DeltaCrlUrl);
            var root = new RevocationIssuerOptions { Name = "Sandbox root", CertificateSha256 = pki.RootCertificate.GetCertHashString(HashAlgorithmName.SHA256) };
            root.CrlUrls.Add(running.RootCrlUrl);
            root.Order.Add(RevocationSource.Crl);
            o.Issuers.Add(issuing);
            o.Issuers.Add(root);
        });
        context.RealMethods.Add(IdentificationMethodId.NcaEds);

        context.EvidenceSteps.Add(async (services, request, cancellationToken) =>
        {
            if (context.Scenario == "revoked-key")
            {
                // The borrower reported the key stolen: NCA revoked it a minute ago.
                responder!.Revoke(borrowerKey.Certificate, DateTimeOffset.UtcNow.AddMinutes(-1), reason: 1);
            }

            BorrowerChallenge challenge = await services.GetRequiredService<IBorrowerChallengeService>()
                .IssueAsync(request.Iin, request.Operation, cancellationToken);
            byte[] cms = await pki.SignChallengeCmsAsync(challenge, borrowerKey, detached: false, cancellationToken);
            request.Evidence.Add(new NcaEdsEvidence(cms));
        });
    }

    private sealed class DisposeAsync(Action dispose) : IAsyncDisposable
    {
        ValueTask IAsyncDisposable.DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }
}
