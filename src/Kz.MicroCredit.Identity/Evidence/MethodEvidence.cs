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

/// <summary>A raw proof kept with a decision, such as a DER OCSP response or a signed provider answer.</summary>
/// <param name="Name">A stable name, e.g. <c>ocsp-response</c>.</param>
/// <param name="MediaType">The media type, e.g. <c>application/ocsp-response</c>.</param>
/// <param name="Content">The bytes. Must not be personal data such as a photo.</param>
public sealed record EvidenceArtifact(string Name, string MediaType, ReadOnlyMemory<byte> Content);

/// <summary>Collects a method's evidence while it runs. Not thread-safe: one per evaluation.</summary>
public sealed class MethodEvidenceBuilder
{
    private readonly SortedDictionary<string, string> _facts = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _digests = new(StringComparer.Ordinal);
    private readonly List<EvidenceArtifact> _artifacts = [];

    /// <summary>Records a fact. Never pass personal data (IIN, names, phone numbers) here: use digests or masked values.</summary>
    /// <param name="key">A stable, documented key such as <c>certificate.serial</c>.</param>
    /// <param name="value">The value; <see langword="null"/> removes the fact.</param>
    /// <returns>This builder.</returns>
    public MethodEvidenceBuilder Set(string key, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (value is null)
        {
            _facts.Remove(key);
        }
        else
        {
            _facts[key] = value;
        }

        return this;
    }

    /// <summary>Records the SHA-256 digest of an input under a name.</summary>
    /// <param name="name">The input's name, e.g. <c>signature</c>.</param>
    /// <param name="content">The input.</param>
    /// <returns>This builder.</returns>
    public MethodEvidenceBuilder Digest(string name, ReadOnlySpan<byte> content)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _digests[name] = Convert.ToHexStringLower(SHA256.HashData(content));
        return this;
    }

    /// <summary>Keeps a raw proof with the decision.</summary>
    /// <param name="name">A stable name.</param>
    /// <param name="mediaType">The media type.</param>
    /// <param name="content">The bytes (copied).</param>
    /// <returns>This builder.</returns>
    public MethodEvidenceBuilder Artifact(string name, string mediaType, ReadOnlySpan<byte> content)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        _artifacts.Add(new EvidenceArtifact(name, mediaType, content.ToArray()));
        return this;
    }

    /// <summary>Freezes the collected evidence.</summary>
    /// <returns>The evidence.</returns>
    public MethodEvidence Build() =>
        new(new Dictionary<string, string>(_facts, StringComparer.Ordinal), new Dictionary<string, string>(_digests, StringComparer.Ordinal), _artifacts.ToArray());
}
