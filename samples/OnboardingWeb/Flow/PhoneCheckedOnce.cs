using Kz.MicroCredit.Identity;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Microsoft.Extensions.Options;

namespace OnboardingWeb.Flow;

/// <summary>
/// The phone-ownership method as the onboarding flow registers it. Step 2 runs the SmartBridge check alone, so that a
/// number registered to someone else is refused at once; the final decision then reuses that outcome (with its
/// SmartBridge evidence and time) instead of sending the same request again — but only a Verified outcome, for the same
/// IIN and number, younger than <see cref="OnboardingOptions.PhoneCheckValidity"/>. Anything else goes to SmartBridge.
/// </summary>
public sealed class PhoneCheckedOnce(EGovPhoneOwnershipMethod smartBridge, TimeProvider time, IOptions<OnboardingOptions> options) : IIdentificationMethod
{
    /// <inheritdoc />
    public IdentificationMethodId Id => IdentificationMethodId.EGovPhoneOwnership;

    /// <inheritdoc />
    public Task<MethodOutcome> EvaluateAsync(BorrowerIdentificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Evidence.Get<CheckedPhoneEvidence>() is { } earlier
            && earlier.Outcome.Status == IdentificationStatus.Verified
            && earlier.Outcome.MethodId == Id
            && earlier.Iin == request.Iin
            && request.PhoneNumber is { HasValue: true } phone
            && earlier.Phone == phone
            && time.GetUtcNow() - earlier.Outcome.CompletedAt <= options.Value.PhoneCheckValidity)
        {
            return Task.FromResult(earlier.Outcome);
        }

        return smartBridge.EvaluateAsync(request, cancellationToken);
    }
}
