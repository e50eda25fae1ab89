using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Signing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using BcX509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace Kz.MicroCredit.Identity.Testing.Pki;

/// <summary>
/// An in-memory test PKI shaped like NCA RK: a root CA and an issuing CA (GOST 34.10-2015-512, GOST 34.310-2004 or RSA,
/// with the Kazakh OIDs and byte layouts) that issue individual and legal-entity certificates following the NCA profile
/// (SERIALNUMBER=IIN…, OU=BIN…, role OIDs in Extended Key Usage, key-storage extension) and keep a revocation list.
/// Every issued key comes back as an in-memory <see cref="INcaSigner"/>. For tests and samples only.
/// </summary>
public sealed class SandboxPki : IDisposable
{
    private readonly SandboxPkiOptions _options;
    private readonly NcaPrivateKey _rootKey;
    private readonly NcaPrivateKey _issuingKey;
    private readonly Dictionary<string, SandboxRevokedCertificate> _revoked = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IDisposable> _owned = [];
    private readonly Lock _lock = new();

    /// <summary>Initializes a new instance of the <see cref="SandboxPki"/> class and creates its two CAs.</summary>
    /// <param name="options">Options; defaults to GOST 34.10-2015-512 and the system clock.</param>
    public SandboxPki(SandboxPkiOptions? options = null)
    {
        _options = options ?? new SandboxPkiOptions();
        Algorithm = _options.Algorithm;
        string suffix = _options.NameSuffix ?? Algorithm switch
        {
            NcaKeyAlgorithm.Rsa => "RSA",
            NcaKeyAlgorithm.Gost2004 => "GOST 2004",
            NcaKeyAlgorithm.Gost2015_256 => "GOST 256",
            _ => "GOST",
        };
        DateTimeOffset now = _options.TimeProvider.GetUtcNow();

        _rootKey = NcaPrivateKey.Generate(Algorithm, _options.RsaCaKeySize);
        var rootName = new X509Name($"CN=SANDBOX ROOT NCA ({suffix}),C=KZ");
        RootCertificate = Load(CreateCaCertificate(rootName, rootName, _rootKey, _rootKey, now.AddDays(-1), now.AddYears(20), pathLength: null));

        _issuingKey = NcaPrivateKey.Generate(Algorithm, _options.RsaCaKeySize);
        var issuingName = new X509Name($"CN=SANDBOX NCA ({suffix}),C=KZ");
        IssuingCaCertificate = Load(CreateCaCertificate(issuingName, rootName, _issuingKey, _rootKey, now.AddDays(-1), now.AddYears(10), pathLength: 0));
        IssuingCaName = issuingName;
        IssuingCaSignatureFactory = new NcaSignatureFactory(_issuingKey);
        RootSignatureFactory = new NcaSignatureFactory(_rootKey);
        IssuingCaSigner = new NcaPrivateKeySigner(_issuingKey, IssuingCaCertificate, ownsKey: false);
    }

    /// <summary>Gets the key algorithm of this PKI.</summary>
    public NcaKeyAlgorithm Algorithm { get; }

    /// <summary>Gets the self-signed root CA certificate (trust it in a verifier under test).</summary>
    public X509Certificate2 RootCertificate { get; }

    /// <summary>Gets the issuing CA certificate (signed by the root).</summary>
    public X509Certificate2 IssuingCaCertificate { get; }

    /// <summary>Gets a signer over the issuing CA's key (for CRLs, OCSP responses of simulators).</summary>
    public INcaSigner IssuingCaSigner { get; }

    /// <summary>Gets the clock of this PKI.</summary>
    public TimeProvider TimeProvider => _options.TimeProvider;

    /// <summary>Gets the revoked certificates, in no particular order.</summary>
    public IReadOnlyCollection<SandboxRevokedCertificate> RevokedCertificates
    {
        get
        {
            lock (_lock)
            {
                return [.. _revoked.Values];
            }
        }
    }

    /// <summary>Gets the BouncyCastle signature factory of the issuing CA (NCA OIDs and layout), for CRL/OCSP generators.</summary>
    internal NcaSignatureFactory IssuingCaSignatureFactory { get; }

    /// <summary>Gets the BouncyCastle signature factory of the root CA.</summary>
    internal NcaSignatureFactory RootSignatureFactory { get; }

    /// <summary>Gets the issuing CA's distinguished name (BouncyCastle form).</summary>
    internal X509Name IssuingCaName { get; }

    /// <summary>Gets the issuing CA's private key.</summary>
    internal NcaPrivateKey IssuingCaKey => _issuingKey;

    /// <summary>Issues an individual's signing certificate (EKU emailProtection + 1.2.398.3.3.4.1.1, key in a PKCS#12 file).</summary>
    /// <param name="iin">The IIN.</param>
    /// <param name="surname">Surname.</param>
    /// <param name="name">Given name.</param>
    /// <param name="patronymic">Patronymic (NCA's GIVENNAME), if any.</param>
    /// <returns>A signer over the new key; its <see cref="INcaSigner.Certificate"/> is the issued certificate.</returns>
    public INcaSigner IssueIndividual(Iin iin, string surname, string name, string? patronymic = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(surname);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return IssueIndividualCore(iin.Value, surname, name, patronymic);
    }

    /// <summary>
    /// Issues an individual certificate with any 12 digits (e.g. 123456789011, the NCA test IIN whose check digit fails).
    /// </summary>
    /// <param name="iinDigits">12 digits.</param>
    /// <param name="surname">Surname.</param>
    /// <param name="name">Given name.</param>
    /// <param name="patronymic">Patronymic, if any.</param>
    /// <returns>A signer over the new key.</returns>
    public INcaSigner IssueIndividualWithDigits(string iinDigits, string surname, string name, string? patronymic = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(iinDigits);
        return IssueIndividualCore(iinDigits, surname, name, patronymic);
    }

    /// <summary>Issues a legal-entity certificate (O, OU=BIN…, EKU emailProtection + 1.2.398.3.3.4.1.2 + the sub-roles).</summary>
    /// <param name="iin">The IIN of the person acting for the entity.</param>
    /// <param name="bin">The BIN of the entity.</param>
    /// <param name="organization">The organisation name.</param>
    /// <param name="surname">Surname.</param>
    /// <param name="name">Given name.</param>
    /// <param name="roles">The sub-roles (first head, signing right, …).</param>
    /// <param name="patronymic">Patronymic, if any.</param>
    /// <returns>A signer over the new key.</returns>
    public INcaSigner IssueLegalEntity(Iin iin, Bin bin, string organization, string surname, string name, NcaLegalEntityRoles roles, string? patronymic = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        var subject = new List<(DerObjectIdentifier, string)>
        {
            (X509Name.CN, $"{surname} {name}"),
            (X509Name.Surname, surname),
            (X509Name.SerialNumber, "IIN" + iin.Value),
            (X509Name.C, "KZ"),
            (X509Name.O, organization),
            (X509Name.OU, "BIN" + bin.Value),
        };
        if (patronymic is not null)
        {
            subject.Add((X509Name.GivenName, patronymic));
        }

        var ekus = new List<string> { NcaOids.EkuEmailProtection, NcaOids.RoleLegalEntity };
        foreach ((NcaLegalEntityRoles flag, string oid) in RoleOids)
        {
            if (roles.HasFlag(flag))
            {
                ekus.Add(oid);
            }
        }

        return Issue(subject, ekus, SigningKeyUsage(), extra: null);
    }

    /// <summary>Issues a certificate for a simulator service (OCSP responder, TSA, information system).</summary>
    /// <param name="commonName">The subject common name.</param>
    /// <param name="kind">What the certificate is for.</param>
    /// <returns>A signer over the new key.</returns>
    public INcaSigner IssueServiceCertificate(string commonName, SandboxServiceKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);
        var subject = new List<(DerObjectIdentifier, string)> { (X509Name.CN, commonName), (X509Name.C, "KZ") };
        return kind switch
        {
            SandboxServiceKind.OcspResponder => Issue(subject, [NcaOids.EkuOcspSigning], new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.NonRepudiation), g =>
                g.AddExtension(Org.BouncyCastle.Asn1.Ocsp.OcspObjectIdentifiers.PkixOcspNocheck, false, DerNull.Instance)),
            SandboxServiceKind.TimeStampingAuthority => Issue(subject, [NcaOids.EkuTimeStamping], new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.NonRepudiation), null, ekuCritical: true),
            SandboxServiceKind.InformationSystem => Issue(subject, [NcaOids.RoleLegalEntity, NcaOids.RoleInformationSystem], SigningKeyUsage(), null),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>
    /// Exports an issued key as an NCA-layout PKCS#12 key file (shrouded 3DES key bag in the NCA private-key encoding,
    /// RC2-40 certificate bag with the certificate and both CA certificates, MAC SHA-1) — loadable with
    /// <see cref="Pkcs12NcaSigner.Load"/> and by Kalkan-style tools.
    /// </summary>
    /// <param name="signer">A signer returned by this PKI.</param>
    /// <param name="password">The file password.</param>
    /// <returns>The PKCS#12 bytes.</returns>
    public byte[] ExportPkcs12(INcaSigner signer, string password)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(password);
        if (signer is not NcaPrivateKeySigner inMemory || !NcaSignatureChecks.IsCertificateSignedBy(inMemory.Certificate, IssuingCaCertificate))
        {
            throw new ArgumentException("The signer was not issued by this sandbox PKI.", nameof(signer));
        }

        return NcaPkcs12Builder.Build(inMemory.Key, [inMemory.Certificate.RawData, IssuingCaCertificate.RawData, RootCertificate.RawData], password);
    }

    /// <summary>Revokes a certificate issued by this PKI (idempotent: the first revocation wins).</summary>
    /// <param name="certificate">The certificate.</param>
    /// <param name="reason">The CRL reason.</param>
    /// <param name="revokedAt">When; defaults to now by the PKI clock.</param>
    /// <returns>The revocation entry.</returns>
    public SandboxRevokedCertificate Revoke(X509Certificate2 certificate, SandboxRevocationReason reason = SandboxRevocationReason.Unspecified, DateTimeOffset? revokedAt = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!NcaSignatureChecks.IsCertificateSignedBy(certificate, IssuingCaCertificate))
        {
            throw new ArgumentException("The certificate was not issued by this sandbox PKI.", nameof(certificate));
        }

        var entry = new SandboxRevokedCertificate(certificate.SerialNumber, revokedAt ?? _options.TimeProvider.GetUtcNow(), reason);
        lock (_lock)
        {
            return _revoked.TryAdd(entry.SerialNumber, entry) ? entry : _revoked[entry.SerialNumber];
        }
    }

    /// <summary>Looks a serial number up in the revocation list.</summary>
    /// <param name="serialNumberHex">The serial number (hex, as <c>X509Certificate2.SerialNumber</c>).</param>
    /// <param name="entry">The revocation entry when revoked.</param>
    /// <returns><see langword="true"/> when revoked.</returns>
    public bool IsRevoked(string serialNumberHex, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SandboxRevokedCertificate? entry)
    {
        lock (_lock)
        {
            return _revoked.TryGetValue(serialNumberHex, out entry);
        }
    }

    /// <summary>Signs a challenge the way NCALayer does for CMS: the UTF-8 challenge text, CMS SignedData (attached or detached).</summary>
    /// <param name="challenge">The challenge.</param>
    /// <param name="signer">The borrower's signer (from <see cref="IssueIndividual"/>).</param>
    /// <param name="detached">Whether to leave the content out.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The DER CMS.</returns>
    public Task<byte[]> SignChallengeCmsAsync(BorrowerChallenge challenge, INcaSigner signer, bool detached, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return new NcaCmsSigner(_options.TimeProvider).SignAsync(signer, challenge.ToSignedBytes(), detached, cancellationToken);
    }

    /// <summary>Signs a challenge the way NCALayer does for XML: an enveloped XMLDSig over the challenge document.</summary>
    /// <param name="challenge">The challenge.</param>
    /// <param name="signer">The borrower's signer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The signed XML.</returns>
    public static Task<string> SignChallengeXmlAsync(BorrowerChallenge challenge, INcaSigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return NcaXmlSigner.SignEnvelopedAsync(challenge.ToSignedXml(), signer, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (IDisposable owned in _owned)
            {
                owned.Dispose();
            }

            _owned.Clear();
        }

        _rootKey.Dispose();
        _issuingKey.Dispose();
        RootCertificate.Dispose();
        IssuingCaCertificate.Dispose();
    }

    private static readonly (NcaLegalEntityRoles Flag, string Oid)[] RoleOids =
    [
        (NcaLegalEntityRoles.FirstHead, NcaOids.RoleFirstHead),
        (NcaLegalEntityRoles.SigningRight, NcaOids.RoleSigningRight),
        (NcaLegalEntityRoles.Finance, NcaOids.RoleFinance),
        (NcaLegalEntityRoles.HumanResources, NcaOids.RoleHumanResources),
        (NcaLegalEntityRoles.Employee, NcaOids.RoleEmployee),
        (NcaLegalEntityRoles.InformationSystem, NcaOids.RoleInformationSystem),
    ];

    private NcaPrivateKeySigner IssueIndividualCore(string iinDigits, string surname, string name, string? patronymic)
    {
        var subject = new List<(DerObjectIdentifier, string)>
        {
            (X509Name.CN, $"{surname} {name}"),
            (X509Name.Surname, surname),
            (X509Name.SerialNumber, "IIN" + iinDigits),
            (X509Name.C, "KZ"),
        };
        if (patronymic is not null)
        {
            subject.Add((X509Name.GivenName, patronymic));
        }

        return Issue(subject, [NcaOids.EkuEmailProtection, NcaOids.RoleIndividual], SigningKeyUsage(), extra: null);
    }

    private KeyUsage SigningKeyUsage() => new(Algorithm == NcaKeyAlgorithm.Rsa
        ? KeyUsage.DigitalSignature | KeyUsage.NonRepudiation
        : KeyUsage.DigitalSignature | KeyUsage.NonRepudiation | KeyUsage.KeyAgreement);

    private NcaPrivateKeySigner Issue(List<(DerObjectIdentifier Oid, string Value)> subject, IReadOnlyList<string> ekus, KeyUsage keyUsage, Action<X509V3CertificateGenerator>? extra, bool ekuCritical = false)
    {
        NcaPrivateKey key = NcaPrivateKey.Generate(Algorithm, _options.RsaUserKeySize);
        try
        {
            DateTimeOffset now = _options.TimeProvider.GetUtcNow();
            var generator = new X509V3CertificateGenerator();
            generator.SetSerialNumber(NewSerial());
            generator.SetIssuerDN(IssuingCaName);
            generator.SetSubjectDN(new X509Name(subject.Select(s => s.Oid).ToList(), subject.Select(s => s.Value).ToList()));
            generator.SetNotBefore(now.AddMinutes(-1).UtcDateTime);
            generator.SetNotAfter(now.Add(_options.CertificateLifetime).UtcDateTime);
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.GetInstance(key.PublicKey.SubjectPublicKeyInfo.ToArray());
            generator.SetSubjectPublicKeyInfo(spki);

            generator.AddExtension(X509Extensions.CertificatePolicies, false, new CertificatePolicies(
                new PolicyInformation(new DerObjectIdentifier(NcaOids.PolicyRoot), new DerSequence(new PolicyQualifierInfo("http://sandbox.invalid/cps")))));
            AddDistributionExtensions(generator);
            generator.AddExtension(X509Extensions.ExtendedKeyUsage, ekuCritical, new ExtendedKeyUsage(ekus.Select(o => new DerObjectIdentifier(o)).ToArray()));
            generator.AddExtension(X509Extensions.KeyUsage, true, keyUsage);
            generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(spki));
            generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, AuthorityKeyIdentifierFor(_issuingKey));
            generator.AddExtension(new DerObjectIdentifier(NcaOids.KeyStorageExtension), false, new DerSequence(new DerObjectIdentifier(NcaOids.KeyStoragePkcs12)));
            extra?.Invoke(generator);

            X509Certificate2 certificate = Load(generator.Generate(IssuingCaSignatureFactory));
            var signer = new NcaPrivateKeySigner(key, certificate);
            lock (_lock)
            {
                _owned.Add(signer);
            }

            return signer;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private void AddDistributionExtensions(X509V3CertificateGenerator generator)
    {
        var access = new List<AccessDescription>();
        if (_options.OcspResponder is { } ocsp)
        {
            access.Add(new AccessDescription(AccessDescription.IdADOcsp, new GeneralName(GeneralName.UniformResourceIdentifier, ocsp.AbsoluteUri)));
        }

        if (_options.CaIssuers is { } caIssuers)
        {
            access.Add(new AccessDescription(AccessDescription.IdADCAIssuers, new GeneralName(GeneralName.UniformResourceIdentifier, caIssuers.AbsoluteUri)));
        }

        if (access.Count > 0)
        {
            generator.AddExtension(X509Extensions.AuthorityInfoAccess, false, new DerSequence(access.ToArray()));
        }

        if (_options.CrlDistributionPoint is { } crl)
        {
            generator.AddExtension(X509Extensions.CrlDistributionPoints, false, DistributionPoints(crl));
        }

        if (_options.DeltaCrlDistributionPoint is { } delta)
        {
            generator.AddExtension(X509Extensions.FreshestCrl, false, DistributionPoints(delta));
        }
    }

    private static CrlDistPoint DistributionPoints(Uri uri) =>
        new([new DistributionPoint(new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.UniformResourceIdentifier, uri.AbsoluteUri))), null, null)]);

    private static BcX509Certificate CreateCaCertificate(X509Name subject, X509Name issuer, NcaPrivateKey subjectKey, NcaPrivateKey issuerKey, DateTimeOffset notBefore, DateTimeOffset notAfter, int? pathLength)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(NewSerial());
        generator.SetIssuerDN(issuer);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(notBefore.UtcDateTime);
        generator.SetNotAfter(notAfter.UtcDateTime);
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.GetInstance(subjectKey.PublicKey.SubjectPublicKeyInfo.ToArray());
        generator.SetSubjectPublicKeyInfo(spki);
        generator.AddExtension(X509Extensions.BasicConstraints, true, pathLength is { } p ? new BasicConstraints(p) : new BasicConstraints(true));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(spki));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, AuthorityKeyIdentifierFor(issuerKey));
        return generator.Generate(new NcaSignatureFactory(issuerKey));
    }

    private static AuthorityKeyIdentifier AuthorityKeyIdentifierFor(NcaPrivateKey issuerKey) =>
        new(X509ExtensionUtilities.CreateSubjectKeyIdentifier(SubjectPublicKeyInfo.GetInstance(issuerKey.PublicKey.SubjectPublicKeyInfo.ToArray())).GetKeyIdentifier());

    private static BcBigInteger NewSerial()
    {
        byte[] bytes = RandomNumberGenerator.GetBytes(20);
        bytes[0] = (byte)((bytes[0] & 0x7F) | 0x10); // positive, full 20 bytes like NCA serials
        return new BcBigInteger(1, bytes);
    }

    private static X509Certificate2 Load(BcX509Certificate certificate) => X509CertificateLoader.LoadCertificate(certificate.GetEncoded());
}
