using Kz.MicroCredit.Identity.FraudClaims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Testing.FraudClaims;

/// <summary>Fake credit bureaus that record correction requests.</summary>
public sealed class InMemoryCreditBureauCorrections : ICreditBureauCorrections
{
    private readonly FraudClaimPortRecorder _recorder;

    /// <summary>Initializes a new instance of the <see cref="InMemoryCreditBureauCorrections"/> class.</summary>
    /// <param name="recorder">The recorder; a new one when null.</param>
    public InMemoryCreditBureauCorrections(FraudClaimPortRecorder? recorder = null) => _recorder = recorder ?? new FraudClaimPortRecorder();

    /// <summary>Gets the recorder.</summary>
    public FraudClaimPortRecorder Recorder => _recorder;

    /// <inheritdoc />
    public Task RequestCorrectionAsync(CreditBureaus bureau, CreditHistoryCorrectionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _recorder.RecordAsync(new FraudClaimPortCall("credit-bureau", "RequestCorrection", request.ClaimId, request.IdempotencyKey, bureau), cancellationToken);
    }
}
