using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// The evidence one method gathered, as it goes into the evidence report: named facts (certificate serial, provider
/// match id, score…), SHA-256 digests of inputs (never the inputs), and raw proofs (an OCSP response, a CRL number).
/// </summary>
public sealed class MethodEvidence
{
    /// <summary>Gets an empty evidence set.</summary>
    public static MethodEvidence Empty { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>(), []);

    internal MethodEvidence(IReadOnlyDictionary<string, string> facts, IReadOnlyDictionary<string, string> digests, IReadOnlyList<EvidenceArtifact> artifacts)
    {
        Facts = facts;
        Digests = digests;
        Artifacts = artifacts;
    }

    /// <summary>Gets the named facts; keys are documented per method in docs/evidence-report.md.</summary>
    public IReadOnlyDictionary<string, string> Facts { get; }

    /// <summary>Gets lower-case hex SHA-256 digests of inputs, by name.</summary>
    public IReadOnlyDictionary<string, string> Digests { get; }

    /// <summary>Gets raw proofs kept with the decision (e.g. an OCSP response).</summary>
    public IReadOnlyList<EvidenceArtifact> Artifacts { get; }
}
