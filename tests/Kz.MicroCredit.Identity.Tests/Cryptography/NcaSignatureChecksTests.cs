using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.X509;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Cryptography;

public sealed class NcaSignatureChecksTests
{
    private const string GokalkanRootGost = "gokalkan/ca-test/root_gost_test.crt";
    private const string GokalkanRootRsa = "gokalkan/ca-test/root_rsa_test.crt";
    private const string NcaGostTest = "ncanode/resources/ca/nca_gost_test.crt";
    private const string NcaRsaTest = "ncanode/resources/ca/nca_rsa_test.crt";
    private const string RootGost2022Test = "kalkan-sdk-testdata/certs/root_test_gost_2022.cer";
    private const string NcaGost2022Test = "kalkan-sdk-testdata/certs/nca_gost2022_test.cer";

    public static TheoryData<string, string, NcaKeyAlgorithm> CertificateLinks => new()
    {
        // test PKI, GOST 34.310-2004 and RSA (ҰКО 3.0)
        { GokalkanRootGost, GokalkanRootGost, NcaKeyAlgorithm.Gost2004 },
        { GokalkanRootRsa, GokalkanRootRsa, NcaKeyAlgorithm.Rsa },
        { "gokalkan/ca-test/nca_gost_test.crt", GokalkanRootGost, NcaKeyAlgorithm.Gost2004 },
        { "gokalkan/ca-test/nca_rsa_test.crt", GokalkanRootRsa, NcaKeyAlgorithm.Rsa },
        { NcaGostTest, GokalkanRootGost, NcaKeyAlgorithm.Gost2004 },
        { NcaRsaTest, GokalkanRootRsa, NcaKeyAlgorithm.Rsa },
        { "ncanode/certs_inline/nca_2004_gost_cert.pem", GokalkanRootGost, NcaKeyAlgorithm.Gost2004 },
        { "ncanode/certs_inline/nca_2004_rsa_cert.pem", GokalkanRootRsa, NcaKeyAlgorithm.Rsa },
        { "ncanode/resources/certs/individual_valid_sign_2004_rsa.cer", NcaRsaTest, NcaKeyAlgorithm.Rsa },
        { "ncanode/resources/certs/individual_valid_sign_2004_rsa_auth.cer", NcaRsaTest, NcaKeyAlgorithm.Rsa },
        { "ncanode/certs_inline/cert_individual.pem", NcaRsaTest, NcaKeyAlgorithm.Rsa },
        { "ncanode/resources/certs/ceo_valid_sign_2004_gost.cer", NcaGostTest, NcaKeyAlgorithm.Gost2004 },

        // test PKI, GOST 34.10-2015-512 (2022)
        { RootGost2022Test, RootGost2022Test, NcaKeyAlgorithm.Gost2015_512 },
        { NcaGost2022Test, RootGost2022Test, NcaKeyAlgorithm.Gost2015_512 },
        { "ncanode/resources/ca/nca_gost2015_test.cer", RootGost2022Test, NcaKeyAlgorithm.Gost2015_512 },
        { "ncanode/certs_inline/nca_2015_cert.cer", RootGost2022Test, NcaKeyAlgorithm.Gost2015_512 },
        { "gokalkan/certs/gost1.cer", NcaGost2022Test, NcaKeyAlgorithm.Gost2015_512 },
        { "gokalkan/certs/gost2.cer", NcaGost2022Test, NcaKeyAlgorithm.Gost2015_512 },
        { "ncalayer-rs/test_gost512.cer.pem", "ncalayer-rs/test_gost512.cer.pem", NcaKeyAlgorithm.Gost2015_512 },

        // production CAs
        { "production-ca/prod/root_gost.pem", "production-ca/prod/root_gost.pem", NcaKeyAlgorithm.Gost2004 },
        { "production-ca/prod/root_rsa.pem", "production-ca/prod/root_rsa.pem", NcaKeyAlgorithm.Rsa },
        { "production-ca/prod/nca_gost.pem", "production-ca/prod/root_gost.pem", NcaKeyAlgorithm.Gost2004 },
        { "production-ca/prod/nca_rsa.pem", "production-ca/prod/root_rsa.pem", NcaKeyAlgorithm.Rsa },
        { "production-ca/prod/root_gost_2022.pem", "production-ca/prod/root_gost_2022.pem", NcaKeyAlgorithm.Gost2015_512 },
        { "production-ca/prod/nca_gost_2022.pem", "production-ca/prod/root_gost_2022.pem", NcaKeyAlgorithm.Gost2015_512 },
        { "production-ca/prod/root_rsa_2020.cer", "production-ca/prod/root_rsa_2020.cer", NcaKeyAlgorithm.Rsa },
        { "production-ca/prod/nca_rsa_2022.cer", "production-ca/prod/root_rsa_2020.cer", NcaKeyAlgorithm.Rsa },
        { "production-ca/prod/root_gost_2020.cer", "production-ca/prod/root_gost_2020.cer", NcaKeyAlgorithm.Gost2004 },
        { "production-ca/prod/ucgo_gost.cer", "production-ca/prod/root_gost_2020.cer", NcaKeyAlgorithm.Gost2004 },
        { "production-ca/prod/btsd_gost.cer", "production-ca/prod/root_gost_2020.cer", NcaKeyAlgorithm.Gost2004 },
        { "kalkan-sdk-testdata/examples/test_CERT_GOST.txt", "production-ca/prod/nca_gost.pem", NcaKeyAlgorithm.Gost2004 },
        { "ncanode/legacy_2018/certs/root/root_gost.crt", "ncanode/legacy_2018/certs/root/root_gost.crt", NcaKeyAlgorithm.Gost2004 },
        { "ncanode/legacy_2018/certs/root/root_rsa.crt", "ncanode/legacy_2018/certs/root/root_rsa.crt", NcaKeyAlgorithm.Rsa },
        { "ncanode/legacy_2018/certs/trusted/nca_gost.crt", "ncanode/legacy_2018/certs/root/root_gost.crt", NcaKeyAlgorithm.Gost2004 },
        { "ncanode/legacy_2018/certs/trusted/nca_rsa.crt", "ncanode/legacy_2018/certs/root/root_rsa.crt", NcaKeyAlgorithm.Rsa },
    };

    [Theory]
    [MemberData(nameof(CertificateLinks))]
    public void Real_certificate_verifies_under_its_issuer(string certificate, string issuer, NcaKeyAlgorithm issuerAlgorithm)
    {
        using X509Certificate2 cert = NcaTestFiles.Cert(certificate);
        using X509Certificate2 ca = NcaTestFiles.Cert(issuer);

        Assert.Equal(issuerAlgorithm, NcaPublicKey.FromCertificate(ca).Algorithm);
        Assert.True(NcaSignatureChecks.IsCertificateSignedBy(cert, ca));
    }

    [Theory]
    [MemberData(nameof(CertificateLinks))]
    public void Tampered_certificate_fails(string certificate, string issuer, NcaKeyAlgorithm issuerAlgorithm)
    {
        _ = issuerAlgorithm;
        byte[] der = NcaTestFiles.Der(certificate);
        using X509Certificate2 ca = NcaTestFiles.Cert(issuer);
        NcaPublicKey key = NcaPublicKey.FromCertificate(ca);

        byte[] tamperedTbs = (byte[])der.Clone();
        tamperedTbs[tamperedTbs.Length / 3] ^= 0x01; // inside the TBS (the subject or key)
        byte[] tamperedSignature = (byte[])der.Clone();
        tamperedSignature[^5] ^= 0x80;

        Assert.True(NcaSignatureChecks.IsCertificateSignedBy(der, key));
        Assert.False(NcaSignatureChecks.IsCertificateSignedBy(tamperedTbs, key));
        Assert.False(NcaSignatureChecks.IsCertificateSignedBy(tamperedSignature, key));
    }

    [Theory]
    [InlineData("gokalkan/certs/gost1.cer", RootGost2022Test)] // right algorithm, wrong CA
    [InlineData("ncanode/resources/certs/individual_valid_sign_2004_rsa.cer", GokalkanRootRsa)] // skipped a level
    [InlineData("ncanode/resources/certs/ceo_valid_sign_2004_gost.cer", NcaRsaTest)] // quirk: its AIA points to the RSA CA
    [InlineData("gokalkan/certs/gost1.cer", NcaGostTest)] // GOST-2015 certificate, GOST-2004 key
    [InlineData("ncanode/resources/certs/individual_valid_sign_2004_rsa.cer", NcaGostTest)] // RSA certificate, GOST key
    [InlineData("ncanode/resources/ca/nca_gost_test.crt", GokalkanRootRsa)] // GOST certificate, RSA key
    public void Certificate_does_not_verify_under_a_wrong_or_foreign_key(string certificate, string wrongIssuer)
    {
        using X509Certificate2 cert = NcaTestFiles.Cert(certificate);
        using X509Certificate2 ca = NcaTestFiles.Cert(wrongIssuer);

        Assert.False(NcaSignatureChecks.IsCertificateSignedBy(cert, ca));
    }

    public static TheoryData<string, string> CrlLinks => new()
    {
        { "ncanode/resources/crl/nca_rsa_test.crl", NcaRsaTest },
        { "ncanode/resources/crl/nca_gost_test.crl", NcaGostTest },
        { "ncanode/resources/crl/nca_gost2022_test.crl", NcaGost2022Test },
        { "kalkan-sdk-testdata/certs/nca_gost2022_test.crl", NcaGost2022Test },
        { "kalkan-sdk-testdata/certs/nca_gost2022_d_test.crl", NcaGost2022Test },
    };

    [Theory]
    [MemberData(nameof(CrlLinks))]
    public void Real_crl_verifies_under_its_ca_and_not_under_another(string crl, string issuer)
    {
        byte[] der = NcaTestFiles.Der(crl);
        using X509Certificate2 ca = NcaTestFiles.Cert(issuer);
        using X509Certificate2 other = NcaTestFiles.Cert(issuer == NcaGost2022Test ? RootGost2022Test : GokalkanRootGost);
        X509Crl bc = new X509CrlParser().ReadCrl(der);

        Assert.True(NcaSignatureChecks.IsCrlSignedBy(der, ca));
        Assert.True(NcaSignatureChecks.IsCrlSignedBy(bc, ca));
        Assert.False(NcaSignatureChecks.IsCrlSignedBy(der, other));

        byte[] tampered = (byte[])der.Clone();
        tampered[der.Length / 2] ^= 0x04;
        Assert.False(NcaSignatureChecks.IsCrlSignedBy(tampered, ca));
    }

    [Theory]
    [InlineData("ocsp_response_ceo_2015_revoked.bin", "1.2.398.3.10.1.1.2.3.2", NcaGost2022Test)]
    [InlineData("ocsp_response_individual_2015.bin", "1.2.398.3.10.1.1.2.3.2", NcaGost2022Test)]
    [InlineData("ocsp_response_ceo_sign_2004_revoked.bin", "1.2.398.3.10.1.1.1.2", NcaGostTest)]
    [InlineData("ocsp_response_individual_sign_2004.bin", "1.2.840.113549.1.1.11", NcaRsaTest)]
    public void Real_ocsp_response_verifies_with_the_responder_certificate(string file, string expectedAlgorithm, string caFile)
    {
        OcspResponse response = OcspResponse.GetInstance(Asn1Object.FromByteArray(NcaTestFiles.Bytes("ncanode/resources/ocsp/" + file)));
        byte[] basicDer = response.ResponseBytes.Response.GetOctets();
        BasicOcspResponse basic = BasicOcspResponse.GetInstance(Asn1Object.FromByteArray(basicDer));
        Assert.Equal(expectedAlgorithm, basic.SignatureAlgorithm.Algorithm.Id);

        Assert.NotNull(basic.Certs);
        using X509Certificate2 responder = X509CertificateLoader.LoadCertificate(basic.Certs[0].ToAsn1Object().GetEncoded(Asn1Encodable.Der));
        NcaPublicKey key = NcaPublicKey.FromCertificate(responder);

        Assert.True(NcaSignatureChecks.IsSignedStructureSignedBy(basicDer, key));
        Assert.True(NcaSignatureChecks.IsSignedBy(
            basic.TbsResponseData.GetEncoded(Asn1Encodable.Der), basic.SignatureAlgorithm, basic.Signature.GetOctets(), key));

        // The responder certificate is issued by the CA the MANIFEST names.
        using X509Certificate2 ca = NcaTestFiles.Cert(caFile);
        Assert.True(NcaSignatureChecks.IsCertificateSignedBy(responder, ca));

        // Tampered response data fails.
        byte[] tbs = basic.TbsResponseData.GetEncoded(Asn1Encodable.Der);
        tbs[^3] ^= 0x01;
        Assert.False(NcaSignatureChecks.IsSignedBy(tbs, basic.SignatureAlgorithm, basic.Signature.GetOctets(), key));
    }

    [Theory]
    [InlineData("ncanode/resources/tsp/tsp_token.bin")]
    [InlineData("ncanode/resources/tsp/tsp_response.bin")]
    public void Real_tsp_token_signature_and_message_digest_verify(string file)
    {
        byte[] bytes = NcaTestFiles.Bytes(file);
        var sequence = (Asn1Sequence)Asn1Object.FromByteArray(bytes);
        // A TimeStampResp is SEQUENCE { PKIStatusInfo, token }; the token alone is a ContentInfo starting with an OID.
        Asn1Encodable token = sequence[0] is DerObjectIdentifier ? sequence : sequence[1];
        var cms = new CmsSignedData(Org.BouncyCastle.Asn1.Cms.ContentInfo.GetInstance(token));
        SignerInformation signer = cms.GetSignerInfos().GetSigners().Single();
        Org.BouncyCastle.X509.X509Certificate tsaCert = cms.GetCertificates().EnumerateMatches(signer.SignerID).Single();
        NcaPublicKey key = NcaPublicKey.FromSubjectPublicKeyInfo(tsaCert.CertificateStructure.SubjectPublicKeyInfo);

        Assert.Equal(NcaKeyAlgorithm.Gost2004, key.Algorithm);
        Assert.Equal("1.2.398.3.10.1.3.1", signer.DigestAlgorithmID.Algorithm.Id);

        var signedData = Org.BouncyCastle.Asn1.Cms.SignedData.GetInstance(cms.ContentInfo.Content);
        byte[] content = Asn1OctetString.GetInstance(signedData.EncapContentInfo.Content).GetOctets();
        byte[] messageDigest = Asn1OctetString.GetInstance(
            signer.SignedAttributes[Org.BouncyCastle.Asn1.Pkcs.PkcsObjectIdentifiers.Pkcs9AtMessageDigest].AttrValues[0]).GetOctets();
        Assert.Equal(messageDigest, NcaDigests.Compute(signer.DigestAlgorithmID.Algorithm.Id, content));

        byte[] signedAttributes = signer.GetEncodedSignedAttributes();
        Assert.True(key.Verify(signer.SignatureAlgorithm.Algorithm.Id, signer.DigestAlgorithmID.Algorithm.Id, signedAttributes, signer.GetSignature()));
        Assert.True(NcaSignatureChecks.IsSignedBy(signedAttributes, signer.SignatureAlgorithm, signer.GetSignature(), key));

        signedAttributes[^1] ^= 0x01;
        Assert.False(NcaSignatureChecks.IsSignedBy(signedAttributes, signer.SignatureAlgorithm, signer.GetSignature(), key));
    }

    [Fact]
    public void Malformed_input_returns_false_instead_of_throwing()
    {
        using X509Certificate2 ca = NcaTestFiles.Cert(NcaGost2022Test);
        NcaPublicKey key = NcaPublicKey.FromCertificate(ca);

        Assert.False(NcaSignatureChecks.IsCertificateSignedBy([0x30, 0x03, 0x02, 0x01], key));
        Assert.False(NcaSignatureChecks.IsCrlSignedBy([], ca));
        Assert.False(NcaSignatureChecks.IsSignedStructureSignedBy([0x04, 0x00], key));
    }
}
