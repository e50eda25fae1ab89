using Kz.MicroCredit.Identity;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.PhoneOwnership;
using Kz.MicroCredit.Identity.Testing.Pki;
using Microsoft.Extensions.DependencyInjection;

namespace IdentifyBorrower;

/// <summary>
/// egov-phone-ownership against the sandbox SmartBridge: the lender's legal-entity key comes from a sandbox NCA PKI,
/// requests are WS-Security signed with it and checked by the simulator, answers are signed by the sandbox gateway
/// and checked by the method. Scenarios: <c>happy</c> (direct check, registered), <c>phone-consent</c> (КДП 1414 code
/// flow), <c>phone-other-iin</c> (the number belongs to someone else: a veto), <c>phone-not-registered</c>.
/// </summary>
internal static partial class Sandbox
{
    static partial void ConfigureEGovPhoneOwnership(SampleContext context)
    {
        var pki = new SandboxPki(new SandboxPkiOptions { Algorithm = NcaKeyAlgorithm.Gost2015_512 });
        INcaSigner lenderKey = pki.IssueLegalEntity(
            Iin.Parse("790303402568"), Bin.Parse("070840007503"), "ТОО \"SANDBOX MFO\"", "ТЕСТОВА", "АЙГУЛЬ", NcaLegalEntityRoles.FirstHead);
        bool consent = context.Scenario == "phone-consent";
        SmartBridgeSimulator? simulator = null;

        context.Identification.AddEGovPhoneOwnership(o =>
        {
            // Read lazily: the simulator's port is known only after the start step ran.
            o.Endpoint = simulator?.Endpoint ?? new Uri("http://127.0.0.1:1/");
            o.SenderId = "sandbox-mfo";
            o.SenderPassword = "sandbox-password";
            o.Signer = lenderKey;
            o.GatewayCertificate = simulator?.GatewayCertificate;
            o.GatewayTrustStore = simulator?.TrustStore;
            o.Mode = consent ? PhoneOwnershipMode.Consent : PhoneOwnershipMode.Direct;
            o.DirectCheckServiceId = "SANDBOX_PHONE_CHECK";
            o.CompanyName = "ТОО \"SANDBOX MFO\"";
            o.CompanyBin = "070840007503";
        });
        context.RealMethods.Add(IdentificationMethodId.EGovPhoneOwnership);

        context.StartSteps.Add(async cancellationToken =>
        {
            simulator = await SmartBridgeSimulator.StartAsync(
                new SmartBridgeSimulatorOptions { Pki = pki, SenderId = "sandbox-mfo", SenderPassword = "sandbox-password" }, cancellationToken);
            context.Disposables.Add(simulator);
            switch (context.Scenario)
            {
                case "phone-other-iin":
                    simulator.Register(Iin.Parse("031231500126"), context.Phone);
                    break;
                case "phone-not-registered":
                    break;
                default:
                    simulator.Register(context.Iin, context.Phone);
                    break;
            }
        });

        if (consent)
        {
            context.EvidenceSteps.Add(async (provider, request, cancellationToken) =>
            {
                // The lender starts the consent; SmartBridge "sends" a 1414 code to the registered number; the borrower
                // types it in (here: read from the simulator's capture).
                PhoneOwnershipConsentStart start = await provider.GetRequiredService<IPhoneOwnershipConsentService>()
                    .StartConsentAsync(request.Iin, request.PhoneNumber!.Value, cancellationToken);
                if (start.CodeSent && simulator!.TryGetSentCode(request.Iin, out string? captured))
                {
                    request.Evidence.Add(new EGovPhoneOwnershipEvidence(start.Handle!, captured.Split('|')[0]));
                }
            });
        }
    }
}
