using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity;

/// <summary>A raw proof kept with a decision, such as a DER OCSP response or a signed provider answer.</summary>
/// <param name="Name">A stable name, e.g. <c>ocsp-response</c>.</param>
/// <param name="MediaType">The media type, e.g. <c>application/ocsp-response</c>.</param>
/// <param name="Content">The bytes. Must not be personal data such as a photo.</param>
public sealed record EvidenceArtifact(string Name, string MediaType, ReadOnlyMemory<byte> Content);
