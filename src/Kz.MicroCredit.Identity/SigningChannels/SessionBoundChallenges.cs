using System.Security.Cryptography;
using System.Text;

namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>
/// The challenge check of the <c>nca-eds</c> engine while the phone's answer is verified: the signed challenge must be
/// the one this session served, for its IIN and operation, unexpired — without using it up, so that the lender's later
/// identification with the collected signature redeems the challenge exactly as a direct submission does.
/// </summary>
internal sealed class SessionBoundChallenges(EGovMobileSession session, TimeProvider time) : IBorrowerChallengeService
{
    public Task<BorrowerChallenge> IssueAsync(Iin iin, IdentificationOperation operation, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("A session-bound challenge check does not issue challenges.");

    public Task<ChallengeRedemption> RedeemAsync(ChallengeReference reference, Iin iin, IdentificationOperation operation, CancellationToken cancellationToken = default)
    {
        ChallengeRedemption result =
            !string.Equals(reference.Id, session.ChallengeId, StringComparison.Ordinal) ? ChallengeRedemption.NotFound
            : !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(reference.Nonce ?? string.Empty), Encoding.UTF8.GetBytes(session.ChallengeNonce)) ? ChallengeRedemption.NonceMismatch
            : time.GetUtcNow() >= session.ChallengeExpiresAt ? ChallengeRedemption.Expired
            : !iin.HasValue || !string.Equals(iin.Value, session.IinDigits, StringComparison.Ordinal) ? ChallengeRedemption.IinMismatch
            : operation != session.Operation ? ChallengeRedemption.OperationMismatch
            : ChallengeRedemption.Valid;
        return Task.FromResult(result);
    }
}
