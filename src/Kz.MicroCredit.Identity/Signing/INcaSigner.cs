using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Signing;

/// <summary>
/// Signs with an NCA key: a PKCS#12 key file (<see cref="Pkcs12NcaSigner"/>), or — behind the same contract — a hardware
/// token or a remote signing service. Signatures come back in the NCA byte layout (RSA PKCS#1 v1.5; GOST r‖s with each
/// half little-endian).
/// </summary>
public interface INcaSigner
{
    /// <summary>Gets the key algorithm.</summary>
    NcaKeyAlgorithm Algorithm { get; }

    /// <summary>Gets the signer's certificate.</summary>
    X509Certificate2 Certificate { get; }

    /// <summary>Gets the signature algorithm OID written into CMS/X.509 structures (e.g. 1.2.398.3.10.1.1.2.3.2).</summary>
    string SignatureAlgorithmOid { get; }

    /// <summary>Gets the XMLDSig SignatureMethod URI.</summary>
    string XmlSignatureMethodUri { get; }

    /// <summary>Gets the XMLDSig DigestMethod URI.</summary>
    string XmlDigestMethodUri { get; }

    /// <summary>Gets the digest algorithm OID.</summary>
    string DigestOid { get; }

    /// <summary>Hashes data with the signer's digest.</summary>
    /// <param name="data">The data.</param>
    /// <returns>The digest.</returns>
    byte[] ComputeDigest(ReadOnlySpan<byte> data);

    /// <summary>Signs data (the signer hashes it).</summary>
    /// <param name="data">The data to sign.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The signature in the NCA byte layout.</returns>
    Task<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);
}
