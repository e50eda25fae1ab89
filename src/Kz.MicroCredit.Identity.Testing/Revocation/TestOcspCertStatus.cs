using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Ocsp;
using BcX509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace Kz.MicroCredit.Identity.Testing.Revocation;

/// <summary>What a test OCSP responder says about a certificate.</summary>
public enum TestOcspCertStatus
{
    /// <summary>good.</summary>
    Good = 0,

    /// <summary>revoked (with <see cref="TestOcspResponseBuilder.RevokedAt"/> and <see cref="TestOcspResponseBuilder.RevocationReason"/>).</summary>
    Revoked = 1,

    /// <summary>unknown.</summary>
    Unknown = 2,
}
