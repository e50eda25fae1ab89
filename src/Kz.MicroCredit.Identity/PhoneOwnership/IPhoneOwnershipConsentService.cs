using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>Starts the КДП consent flow: the gateway sends a 1414 code to the number registered to the IIN.</summary>
public interface IPhoneOwnershipConsentService
{
    /// <summary>
    /// Sends the КДП consent request for the borrower. On success the borrower receives a code from 1414 on the number
    /// registered to their IIN in the mobile-citizens database; pass the returned handle and the code in an
    /// <see cref="EGovPhoneOwnershipEvidence"/> to identify.
    /// </summary>
    /// <param name="iin">The declared IIN.</param>
    /// <param name="phoneNumber">The declared number.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The handle, or why no code was sent.</returns>
    Task<PhoneOwnershipConsentStart> StartConsentAsync(Iin iin, KzPhoneNumber phoneNumber, CancellationToken cancellationToken = default);
}
