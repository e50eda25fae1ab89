using Kz.MicroCredit.Identity;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Pki;
using Microsoft.Extensions.DependencyInjection;

namespace IdentifyBorrower;

/// <summary>
/// NCA EDS against the sandbox PKI: a test root/issuing CA (GOST 34.10-2015-512, NCA certificate profile) trusted through
/// a custom trust store; the borrower's certificate (IIN 880912300763) is issued by it; the issued challenge is signed as
/// a CMS the way NCALayer does and handed to the real <c>nca-eds</c> method.
/// </summary>
internal static partial class Sandbox
{
    static partial void ConfigureNcaEds(SampleContext context)
    {
        var pki = new SandboxPki();
        context.Disposables.Add(new DisposeAsync(pki.Dispose));
        INcaSigner borrowerKey = pki.IssueIndividual(context.Iin, "ТЕСТОВ", "ЗАЁМЩИК", "САНДБОКСОВИЧ");

        context.Identification.AddNcaEds(o =>
        {
            o.TrustStore = NcaTrustStore.Custom([pki.RootCertificate], [pki.IssuingCaCertificate]);

            // The sandbox has no OCSP/CRL service wired here: revocation is switched off explicitly (production keeps the
            // hard-fail default and registers a checker from the revocation package).
            o.Revocation = NcaEdsRevocationMode.Off;
        });
        context.RealMethods.Add(IdentificationMethodId.NcaEds);

        context.EvidenceSteps.Add(async (services, request, cancellationToken) =>
        {
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
