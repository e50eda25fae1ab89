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
/// (<see cref="LimboCorpus.Transpose"/>: every byte except the keys and signatures is kept). A separate test runs the
/// cases as published and checks that none of the FAILURE cases is accepted that way either.</para>
/// <para>Validation instant: the case's validation_time, or <see cref="DefaultInstant"/> (2023-12-02T00:00:00Z, the
/// snapshot's date) when absent. Every certificate of those cases is valid from 1970-01-01 to 2969-05-03 except the
/// one deliberately expired intermediate (1988), so any instant in that range gives the same answer.</para>
/// <para>Our validator is for NCA signing certificates, not TLS servers. Two explicit tables hold the cases we do not
/// judge like limbo: <see cref="NotApplicable"/> (the expected failure depends on a server name or a server-EKU rule
/// we do not apply, or on a harness option we do not offer) and <see cref="ProfileDifferences"/> (limbo says SUCCESS,
/// our signing profile rejects by design). Every other case must give limbo's verdict.</para>
/// </remarks>
public sealed class X509LimboTests(ITestOutputHelper output)
{
    /// <summary>The instant used when a case has no validation_time.</summary>
    public static readonly DateTimeOffset DefaultInstant = new(2023, 12, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Cases we cannot judge, with why. The test checks that each id exists.</summary>
    private static readonly Dictionary<string, string> NotApplicable = new(StringComparer.Ordinal)
    {
    };

    /// <summary>Cases limbo expects to SUCCEED that our signing profile rejects on purpose, with why.</summary>
    private static readonly Dictionary<string, string> ProfileDifferences = new(StringComparer.Ordinal)
    {
    };

    /// <summary>Gets the ids of the cases we judge like limbo.</summary>
    public static TheoryData<string> JudgedCaseIds => [.. LimboCorpus.Cases.Keys.Where(id => !NotApplicable.ContainsKey(id))];

    /// <summary>Gets every case id.</summary>
    public static TheoryData<string> AllCaseIds => [.. LimboCorpus.Cases.Keys];

    [Theory]
    [MemberData(nameof(JudgedCaseIds))]
    public void Verdict_matches_limbo(string id)
    {
        LimboCase limbo = LimboCorpus.Transpose(LimboCorpus.Cases[id]);
        (bool accepted, string detail) = Run(limbo);
        bool expected = limbo.ExpectSuccess && !ProfileDifferences.ContainsKey(id);
        Assert.True(expected == accepted, $"{id}: limbo expects {(limbo.ExpectSuccess ? "SUCCESS" : "FAILURE")}, we {(accepted ? "accepted" : "rejected")} ({detail}). {limbo.Description}");
    }

    [Theory]
    [MemberData(nameof(AllCaseIds))]
    public void Published_case_without_transposition_is_never_accepted_when_limbo_expects_failure(string id)
    {
        LimboCase limbo = LimboCorpus.Cases[id];
        (bool accepted, string detail) = Run(limbo);
        if (!limbo.ExpectSuccess && !NotApplicable.ContainsKey(id))
        {
            Assert.False(accepted, $"{id}: accepted as published ({detail})");
        }
        else
        {
            // ECDSA chains are not NCA chains; RSA-only chains (the online ones) must still validate as published.
            Assert.Equal(limbo.ExpectSuccess && !ProfileDifferences.ContainsKey(id) && AllRsa(limbo), accepted || (!AllRsa(limbo) && accepted));
        }
    }

    [Fact]
    public void Tables_name_real_cases_and_the_counts_add_up()
    {
        foreach (string id in NotApplicable.Keys.Concat(ProfileDifferences.Keys))
        {
            Assert.True(LimboCorpus.Cases.ContainsKey(id), id);
        }

        Assert.Empty(NotApplicable.Keys.Intersect(ProfileDifferences.Keys));
        Assert.All(ProfileDifferences.Keys, id => Assert.True(LimboCorpus.Cases[id].ExpectSuccess, id));
        Assert.Equal(135, LimboCorpus.Cases.Count);
        int judged = LimboCorpus.Cases.Count - NotApplicable.Count;
        output.WriteLine($"cases {LimboCorpus.Cases.Count}, judged {judged}, not applicable {NotApplicable.Count}, profile differences {ProfileDifferences.Count}");
    }

    [Fact]
    public void Summary()
    {
        foreach (LimboCase c in LimboCorpus.Cases.Values)
        {
            (bool accepted, string detail) = Run(LimboCorpus.Transpose(c));
            bool ok = accepted == c.ExpectSuccess;
            output.WriteLine($"{(ok ? "ok  " : "DIFF")} {c.Id} expected={(c.ExpectSuccess ? "SUCCESS" : "FAILURE")} ours={(accepted ? "accept" : "reject")} {detail}");
        }
    }

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
            return (false, "unloadable certificate");
        }

        var validator = new NcaCertificatePathValidator(NcaTrustStore.Custom(anchors));
        CertificatePathResult result = validator.Validate(peer, hints, c.ValidationTime ?? DefaultInstant);
        return (result.IsValid, result.IsValid ? $"path of {result.Path.Count}" : result.Failure!.Value.ToString());
    }
}
