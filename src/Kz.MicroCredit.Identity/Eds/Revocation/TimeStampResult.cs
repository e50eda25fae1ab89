using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>The outcome of a time-stamp request.</summary>
public sealed class TimeStampResult
{
    /// <summary>Gets the DER time-stamp token (CMS SignedData), when granted.</summary>
    public ReadOnlyMemory<byte> Token { get; init; }

    /// <summary>Gets the TSA's time, when granted.</summary>
    public DateTimeOffset? GenTime { get; init; }

    /// <summary>Gets the policy OID of the token, when granted.</summary>
    public string? Policy { get; init; }

    /// <summary>Gets why there is no token.</summary>
    public ReasonCode? Failure { get; init; }

    /// <summary>Gets a value indicating whether a token was granted and matches the request.</summary>
    public bool IsGranted => Failure is null && !Token.IsEmpty;
}
