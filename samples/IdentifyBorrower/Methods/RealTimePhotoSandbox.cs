using Kz.MicroCredit.Identity;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Testing.RealTimePhoto;
using Microsoft.Extensions.DependencyInjection;

namespace IdentifyBorrower;

/// <summary>Real-time two-factor photo verification against the loopback liveness provider simulator.</summary>
internal static partial class Sandbox
{
    static partial void ConfigureRealTimePhoto(SampleContext context)
    {
        LivenessProviderSimulator? simulator = null;
        var sms = new CapturingOtpSender();
        const decimal amount = 50_000m;

        // --scenario photo-liveness-fail | photo-low-score | photo-injection | photo-failing picks the sandbox person's script.
        SimulatedPersonBehavior behavior = context.Scenario switch
        {
            "photo-liveness-fail" => SimulatedPersonBehavior.LivenessFail,
            "photo-low-score" => SimulatedPersonBehavior.LowScore,
            "photo-injection" => SimulatedPersonBehavior.InjectionDetected,
            "photo-failing" => SimulatedPersonBehavior.Failing,
            _ => SimulatedPersonBehavior.Pass,
        };

        context.Services.AddSingleton<IOtpSender>(sms);
        context.Identification.AddRealTimePhotoVerification(o =>
        {
            o.Provider.Name = "sandbox-liveness";
            o.Provider.BaseAddress = simulator?.BaseAddress;
            o.Provider.WebhookSecret = simulator?.WebhookSecret;
        });
        context.RealMethods.Add(IdentificationMethodId.RealTimePhoto);

        context.StartSteps.Add(async cancellationToken =>
        {
            simulator = await LivenessProviderSimulator.StartAsync(cancellationToken: cancellationToken);
            simulator.Script(context.Iin, behavior);
            context.Disposables.Add(simulator);
        });

        context.EvidenceSteps.Add(async (provider, request, cancellationToken) =>
        {
            // 1. The lender's backend starts the session: the code goes by SMS, the liveness session is created.
            IRealTimePhotoSessionService sessions = provider.GetRequiredService<IRealTimePhotoSessionService>();
            RealTimePhotoStartResult started = await sessions.StartAsync(
                new RealTimePhotoStartRequest(context.Iin, context.Phone, request.Operation, request.CorrelationId) { Amount = amount },
                cancellationToken);
            if (!started.IsStarted)
            {
                // Not "no evidence": the session could not start (vendor down, SMS not sent, rate limit), so the lender
                // answers with that reason (Indeterminate) instead of identifying without the step.
                context.NotStarted = (IdentificationMethodId.RealTimePhoto, started.Reason ?? ReasonCode.ProviderUnavailable);
                return;
            }

            // 2. The borrower opens the hosted flow and performs the random commands, then types the code from the SMS.
            using (var http = new HttpClient())
            {
                using HttpResponseMessage page = await http.GetAsync(started.Session!.HostedFlowUrl, cancellationToken);
            }

            string code = sms.CodeFor(started.Session.SessionId);

            // 3. The backend identifies with the session id and the code.
            request.Evidence.Add(new RealTimePhotoEvidence(started.Session.SessionId, code) { Amount = amount });
        });
    }
}
