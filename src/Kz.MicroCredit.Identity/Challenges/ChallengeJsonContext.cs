using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Distributed;

namespace Kz.MicroCredit.Identity;

[JsonSerializable(typeof(DistributedCacheChallengeStore.StoredChallenge))]
internal sealed partial class ChallengeJsonContext : JsonSerializerContext;
