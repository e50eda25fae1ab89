namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>The provider's answer to a session creation.</summary>
/// <param name="ProviderSessionId">The provider's session id.</param>
/// <param name="HostedFlowUrl">The hosted page the borrower opens, or <see langword="null"/> for an SDK-only flow.</param>
/// <param name="SdkToken">A token for the provider's mobile/web SDK, or <see langword="null"/>.</param>
public sealed record LivenessSessionHandle(string ProviderSessionId, Uri? HostedFlowUrl, string? SdkToken)
{
    /// <inheritdoc />
    /// <remarks>The SDK token is a bearer credential for the vendor's SDK: it is never printed, only whether there is one.</remarks>
    public override string ToString() =>
        $"LivenessSessionHandle {{ ProviderSessionId = {ProviderSessionId}, HostedFlowUrl = {HostedFlowUrl?.GetLeftPart(UriPartial.Authority)}, SdkToken = {(SdkToken is null ? "none" : "***")} }}";
}
