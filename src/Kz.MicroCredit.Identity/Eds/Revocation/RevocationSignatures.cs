using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Security;
using BcX509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// The signature checks revocation needs (CRL, OCSP response, delegated responder certificate), in one place so that
/// every algorithm NCA uses (RSA, GOST 34.310-2004, GOST 34.10-2015) goes through the same primitives.
/// Any exception is a failed check: a signature that cannot be verified is not valid.
/// </summary>
internal static class RevocationSignatures
{
    /// <summary>Verifies a signature over to-be-signed bytes with a certificate's public key.</summary>
    /// <param name="tbs">The signed bytes.</param>
    /// <param name="algorithmIdentifierDer">The DER AlgorithmIdentifier.</param>
    /// <param name="signature">The signature value.</param>
    /// <param name="signer">The signer's certificate.</param>
    /// <returns>Whether the signature verifies.</returns>
    public static bool Verify(ReadOnlySpan<byte> tbs, ReadOnlySpan<byte> algorithmIdentifierDer, byte[] signature, X509Certificate2 signer)
    {
        try
        {
            var algorithm = AlgorithmIdentifier.GetInstance(Asn1Object.FromByteArray(algorithmIdentifierDer.ToArray()));
            return VerifyCore(tbs, algorithm, signature, signer);
        }
#pragma warning disable CA1031 // any fault of a foreign signature is "not verified"
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>Checks that a certificate's signature verifies with the issuer's key and names the issuer.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <param name="issuer">The issuer.</param>
    /// <returns>Whether it was issued by <paramref name="issuer"/>.</returns>
    public static bool IsCertificateIssuedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        try
        {
            if (!NamesEqual(certificate.IssuerName, issuer.SubjectName))
            {
                return false;
            }

            var structure = X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(certificate.RawData));
            byte[] tbs = structure.TbsCertificate.GetEncoded(Asn1Encodable.Der);
            return VerifyCore(tbs, structure.SignatureAlgorithm, structure.Signature.GetOctets(), issuer);
        }
#pragma warning disable CA1031
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>Compares two distinguished names ignoring string encodings and attribute order.</summary>
    /// <param name="a">A name.</param>
    /// <param name="b">Another.</param>
    /// <returns>Whether equivalent.</returns>
    public static bool NamesEqual(X500DistinguishedName a, X500DistinguishedName b) => NamesEqual(a.RawData, b.RawData);

    /// <summary>Compares two DER names ignoring string encodings and attribute order.</summary>
    /// <param name="a">A name.</param>
    /// <param name="b">Another.</param>
    /// <returns>Whether equivalent.</returns>
    public static bool NamesEqual(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.SequenceEqual(b))
        {
            return true;
        }

        try
        {
            return X509Name.GetInstance(Asn1Object.FromByteArray(a.ToArray())).Equivalent(X509Name.GetInstance(Asn1Object.FromByteArray(b.ToArray())), false);
        }
#pragma warning disable CA1031
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private static bool VerifyCore(ReadOnlySpan<byte> tbs, AlgorithmIdentifier algorithm, byte[] signature, X509Certificate2 signer)
    {
        var bcSigner = new BcX509Certificate(signer.RawData);
        var verifier = SignerUtilities.GetSigner(algorithm.Algorithm);
        verifier.Init(false, bcSigner.GetPublicKey());
        verifier.BlockUpdate(tbs);
        return verifier.VerifySignature(signature);
    }
}
