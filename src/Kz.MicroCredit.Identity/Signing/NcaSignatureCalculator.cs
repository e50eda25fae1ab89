using Kz.MicroCredit.Identity.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;

namespace Kz.MicroCredit.Identity.Signing;

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
