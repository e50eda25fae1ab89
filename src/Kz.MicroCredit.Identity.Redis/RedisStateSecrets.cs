using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Redis;

/// <summary>
/// The shared secrets: seals record values with AES-256-GCM under the active key (the key id travels with the value,
/// so a retired key still opens what it sealed) and derives the purpose keys of the keyed hashes from the active key.
/// </summary>
internal sealed class RedisStateSecrets
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<string, byte[]> _sealingKeys = new(StringComparer.Ordinal);
    private readonly string _activeKeyId;
    private readonly byte[]? _activeSecret;

    public RedisStateSecrets(IOptions<RedisStateOptions> options)
    {
        RedisStateOptions o = options.Value;
        _activeKeyId = o.ActiveKeyId ?? throw new InvalidOperationException("RedisStateOptions.ActiveKeyId is not set.");
        foreach ((string id, string value) in o.Keys)
        {
            byte[] secret = TryDecode(value) ?? throw new InvalidOperationException("A RedisStateOptions key is not base64.");
            _sealingKeys[id] = Derive(secret, "kzid-redis-seal-v1");
            if (string.Equals(id, _activeKeyId, StringComparison.Ordinal))
            {
                _activeSecret = secret;
            }
        }

        if (_activeSecret is null)
        {
            throw new InvalidOperationException("RedisStateOptions.ActiveKeyId names no key.");
        }
    }

    public static byte[]? TryDecode(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(value.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A purpose key derived from the active secret (HKDF-SHA-256); the same on every instance.</summary>
    public byte[] DerivePurposeKey(string purpose) => Derive(_activeSecret!, purpose);

    /// <summary>Seals a value: <c>keyId:base64(nonce | ciphertext | tag)</c>; the Redis key is the associated data.</summary>
    public string Seal(ReadOnlySpan<byte> plaintext, string redisKey)
    {
        byte[] output = new byte[NonceSize + plaintext.Length + TagSize];
        Span<byte> nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_sealingKeys[_activeKeyId], TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length), Encoding.UTF8.GetBytes(redisKey));
        return _activeKeyId + ":" + Convert.ToBase64String(output);
    }

    /// <summary>Opens a sealed value; an unknown key id, a wrong key or a tampered value throws <see cref="StateStoreUnavailableException"/>.</summary>
    public byte[] Open(string sealedValue, string redisKey)
    {
        int colon = sealedValue.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !_sealingKeys.TryGetValue(sealedValue[..colon], out byte[]? key))
        {
            throw new StateStoreUnavailableException("A stored record is sealed with a key id this instance does not know.");
        }

        byte[] input;
        try
        {
            input = Convert.FromBase64String(sealedValue[(colon + 1)..]);
        }
        catch (FormatException ex)
        {
            throw new StateStoreUnavailableException("A stored record is not readable.", ex);
        }

        if (input.Length < NonceSize + TagSize)
        {
            throw new StateStoreUnavailableException("A stored record is not readable.");
        }

        byte[] plaintext = new byte[input.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize, plaintext.Length), input.AsSpan(NonceSize + plaintext.Length), plaintext, Encoding.UTF8.GetBytes(redisKey));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new StateStoreUnavailableException("A stored record failed its integrity check.", ex);
        }

        return plaintext;
    }

    private static byte[] Derive(byte[] secret, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: [], info: Encoding.UTF8.GetBytes(purpose));
}
