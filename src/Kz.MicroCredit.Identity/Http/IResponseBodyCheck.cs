namespace Kz.MicroCredit.Identity.Http;

/// <summary>
/// Inspects a body while it arrives so that a malformed answer is refused at its first bad bytes instead of after the
/// whole download (the CRL walker). One instance serves one response.
/// </summary>
internal interface IResponseBodyCheck
{
    /// <summary>Called after every chunk with all bytes received so far.</summary>
    /// <param name="received">The bytes received so far.</param>
    /// <param name="final">Whether the body ended.</param>
    /// <exception cref="RemoteResponseException">The body is malformed or announces more than the cap.</exception>
    void Inspect(ReadOnlySpan<byte> received, bool final);
}
