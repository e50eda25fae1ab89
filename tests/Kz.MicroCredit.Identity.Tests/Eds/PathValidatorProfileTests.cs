using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Eds;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Eds;

/// <summary>
/// Focused tests for the fail-closed rules of <see cref="NcaCertificatePathValidator"/> found missing by the x509-limbo
/// run (<see cref="X509LimboTests"/>). Each test has a control that differs only in the rule under test and must
/// validate, so a rejection is caused by that rule and not by the setup.
/// </summary>
public sealed class PathValidatorProfileTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly RSA _rootKey = RSA.Create(2048);
    private readonly RSA _midKey = RSA.Create(2048);
    private readonly RSA _leafKey = RSA.Create(2048);

    public void Dispose()
    {
        _rootKey.Dispose();
        _midKey.Dispose();
        _leafKey.Dispose();
    }

    [Theory]
    [InlineData("1.3.6.1.4.1.55738.666.1")] // limbo's unknown extension
    [InlineData("2.5.29.32")] // certificate policies: no policy processing here
    [InlineData("2.5.29.17")] // subject alternative name: not processed for signers
    [InlineData("1.3.6.1.5.5.7.1.1")] // authority information access
    public void Leaf_with_a_critical_extension_we_do_not_process_is_untrusted(string oid)
    {
        using X509Certificate2 root = Root();
        byte[] value = [0x30, 0x00];
        Assert.True(Validate(root, Leaf(root, _rootKey, new X509Extension(oid, value, critical: false))).IsValid);
        Assert.Equal(ReasonCode.CertificateUntrusted, Validate(root, Leaf(root, _rootKey, new X509Extension(oid, value, critical: true))).Failure);
    }

    [Fact]
    public void Intermediate_or_anchor_with_an_unknown_critical_extension_is_not_used()
    {
        var unknown = new X509Extension("1.3.6.1.4.1.55738.666.1", [0x05, 0x00], critical: true);
        using X509Certificate2 root = Root();
        using X509Certificate2 badRoot = Root(unknown);
        using X509Certificate2 mid = Intermediate(root);
        using X509Certificate2 badMid = Intermediate(root, unknown);

        Assert.True(Validate(root, Leaf(mid, _midKey), mid).IsValid);
        Assert.False(Validate(root, Leaf(badMid, _midKey), badMid).IsValid);
        Assert.True(Validate(root, Leaf(root, _rootKey)).IsValid);
        Assert.False(Validate(badRoot, Leaf(badRoot, _rootKey)).IsValid);
    }

    [Fact]
    public void Critical_key_identifiers_are_refused_because_rfc5280_requires_them_non_critical()
    {
        using X509Certificate2 root = Root(new X509SubjectKeyIdentifierExtension(new PublicKey(_rootKey), critical: false));
        X509AuthorityKeyIdentifierExtension aki = X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, includeKeyIdentifier: true, includeIssuerAndSerial: false);
        Assert.True(Validate(root, Leaf(root, _rootKey, new X509Extension(aki.Oid!, aki.RawData, critical: false))).IsValid);
        Assert.False(Validate(root, Leaf(root, _rootKey, new X509Extension(aki.Oid!, aki.RawData, critical: true))).IsValid);

        using X509Certificate2 ski = Intermediate(root, new X509SubjectKeyIdentifierExtension(new PublicKey(_midKey), critical: false));
        using X509Certificate2 criticalSki = Intermediate(root, new X509SubjectKeyIdentifierExtension(new PublicKey(_midKey), critical: true));
        Assert.True(Validate(root, Leaf(ski, _midKey), ski).IsValid);
        Assert.False(Validate(root, Leaf(criticalSki, _midKey), criticalSki).IsValid);
    }

    [Fact]
    public void Name_constraints_anywhere_in_the_path_are_refused_not_ignored()
    {
        // permittedSubtrees { dNSName "example.kz" } — the leaf has no dNSName, so a validator that enforced them
        // would accept; this one does not enforce name constraints and must not pretend to.
        X509Extension NameConstraints(bool critical)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
            using (w.PushSequence())
            {
                w.WriteCharacterString(UniversalTagNumber.IA5String, "example.kz", new Asn1Tag(TagClass.ContextSpecific, 2));
            }

            return new X509Extension("2.5.29.30", w.Encode(), critical);
        }

        using X509Certificate2 root = Root();
        using X509Certificate2 constrainedRoot = Root(NameConstraints(critical: true));
        using X509Certificate2 constrainedMid = Intermediate(root, NameConstraints(critical: false));
        Assert.True(Validate(root, Leaf(root, _rootKey)).IsValid);
        Assert.False(Validate(constrainedRoot, Leaf(constrainedRoot, _rootKey)).IsValid);
        Assert.False(Validate(root, Leaf(constrainedMid, _midKey), constrainedMid).IsValid);
        Assert.False(Validate(root, Leaf(root, _rootKey, NameConstraints(critical: false))).IsValid);
    }

    [Fact]
    public void Duplicate_extensions_are_refused()
    {
        // Two private extensions 1.2.3.4 and 1.2.3.5; the bad copy renames the second to 1.2.3.4 and is re-signed.
        using X509Certificate2 root = Root();
        using X509Certificate2 control = Leaf(root, _rootKey, new X509Extension("1.2.3.4", [0x05, 0x00], false), new X509Extension("1.2.3.5", [0x05, 0x00], false));
        using X509Certificate2 duplicate = Resign(control, _rootKey, tbs => Replace(tbs, [0x06, 0x03, 0x2A, 0x03, 0x05], [0x06, 0x03, 0x2A, 0x03, 0x04]));

        Assert.True(Validate(root, control).IsValid);
        Assert.Equal(2, duplicate.Extensions.Cast<X509Extension>().Count(e => e.Oid!.Value == "1.2.3.4"));
        Assert.False(Validate(root, duplicate).IsValid);
    }

    [Theory]
    [InlineData("2.5.29.17")] // limbo rfc5280::san::malformed
    [InlineData("1.3.6.1.5.5.7.1.1")] // limbo webpki::malformed-aia
    public void Non_critical_extension_whose_value_is_not_one_der_element_is_refused(string oid)
    {
        using X509Certificate2 root = Root();
        Assert.True(Validate(root, Leaf(root, _rootKey, new X509Extension(oid, [0x30, 0x00], false))).IsValid);
        Assert.False(Validate(root, Leaf(root, _rootKey, new X509Extension(oid, [0x30, 0x05, 0x00], false))).IsValid); // length overruns
        Assert.False(Validate(root, Leaf(root, _rootKey, new X509Extension(oid, [0x30, 0x00, 0x30, 0x00], false))).IsValid); // trailing element
    }

    [Fact]
    public void Empty_issuer_or_signer_subject_names_are_refused()
    {
        using X509Certificate2 root = Root();
        using X509Certificate2 anonymousRoot = Root(subject: new X500DistinguishedName(string.Empty));
        Assert.True(Validate(root, Leaf(root, _rootKey)).IsValid);
        Assert.False(Validate(anonymousRoot, Leaf(anonymousRoot, _rootKey)).IsValid);
        Assert.False(Validate(root, Leaf(root, _rootKey, subject: new X500DistinguishedName(string.Empty))).IsValid);
    }

    [Fact]
    public void Signer_that_is_a_ca_or_may_sign_certificates_is_refused()
    {
        using X509Certificate2 root = Root();
        Assert.True(Validate(root, Leaf(root, _rootKey, new X509BasicConstraintsExtension(false, false, 0, true))).IsValid);
        Assert.False(Validate(root, Leaf(root, _rootKey, new X509BasicConstraintsExtension(true, false, 0, true))).IsValid);
        Assert.False(Validate(root, Leaf(root, _rootKey, new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true))).IsValid);
    }

    [Fact]
    public void Signer_with_a_key_of_no_nca_algorithm_is_refused()
    {
        using X509Certificate2 root = Root();
        using ECDsa ecKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=EC signer", ecKey, HashAlgorithmName.SHA256);
        using X509Certificate2 ecLeaf = request.Create(root.SubjectName, X509SignatureGenerator.CreateForRSA(_rootKey, RSASignaturePadding.Pkcs1), At.AddDays(-10), At.AddDays(10), [4, 2]);

        Assert.True(Validate(root, Leaf(root, _rootKey)).IsValid);
        Assert.False(Validate(root, X509CertificateLoader.LoadCertificate(ecLeaf.RawData)).IsValid);
    }

    [Fact]
    public void Version_1_signer_is_refused_unless_it_is_itself_a_pinned_anchor()
    {
        using X509Certificate2 root = Root();
        using X509Certificate2 v3 = Leaf(root, _rootKey);

        // Drop the [0] version and the [3] extensions: a v1 TBSCertificate.
        using X509Certificate2 v1 = ResignElements(v3, _rootKey, e => e.Skip(1).Take(e.Count - 2).ToList());
        Assert.Equal(1, v1.Version);

        Assert.True(Validate(root, v3).IsValid);
        Assert.False(Validate(root, v1).IsValid);
        Assert.True(new NcaCertificatePathValidator(NcaTrustStore.Custom([v1])).Validate(v1, null, At).IsValid);
    }

    [Fact]
    public void Ca_basic_constraints_must_be_critical()
    {
        using X509Certificate2 root = Root();
        using X509Certificate2 lenientRoot = Root(basicConstraints: new X509BasicConstraintsExtension(true, false, 0, critical: false));
        using X509Certificate2 lenientMid = Intermediate(root, basicConstraints: new X509BasicConstraintsExtension(true, false, 0, critical: false));
        using X509Certificate2 mid = Intermediate(root);

        Assert.True(Validate(root, Leaf(mid, _midKey), mid).IsValid);
        Assert.False(Validate(lenientRoot, Leaf(lenientRoot, _rootKey)).IsValid);
        Assert.False(Validate(root, Leaf(lenientMid, _midKey), lenientMid).IsValid);
    }

    [Fact]
    public void Self_issued_intermediate_does_not_count_against_path_length()
    {
        // Key rollover: the root (pathLen 0) certifies its own new key under the same name; the new key issues signers.
        using X509Certificate2 root = Root(basicConstraints: new X509BasicConstraintsExtension(true, true, 0, true));
        using X509Certificate2 rollover = Intermediate(root, subject: root.SubjectName);
        using X509Certificate2 other = Intermediate(root);
        Assert.True(rollover.SubjectName.RawData.AsSpan().SequenceEqual(rollover.IssuerName.RawData));

        CertificatePathResult viaRollover = Validate(root, Leaf(rollover, _midKey), rollover);
        Assert.True(viaRollover.IsValid, viaRollover.Failure?.ToString());
        Assert.Equal(3, viaRollover.Path.Count);

        // A non-self-issued intermediate still exceeds pathLen 0.
        Assert.False(Validate(root, Leaf(other, _midKey), other).IsValid);
    }

    [Fact]
    public void An_expired_intermediate_in_the_hints_does_not_hide_a_valid_reissue_of_it()
    {
        // The CA re-issued its certificate for the same key; a signer's bag still carries the expired one first.
        using X509Certificate2 root = Root();
        using X509Certificate2 current = Intermediate(root);
        using X509Certificate2 expired = Intermediate(root, validFrom: At.AddYears(-3), validTo: At.AddYears(-2));
        using X509Certificate2 leaf = Leaf(current, _midKey);

        Assert.Equal(ReasonCode.CertificateExpired, Validate(root, leaf, expired).Failure);
        CertificatePathResult result = Validate(root, leaf, expired, current);
        Assert.True(result.IsValid, result.Failure?.ToString());
        Assert.Same(current, result.Path[1]);
    }

    [Fact]
    public void Undecodable_validity_or_indefinite_length_extension_is_untrusted_not_an_exception()
    {
        // Found by fuzzing the new checks with the limbo certificates as seeds: a UTCTime with a ';' in it (the
        // platform decodes NotBefore lazily and throws), and an extension value with an unterminated indefinite length
        // (the BER reader throws instead of answering false).
        using X509Certificate2 root = Root();
        using X509Certificate2 leaf = Leaf(root, _rootKey);
        using X509Certificate2 badTime = Resign(leaf, _rootKey, tbs => Replace(tbs, "250501"u8.ToArray(), "2505;1"u8.ToArray()));
        using X509Certificate2 badExtension = Leaf(root, _rootKey, new X509Extension("1.2.3.4", [0x30, 0x80, 0x04, 0x01], false));

        Assert.True(Validate(root, leaf).IsValid);
        Assert.Throws<CryptographicException>(() => badTime.NotBefore);
        Assert.Equal(ReasonCode.CertificateUntrusted, Validate(root, badTime).Failure);
        Assert.Equal(ReasonCode.CertificateUntrusted, Validate(root, badExtension).Failure);
    }

    private static CertificatePathResult Validate(X509Certificate2 anchor, X509Certificate2 leaf, params X509Certificate2[] hints) =>
        new NcaCertificatePathValidator(NcaTrustStore.Custom([anchor])).Validate(leaf, hints, At);

    private X509Certificate2 Root(X509Extension? extra = null, X509BasicConstraintsExtension? basicConstraints = null, X500DistinguishedName? subject = null)
    {
        var request = new CertificateRequest(subject ?? new X500DistinguishedName("CN=Profile Root"), _rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(basicConstraints ?? new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        if (extra is not null)
        {
            request.CertificateExtensions.Add(extra);
        }

        return request.CreateSelfSigned(At.AddYears(-1), At.AddYears(1));
    }

    private X509Certificate2 Intermediate(X509Certificate2 root, X509Extension? extra = null, X509BasicConstraintsExtension? basicConstraints = null, X500DistinguishedName? subject = null, DateTimeOffset? validFrom = null, DateTimeOffset? validTo = null)
    {
        var request = new CertificateRequest(subject ?? new X500DistinguishedName("CN=Profile Intermediate"), _midKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(basicConstraints ?? new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        if (extra is not null)
        {
            request.CertificateExtensions.Add(extra);
        }

        using X509Certificate2 created = request.Create(root.SubjectName, X509SignatureGenerator.CreateForRSA(_rootKey, RSASignaturePadding.Pkcs1), validFrom ?? At.AddMonths(-6), validTo ?? At.AddMonths(6), [0x11, 0x22, (byte)(validFrom is null ? 0 : 1)]);
        return X509CertificateLoader.LoadCertificate(created.RawData);
    }

    private X509Certificate2 Leaf(X509Certificate2 issuer, RSA issuerKey, params X509Extension[] extensions) => Leaf(issuer, issuerKey, null, extensions);

    private X509Certificate2 Leaf(X509Certificate2 issuer, RSA issuerKey, X500DistinguishedName? subject, params X509Extension[] extensions)
    {
        var request = new CertificateRequest(subject ?? new X500DistinguishedName("CN=Profile Signer, O=Profile Test"), _leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (!extensions.Any(e => e.Oid!.Value == "2.5.29.15"))
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        }

        foreach (X509Extension extension in extensions)
        {
            request.CertificateExtensions.Add(extension);
        }

        using X509Certificate2 created = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForRSA(issuerKey, RSASignaturePadding.Pkcs1), At.AddMonths(-1), At.AddMonths(1), [0x33, 0x44, (byte)extensions.Length]);
        return X509CertificateLoader.LoadCertificate(created.RawData);
    }

    private static byte[] Replace(byte[] data, byte[] from, byte[] to)
    {
        int at = data.AsSpan().LastIndexOf(from);
        Assert.True(at >= 0);
        byte[] copy = (byte[])data.Clone();
        to.CopyTo(copy.AsSpan(at));
        return copy;
    }

    private static X509Certificate2 Resign(X509Certificate2 certificate, RSA issuerKey, Func<byte[], byte[]> editTbs)
    {
        AsnReader cert = new AsnReader(certificate.RawData, AsnEncodingRules.DER).ReadSequence();
        byte[] tbs = editTbs(cert.ReadEncodedValue().ToArray());
        byte[] algorithm = cert.ReadEncodedValue().ToArray();
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteEncodedValue(tbs);
            w.WriteEncodedValue(algorithm);
            w.WriteBitString(issuerKey.SignData(tbs, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }

        return X509CertificateLoader.LoadCertificate(w.Encode());
    }

    private static X509Certificate2 ResignElements(X509Certificate2 certificate, RSA issuerKey, Func<List<byte[]>, List<byte[]>> edit) =>
        Resign(certificate, issuerKey, tbs =>
        {
            AsnReader reader = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
            var elements = new List<byte[]>();
            while (reader.HasData)
            {
                elements.Add(reader.ReadEncodedValue().ToArray());
            }

            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
            {
                foreach (byte[] element in edit(elements))
                {
                    w.WriteEncodedValue(element);
                }
            }

            return w.Encode();
        });
}
