using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>The digest algorithms an NCA signature can use.</summary>
internal enum NcaDigestAlgorithm
{
    /// <summary>SHA-256.</summary>
    Sha256,

    /// <summary>SHA-384.</summary>
    Sha384,

    /// <summary>SHA-512.</summary>
    Sha512,

    /// <summary>GOST 34.311-95 = GOST R 34.11-94 with the "D-TEST" S-box.</summary>
    Gost34311,

    /// <summary>Streebog-256 (GOST 34.11-2015).</summary>
    Streebog256,

    /// <summary>Streebog-512 (GOST 34.11-2015).</summary>
    Streebog512,

    /// <summary>SHA-1: only where a caller explicitly allows it (TSP message imprints, legacy OCSP CertIDs).</summary>
    Sha1,
}
