using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>Where the holder keeps the private key (extension 1.2.398.3.3.5).</summary>
public enum NcaKeyStorage
{
    /// <summary>The extension is absent.</summary>
    Unknown = 0,

    /// <summary>A PKCS#12 file (1.2.398.3.3.5.1.1).</summary>
    Pkcs12File = 1,

    /// <summary>The chip of a Kazakh ID card (1.2.398.3.3.5.2.1).</summary>
    IdCard = 2,

    /// <summary>A Kaztoken hardware token (1.2.398.3.3.5.2.2).</summary>
    Kaztoken = 3,

    /// <summary>A JaCarta hardware token (1.2.398.3.3.5.2.5).</summary>
    JaCarta = 4,

    /// <summary>A cloud signature service (1.2.398.3.3.5.3.1).</summary>
    Cloud = 5,

    /// <summary>Another storage OID under 1.2.398.3.3.5.</summary>
    Other = 6,
}
