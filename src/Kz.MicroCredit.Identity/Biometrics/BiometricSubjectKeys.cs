using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>Turns IIN (+ operation) into a keyed HMAC-SHA256 token for the stores; a plain hash of an IIN is reversible.</summary>
internal sealed class BiometricSubjectKeys
{
    private readonly byte[] _key;

    public BiometricSubjectKeys(IOptions<KcmrBiometricsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? secret = options.Value.SubjectKeySecret;
        _key = secret is null ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(secret);
    }

    public string For(Iin iin, IdentificationOperation operation) => Compute(iin.Value + "|" + ((int)operation).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string For(Iin iin) => Compute(iin.Value);

    private string Compute(string text)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text), mac);
        return Convert.ToHexStringLower(mac);
    }
}
