using Kz.MicroCredit.Identity.FraudClaims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Testing.FraudClaims;

/// <summary>A fake loan-servicing system that records its calls.</summary>
public sealed class InMemoryLoanServicing : ILoanServicing
{
    private readonly FraudClaimPortRecorder _recorder;

    /// <summary>Initializes a new instance of the <see cref="InMemoryLoanServicing"/> class.</summary>
    /// <param name="recorder">The recorder; a new one when null.</param>
    public InMemoryLoanServicing(FraudClaimPortRecorder? recorder = null) => _recorder = recorder ?? new FraudClaimPortRecorder();

    /// <summary>Gets the recorder.</summary>
    public FraudClaimPortRecorder Recorder => _recorder;

    /// <inheritdoc />
    public Task SuspendInterestAccrualAsync(LoanServicingRequest request, CancellationToken cancellationToken = default) => Record("SuspendInterestAccrual", request, cancellationToken);

    /// <inheritdoc />
    public Task ResumeInterestAccrualAsync(LoanServicingRequest request, CancellationToken cancellationToken = default) => Record("ResumeInterestAccrual", request, cancellationToken);

    /// <inheritdoc />
    public Task StopCollectionAsync(LoanServicingRequest request, CancellationToken cancellationToken = default) => Record("StopCollection", request, cancellationToken);

    /// <inheritdoc />
    public Task ResumeCollectionAsync(LoanServicingRequest request, CancellationToken cancellationToken = default) => Record("ResumeCollection", request, cancellationToken);

    /// <inheritdoc />
    public Task BlockAccessAsync(LoanServicingRequest request, CancellationToken cancellationToken = default) => Record("BlockAccess", request, cancellationToken);

    /// <inheritdoc />
    public Task WriteOffAsync(LoanServicingRequest request, CancellationToken cancellationToken = default) => Record("WriteOff", request, cancellationToken);

    private Task Record(string operation, LoanServicingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _recorder.RecordAsync(new FraudClaimPortCall("loan-servicing", operation, request.ClaimId, request.IdempotencyKey), cancellationToken);
    }
}
