namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>The КДП answer to a consent request.</summary>
/// <param name="CodeSent">Whether the gateway accepted the request and sent the 1414 code.</param>
/// <param name="RequestToken">The gateway's token for this consent request (echoed in the confirmation), if any.</param>
internal sealed record PhoneConsentRequestAnswer(bool CodeSent, string? RequestToken)
{
    /// <inheritdoc />
    public override string ToString() => $"PhoneConsentRequestAnswer {{ CodeSent = {CodeSent} }}";
}
