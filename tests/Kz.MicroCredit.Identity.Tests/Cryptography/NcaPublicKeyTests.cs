using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Kz.MicroCredit.Identity.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Cryptography;

public sealed class NcaPublicKeyTests
{
    private static readonly Dictionary<string, string> Vectors = File.ReadAllLines(NcaTestFiles.PathOf("ncalayer-rs/test_gost512.vectors"))
        .Where(l => l.Contains('=', StringComparison.Ordinal))
        .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim());

    [Fact]
    public void Kalkan_gost512_oracle_vector_verifies_and_tampering_fails()
    {
        byte[] message = Encoding.UTF8.GetBytes(Vectors["msg"]);
        byte[] signature = Convert.FromHexString(Vectors["sig"]);
        NcaPublicKey key = NcaPublicKey.FromSubjectPublicKeyInfo(Convert.FromHexString(Vectors["spki"]));

        Assert.Equal(NcaKeyAlgorithm.Gost2015_512, key.Algorithm);
        Assert.Equal(Convert.FromHexString(Vectors["digest"]), NcaDigests.Compute(NcaOids.Streebog512Digest, message));
        Assert.True(key.Verify(Vectors["sigalg_oid"], message, signature));
        Assert.True(key.VerifyHash(Convert.FromHexString(Vectors["digest"]), signature));
        Assert.True(key.VerifyXml("urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512", message, signature));

        // the 2018 Kalkan quirk: key OID where the signature OID belongs
        Assert.True(key.Verify(NcaOids.Gost2015Key512, message, signature));

        byte[] otherMessage = Encoding.UTF8.GetBytes(Vectors["msg"] + ".");
        Assert.False(key.Verify(Vectors["sigalg_oid"], otherMessage, signature));
        byte[] badSignature = (byte[])signature.Clone();
        badSignature[0] ^= 1;
        Assert.False(key.Verify(Vectors["sigalg_oid"], message, badSignature));

        // RFC 4491 order (s‖r big-endian) is the reversal and must not verify
        byte[] rfc4491 = (byte[])signature.Clone();
        Array.Reverse(rfc4491);
        Assert.False(key.Verify(Vectors["sigalg_oid"], message, rfc4491));

        // the certificate self-signature of the vector file
        Assert.True(key.Verify(Vectors["sigalg_oid"], Convert.FromHexString(Vectors["cert_tbs"]), Convert.FromHexString(Vectors["cert_sig"])));
    }

    [Fact]
    public void Public_key_bytes_are_little_endian_halves_of_the_published_point()
    {
        NcaPublicKey key = NcaPublicKey.FromSubjectPublicKeyInfo(Convert.FromHexString(Vectors["spki"]));
        var q = key.GostKey!.Q.Normalize();

        Assert.Equal(Vectors["qx"], q.AffineXCoord.ToBigInteger().ToString(16).PadLeft(128, '0'));
        Assert.Equal(Vectors["qy"], q.AffineYCoord.ToBigInteger().ToString(16).PadLeft(128, '0'));
    }

    [Theory]
    [InlineData("1.2.398.3.10.1.1.1.2")] // GOST-2004 signature on a GOST-2015-512 key
    [InlineData("1.2.398.3.10.1.1.2.3.1")] // 2015-256
    [InlineData("1.2.840.113549.1.1.11")] // RSA
    [InlineData("1.2.643.7.1.1.3.3")] // Russian GOST OIDs are not NCA OIDs
    [InlineData("1.2.3")]
    public void Algorithm_that_does_not_match_the_key_is_rejected(string signatureOid)
    {
        byte[] message = Encoding.UTF8.GetBytes(Vectors["msg"]);
        NcaPublicKey key = NcaPublicKey.FromSubjectPublicKeyInfo(Convert.FromHexString(Vectors["spki"]));

        Assert.False(key.Verify(signatureOid, message, Convert.FromHexString(Vectors["sig"])));
    }

    [Fact]
    public void Gost_signature_with_a_contradicting_digest_oid_is_rejected()
    {
        byte[] message = Encoding.UTF8.GetBytes(Vectors["msg"]);
        NcaPublicKey key = NcaPublicKey.FromSubjectPublicKeyInfo(Convert.FromHexString(Vectors["spki"]));

        Assert.True(key.Verify(Vectors["sigalg_oid"], NcaOids.Streebog512Digest, message, Convert.FromHexString(Vectors["sig"])));
        Assert.False(key.Verify(Vectors["sigalg_oid"], NcaOids.Sha256, message, Convert.FromHexString(Vectors["sig"])));
    }

    [Fact]
    public void Rsa_key_rejects_gost_algorithms_and_sha1_unless_allowed()
    {
        using X509Certificate2 cert = NcaTestFiles.Cert("ncanode/resources/certs/individual_valid_sign_2004_rsa.cer");
        using X509Certificate2 ca = NcaTestFiles.Cert("ncanode/resources/ca/nca_rsa_test.crt");
        NcaPublicKey key = NcaPublicKey.FromCertificate(ca);
        var structure = X509CertificateStructure.GetInstance(cert.RawData);
        byte[] tbs = structure.TbsCertificate.GetEncoded(Asn1Encodable.Der);
        byte[] signature = structure.Signature.GetOctets();

        Assert.Equal(NcaKeyAlgorithm.Rsa, key.Algorithm);
        Assert.Equal(4096, key.KeySize);
        Assert.True(key.Verify(NcaOids.Sha256WithRsa, tbs, signature));
        Assert.True(key.Verify(NcaOids.RsaEncryption, NcaOids.Sha256, tbs, signature)); // CMS style
        Assert.True(key.VerifyHash(SHA256.HashData(tbs), signature));
        Assert.False(key.Verify(NcaOids.Gost2004Signature, tbs, signature));
        Assert.False(key.Verify(NcaOids.Sha512WithRsa, tbs, signature));
        Assert.False(key.Verify(NcaOids.RsaEncryption, NcaOids.Sha1, tbs, signature));
        Assert.False(key.VerifyXml("http://www.w3.org/2000/09/xmldsig#hmac-sha1", tbs, signature));
        Assert.True(key.VerifyXml("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", tbs, signature));
    }

    [Fact]
    public void Certificate_key_is_parsed_once_per_certificate_instance()
    {
        using X509Certificate2 ca = NcaTestFiles.Cert("kalkan-sdk-testdata/certs/nca_gost2022_test.cer");

        Assert.Same(NcaPublicKey.FromCertificate(ca), NcaPublicKey.FromCertificate(ca));

        // another instance of the same certificate shares the parsed key through the SPKI cache
        using X509Certificate2 again = NcaTestFiles.Cert("kalkan-sdk-testdata/certs/nca_gost2022_test.cer");
        Assert.Same(NcaPublicKey.FromCertificate(ca), NcaPublicKey.FromCertificate(again));
    }

    [Fact]
    public void Unknown_key_algorithm_throws_a_cryptographic_exception()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.Throws<CryptographicException>(() => NcaPublicKey.FromSubjectPublicKeyInfo(ecdsa.ExportSubjectPublicKeyInfo()));
        Assert.Throws<CryptographicException>(() => NcaPublicKey.FromSubjectPublicKeyInfo([0x30, 0x00]));
    }

    [Fact]
    public void Gost_public_key_not_on_the_curve_is_rejected()
    {
        byte[] spki = Convert.FromHexString(Vectors["spki"]);
        spki[^1] ^= 0x01; // y changes: the point leaves the curve

        Assert.Throws<CryptographicException>(() => NcaPublicKey.FromSubjectPublicKeyInfo(spki));
    }

    [Fact]
    public void Wycheproof_rsa_pkcs1_sha256_vectors_through_the_platform_rsa_path()
    {
        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "wycheproof", "rsa_signature_2048_sha256_test.json")));
        int valid = 0, invalid = 0, acceptable = 0;
        foreach (JsonElement group in json.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            NcaPublicKey key = NcaPublicKey.FromSubjectPublicKeyInfo(Convert.FromHexString(group.GetProperty("publicKeyDer").GetString()!));
            Assert.Equal("SHA-256", group.GetProperty("sha").GetString());
            foreach (JsonElement test in group.GetProperty("tests").EnumerateArray())
            {
                byte[] message = Convert.FromHexString(test.GetProperty("msg").GetString()!);
                byte[] signature = Convert.FromHexString(test.GetProperty("sig").GetString()!);
                bool accepted = key.Verify(NcaOids.Sha256WithRsa, message, signature);
                string id = test.GetProperty("tcId").GetInt32().ToString(CultureInfo.InvariantCulture);
                switch (test.GetProperty("result").GetString())
                {
                    case "valid":
                        Assert.True(accepted, "valid vector rejected: tcId " + id);
                        valid++;
                        break;
                    case "invalid":
                        Assert.False(accepted, "invalid vector accepted: tcId " + id);
                        invalid++;
                        break;
                    default:
                        // "acceptable" = MissingNull (legacy encoding without the NULL): either outcome is allowed;
                        // the platform (OpenSSL) rejects it, which is the stricter choice.
                        acceptable++;
                        break;
                }
            }
        }

        Assert.Equal((9, 249, 1), (valid, invalid, acceptable));
    }
}
