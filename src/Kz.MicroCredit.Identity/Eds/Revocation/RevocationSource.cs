using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>A source of revocation status.</summary>
public enum RevocationSource
{
    /// <summary>An OCSP responder (RFC 6960).</summary>
    Ocsp = 0,

    /// <summary>Certificate revocation lists (RFC 5280), base and delta.</summary>
    Crl = 1,
}
