using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>What to check.</summary>
/// <param name="Certificate">The certificate.</param>
/// <param name="Issuer">Its issuer, already validated as part of a trusted path.</param>
/// <param name="ValidationTime">The instant the status must hold at (signing time or now).</param>
public sealed record RevocationCheckRequest(X509Certificate2 Certificate, X509Certificate2 Issuer, DateTimeOffset ValidationTime);
