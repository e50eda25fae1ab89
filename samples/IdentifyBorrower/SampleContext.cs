using Kz.MicroCredit.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IdentifyBorrower;

/// <summary>
/// What each method's sandbox wiring (one file per method under Methods/) contributes to the sample: services to
/// register, simulators to start and stop, and evidence to put into the request once everything runs.
/// </summary>
internal sealed class SampleContext(IServiceCollection services, BorrowerIdentificationBuilder identification, string scenario)
{
    public IServiceCollection Services { get; } = services;

    public BorrowerIdentificationBuilder Identification { get; } = identification;

    /// <summary>Gets the scenario chosen with <c>--scenario</c> (default <c>happy</c>).</summary>
    public string Scenario { get; } = scenario;

    /// <summary>Gets the borrower the sandbox knows (scripted as a good borrower in every simulator).</summary>
    public Iin Iin { get; } = Iin.Parse("880912300763");

    /// <summary>Gets the borrower's phone.</summary>
    public KzPhoneNumber Phone { get; } = KzPhoneNumber.Parse("+7 701 123 45 67");

    /// <summary>Gets the methods wired to real strategies against simulators.</summary>
    public HashSet<IdentificationMethodId> RealMethods { get; } = [];

    /// <summary>Gets the steps that start simulators before the provider is built (e.g. to learn their loopback URLs).</summary>
    public List<Func<CancellationToken, Task>> StartSteps { get; } = [];

    /// <summary>Gets the steps that add evidence to the request (issue and sign a challenge, capture a face, …).</summary>
    public List<Func<IServiceProvider, BorrowerIdentificationRequest, CancellationToken, Task>> EvidenceSteps { get; } = [];

    /// <summary>Gets or sets the step that could not start (e.g. the liveness vendor was down), with its reason code.</summary>
    public (IdentificationMethodId Method, ReasonCode Reason)? NotStarted { get; set; }

    /// <summary>Gets what to dispose at the end (simulators).</summary>
    public List<IAsyncDisposable> Disposables { get; } = [];
}

/// <summary>One partial method per identification method; each is implemented in Methods/&lt;Method&gt;Sandbox.cs.</summary>
internal static partial class Sandbox
{
    public static void ConfigureAll(SampleContext context)
    {
        ConfigureNcaEds(context);
        ConfigureKcmrBiometrics(context);
        ConfigureRealTimePhoto(context);
        ConfigureEGovPhoneOwnership(context);
    }

    static partial void ConfigureNcaEds(SampleContext context);

    static partial void ConfigureKcmrBiometrics(SampleContext context);

    static partial void ConfigureRealTimePhoto(SampleContext context);

    static partial void ConfigureEGovPhoneOwnership(SampleContext context);
}
