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

/// <summary>Hashes what BouncyCastle writes and signs the digest with the NCA key on <see cref="GetResult"/>.</summary>
#pragma warning disable CA1001 // BouncyCastle generators dispose Stream themselves; the digest behind it holds no unmanaged state.
internal sealed class NcaSignatureCalculator : IStreamCalculator<IBlockResult>
#pragma warning restore CA1001
{
    private readonly NcaPrivateKey _key;
    private readonly DigestingStream _stream;

    /// <summary>Initializes a new instance of the <see cref="NcaSignatureCalculator"/> class.</summary>
    /// <param name="key">The key.</param>
    public NcaSignatureCalculator(NcaPrivateKey key)
    {
        _key = key;
        _stream = new DigestingStream(NcaDigests.CreateBouncyDigest(key.Digest));
    }

    /// <inheritdoc/>
    public Stream Stream => _stream;

    /// <inheritdoc/>
    public IBlockResult GetResult() => new SimpleBlockResult(_key.SignHash(_stream.Finish()));

    private sealed class DigestingStream(IDigest digest) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public byte[] Finish()
        {
            byte[] hash = new byte[digest.GetDigestSize()];
            digest.DoFinal(hash, 0);
            return hash;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => digest.BlockUpdate(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => digest.BlockUpdate(buffer);

        public override void WriteByte(byte value) => digest.Update(value);
    }
}
