using System.Security.Cryptography;
using Kz.MicroCredit.Identity.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.X509;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;
using SignedData = Org.BouncyCastle.Asn1.Cms.SignedData;
using SignerInfo = Org.BouncyCastle.Asn1.Cms.SignerInfo;

namespace Kz.MicroCredit.Identity.Signing;

/// <summary>
/// Produces CMS SignedData the way NCALayer/KalkanCrypt does: attached or detached content, signed attributes
/// content-type + signing-time + message-digest, the signer certificate included, DER. A further signer can be added to an
/// existing CMS (the normal "individual + organisation" multi-signer case).
/// </summary>
public sealed class NcaCmsSigner
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="NcaCmsSigner"/> class.</summary>
    /// <param name="timeProvider">The clock for the signing-time attribute.</param>
    public NcaCmsSigner(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>Signs content into a new CMS SignedData.</summary>
    /// <param name="signer">The signer.</param>
    /// <param name="content">The content.</param>
    /// <param name="detached">True to leave the content out of the CMS.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The DER ContentInfo.</returns>
    public async Task<byte[]> SignAsync(INcaSigner signer, ReadOnlyMemory<byte> content, bool detached, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        SignerInfo signerInfo = await CreateSignerInfoAsync(signer, content, cancellationToken).ConfigureAwait(false);
        var encapsulated = new ContentInfo(CmsObjectIdentifiers.Data, detached ? null : new DerOctetString(content.ToArray()));
        return Build(
            [DigestAlgorithm(signer)],
            encapsulated,
            [X509CertificateStructure.GetInstance(signer.Certificate.RawData)],
            null,
            [signerInfo]);
    }

    /// <summary>Adds a signer to an existing CMS SignedData (attached, or detached with the content supplied).</summary>
    /// <param name="cms">The DER/BER CMS.</param>
    /// <param name="signer">The new signer.</param>
    /// <param name="detachedContent">The content when the CMS is detached; ignored for attached CMS.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new DER ContentInfo with one more SignerInfo.</returns>
    /// <exception cref="CryptographicException">The input is not CMS SignedData, or detached content is missing.</exception>
    public async Task<byte[]> AddSignerAsync(byte[] cms, INcaSigner signer, ReadOnlyMemory<byte>? detachedContent = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cms);
        ArgumentNullException.ThrowIfNull(signer);
        SignedData existing;
        try
        {
            var contentInfo = ContentInfo.GetInstance(Asn1Object.FromByteArray(cms));
            if (!CmsObjectIdentifiers.SignedData.Equals(contentInfo.ContentType))
            {
                throw new CryptographicException("The input is not CMS SignedData.");
            }

            existing = SignedData.GetInstance(contentInfo.Content);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException)
        {
            throw new CryptographicException("The input is not CMS SignedData.", ex);
        }

        ReadOnlyMemory<byte> content = existing.EncapContentInfo.Content is { } attached
            ? Asn1OctetString.GetInstance(attached).GetOctets()
            : detachedContent ?? throw new CryptographicException("The CMS is detached: the content is needed to add a signer.");

        SignerInfo signerInfo = await CreateSignerInfoAsync(signer, content, cancellationToken).ConfigureAwait(false);

        var digestAlgorithms = existing.DigestAlgorithms.Cast<Asn1Encodable>().ToList();
        AlgorithmIdentifier newDigest = DigestAlgorithm(signer);
        if (!digestAlgorithms.Any(d => AlgorithmIdentifier.GetInstance(d).Algorithm.Equals(newDigest.Algorithm)))
        {
            digestAlgorithms.Add(newDigest);
        }

        var certificates = existing.Certificates?.Cast<Asn1Encodable>().ToList() ?? [];
        var own = X509CertificateStructure.GetInstance(signer.Certificate.RawData);
        if (!certificates.Any(c => c.ToAsn1Object().Equals(own.ToAsn1Object())))
        {
            certificates.Add(own);
        }

        var signerInfos = existing.SignerInfos.Cast<Asn1Encodable>().ToList();
        signerInfos.Add(signerInfo);
        return Build(digestAlgorithms, existing.EncapContentInfo, certificates, existing.CRLs, signerInfos);
    }

    private static AlgorithmIdentifier DigestAlgorithm(INcaSigner signer) =>
        new(new DerObjectIdentifier(signer.DigestOid), DerNull.Instance);

    private static byte[] Build(IEnumerable<Asn1Encodable> digestAlgorithms, ContentInfo encapsulated, IEnumerable<Asn1Encodable> certificates, Asn1Set? crls, IEnumerable<Asn1Encodable> signerInfos)
    {
        var signedData = new SignedData(
            new DerSet(digestAlgorithms.ToArray()),
            encapsulated,
            new DerSet(certificates.ToArray()),
            crls,
            new DerSet(signerInfos.ToArray()));
        return new ContentInfo(CmsObjectIdentifiers.SignedData, signedData).GetEncoded(Asn1Encodable.Der);
    }

    private async Task<SignerInfo> CreateSignerInfoAsync(INcaSigner signer, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var certificate = X509CertificateStructure.GetInstance(signer.Certificate.RawData);
        DateTime signingTime = _timeProvider.GetUtcNow().UtcDateTime;
        signingTime = signingTime.AddTicks(-(signingTime.Ticks % TimeSpan.TicksPerSecond));
        var signedAttributes = new DerSet(
            new Attribute(CmsAttributes.ContentType, new DerSet(CmsObjectIdentifiers.Data)),
            new Attribute(CmsAttributes.SigningTime, new DerSet(new Org.BouncyCastle.Asn1.Cms.Time(signingTime))),
            new Attribute(CmsAttributes.MessageDigest, new DerSet(new DerOctetString(signer.ComputeDigest(content.Span)))));

        byte[] toSign = signedAttributes.GetEncoded(Asn1Encodable.Der);
        byte[] signature = await signer.SignAsync(toSign, cancellationToken).ConfigureAwait(false);

        return new SignerInfo(
            new SignerIdentifier(new IssuerAndSerialNumber(certificate.Issuer, certificate.SerialNumber)),
            DigestAlgorithm(signer),
            signedAttributes,
            new AlgorithmIdentifier(new DerObjectIdentifier(signer.SignatureAlgorithmOid), DerNull.Instance),
            new DerOctetString(signature),
            null);
    }
}
