using System.Security.Cryptography;
using Kz.MicroCredit.Identity.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Kz.MicroCredit.Identity.Signing;

/// <summary>
/// Writes PKCS#12 files in the NCA layout (docs/nca-formats.md §5a): certificates in an encrypted-data bag
/// (pbeWithSHA1And40BitRC2-CBC), the key in a PKCS#8 shrouded key bag (pbeWithSHA1And3-KeyTripleDES-CBC) holding the
/// NCA private-key encoding, MAC SHA-1, 1024 iterations. For sandbox key files and tests.
/// </summary>
internal static class NcaPkcs12Builder
{
    private const int Iterations = 1024;

    /// <summary>Builds a PKCS#12 file.</summary>
    /// <param name="key">The private key, or null for a certificates-only file.</param>
    /// <param name="certificates">DER certificates (the key's own first), possibly none.</param>
    /// <param name="password">The password.</param>
    /// <returns>The DER PFX.</returns>
    public static byte[] Build(NcaPrivateKey? key, IEnumerable<byte[]> certificates, string password)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(password);
        char[] chars = password.ToCharArray();
        try
        {
            var authSafe = new List<Asn1Encodable>();
            List<byte[]> certs = certificates.ToList();
            if (certs.Count > 0)
            {
                var bags = certs.Select(c => (Asn1Encodable)new SafeBag(
                    PkcsObjectIdentifiers.CertBag,
                    new CertBag(PkcsObjectIdentifiers.X509Certificate, new DerOctetString(c)))).ToArray();
                byte[] plain = new DerSequence(bags).GetEncoded(Asn1Encodable.Der);
                byte[] salt = RandomNumberGenerator.GetBytes(8);
                var algorithm = new AlgorithmIdentifier(
                    PkcsObjectIdentifiers.PbewithShaAnd40BitRC2Cbc,
                    PbeUtilities.GenerateAlgorithmParameters(PkcsObjectIdentifiers.PbewithShaAnd40BitRC2Cbc, salt, Iterations));
                var cipher = (IBufferedCipher)PbeUtilities.CreateEngine(algorithm);
                cipher.Init(true, PbeUtilities.GenerateCipherParameters(algorithm, chars));
                var encrypted = new EncryptedData(PkcsObjectIdentifiers.Data, algorithm, new DerOctetString(cipher.DoFinal(plain)));
                authSafe.Add(new ContentInfo(PkcsObjectIdentifiers.EncryptedData, encrypted));
            }

            if (key is not null)
            {
                var keyInfo = PrivateKeyInfo.GetInstance(key.ExportPrivateKeyInfo());
                var keyAlgorithm = new AlgorithmIdentifier(
                    PkcsObjectIdentifiers.PbeWithShaAnd3KeyTripleDesCbc,
                    PbeUtilities.GenerateAlgorithmParameters(PkcsObjectIdentifiers.PbeWithShaAnd3KeyTripleDesCbc, RandomNumberGenerator.GetBytes(8), Iterations));
                var keyCipher = (IBufferedCipher)PbeUtilities.CreateEngine(keyAlgorithm);
                keyCipher.Init(true, PbeUtilities.GenerateCipherParameters(keyAlgorithm, chars));
                var shrouded = new EncryptedPrivateKeyInfo(keyAlgorithm, keyCipher.DoFinal(keyInfo.GetEncoded(Asn1Encodable.Der)));
                var bag = new SafeBag(PkcsObjectIdentifiers.Pkcs8ShroudedKeyBag, shrouded);
                authSafe.Add(new ContentInfo(PkcsObjectIdentifiers.Data, new DerOctetString(new DerSequence(bag).GetEncoded(Asn1Encodable.Der))));
            }

            byte[] authSafeBytes = new DerSequence(authSafe.ToArray()).GetEncoded(Asn1Encodable.Der);
            byte[] macSalt = RandomNumberGenerator.GetBytes(20);
            var generator = new Pkcs12ParametersGenerator(DigestUtilities.GetDigest("SHA-1"));
            generator.Init(PbeParametersGenerator.Pkcs12PasswordToBytes(chars), macSalt, Iterations);
            var hmac = new HMac(DigestUtilities.GetDigest("SHA-1"));
            hmac.Init((KeyParameter)generator.GenerateDerivedMacParameters(160));
            hmac.BlockUpdate(authSafeBytes, 0, authSafeBytes.Length);
            byte[] mac = new byte[hmac.GetMacSize()];
            hmac.DoFinal(mac, 0);
            var macData = new MacData(new DigestInfo(new AlgorithmIdentifier(new DerObjectIdentifier(NcaOids.Sha1), DerNull.Instance), mac), macSalt, Iterations);
            return new Pfx(new ContentInfo(PkcsObjectIdentifiers.Data, new DerOctetString(authSafeBytes)), macData).GetEncoded(Asn1Encodable.Der);
        }
        finally
        {
            Array.Clear(chars);
        }
    }
}
