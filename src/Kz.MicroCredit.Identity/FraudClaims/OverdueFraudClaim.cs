using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>A claim past its state's deadline.</summary>
/// <param name="ClaimId">The claim id.</param>
/// <param name="State">The state it is stuck in.</param>
/// <param name="StateEnteredAt">When it entered the state.</param>
/// <param name="DueAt">When the state was due to end.</param>
/// <param name="OverdueBy">How long past due.</param>
public sealed record OverdueFraudClaim(string ClaimId, FraudClaimState State, DateTimeOffset StateEnteredAt, DateTimeOffset DueAt, TimeSpan OverdueBy);
