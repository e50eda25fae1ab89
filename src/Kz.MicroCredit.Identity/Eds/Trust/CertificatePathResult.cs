using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>The outcome of building and checking a certificate path.</summary>
public sealed class CertificatePathResult
{
    internal CertificatePathResult(IReadOnlyList<X509Certificate2> path, ReasonCode? failure)
    {
        Path = path;
        Failure = failure;
    }

    /// <summary>Gets a value indicating whether a trusted path valid at the instant was found.</summary>
    public bool IsValid => Failure is null;

    /// <summary>Gets why not: <see cref="ReasonCode.CertificateUntrusted"/> or <see cref="ReasonCode.CertificateExpired"/>.</summary>
    public ReasonCode? Failure { get; }

    /// <summary>Gets the path, the certificate first and the anchor last (empty when none was found).</summary>
    public IReadOnlyList<X509Certificate2> Path { get; }
}
