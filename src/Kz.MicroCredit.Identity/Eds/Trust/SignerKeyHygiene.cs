using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// What a signer's key must be: an NCA algorithm; RSA of at least the configured size; a GOST key whose certificate
/// names the curve of its own algorithm (a GOST 34.310-2004 key declared on a 2015 curve, or the reverse, is refused
/// rather than read on whichever curve the algorithm implies).
/// </summary>
internal static class SignerKeyHygiene
{
    /// <summary>Whether the certificate's key is acceptable for a signer; throws <see cref="CryptographicException"/> for an unreadable key.</summary>
    public static bool IsAcceptable(X509Certificate2 certificate, int minimumRsaKeySize)
    {
        NcaPublicKey key = NcaPublicKey.FromCertificate(certificate);
        if (key.Algorithm == NcaKeyAlgorithm.Rsa)
        {
            return key.KeySize >= minimumRsaKeySize;
        }

        string ownCurve = key.Algorithm switch
        {
            NcaKeyAlgorithm.Gost2004 => NcaOids.Gost2004Curve,
            NcaKeyAlgorithm.Gost2015_512 => NcaOids.Gost2015Curve512,
            _ => NcaOids.Gost2015Curve256,
        };
        return DeclaredCurve(certificate.PublicKey.EncodedParameters?.RawData ?? []) is not { } curve || curve == ownCurve;
    }

    // GOST key parameters: SEQUENCE { publicKeyParamSet OID, digestParamSet OID OPTIONAL, ... }; absent or NULL
    // parameters name no curve (the algorithm's own is used).
    private static string? DeclaredCurve(byte[] parameters)
    {
        if (parameters.Length == 0 || (parameters.Length == 2 && parameters[0] == 0x05 && parameters[1] == 0x00))
        {
            return null;
        }

        try
        {
            var reader = new AsnReader(parameters, AsnEncodingRules.DER);
            AsnReader sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            return sequence.ReadObjectIdentifier();
        }
        catch (AsnContentException ex)
        {
            throw new CryptographicException("The GOST key parameters are malformed.", ex);
        }
    }
}
