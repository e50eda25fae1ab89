using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Eds;
using Org.BouncyCastle.Tsp;
using Xunit;
using static Kz.MicroCredit.Identity.Tests.Revocation.RevocationTestData;

namespace Kz.MicroCredit.Identity.Tests.Revocation;

/// <summary>Real NCA test CRLs, OCSP responses and TSP tokens, with the outcomes their manifests give.</summary>
public sealed class RealNcaRevocationDataTests
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

#pragma warning disable CA5350 // the real token's imprint is SHA-1
    private static readonly byte[] CafeBabeSha1 = System.Security.Cryptography.SHA1.HashData(Convert.FromHexString("CAFEBABE"));
#pragma warning restore CA5350

    private static X509Certificate2 RsaTestCa => Cert("ncanode", "resources", "ca", "nca_rsa_test.crt");

    private static X509Certificate2 GostTestCa2004 => Cert("ncanode", "resources", "ca", "nca_gost_test.crt");

    private static X509Certificate2 GostTestCa2022 => Cert("kalkan-sdk-testdata", "certs", "nca_gost2022_test.cer");

    private static X509Certificate2 KeyCert(string name) => Cert("ncanode", "keys-certs", name + ".cer");

    private static RevocationCheckResult CheckWithCrls(X509Certificate2 cert, X509Certificate2 issuer, DateTimeOffset at, DateTimeOffset now, params string[][] crls)
    {
        var source = new FileCrlSource(crls.Select(c => PathOf(c)));
        return CrlEvaluator.Evaluate(source.Find(issuer), new RevocationCheckRequest(cert, issuer, at), now, Skew);
    }

    [Fact]
    public void RsaTestCrl_parses_with_the_manifest_metadata()
    {
        CrlDocument crl = CrlDocument.Parse(Bytes("ncanode", "resources", "crl", "nca_rsa_test.crl"));
        Assert.Equal(126, crl.Index.Count);
        Assert.Equal(Utc("2022-03-29"), crl.ThisUpdate.UtcDateTime.Date);
        Assert.Equal(Utc("2022-09-25"), crl.NextUpdate!.Value.UtcDateTime.Date);
        Assert.False(crl.IsDelta);
        Assert.True(crl.IsIssuedBy(RsaTestCa));
        Assert.False(crl.IsIssuedBy(GostTestCa2022));
    }

    [Theory]
    [InlineData("key_individual_auth_revoked_2004")]
    [InlineData("key_individual_sign_revoked_2004")]
    public void RsaTestCrl_revokes_the_revoked_2004_keys(string key)
    {
        DateTimeOffset thisUpdate = CrlDocument.Parse(Bytes("ncanode", "resources", "crl", "nca_rsa_test.crl")).ThisUpdate;
        RevocationCheckResult result = CheckWithCrls(KeyCert(key), RsaTestCa, thisUpdate, thisUpdate.AddDays(1), ["ncanode", "resources", "crl", "nca_rsa_test.crl"]);
        Assert.Equal(RevocationStatus.Revoked, result.Status);
        Assert.Equal("crl", result.Source);
        Assert.NotNull(result.RevokedAt);
        Assert.True(result.RevokedAt <= thisUpdate);
        Assert.Equal("126", result.Facts["crl.entries"]);
        Assert.True(result.Facts.ContainsKey("crl.thisUpdate"));
    }

    [Fact]
    public void RsaTestCrl_proves_the_valid_sign_certificate_good_within_its_window()
    {
        X509Certificate2 cert = Cert("ncanode", "resources", "certs", "individual_valid_sign_2004_rsa.cer");
        RevocationCheckResult result = CheckWithCrls(cert, RsaTestCa, Utc("2022-06-01"), Utc("2022-06-01T01:00:00"), ["ncanode", "resources", "crl", "nca_rsa_test.crl"]);
        Assert.Equal(RevocationStatus.Good, result.Status);
    }

    [Fact]
    public void RsaTestCrl_is_stale_today_so_not_listed_proves_nothing()
    {
        X509Certificate2 cert = Cert("ncanode", "resources", "certs", "individual_valid_sign_2004_rsa.cer");
        RevocationCheckResult result = CheckWithCrls(cert, RsaTestCa, Utc("2026-01-01"), Utc("2026-01-01"), ["ncanode", "resources", "crl", "nca_rsa_test.crl"]);
        Assert.Equal(RevocationStatus.Unknown, result.Status);
        Assert.Equal(ReasonCode.CrlStale, result.Failure);
    }

    [Fact]
    public void RsaTestCrl_does_not_vouch_for_a_certificate_that_expired_before_it_was_issued()
    {
        // NCANode reports this key ACTIVE (not listed); it expired 2022-01-18, before the CRL's thisUpdate, and the CRL
        // has no ExpiredCertsOnCRL: its absence proves nothing, so we report Unknown — never Revoked, never Good.
        RevocationCheckResult result = CheckWithCrls(KeyCert("key_individual_valid_sign_2004"), RsaTestCa, Utc("2022-06-01"), Utc("2022-06-01"), ["ncanode", "resources", "crl", "nca_rsa_test.crl"]);
        Assert.Equal(RevocationStatus.Unknown, result.Status);
        Assert.Equal(ReasonCode.CrlDoesNotCoverExpired, result.Failure);
    }

    [Fact]
    public void RsaTestOcsp_good_answer_verifies_with_its_nonce()
    {
        RevocationCheckResult result = ValidateOcsp("ocsp_response_individual_sign_2004.bin", KeyCert("key_individual_valid_sign_2004"), RsaTestCa, Nonce(-75, -27, -55, -75, 82, -53, -54, -60));
        Assert.Equal(RevocationStatus.Good, result.Status);
        Assert.Equal("delegated", result.Facts["ocsp.responder"]);
        Assert.Equal("matched", result.Facts["ocsp.nonce"]);
        Assert.Equal("2022-09-02T16:53:59Z", result.Facts["ocsp.produced-at"]);
        EvidenceArtifact artifact = Assert.Single(result.Artifacts);
        Assert.Equal(Bytes("ncanode", "resources", "ocsp", "ocsp_response_individual_sign_2004.bin"), artifact.Content.ToArray());
    }

    [Fact]
    public void RsaTestOcsp_wrong_nonce_is_unknown()
    {
        RevocationCheckResult result = ValidateOcsp("ocsp_response_individual_sign_2004.bin", KeyCert("key_individual_valid_sign_2004"), RsaTestCa, Nonce(1, 2, 3, 4, 5, 6, 7, 8));
        Assert.Equal(RevocationStatus.Unknown, result.Status);
        Assert.Equal(ReasonCode.OcspNonceMismatch, result.Failure);
    }

    [Fact]
    public void RsaTestOcsp_for_another_certificate_is_a_certid_mismatch()
    {
        RevocationCheckResult result = ValidateOcsp("ocsp_response_individual_sign_2004.bin", KeyCert("key_individual_sign_revoked_2004"), RsaTestCa, Nonce(-75, -27, -55, -75, 82, -53, -54, -60));
        Assert.Equal(ReasonCode.OcspCertIdMismatch, result.Failure);
    }

    [Fact]
    public void RsaTestOcsp_checked_against_another_ca_is_not_authorized()
    {
        RevocationCheckResult result = ValidateOcsp("ocsp_response_individual_sign_2004.bin", KeyCert("key_individual_valid_sign_2004"), GostTestCa2004, Nonce(-75, -27, -55, -75, 82, -53, -54, -60));
        Assert.Equal(RevocationStatus.Unknown, result.Status);
        Assert.Equal(ReasonCode.OcspResponderNotAuthorized, result.Failure);
    }

    [Fact]
    public void Tsp_response_matches_its_request_imprint_and_nonce()
    {
        var response = new TimeStampResponse(Bytes("ncanode", "resources", "tsp", "tsp_response.bin"));
        Assert.Equal(0, response.Status);
        TimeStampTokenInfo info = response.TimeStampToken.TimeStampInfo;
        Assert.Equal("1.2.398.3.3.2.6.1", info.Policy);
        Assert.Equal(CafeBabeSha1, info.GetMessageImprintDigest());
        Assert.Equal(1663507112663L, info.Nonce.LongValue);
        Assert.Equal(new DateTime(2022, 9, 18, 13, 20, 14, DateTimeKind.Utc), info.GenTime);

        var request = new TimeStampRequestGenerator();
        request.SetCertReq(true);
        TimeStampRequest matching = request.Generate(TspAlgorithms.Sha1, CafeBabeSha1, Org.BouncyCastle.Math.BigInteger.ValueOf(1663507112663L));
        TimeStampResult ok = TimeStampAuthorityClient.Check(matching, Bytes("ncanode", "resources", "tsp", "tsp_response.bin"), ["1.2.398.3.3.2.6.1"]);
        Assert.True(ok.IsGranted);
        Assert.Equal(Bytes("ncanode", "resources", "tsp", "tsp_token.bin"), ok.Token.ToArray());

        TimeStampResult wrongPolicy = TimeStampAuthorityClient.Check(matching, Bytes("ncanode", "resources", "tsp", "tsp_response.bin"), ["1.2.3.4"]);
        Assert.Equal(ReasonCode.TsaResponseInvalid, wrongPolicy.Failure);

        TimeStampRequest otherNonce = request.Generate(TspAlgorithms.Sha1, CafeBabeSha1, Org.BouncyCastle.Math.BigInteger.ValueOf(42));
        Assert.Equal(ReasonCode.TsaResponseInvalid, TimeStampAuthorityClient.Check(otherNonce, Bytes("ncanode", "resources", "tsp", "tsp_response.bin"), []).Failure);
    }

    [Fact]
    public void KalkanBaseAndDeltaCrl_parse_with_the_manifest_numbers()
    {
        CrlDocument crl = CrlDocument.Parse(Bytes("kalkan-sdk-testdata", "certs", "nca_gost2022_test.crl"));
        CrlDocument delta = CrlDocument.Parse(Bytes("kalkan-sdk-testdata", "certs", "nca_gost2022_d_test.crl"));
        Assert.Equal(54, crl.Index.Count);
        Assert.Equal(14, (int)crl.CrlNumber!.Value);
        Assert.False(crl.IsDelta);
        Assert.True(delta.IsDelta);
        Assert.Equal(14, (int)delta.DeltaBaseCrlNumber!.Value);
        Assert.Equal(10, (int)delta.CrlNumber!.Value);
        Assert.Equal(0, delta.Index.Count);
        Assert.True(crl.Index.TryFind(Convert.FromHexString("1B012CA203B8D2B8525F2D993399C6FCAAE42F78"), out long at, out _));
        Assert.Equal(Utc("2024-07-11T11:24:55Z"), DateTimeOffset.FromUnixTimeSeconds(at));
        Assert.True(crl.Index.TryFind(Convert.FromHexString("1C10401F8457B15DA39797B9693A63AC2CF8C506"), out _, out byte reason));
        Assert.Equal(6, reason); // certificateHold
    }

    [Fact]
    public void EmptyAndGarbageCrls_are_malformed()
    {
        Assert.Throws<CrlFormatException>(() => CrlDocument.Parse(Array.Empty<byte>()));
        Assert.Throws<CrlFormatException>(() => CrlDocument.Parse("<html>not found</html>"u8.ToArray()));
        byte[] truncated = Bytes("ncanode", "resources", "crl", "nca_rsa_test.crl")[..500];
        Assert.Throws<CrlFormatException>(() => CrlDocument.Parse(truncated));
    }

    [Fact]
    public void GostOcsp_2015_revoked_answer_verifies_and_revokes()
    {
        RevocationCheckResult result = ValidateOcsp("ocsp_response_ceo_2015_revoked.bin", KeyCert("key_ceo_revoked_2015"), GostTestCa2022, Nonce(21, 123, 40, -3, 26, -57, 118, 30));
        Assert.Equal(RevocationStatus.Revoked, result.Status);
        Assert.Equal(Utc("2022-07-27T10:25:30Z"), result.RevokedAt);
        Assert.Equal(6, result.RevocationReason);
        Assert.Equal("matched", result.Facts["ocsp.nonce"]);
    }

    [Fact]
    public void GostOcsp_2004_revoked_answer_verifies_and_revokes()
    {
        RevocationCheckResult result = ValidateOcsp("ocsp_response_ceo_sign_2004_revoked.bin", KeyCert("key_ceo_sign_revoked_2004"), GostTestCa2004, Nonce(-117, 107, -97, 16, 13, 107, 0, 5));
        Assert.Equal(RevocationStatus.Revoked, result.Status);
        Assert.Equal(Utc("2022-01-18T06:30:55Z"), result.RevokedAt);
    }

    [Fact]
    public void GostOcsp_individual_2015_with_a_wrong_nonce_is_unknown_as_in_NCANode()
    {
        RevocationCheckResult result = ValidateOcsp("ocsp_response_individual_2015.bin", KeyCert("key_individual_valid_2015"), GostTestCa2022, Nonce(1, 1, 1, 1, 1, 1, 1, 1));
        Assert.Equal(RevocationStatus.Unknown, result.Status);
        Assert.Equal(ReasonCode.OcspNonceMismatch, result.Failure);
    }

    [Fact]
    public void GostOcsp_individual_2015_with_its_nonce_is_the_rfc6960_not_issued_revocation()
    {
        // RFC 6960 §2.2: "revoked" at 1970-01-01 with certificateHold is how a responder flags a certificate it never issued.
        RevocationCheckResult result = ValidateOcsp("ocsp_response_individual_2015.bin", KeyCert("key_individual_valid_2015"), GostTestCa2022, Nonce(-28, 8, -1, -73, -112, -125, 74, -14));
        Assert.Equal(RevocationStatus.Revoked, result.Status);
        Assert.Equal(DateTimeOffset.UnixEpoch, result.RevokedAt);
        Assert.Equal(6, result.RevocationReason);
    }

    [Fact]
    public void GostOcsp_signature_fails_over_tampered_bytes()
    {
        byte[] der = Bytes("ncanode", "resources", "ocsp", "ocsp_response_ceo_2015_revoked.bin");
        int at = Array.IndexOf(der, (byte)0x18); // first GeneralizedTime (producedAt) inside tbsResponseData
        der[at + 5] ^= 0x01;
        var result = OcspResponseValidator.Validate(der, new RevocationCheckRequest(KeyCert("key_ceo_revoked_2015"), GostTestCa2022, Utc("2022-09-02")), new OcspValidationParameters(Utc("2022-09-03"), Skew));
        Assert.Equal(RevocationStatus.Unknown, result.Status);
    }

    [Fact]
    public void GostCrl_2022_revokes_the_ceo_and_proves_the_individual_good()
    {
        string[] crl = ["ncanode", "resources", "crl", "nca_gost2022_test.crl"];
        Assert.True(CrlDocument.Parse(Bytes(crl)).IsIssuedBy(GostTestCa2022));
        Assert.Equal(RevocationStatus.Revoked, CheckWithCrls(KeyCert("key_ceo_revoked_2015"), GostTestCa2022, Utc("2022-08-01"), Utc("2022-08-01"), crl).Status);
        Assert.Equal(RevocationStatus.Good, CheckWithCrls(KeyCert("key_individual_valid_2015"), GostTestCa2022, Utc("2022-08-01"), Utc("2022-08-01"), crl).Status);
    }

    [Fact]
    public void GostCrl_2004_verifies_and_lists_the_revoked_ceo_key()
    {
        string[] crl = ["ncanode", "resources", "crl", "nca_gost_test.crl"];
        CrlDocument doc = CrlDocument.Parse(Bytes(crl));
        Assert.Equal(31, doc.Index.Count);
        Assert.True(doc.IsIssuedBy(GostTestCa2004));
        Assert.False(doc.IsIssuedBy(RsaTestCa));
        Assert.Equal(RevocationStatus.Revoked, CheckWithCrls(KeyCert("key_ceo_sign_revoked_2004"), GostTestCa2004, doc.ThisUpdate, doc.ThisUpdate, crl).Status);
    }

    [Fact]
    public void KalkanBaseWithDelta_verify_and_decide()
    {
        string[] baseCrl = ["kalkan-sdk-testdata", "certs", "nca_gost2022_test.crl"];
        string[] delta = ["kalkan-sdk-testdata", "certs", "nca_gost2022_d_test.crl"];
        X509Certificate2 revoked = Cert("kalkan-sdk-testdata", "p12-certs", "GOST512_0860d9665327c26760c213126760a3b73072218d.cer");
        X509Certificate2 good = Cert("kalkan-sdk-testdata", "p12-certs", "GOST512_0d79679f360a2da49a631a0b1ac76f76c34b6f24.cer");
        DateTimeOffset at = Utc("2025-05-01");

        RevocationCheckResult r = CheckWithCrls(revoked, GostTestCa2022, at, at, baseCrl, delta);
        Assert.Equal(RevocationStatus.Revoked, r.Status);
        Assert.Equal("14", r.Facts["crl.number"]);
        Assert.Equal("10", r.Facts["crl.delta.number"]);
        Assert.Equal("14", r.Facts["crl.delta.base-number"]);

        RevocationCheckResult g = CheckWithCrls(good, GostTestCa2022, at, at, baseCrl, delta);
        Assert.Equal(RevocationStatus.Good, g.Status);

        // Today both CRLs are past nextUpdate: still revokes what they list, proves nothing else.
        Assert.Equal(RevocationStatus.Revoked, CheckWithCrls(revoked, GostTestCa2022, Utc("2026-01-01"), Utc("2026-01-01"), baseCrl, delta).Status);
        Assert.Equal(ReasonCode.CrlStale, CheckWithCrls(good, GostTestCa2022, Utc("2025-11-20"), Utc("2025-11-20"), baseCrl, delta).Failure);

        // The delta alone proves nothing for an unlisted serial.
        Assert.Equal(ReasonCode.CrlDeltaWithoutBase, CheckWithCrls(good, GostTestCa2022, at, at, delta).Failure);

        // Checked against the wrong CA: nothing verifies.
        Assert.Equal(RevocationStatus.Unknown, CheckWithCrls(good, GostTestCa2004, at, at, baseCrl, delta).Status);
    }

    [Fact]
    public void Tsp_token_validates_fully_under_the_test_anchors_with_the_policy_allow_list()
    {
        byte[] token = Bytes("ncanode", "resources", "tsp", "tsp_token.bin");
        var validator = new TimeStampTokenValidator(NcaTrustStore.Test);
        TimeStampValidationResult ok = validator.ValidateWithPolicy(token, Convert.FromHexString("CAFEBABE"), [TimeStampPolicy.NcaGost2004]);
        Assert.True(ok.IsValid, ok.Failure?.Value);
        Assert.Equal(new DateTimeOffset(2022, 9, 18, 13, 20, 14, TimeSpan.Zero), ok.GenTime);
        Assert.Equal(TimeStampPolicy.NcaGost2004, ok.PolicyOid);

        Assert.Equal(ReasonCode.TsaPolicyNotAccepted, validator.ValidateWithPolicy(token, Convert.FromHexString("CAFEBABE"), ["1.2.3.4"]).Failure);
        Assert.False(validator.ValidateWithPolicy(token, Convert.FromHexString("CAFEBABF"), [TimeStampPolicy.NcaGost2004]).IsValid);
    }

    private static RevocationCheckResult ValidateOcsp(string file, X509Certificate2 cert, X509Certificate2 issuer, byte[] nonce)
    {
        byte[] der = Bytes("ncanode", "resources", "ocsp", file);
        var response = new Org.BouncyCastle.Ocsp.OcspResp(der);
        var basic = (Org.BouncyCastle.Ocsp.BasicOcspResp)response.GetResponseObject();
        var producedAt = new DateTimeOffset(DateTime.SpecifyKind(basic.ProducedAt, DateTimeKind.Utc));
        return OcspResponseValidator.Validate(der, new RevocationCheckRequest(cert, issuer, producedAt), new OcspValidationParameters(producedAt.AddMinutes(1), Skew) { Nonce = nonce });
    }
}
