using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity;

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
