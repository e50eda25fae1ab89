using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>The secret key for keyed hashes: from options or random per process.</summary>
internal sealed class RealTimePhotoKeyRing
{
    private readonly byte[] _key;

    public RealTimePhotoKeyRing(IOptions<RealTimePhotoOptions> options)
        : this(options.Value.SecretKey)
    {
    }

    internal RealTimePhotoKeyRing(byte[]? key) => _key = key is { Length: >= 32 } ? (byte[])key.Clone() : RandomNumberGenerator.GetBytes(32);

    public byte[] Mac(string purpose, string value) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose + "\n" + value));

    public string MacText(string purpose, string value) => Convert.ToHexStringLower(Mac(purpose, value));
}
