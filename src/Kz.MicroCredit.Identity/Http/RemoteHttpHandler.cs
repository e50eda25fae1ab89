namespace Kz.MicroCredit.Identity.Http;

/// <summary>
/// The primary handler of every named client the SDK registers (CEID, SmartBridge, liveness vendor, OCSP, CRL, TSA),
/// so the transport rules live in one place: a redirect is never followed (an answer from another origin must not be
/// trusted: every endpoint is pinned) and no cookie is kept between borrowers.
/// </summary>
internal static class RemoteHttpHandler
{
    /// <summary>Creates a handler with the SDK's transport rules; a client may add its own settings (e.g. a client certificate).</summary>
    /// <returns>A new handler owned by the HTTP client factory.</returns>
    public static SocketsHttpHandler Create() => new() { AllowAutoRedirect = false, UseCookies = false };
}
