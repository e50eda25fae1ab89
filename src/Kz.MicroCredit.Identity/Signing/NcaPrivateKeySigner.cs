using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Signing;

/// <summary>An <see cref="INcaSigner"/> over an in-memory <see cref="NcaPrivateKey"/> and its certificate.</summary>
internal sealed class NcaPrivateKeySigner : INcaSigner, IDisposable
{
    private readonly bool _ownsKey;

    /// <summary>Initializes a new instance of the <see cref="NcaPrivateKeySigner"/> class.</summary>
    /// <param name="key">The key.</param>
    /// <param name="certificate">Its certificate.</param>
    /// <param name="ownsKey">Whether disposing this signer disposes the key and the certificate.</param>
    public NcaPrivateKeySigner(NcaPrivateKey key, X509Certificate2 certificate, bool ownsKey = true)
    {
        Key = key;
        Certificate = certificate;
        _ownsKey = ownsKey;
    }

    /// <summary>Gets the key.</summary>
    public NcaPrivateKey Key { get; }

    /// <inheritdoc/>
    public NcaKeyAlgorithm Algorithm => Key.Algorithm;

    /// <inheritdoc/>
    public X509Certificate2 Certificate { get; }

    /// <inheritdoc/>
    public string SignatureAlgorithmOid => Key.SignatureAlgorithmOid;

    /// <inheritdoc/>
    public string XmlSignatureMethodUri => NcaSignatureAlgorithms.GetXmlSignatureUri(Algorithm);

    /// <inheritdoc/>
    public string XmlDigestMethodUri => NcaDigests.GetXmlUri(Key.Digest);

    /// <inheritdoc/>
    public string DigestOid => NcaDigests.GetOid(Key.Digest);

    /// <inheritdoc/>
    public byte[] ComputeDigest(ReadOnlySpan<byte> data) => NcaDigests.Compute(Key.Digest, data);

    /// <inheritdoc/>
    public Task<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Key.Sign(data.Span));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsKey)
        {
            Key.Dispose();
            Certificate.Dispose();
        }
    }
}
