using Kz.MicroCredit.Identity.FraudClaims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Testing.FraudClaims;

/// <summary>A fake law-enforcement channel that records referrals.</summary>
public sealed class InMemoryLawEnforcementNotifier : ILawEnforcementNotifier
{
    private readonly FraudClaimPortRecorder _recorder;
    private readonly List<LawEnforcementReferral> _referrals = [];
    private readonly Lock _lock = new();

    /// <summary>Initializes a new instance of the <see cref="InMemoryLawEnforcementNotifier"/> class.</summary>
    /// <param name="recorder">The recorder; a new one when null.</param>
    public InMemoryLawEnforcementNotifier(FraudClaimPortRecorder? recorder = null) => _recorder = recorder ?? new FraudClaimPortRecorder();

    /// <summary>Gets the recorder.</summary>
    public FraudClaimPortRecorder Recorder => _recorder;

    /// <summary>Gets the referrals received.</summary>
    public IReadOnlyList<LawEnforcementReferral> Referrals
    {
        get
        {
            lock (_lock)
            {
                return _referrals.ToArray();
            }
        }
    }

    /// <inheritdoc />
    public async Task NotifyAsync(LawEnforcementReferral referral, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(referral);
        await _recorder.RecordAsync(new FraudClaimPortCall("law-enforcement", "Notify", referral.ClaimId, referral.IdempotencyKey), cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _referrals.Add(referral);
        }
    }
}
