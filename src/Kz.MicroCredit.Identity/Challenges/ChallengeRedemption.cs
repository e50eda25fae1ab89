using System.Security.Cryptography;
using System.Text;
using Kz.MicroCredit.Identity.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>The outcome of redeeming a challenge.</summary>
public enum ChallengeRedemption
{
    /// <summary>Valid: issued for this IIN and operation, not expired, not used before.</summary>
    Valid,

    /// <summary>No such challenge (never issued, or purged after expiry).</summary>
    NotFound,

    /// <summary>Already redeemed once (a replay).</summary>
    AlreadyUsed,

    /// <summary>Expired.</summary>
    Expired,

    /// <summary>The nonce differs from the one issued.</summary>
    NonceMismatch,

    /// <summary>Issued for another IIN.</summary>
    IinMismatch,

    /// <summary>Issued for another operation.</summary>
    OperationMismatch,
}
