namespace Kz.MicroCredit.Identity.Signing;

/// <summary>Why an NCA key file could not be used.</summary>
public enum NcaKeyFileError
{
    /// <summary>The password is wrong (MAC or decryption failed).</summary>
    WrongPassword = 1,

    /// <summary>The bytes are not a PKCS#12 file.</summary>
    NotPkcs12 = 2,

    /// <summary>The file holds no private key.</summary>
    NoPrivateKey = 3,

    /// <summary>The file holds no certificate.</summary>
    NoCertificate = 4,

    /// <summary>The key algorithm is not an NCA algorithm (RSA, GOST 34.310-2004, GOST 34.10-2015).</summary>
    UnsupportedAlgorithm = 5,

    /// <summary>No certificate in the file matches the private key.</summary>
    KeyCertificateMismatch = 6,
}
