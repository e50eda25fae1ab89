using Kz.MicroCredit.Identity;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Testing.Biometrics;

namespace IdentifyBorrower;

/// <summary>kcmr-biometrics against the loopback CEID simulator: a direct match of a captured live image.</summary>
internal static partial class Sandbox
{
    static partial void ConfigureKcmrBiometrics(SampleContext context)
    {
        CeidSimulator? simulator = null;
        context.StartSteps.Add(async cancellationToken =>
        {
            simulator = await CeidSimulator.StartAsync(cancellationToken: cancellationToken);
            context.Disposables.Add(simulator);
        });

        // The options are read when the provider is built, after the simulator started and knows its port.
        context.Identification.AddKcmrBiometrics(options => simulator!.Configure(options));
        context.RealMethods.Add(IdentificationMethodId.KcmrBiometrics);

        context.EvidenceSteps.Add((_, request, _) =>
        {
            // In a real app: the live image the MFO's app captured, and the id of the consent record the borrower signed.
            byte[] liveImage = SampleFaceImage.CreateJpeg(480, 640, comment: "sample live capture");
            request.Evidence.Add(new KcmrFaceImageEvidence(liveImage, consentReference: "consent-sample-loan-0001"));
            return Task.CompletedTask;
        });
    }
}
