using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>A hosted session as the lender keeps it: bound to a borrower token and an operation, single-use.</summary>
/// <param name="SessionId">The provider's session id.</param>
/// <param name="RequestId">The lender's request id sent when creating it.</param>
/// <param name="SubjectKey">The keyed token of the borrower's IIN (not the IIN).</param>
/// <param name="Operation">The operation.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it expires (the earlier of the provider's expiry and the configured maximum).</param>
/// <param name="State">The last known state.</param>
/// <param name="Result">The comparison result once completed.</param>
/// <param name="Consumed">Whether a decision already used it.</param>
internal sealed record KcmrSessionRecord(
    string SessionId,
    string RequestId,
    string SubjectKey,
    IdentificationOperation Operation,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    CeidSessionState State,
    CeidMatchResult? Result,
    bool Consumed);
