using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FsCheck;
using FsCheck.Xunit;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Testing.Revocation;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Security;

namespace Kz.MicroCredit.Identity.Tests.Revocation;

/// <summary>Properties of CRL-based decisions.</summary>
public sealed class CrlPropertyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RSA CaKey = RSA.Create(2048);
    private static readonly RSA ImpostorKey = RSA.Create(2048);
    private static readonly X509Certificate2 Ca = CreateCa(CaKey);
    private static readonly RSA LeafKey = RSA.Create(2048);

    private static ISignatureFactory Signer(RSA key) => new Asn1SignatureFactory("SHA256WITHRSA", DotNetUtilities.GetRsaKeyPair(key).Private);

    private static X509Certificate2 CreateCa(RSA key)
    {
        var request = new CertificateRequest("CN=Property CA, C=KZ", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request.CreateSelfSigned(Now.AddYears(-2), Now.AddYears(5));
    }

    private static byte[] Positive(byte[] raw)
    {
        byte[] serial = raw.Length > 20 ? raw[..20] : (byte[])raw.Clone();
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    private static X509Certificate2 Leaf(byte[] serial)
    {
        var request = new CertificateRequest("CN=Property Borrower, C=KZ", LeafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.Create(Ca, Now.AddDays(-100), Now.AddDays(300), serial);
    }

    private static CrlLookup Verified(byte[] der)
    {
        var lookup = new CrlLookup();
        CrlDocument doc;
        try
        {
            doc = CrlDocument.Parse(der);
        }
        catch (CrlFormatException)
        {
            lookup.Fail(ReasonCode.CrlMalformed);
            return lookup;
        }

        if (doc.IsIssuedBy(Ca))
        {
            (doc.IsDelta ? lookup.Deltas : lookup.Bases).Add(new VerifiedCrl(doc, "property"));
        }
        else
        {
            lookup.Fail(ReasonCode.CrlSignatureInvalid);
        }

        return lookup;
    }

    [Property(MaxTest = 40)]
    public bool A_serial_listed_in_a_verified_crl_is_always_revoked(NonEmptyArray<NonEmptyArray<byte>> serials, NonNegativeInt pick, bool stale, PositiveInt daysBefore, bool withReason)
    {
        byte[][] listed = serials.Get.Select(s => Positive(s.Get)).ToArray();
        byte[] target = listed[pick.Get % listed.Length];
        DateTimeOffset thisUpdate = stale ? Now.AddDays(-30) : Now.AddHours(-1);
        var builder = new TestCrlBuilder(Ca, Signer(CaKey)) { ThisUpdate = thisUpdate, NextUpdate = thisUpdate.AddDays(stale ? 7 : 1), CrlNumber = 3 };
        byte[] crl = builder.Build(listed.Select(s => new TestCrlEntry(s, thisUpdate.AddDays(-(daysBefore.Get % 1000)), withReason ? 1 : null)));
        RevocationCheckResult result = CrlEvaluator.Evaluate(Verified(crl), new RevocationCheckRequest(Leaf(target), Ca, Now), Now, TimeSpan.FromMinutes(5));
        return result.Status == RevocationStatus.Revoked && result.RevokedAt <= Now;
    }

    [Property(MaxTest = 40)]
    public bool An_unverifiable_crl_never_makes_anything_good(NonEmptyArray<NonEmptyArray<byte>> serials, NonNegativeInt position, byte flip, bool wrongKey)
    {
        byte[][] listed = serials.Get.Select(s => Positive(s.Get)).ToArray();
        var builder = new TestCrlBuilder(Ca, Signer(wrongKey ? ImpostorKey : CaKey)) { ThisUpdate = Now.AddHours(-1), NextUpdate = Now.AddDays(1) };
        byte[] crl = builder.Build(listed.Select(s => new TestCrlEntry(s, Now.AddDays(-3))));
        if (!wrongKey)
        {
            // Any single corrupted byte: tbs, algorithm or signature.
            crl[position.Get % crl.Length] ^= (byte)(flip == 0 ? 0x01 : flip);
        }

        byte[] unlisted = Positive([0x7E, .. RandomNumberGenerator.GetBytes(15)]);
        RevocationCheckResult result = CrlEvaluator.Evaluate(Verified(crl), new RevocationCheckRequest(Leaf(unlisted), Ca, Now), Now, TimeSpan.FromMinutes(5));
        return result.Status != RevocationStatus.Good;
    }

    [Property(MaxTest = 200)]
    public bool The_index_finds_exactly_the_listed_serials(NonEmptyArray<NonEmptyArray<byte>> serials, NonEmptyArray<byte> probe)
    {
        byte[][] listed = serials.Get.Select(s => Positive(s.Get)).ToArray();
        var builder = new CrlIndex.Builder(listed.Length);
        foreach (byte[] s in listed)
        {
            builder.Add(s, 1, CrlIndex.NoReason);
        }

        CrlIndex index = builder.Build();
        byte[] p = Positive(probe.Get);
        bool expected = listed.Any(s => s.AsSpan().SequenceEqual(p));
        return listed.All(s => index.TryFind(s, out _, out _)) && index.TryFind(p, out _, out _) == expected
            && index.TryFind([0, .. listed[0]], out _, out _);
    }

    [Xunit.Fact]
    public void As_of_rules_for_a_past_instant()
    {
        byte[] serial = Positive([0x11, 0x22, 0x33]);
        X509Certificate2 leaf = Leaf(serial);
        DateTimeOffset revokedAt = Now.AddDays(-10);
        byte[] crl = new TestCrlBuilder(Ca, Signer(CaKey)) { ThisUpdate = Now.AddDays(-1), NextUpdate = Now.AddDays(1) }
            .Build([new TestCrlEntry(serial, revokedAt, 1)]);

        // Revoked before the instant: revoked.
        Xunit.Assert.Equal(RevocationStatus.Revoked, CrlEvaluator.Evaluate(Verified(crl), new RevocationCheckRequest(leaf, Ca, Now.AddDays(-5)), Now, TimeSpan.FromMinutes(5)).Status);

        // Revoked only after the instant: a later CRL proves it was good then, and says so.
        RevocationCheckResult before = CrlEvaluator.Evaluate(Verified(crl), new RevocationCheckRequest(leaf, Ca, Now.AddDays(-20)), Now, TimeSpan.FromMinutes(5));
        Xunit.Assert.Equal(RevocationStatus.Good, before.Status);
        Xunit.Assert.Equal("true", before.Facts["revocation.revoked-after-instant"]);

        // A CRL from the future (thisUpdate after now + skew) proves nothing for an unlisted serial.
        byte[] future = new TestCrlBuilder(Ca, Signer(CaKey)) { ThisUpdate = Now.AddHours(2), NextUpdate = Now.AddDays(1) }.Build([]);
        Xunit.Assert.Equal(ReasonCode.CrlStale, CrlEvaluator.Evaluate(Verified(future), new RevocationCheckRequest(leaf, Ca, Now), Now, TimeSpan.FromMinutes(5)).Failure);

        // An old instant covered by a CRL issued after it: good (revocation is permanent).
        byte[] empty = new TestCrlBuilder(Ca, Signer(CaKey)) { ThisUpdate = Now.AddDays(-1), NextUpdate = Now.AddDays(-0.5) }.Build([]);
        Xunit.Assert.Equal(RevocationStatus.Good, CrlEvaluator.Evaluate(Verified(empty), new RevocationCheckRequest(leaf, Ca, Now.AddDays(-30)), Now, TimeSpan.FromMinutes(5)).Status);
        Xunit.Assert.Equal(ReasonCode.CrlStale, CrlEvaluator.Evaluate(Verified(empty), new RevocationCheckRequest(leaf, Ca, Now), Now, TimeSpan.FromMinutes(5)).Failure);
    }

    [Xunit.Fact]
    public void A_leaf_whose_basic_constraints_cannot_be_decoded_is_unknown_not_an_exception()
    {
        // Found by the same pattern as a fuzzer finding in the path validator: .NET decodes extensions lazily.
        var request = new CertificateRequest("CN=Property Borrower, C=KZ", LeafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509Extension("2.5.29.19", Convert.FromHexString("30050103FFFFFF"), true));
        using X509Certificate2 bad = request.Create(Ca, Now.AddDays(-100), Now.AddDays(300), [0x01, 0x02]);
        using X509Certificate2 good = Leaf([0x01, 0x02]);
        byte[] crl = new TestCrlBuilder(Ca, Signer(CaKey)) { ThisUpdate = Now.AddHours(-1), NextUpdate = Now.AddDays(1) }.Build([]);

        Xunit.Assert.Equal(RevocationStatus.Good, CrlEvaluator.Evaluate(Verified(crl), new RevocationCheckRequest(good, Ca, Now), Now, TimeSpan.FromMinutes(5)).Status);
        RevocationCheckResult result = CrlEvaluator.Evaluate(Verified(crl), new RevocationCheckRequest(bad, Ca, Now), Now, TimeSpan.FromMinutes(5));
        Xunit.Assert.Equal(RevocationStatus.Unknown, result.Status);
        Xunit.Assert.Equal(ReasonCode.RevocationUnknown, result.Failure);
    }
}
