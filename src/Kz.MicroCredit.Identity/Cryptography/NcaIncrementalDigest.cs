using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>An incremental hash over one of <see cref="NcaDigestAlgorithm"/>.</summary>
internal sealed class NcaIncrementalDigest : IDisposable
{
    private readonly IncrementalHash? _platform;
    private readonly IDigest? _bouncy;

    internal NcaIncrementalDigest(NcaDigestAlgorithm algorithm)
    {
        Algorithm = algorithm;
        HashAlgorithmName? name = algorithm switch
        {
            NcaDigestAlgorithm.Sha1 => HashAlgorithmName.SHA1,
            NcaDigestAlgorithm.Sha256 => HashAlgorithmName.SHA256,
            NcaDigestAlgorithm.Sha384 => HashAlgorithmName.SHA384,
            NcaDigestAlgorithm.Sha512 => HashAlgorithmName.SHA512,
            _ => null,
        };
        if (name is { } n)
        {
            _platform = IncrementalHash.CreateHash(n);
        }
        else
        {
            _bouncy = NcaDigests.CreateBouncyDigest(algorithm);
        }
    }

    /// <summary>Gets the algorithm.</summary>
    public NcaDigestAlgorithm Algorithm { get; }

    /// <summary>Adds data.</summary>
    /// <param name="data">The data.</param>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (_platform is not null)
        {
            _platform.AppendData(data);
        }
        else
        {
            _bouncy!.BlockUpdate(data);
        }
    }

    /// <summary>Finishes and resets.</summary>
    /// <returns>The digest.</returns>
    public byte[] GetHashAndReset()
    {
        if (_platform is not null)
        {
            return _platform.GetHashAndReset();
        }

        byte[] result = new byte[_bouncy!.GetDigestSize()];
        _bouncy.DoFinal(result, 0);
        return result;
    }

    /// <inheritdoc/>
    public void Dispose() => _platform?.Dispose();
}
