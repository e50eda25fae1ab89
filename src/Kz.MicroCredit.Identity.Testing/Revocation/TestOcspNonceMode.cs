using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Ocsp;
using BcX509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace Kz.MicroCredit.Identity.Testing.Revocation;

/// <summary>How the nonce of the request is echoed.</summary>
public enum TestOcspNonceMode
{
    /// <summary>Echo the request's nonce.</summary>
    Echo = 0,

    /// <summary>Do not include a nonce.</summary>
    Omit = 1,

    /// <summary>Include a different nonce.</summary>
    Wrong = 2,
}
