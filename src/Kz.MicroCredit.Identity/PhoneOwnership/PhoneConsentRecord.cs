using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// A started КДП consent, kept from <see cref="IPhoneOwnershipConsentService.StartConsentAsync"/> until the borrower
/// enters the 1414 code. It carries personal data (IIN, phone number) and the gateway's request token: a shared
/// implementation must protect it at rest and let it expire at <see cref="ExpiresAt"/>.
/// </summary>
/// <param name="Iin">The IIN the consent was requested for.</param>
/// <param name="PhoneNumber">The number the consent was requested for.</param>
/// <param name="RequestToken">The gateway's token for the confirmation call, if it gave one.</param>
/// <param name="ExpiresAt">When the consent stops being redeemable.</param>
/// <param name="RequestMessageId">The SmartBridge message id of the consent request (for the evidence report).</param>
internal sealed record PhoneConsentRecord(Iin Iin, KzPhoneNumber PhoneNumber, string? RequestToken, DateTimeOffset ExpiresAt, string RequestMessageId)
{
    /// <inheritdoc />
    public override string ToString() => $"PhoneConsentRecord {{ ExpiresAt = {ExpiresAt:o} }}";
}
