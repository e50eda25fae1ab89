using Kz.MicroCredit.Identity.FraudClaims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Testing.FraudClaims;

/// <summary>
/// All fake ports of the fraud-claim workflow sharing one <see cref="FraudClaimPortRecorder"/>, plus a factory for a
/// workflow over them: for tests, samples and an MFO's own tests of their flow.
/// </summary>
public sealed class InMemoryFraudClaimPorts
{
    /// <summary>Initializes a new instance of the <see cref="InMemoryFraudClaimPorts"/> class.</summary>
    /// <param name="store">The claim store; an <see cref="InMemoryFraudClaimStore"/> when null.</param>
    public InMemoryFraudClaimPorts(IFraudClaimStore? store = null)
    {
        Store = store ?? new InMemoryFraudClaimStore();
        LoanServicing = new InMemoryLoanServicing(Recorder);
        CreditBureaus = new InMemoryCreditBureauCorrections(Recorder);
        LawEnforcement = new InMemoryLawEnforcementNotifier(Recorder);
        Evidence = new InMemoryIdentificationEvidenceLookup(Recorder);
    }

    /// <summary>Gets the shared recorder of all port calls.</summary>
    public FraudClaimPortRecorder Recorder { get; } = new();

    /// <summary>Gets the claim store.</summary>
    public IFraudClaimStore Store { get; }

    /// <summary>Gets the loan-servicing fake.</summary>
    public InMemoryLoanServicing LoanServicing { get; }

    /// <summary>Gets the credit-bureau fake.</summary>
    public InMemoryCreditBureauCorrections CreditBureaus { get; }

    /// <summary>Gets the law-enforcement fake.</summary>
    public InMemoryLawEnforcementNotifier LawEnforcement { get; }

    /// <summary>Gets the evidence archive fake.</summary>
    public InMemoryIdentificationEvidenceLookup Evidence { get; }

    /// <summary>Creates a workflow over these ports.</summary>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="options">The options; defaults when null.</param>
    /// <param name="logger">The logger.</param>
    /// <returns>The workflow.</returns>
    public FraudClaimWorkflow CreateWorkflow(TimeProvider? timeProvider = null, FraudClaimOptions? options = null, ILogger<FraudClaimWorkflow>? logger = null) =>
        new(Store, LoanServicing, CreditBureaus, LawEnforcement, Evidence, Options.Create(options ?? new FraudClaimOptions()), timeProvider ?? TimeProvider.System, logger);
}
