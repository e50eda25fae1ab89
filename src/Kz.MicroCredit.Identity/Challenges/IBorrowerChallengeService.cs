using System.Security.Cryptography;
using System.Text;
using Kz.MicroCredit.Identity.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>Issues and redeems single-use borrower challenges.</summary>
public interface IBorrowerChallengeService
{
    /// <summary>Issues a challenge bound to the IIN and operation.</summary>
    /// <param name="iin">The borrower's declared IIN.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The challenge to have signed.</returns>
    Task<BorrowerChallenge> IssueAsync(Iin iin, IdentificationOperation operation, CancellationToken cancellationToken = default);

    /// <summary>Redeems a challenge once: any attempt, successful or not, uses it up.</summary>
    /// <param name="reference">The id and nonce read from the signed content.</param>
    /// <param name="iin">The IIN of the request.</param>
    /// <param name="operation">The operation of the request.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The outcome.</returns>
    Task<ChallengeRedemption> RedeemAsync(ChallengeReference reference, Iin iin, IdentificationOperation operation, CancellationToken cancellationToken = default);
}
