using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Tests.Eds.Reference;
using Xunit;
using Xunit.Abstractions;

namespace Kz.MicroCredit.Identity.Tests.Eds;

/// <summary>
/// Runs the public x509-limbo path-validation suite (C2SP/x509-limbo, snapshot ddc40b4, 135 cases) through
/// <see cref="NcaCertificatePathValidator"/>: trusted_certs become the custom anchors, untrusted_intermediates the hint
/// bag, peer_certificate the end-entity, and the verdict (a valid path or not) is compared with expected_result.
/// </summary>
/// <remarks>
/// <para>Limbo's chains are ECDSA P-256, which is not an NCA algorithm, so each case is first transposed onto RSA keys
/// (<see cref="LimboCorpus.Transpose"/>: every byte except the keys and signatures is kept).
/// <see cref="Transposition_changes_nothing_but_the_keys"/> checks the transposition against the published cases.</para>
/// <para>Validation instant: the case's validation_time, or <see cref="DefaultInstant"/> (2023-12-02T00:00:00Z, the
/// snapshot's date) when absent. Every certificate of those cases is valid from 1970-01-01 to 2969-05-03 except the
/// one deliberately expired intermediate (1988), so any instant in that range gives the same answer.</para>
/// <para>Our validator is for NCA signing certificates, not TLS servers. Two explicit tables hold the cases we do not
/// judge like limbo: <see cref="NotApplicable"/> (the expected failure depends on a server name or a server-EKU rule
/// we do not apply, or on a harness option we do not offer) and <see cref="ProfileDifferences"/> (our signing profile
/// deliberately gives the other verdict, with the reason; asserted). Every other case must give limbo's verdict.
/// Every certificate of the suite loads in .NET, so every verdict is the validator's own.</para>
/// </remarks>
public sealed class X509LimboTests(ITestOutputHelper output)
{
    /// <summary>The instant used when a case has no validation_time.</summary>
    public static readonly DateTimeOffset DefaultInstant = new(2023, 12, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Cases we cannot judge, with why: limbo's expected FAILURE rests only on TLS-server rules (peer name matching,
    /// serverAuth EKU, CA/Browser Forum certificate profile) or on a caller-chosen limit the validator does not offer.
    /// Not run by <see cref="Verdict_matches_limbo"/>; <see cref="Not_applicable_cases_are_accepted_because_the_rule_is_not_ours"/>
    /// pins that the path validator accepts them (none is rejected for some other reason we would be hiding).
    /// </summary>
    private static readonly Dictionary<string, string> NotApplicable = new(StringComparer.Ordinal)
    {
        // Peer name (expected_peer_name) against the subjectAltName: signing certificates are not matched to a host name.
        ["webpki::san::mismatch-domain-san"] = HostName,
        ["webpki::san::mismatch-subdomain-san"] = HostName,
        ["webpki::san::mismatch-subdomain-apex-san"] = HostName,
        ["webpki::san::mismatch-apex-subdomain-san"] = HostName,
        ["webpki::san::public-suffix-wildcard-san"] = HostName,
        ["webpki::san::wildcard-embedded-leftmost-san"] = HostName,
        ["webpki::san::wildcard-not-in-leftmost-san"] = HostName,
        ["webpki::san::wildcard-match-across-labels-san"] = HostName,
        ["webpki::san::wildcard-embedded-ulabel-san"] = HostName,
        ["webpki::san::unicode-emoji-san"] = HostName,
        ["webpki::san::no-san"] = HostName + " (a server certificate needs a SAN to match; NCA signers carry the holder in the subject)",

        // serverAuth EKU and the CA/Browser Forum TLS profile (EKU presence/criticality/anyEKU, no EKU in roots).
        ["rfc5280::eku::ee-wrong-eku"] = ServerEku + " (clientAuth only, the harness asks for serverAuth)",
        ["webpki::eku::ee-anyeku"] = ServerEku + " (CABF 7.1.2.7.10 forbids anyExtendedKeyUsage in TLS server certificates)",
        ["webpki::eku::ee-critical-eku"] = ServerEku + " (CABF 7.1.2.7.6; NCA's own TSA certificates mark their EKU critical)",
        ["webpki::eku::ee-without-eku"] = ServerEku + " (a TLS server certificate must assert serverAuth)",
        ["webpki::eku::root-has-eku"] = ServerEku + " (CABF 7.1.2.1.2 root profile)",

        // max_chain_depth is a limit the caller of a TLS library sets; ours is fixed (6 certificates below the anchor).
        ["pathlen::max-chain-depth-0-exhausted"] = ChainDepth,
        ["pathlen::max-chain-depth-1-exhausted"] = ChainDepth,
    };

    /// <summary>
    /// Cases where our signing profile deliberately gives the other verdict: the value is our verdict (true = accept)
    /// and why. <see cref="Verdict_matches_limbo"/> asserts that verdict, so a behaviour change shows up here.
    /// </summary>
    private static readonly Dictionary<string, (bool Accept, string Reason)> ProfileDifferences = new(StringComparer.Ordinal)
    {
        // Limbo SUCCESS, we reject: every NCA document signer states its key usage; one without it is refused.
        ["rfc5280::no-keyusage"] = (false, "a signer certificate without keyUsage is refused (NCA profile)"),

        // Limbo SUCCESS, we reject: name constraints are not enforced, so a path carrying them is refused (fail closed).
        ["rfc5280::nc::permitted-dns-match"] = (false, NameConstraints),
        ["rfc5280::nc::permitted-dns-match-more"] = (false, NameConstraints),
        ["rfc5280::nc::permitted-ipv4-match"] = (false, NameConstraints),
        ["rfc5280::nc::permitted-ipv6-match"] = (false, NameConstraints),
        ["rfc5280::nc::permitted-dn-match"] = (false, NameConstraints),
        ["rfc5280::nc::permitted-self-issued"] = (false, NameConstraints),
        ["rfc5280::nc::permitted-different-constraint-type"] = (false, NameConstraints),
        ["rfc5280::nc::excluded-different-constraint-type"] = (false, NameConstraints),
        ["webpki::nc::permitted-dns-match-noncritical"] = (false, NameConstraints),

        // Limbo SUCCESS, we reject: the leaf is a CA whose only key usage is keyCertSign; a signer must be an end
        // entity with digitalSignature or nonRepudiation.
        ["pathlen::validation-ignores-pathlen-in-leaf"] = (false, "signer profile: end entity with a signing key usage required"),

        // Limbo FAILURE, we accept: key identifiers only steer path building here (the issuer's key still has to verify
        // the signature, RFC 5280 §6 does not use them); their absence is a CA conformance fault, not a trust fault.
        ["rfc5280::aki::leaf-missing-aki"] = (true, KeyIdentifiers),
        ["rfc5280::aki::intermediate-missing-aki"] = (true, KeyIdentifiers),
        ["rfc5280::aki::cross-signed-root-missing-aki"] = (true, KeyIdentifiers),
        ["rfc5280::ski::root-missing-ski"] = (true, KeyIdentifiers),
        ["rfc5280::ski::intermediate-missing-ski"] = (true, KeyIdentifiers),

        // Limbo FAILURE, we accept: webpki's rules on an anchor's AKI. The real NCA roots bundled with the package carry
        // an AKI with authorityCertIssuer and authorityCertSerialNumber, so adopting them would reject NCA itself.
        ["webpki::aki::root-with-aki-missing-keyidentifier"] = (true, AnchorAki),
        ["webpki::aki::root-with-aki-authoritycertissuer"] = (true, AnchorAki),
        ["webpki::aki::root-with-aki-authoritycertserialnumber"] = (true, AnchorAki),
        ["webpki::aki::root-with-aki-all-fields"] = (true, AnchorAki),
        ["webpki::aki::root-with-aki-ski-mismatch"] = (true, AnchorAki),

        // Limbo FAILURE, we accept: RFC 5280 §4.1.2.2 tells certificate users to handle non-conforming serial numbers
        // gracefully; the serial plays no part in trust (revocation matches it byte for byte).
        ["rfc5280::serial::too-long"] = (true, Serial),
        ["rfc5280::serial::zero"] = (true, Serial),
    };

    private const string HostName = "TLS peer-name matching";
    private const string ServerEku = "TLS server EKU / CABF profile";
    private const string ChainDepth = "caller-set max_chain_depth not offered";
    private const string NameConstraints = "name constraints not enforced: refused wherever present";
    private const string KeyIdentifiers = "missing AKI/SKI tolerated: path-building hint only";
    private const string AnchorAki = "webpki anchor-AKI rule would reject the real NCA roots";
    private const string Serial = "non-conforming serial tolerated (RFC 5280 4.1.2.2)";

    /// <summary>Gets the ids of the cases we judge (every case not in <see cref="NotApplicable"/>).</summary>
    public static TheoryData<string> JudgedCaseIds => [.. LimboCorpus.Cases.Keys.Where(id => !NotApplicable.ContainsKey(id))];

    /// <summary>Gets every case id.</summary>
    public static TheoryData<string> AllCaseIds => [.. LimboCorpus.Cases.Keys];

    [Theory]
    [MemberData(nameof(JudgedCaseIds))]
    public void Verdict_matches_limbo(string id)
    {
        LimboCase limbo = LimboCorpus.Transpose(LimboCorpus.Cases[id]);
        (bool accepted, string detail) = Run(limbo);
        bool expected = ProfileDifferences.TryGetValue(id, out (bool Accept, string Reason) difference) ? difference.Accept : limbo.ExpectSuccess;
        Assert.True(
            expected == accepted,
            $"{id}: limbo expects {(limbo.ExpectSuccess ? "SUCCESS" : "FAILURE")}, we {(accepted ? "accepted" : "rejected")} ({detail}). {limbo.Description}");
    }

    [Theory]
    [MemberData(nameof(AllCaseIds))]
    public void Transposition_changes_nothing_but_the_keys(string id)
    {
        // Where every key is already RSA the transposed case must get the published case's verdict; elsewhere the
        // published case (ECDSA or DSA somewhere) is never accepted: those are not NCA algorithms.
        LimboCase published = LimboCorpus.Cases[id];
        (bool asPublished, string detail) = Run(published);
        (bool transposed, _) = Run(LimboCorpus.Transpose(published));
        if (AllRsa(published))
        {
            Assert.Equal(asPublished, transposed);
        }
        else
        {
            Assert.False(asPublished, $"{id}: accepted as published ({detail})");
        }
    }

    /// <summary>Gets the ids of the not-applicable cases.</summary>
    public static TheoryData<string> NotApplicableCaseIds => [.. NotApplicable.Keys];

    [Theory]
    [MemberData(nameof(NotApplicableCaseIds))]
    public void Not_applicable_cases_are_accepted_because_the_rule_is_not_ours(string id)
    {
        (bool accepted, string detail) = Run(LimboCorpus.Transpose(LimboCorpus.Cases[id]));
        Assert.True(accepted, $"{id}: rejected ({detail}) — the case is judgeable after all; move it out of NotApplicable");
    }

    [Fact]
    public void Tables_name_real_cases_and_the_counts_add_up()
    {
        Assert.Equal(135, LimboCorpus.Cases.Count);
        foreach (string id in NotApplicable.Keys.Concat(ProfileDifferences.Keys))
        {
            Assert.True(LimboCorpus.Cases.ContainsKey(id), id);
        }

        Assert.Empty(NotApplicable.Keys.Intersect(ProfileDifferences.Keys));

        // A not-applicable case is a FAILURE limbo derives from a TLS-only rule; a profile difference states the
        // verdict opposite to limbo's.
        Assert.All(NotApplicable.Keys, id => Assert.False(LimboCorpus.Cases[id].ExpectSuccess, id));
        Assert.All(ProfileDifferences, p => Assert.NotEqual(LimboCorpus.Cases[p.Key].ExpectSuccess, p.Value.Accept));

        int judged = LimboCorpus.Cases.Count - NotApplicable.Count;
        output.WriteLine($"cases {LimboCorpus.Cases.Count}: not applicable {NotApplicable.Count}, judged {judged} = same verdict as limbo {judged - ProfileDifferences.Count} + documented profile differences {ProfileDifferences.Count}");
        Assert.Equal(18, NotApplicable.Count);
        Assert.Equal(23, ProfileDifferences.Count);

        // No verdict comes from the harness: every certificate, published or transposed, loads.
        Assert.All(LimboCorpus.Cases.Values, c =>
        {
            Assert.NotEqual(Unloadable, Run(c).Detail);
            Assert.NotEqual(Unloadable, Run(LimboCorpus.Transpose(c)).Detail);
        });
    }

    private const string Unloadable = "unloadable certificate";

    private static bool AllRsa(LimboCase c) =>
        c.Trusted.Concat(c.Untrusted).Append(c.Peer).All(der =>
        {
            try
            {
                using X509Certificate2 cert = X509CertificateLoader.LoadCertificate(der);
                return cert.PublicKey.Oid.Value == "1.2.840.113549.1.1.1";
            }
            catch (CryptographicException)
            {
                return false;
            }
        });

    private static (bool Accepted, string Detail) Run(LimboCase c)
    {
        X509Certificate2[] anchors;
        X509Certificate2[] hints;
        X509Certificate2 peer;
        try
        {
            anchors = [.. c.Trusted.Select(X509CertificateLoader.LoadCertificate)];
            hints = [.. c.Untrusted.Select(X509CertificateLoader.LoadCertificate)];
            peer = X509CertificateLoader.LoadCertificate(c.Peer);
        }
        catch (CryptographicException)
        {
            // A certificate .NET cannot load never reaches the validator (the CMS/XML parsers refuse it first).
            return (false, Unloadable);
        }

        var validator = new NcaCertificatePathValidator(NcaTrustStore.Custom(anchors));
        CertificatePathResult result = validator.Validate(peer, hints, c.ValidationTime ?? DefaultInstant);
        return (result.IsValid, result.IsValid ? $"path of {result.Path.Count}" : result.Failure!.Value.ToString());
    }
}
