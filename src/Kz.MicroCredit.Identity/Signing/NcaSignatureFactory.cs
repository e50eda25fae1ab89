using Kz.MicroCredit.Identity.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;

namespace Kz.MicroCredit.Identity.Signing;

/// <summary>
/// A BouncyCastle <see cref="ISignatureFactory"/> over an in-memory NCA key: writes the Kazakh signature OIDs (with NULL
/// parameters, as NCA does) and NCA-layout signatures, so BouncyCastle generators (X509V3CertificateGenerator,
/// X509V2CrlGenerator, BasicOcspRespGenerator) emit NCA-compatible structures. BouncyCastle's CMS SignerInfoGenerator
/// cannot hash with the Kazakh digest OIDs, so it works with this factory for RSA only; GOST CMS goes through NcaCmsSigner.
/// </summary>
internal sealed class NcaSignatureFactory : ISignatureFactory
{
    /// <summary>Initializes a new instance of the <see cref="NcaSignatureFactory"/> class.</summary>
    /// <param name="key">The signing key (not owned).</param>
    public NcaSignatureFactory(NcaPrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        AlgorithmIdentifier = new AlgorithmIdentifier(new DerObjectIdentifier(key.SignatureAlgorithmOid), DerNull.Instance);
    }

    /// <summary>Gets the key.</summary>
    public NcaPrivateKey Key { get; }

    /// <summary>Gets the signature AlgorithmIdentifier.</summary>
    public AlgorithmIdentifier AlgorithmIdentifier { get; }

    /// <inheritdoc/>
    public object AlgorithmDetails => AlgorithmIdentifier;

    /// <inheritdoc/>
    public IStreamCalculator<IBlockResult> CreateCalculator() => new NcaSignatureCalculator(Key);
}
