using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// A claimed signing time (CMS signingTime or XAdES SigningTime) must lie within the signer certificate's validity: a
/// key cannot have signed before its certificate existed or after it ended, so such a claim is an error, not a detail.
/// </summary>
internal static class SigningTimeValidity
{
    public static bool IsWithin(X509Certificate2 certificate, DateTimeOffset signingTime) =>
        signingTime >= new DateTimeOffset(certificate.NotBefore.ToUniversalTime()) && signingTime <= new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
}
