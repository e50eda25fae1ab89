using Kz.MicroCredit.Identity;
using Kz.MicroCredit.Identity.RealTimePhoto;
using OnboardingWeb.Sandbox;

namespace OnboardingWeb.Flow;

/// <summary>The steps of the flow, in order.</summary>
public enum OnboardingStep
{
    /// <summary>The phone-ownership check is next.</summary>
    Phone = 1,

    /// <summary>The EDS signature of the challenge is next.</summary>
    Eds = 2,

    /// <summary>The camera capture is next.</summary>
    Camera = 3,

    /// <summary>The SMS code is next.</summary>
    Otp = 4,

    /// <summary>A decision was made.</summary>
    Decided = 5,

    /// <summary>A service was down: the borrower is asked to try again later.</summary>
    TryLater = 6,
}

/// <summary>
/// One borrower's way through the flow, kept server-side (in memory in this sample; a lender keeps it in its own store).
/// The browser holds only the random id. Holds personal data: never log it.
/// </summary>
public sealed class OnboardingSession
{
    /// <summary>Initializes a new instance of the <see cref="OnboardingSession"/> class.</summary>
    /// <param name="id">The random id.</param>
    /// <param name="iin">The IIN.</param>
    /// <param name="phone">The phone.</param>
    /// <param name="scenario">The sandbox scenario.</param>
    /// <param name="createdAt">When it started.</param>
    public OnboardingSession(string id, Iin iin, KzPhoneNumber phone, SandboxScenario scenario, DateTimeOffset createdAt)
    {
        Id = id;
        Iin = iin;
        Phone = phone;
        Scenario = scenario;
        CreatedAt = createdAt;
    }

    /// <summary>Gets the random id (also the correlation id of the identification).</summary>
    public string Id { get; }

    /// <summary>Gets the borrower's IIN.</summary>
    public Iin Iin { get; }

    /// <summary>Gets the borrower's phone.</summary>
    public KzPhoneNumber Phone { get; }

    /// <summary>Gets the sandbox scenario.</summary>
    public SandboxScenario Scenario { get; }

    /// <summary>Gets when the flow started.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Gets or sets the next step.</summary>
    public OnboardingStep Step { get; set; } = OnboardingStep.Phone;

    /// <summary>Gets or sets the outcome of the phone check of step 2 (reused by the final decision).</summary>
    public MethodOutcome? PhoneCheck { get; set; }

    /// <summary>Gets or sets the challenge the borrower signs.</summary>
    public BorrowerChallenge? Challenge { get; set; }

    /// <summary>Gets or sets the borrower's CMS signature of the challenge.</summary>
    public byte[]? EdsSignature { get; set; }

    /// <summary>Gets or sets the live image from the camera.</summary>
    public byte[]? FaceImage { get; set; }

    /// <summary>Gets or sets the real-time photo session (liveness vendor + SMS code).</summary>
    public RealTimePhotoSession? PhotoSession { get; set; }

    /// <summary>Gets or sets the decision, once made.</summary>
    public DecisionRecord? Decision { get; set; }

    /// <summary>Gets a lock: one step of one session at a time (a double click must not run a step twice).</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <inheritdoc />
    public override string ToString() => $"OnboardingSession {{ Step = {Step}, Iin = {Iin} }}";
}
