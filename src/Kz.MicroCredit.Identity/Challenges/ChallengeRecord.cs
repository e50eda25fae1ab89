using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Distributed;

namespace Kz.MicroCredit.Identity;

/// <summary>What a challenge store keeps: digests, never the clear IIN or nonce.</summary>
/// <param name="Id">The challenge id.</param>
/// <param name="NonceDigest">SHA-256 of the nonce.</param>
/// <param name="SubjectDigest">SHA-256 of id and IIN.</param>
/// <param name="Operation">The operation.</param>
/// <param name="ExpiresAt">The expiry.</param>
internal sealed record ChallengeRecord(string Id, byte[] NonceDigest, byte[] SubjectDigest, IdentificationOperation Operation, DateTimeOffset ExpiresAt);
