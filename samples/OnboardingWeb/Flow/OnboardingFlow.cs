using Kz.MicroCredit.Identity;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Microsoft.Extensions.Options;
using OnboardingWeb.Sandbox;

namespace OnboardingWeb.Flow;

/// <summary>What a step led to.</summary>
public enum StepOutcome
{
    /// <summary>Go on to the next step.</summary>
    Next = 0,

    /// <summary>A decision was made (shown on the decision page).</summary>
    Decided = 1,

    /// <summary>A service was down: ask the borrower to try again later; nothing was decided.</summary>
    TryLater = 2,

    /// <summary>The input was not usable; the same step is shown again.</summary>
    Invalid = 3,
}

/// <summary>
/// The onboarding flow on top of the SDK: each step collects one piece of evidence; the decision is made once, at the
/// end, by the configured policy over all of it. Only the phone check runs early (alone), so a borrower whose number is
/// someone else's is told at once instead of after the camera step.
/// </summary>
public sealed class OnboardingFlow(
    IServiceProvider services,
    OnboardingStore store,
    OnboardingSandbox sandbox,
    IOptions<OnboardingOptions> options,
    ILogger<OnboardingFlow> logger)
{
    /// <summary>The largest photo accepted from the browser.</summary>
    public const int MaxPhotoBytes = 3 * 1024 * 1024;

    private const IdentificationOperation Operation = IdentificationOperation.Registration;

    /// <summary>Gets a value indicating whether the SMS-code step is part of the flow.</summary>
    public bool HasOtpStep => options.Value.RequireRealTimePhoto;

    /// <summary>Starts a session and scripts the sandbox for the borrower.</summary>
    /// <param name="iin">The IIN.</param>
    /// <param name="phone">The phone.</param>
    /// <param name="scenario">The sandbox scenario.</param>
    /// <returns>The session.</returns>
    public OnboardingSession Start(Iin iin, KzPhoneNumber phone, SandboxScenario scenario)
    {
        sandbox.Prepare(iin, phone, scenario);
        return store.Create(iin, phone, scenario);
    }

    /// <summary>Runs the phone-ownership check alone.</summary>
    /// <param name="session">The session.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Next, Decided (a rejection) or TryLater.</returns>
    public async Task<StepOutcome> CheckPhoneAsync(OnboardingSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var phoneOnly = new PolicyBorrowerIdentifier(
            IdentificationPolicy.ForMethod(IdentificationMethodId.EGovPhoneOwnership),
            [services.GetRequiredService<PhoneCheckedOnce>()],
            services.GetRequiredService<EvidenceReportFactory>());
        IdentificationResult result = await phoneOnly.IdentifyAsync(NewRequest(session), cancellationToken);
        if (result.IsVerified)
        {
            // Kept for the final decision, which takes it instead of asking SmartBridge a second time.
            session.PhoneCheck = result.GetMethod(IdentificationMethodId.EGovPhoneOwnership);
            session.Step = OnboardingStep.Eds;
            return StepOutcome.Next;
        }

        return Decide(session, "phone-check", result);
    }

    /// <summary>Issues the challenge the borrower signs (once per session).</summary>
    /// <param name="session">The session.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The challenge.</returns>
    public async Task<BorrowerChallenge> ChallengeAsync(OnboardingSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Challenge ??= await services.GetRequiredService<IBorrowerChallengeService>().IssueAsync(session.Iin, Operation, cancellationToken);
        return session.Challenge;
    }

    /// <summary>Signs the challenge with the sandbox test key of the borrower (the sandbox signing channel).</summary>
    /// <param name="session">The session.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Next or TryLater.</returns>
    public async Task<StepOutcome> SignWithSandboxKeyAsync(OnboardingSession session, CancellationToken cancellationToken)
    {
        BorrowerChallenge challenge = await ChallengeAsync(session, cancellationToken);
        byte[] cms = await sandbox.SignAsBorrowerAsync(challenge, cancellationToken);
        return await AcceptSignatureAsync(session, cms, cancellationToken);
    }

    /// <summary>
    /// Takes the borrower's CMS signature of the challenge, from whichever channel made it (sandbox key, NCALayer, eGov
    /// mobile). It is verified with the other evidence at the end: verifying redeems the single-use challenge.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="cms">The CMS.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Next, Invalid (empty or too large) or TryLater (the photo session could not start).</returns>
    public async Task<StepOutcome> AcceptSignatureAsync(OnboardingSession session, byte[] cms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (cms is null || cms.Length == 0 || cms.Length > 1024 * 1024)
        {
            return StepOutcome.Invalid;
        }

        session.EdsSignature = cms;
        session.Step = OnboardingStep.Camera;
        return await BeginPhotoStepAsync(session, cancellationToken);
    }

    /// <summary>Takes the camera photo; in the sandbox also plays the borrower through the liveness vendor's flow.</summary>
    /// <param name="session">The session.</param>
    /// <param name="jpeg">The JPEG bytes.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Next (to the SMS code), Decided (when there is no SMS step), Invalid or TryLater.</returns>
    public async Task<StepOutcome> AcceptPhotoAsync(OnboardingSession session, byte[] jpeg, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (jpeg is null || jpeg.Length < 4 || jpeg.Length > MaxPhotoBytes || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return StepOutcome.Invalid;
        }

        session.FaceImage = jpeg;
        if (session.PhotoSession is { } photo)
        {
            try
            {
                // In production the vendor's web SDK streams the camera to the vendor; the sandbox plays that part.
                await sandbox.CompleteLivenessFlowAsync(photo.ProviderSessionId, cancellationToken);
            }
            catch (HttpRequestException)
            {
                Log.LivenessFlowFailed(logger);
                session.Step = OnboardingStep.TryLater;
                return StepOutcome.TryLater;
            }

            session.Step = OnboardingStep.Otp;
            return StepOutcome.Next;
        }

        return await DecideAsync(session, otpCode: null, cancellationToken);
    }

    /// <summary>Makes the decision over all the evidence.</summary>
    /// <param name="session">The session.</param>
    /// <param name="otpCode">The SMS code, when the flow has that step.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Decided or TryLater.</returns>
    public async Task<StepOutcome> DecideAsync(OnboardingSession session, string? otpCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        BorrowerIdentificationRequest request = NewRequest(session);
        if (session.PhoneCheck is { } phoneCheck)
        {
            request.Evidence.Add(new CheckedPhoneEvidence(session.Iin, session.Phone, phoneCheck));
        }

        if (session.EdsSignature is { } cms)
        {
            request.Evidence.Add(new NcaEdsEvidence(cms));
        }

        if (session.FaceImage is { } face)
        {
            request.Evidence.Add(new KcmrFaceImageEvidence(face, consentReference: "consent-" + session.Id));
        }

        if (session.PhotoSession is { } photo && !string.IsNullOrWhiteSpace(otpCode))
        {
            request.Evidence.Add(new RealTimePhotoEvidence(photo.SessionId, otpCode.Trim()));
        }

        IdentificationResult result = await services.GetRequiredService<IBorrowerIdentifier>().IdentifyAsync(request, cancellationToken);
        return Decide(session, "final", result);
    }

    private async Task<StepOutcome> BeginPhotoStepAsync(OnboardingSession session, CancellationToken cancellationToken)
    {
        if (!options.Value.RequireRealTimePhoto || session.PhotoSession is not null)
        {
            return StepOutcome.Next;
        }

        // Starting the real-time photo session sends the SMS code and creates the liveness vendor's session. A vendor
        // outage is not the borrower's fault: nothing is decided, the borrower is asked to come back.
        RealTimePhotoStartResult started = await services.GetRequiredService<IRealTimePhotoSessionService>().StartAsync(
            new RealTimePhotoStartRequest(session.Iin, session.Phone, Operation, session.Id),
            cancellationToken);
        if (!started.IsStarted)
        {
            Log.PhotoSessionNotStarted(logger, started.Status);
            session.Step = OnboardingStep.TryLater;
            return StepOutcome.TryLater;
        }

        session.PhotoSession = started.Session;
        return StepOutcome.Next;
    }

    private StepOutcome Decide(OnboardingSession session, string stage, IdentificationResult result)
    {
        DecisionRecord decision = DecisionRecord.From(session.Id, stage, result);
        store.Keep(decision);
        session.Decision = decision;
        Log.Decided(logger, stage, result.Status, decision.Reasons);

        // Indeterminate means a service could not answer: never shown to the borrower as a refusal.
        session.Step = result.Status == IdentificationStatus.Indeterminate ? OnboardingStep.TryLater : OnboardingStep.Decided;
        return session.Step == OnboardingStep.TryLater ? StepOutcome.TryLater : StepOutcome.Decided;
    }

    private static BorrowerIdentificationRequest NewRequest(OnboardingSession session) =>
        new(session.Iin, Operation, session.Id) { PhoneNumber = session.Phone };
}

/// <summary>Log lines of the sample (no personal data: statuses and reason codes only).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Onboarding decision at {Stage}: {Status} [{Reasons}]")]
    public static partial void Decided(ILogger logger, string stage, IdentificationStatus status, IReadOnlyList<string> reasons);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Real-time photo session did not start: {Status}")]
    public static partial void PhotoSessionNotStarted(ILogger logger, RealTimePhotoStartStatus status);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "The sandbox liveness flow could not be completed")]
    public static partial void LivenessFlowFailed(ILogger logger);
}
