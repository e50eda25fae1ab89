using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Ocsp;
using BcX509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace Kz.MicroCredit.Identity.Testing.Revocation;

/// <summary>
/// Builds signed OCSP responses (RFC 6960) for tests and the sandbox with BouncyCastle's generators. Every knob that a
/// faulty or hostile responder could turn is here: the signer (CA, delegated responder, someone else), ResponderID
/// kind, nonce echo, times, CertID serial.
/// </summary>
public sealed class TestOcspResponseBuilder
{
    private readonly X509Certificate2 _signerCertificate;
    private readonly ISignatureFactory _signer;

    /// <summary>Initializes a new instance of the <see cref="TestOcspResponseBuilder"/> class.</summary>
    /// <param name="signerCertificate">The certificate of the key that signs (the CA or a delegated responder).</param>
    /// <param name="signer">Signs with that key.</param>
    public TestOcspResponseBuilder(X509Certificate2 signerCertificate, ISignatureFactory signer)
    {
        ArgumentNullException.ThrowIfNull(signerCertificate);
        ArgumentNullException.ThrowIfNull(signer);
        _signerCertificate = signerCertificate;
        _signer = signer;
    }

    /// <summary>Gets or sets the status.</summary>
    public TestOcspCertStatus Status { get; set; }

    /// <summary>Gets or sets the revocation instant.</summary>
    public DateTimeOffset RevokedAt { get; set; } = DateTimeOffset.UtcNow.AddDays(-1);

    /// <summary>Gets or sets the revocation reason (<see langword="null"/> omits it).</summary>
    public int? RevocationReason { get; set; } = 1;

    /// <summary>Gets or sets producedAt and thisUpdate (<see langword="null"/> = now).</summary>
    public DateTimeOffset? ThisUpdate { get; set; }

    /// <summary>Gets or sets nextUpdate (<see langword="null"/> omits it).</summary>
    public DateTimeOffset? NextUpdate { get; set; }

    /// <summary>Gets or sets how the nonce is echoed.</summary>
    public TestOcspNonceMode Nonce { get; set; }

    /// <summary>Gets or sets a value indicating whether the ResponderID is byKey (default byName).</summary>
    public bool ResponderIdByKey { get; set; }

    /// <summary>Gets or sets a value indicating whether the signer certificate is included in the response (default on).</summary>
    public bool IncludeSignerCertificate { get; set; } = true;

    /// <summary>Gets or sets a serial to answer for instead of the requested one (a CertID mismatch).</summary>
    public byte[]? OverrideSerial { get; set; }

    /// <summary>Gets or sets a value used as "now".</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Builds a non-successful response (e.g. 3 = tryLater, 2 = internalError).</summary>
    /// <param name="status">The OCSPResponseStatus.</param>
    /// <returns>The DER response.</returns>
    public static byte[] Error(int status) => new OcspResp(new OcspResponse(new OcspResponseStatus(status), null)).GetEncoded();

    /// <summary>Builds the answer to a DER OCSP request.</summary>
    /// <param name="requestDer">The request.</param>
    /// <returns>The DER response.</returns>
    public byte[] Build(byte[] requestDer)
    {
        var request = new OcspReq(requestDer);
        Req[] items = request.GetRequestList();
        CertificateID id = items[0].GetCertID();
        if (OverrideSerial is not null)
        {
            CertID raw = id.ToAsn1Object();
            id = new CertificateID(new CertID(raw.HashAlgorithm, raw.IssuerNameHash, raw.IssuerKeyHash, new DerInteger(new Org.BouncyCastle.Math.BigInteger(1, OverrideSerial))));
        }

        Asn1OctetString? nonce = request.GetExtensionValue(OcspObjectIdentifiers.PkixOcspNonce);
        return Build(id, nonce?.GetOctets());
    }

    /// <summary>Builds an answer for a CertID.</summary>
    /// <param name="id">The CertID.</param>
    /// <param name="nonceExtnValue">The request's nonce extension value, if any.</param>
    /// <returns>The DER response.</returns>
    public byte[] Build(CertificateID id, byte[]? nonceExtnValue)
    {
        ArgumentNullException.ThrowIfNull(id);
        DateTime now = (ThisUpdate ?? TimeProvider.GetUtcNow()).UtcDateTime;
        ResponderID responderId = ResponderIdByKey
#pragma warning disable CA5350 // RFC 6960 ResponderID byKey is a SHA-1 of the key
            ? new ResponderID(new DerOctetString(SHA1.HashData(_signerCertificate.PublicKey.EncodedKeyValue.RawData)))
#pragma warning restore CA5350
            : new ResponderID(X509Name.GetInstance(Asn1Object.FromByteArray(_signerCertificate.SubjectName.RawData)));
        var generator = new BasicOcspRespGenerator(new RespID(responderId));
        CertificateStatus? status = Status switch
        {
            TestOcspCertStatus.Good => CertificateStatus.Good,
            TestOcspCertStatus.Revoked => new RevokedStatus(RevokedAt.UtcDateTime, RevocationReason ?? -1),
            _ => new UnknownStatus(),
        };
        if (Status == TestOcspCertStatus.Revoked && RevocationReason is null)
        {
            status = new RevokedStatus(new RevokedInfo(new Asn1GeneralizedTime(RevokedAt.UtcDateTime), null));
        }

        generator.AddResponse(id, status, now, NextUpdate?.UtcDateTime, null);
        if (nonceExtnValue is not null && Nonce != TestOcspNonceMode.Omit)
        {
            byte[] value = Nonce == TestOcspNonceMode.Wrong ? new DerOctetString(RandomNumberGenerator.GetBytes(16)).GetEncoded() : nonceExtnValue;
            var extensions = new X509ExtensionsGenerator();
            extensions.AddExtension(OcspObjectIdentifiers.PkixOcspNonce, false, value);
            generator.SetResponseExtensions(extensions.Generate());
        }

        BcX509Certificate[]? chain = IncludeSignerCertificate ? [new BcX509Certificate(_signerCertificate.RawData)] : null;
        BasicOcspResp basic = generator.Generate(_signer, chain, now);
        return new OcspResp(new OcspResponse(new OcspResponseStatus(OcspResponseStatus.Successful), new ResponseBytes(OcspObjectIdentifiers.PkixOcspBasic, new DerOctetString(basic.GetEncoded())))).GetEncoded();
    }
}
