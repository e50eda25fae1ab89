namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>What the lender's page learns about a session: its state and, once answered, the engine's reason codes.</summary>
/// <param name="State">The state.</param>
/// <param name="Reasons">The <see cref="ReasonCode"/> values of the <c>nca-eds</c> verdict on the phone's answer (empty while pending).</param>
/// <param name="ExpiresAt">When the session expires.</param>
public sealed record EGovMobileSigningStatus(EGovMobileSessionState State, IReadOnlyList<string> Reasons, DateTimeOffset ExpiresAt);
