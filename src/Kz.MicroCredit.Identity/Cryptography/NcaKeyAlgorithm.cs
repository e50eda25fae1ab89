namespace Kz.MicroCredit.Identity.Cryptography;

#pragma warning disable CA1707 // The names Gost2015_512/Gost2015_256 are the agreed API (they mirror the standard's key sizes).

/// <summary>The public-key algorithms of the NCA RK (National Certification Authority of Kazakhstan) PKI.</summary>
public enum NcaKeyAlgorithm
{
    /// <summary>RSA (RSA-2048 user keys, RSA-4096 CA keys), signatures sha256WithRSAEncryption (PKCS#1 v1.5).</summary>
    Rsa = 0,

    /// <summary>GOST 34.310-2004 (the CryptoPro-A curve) with the GOST 34.311-95 hash ("D-TEST" S-box).</summary>
    Gost2004 = 1,

    /// <summary>GOST 34.10-2015 with a 512-bit key (TC26 512 paramSetA) and Streebog-512.</summary>
    Gost2015_512 = 2,

    /// <summary>GOST 34.10-2015 with a 256-bit key (TC26 256 paramSetA) and Streebog-256.</summary>
    Gost2015_256 = 3,
}
#pragma warning restore CA1707
