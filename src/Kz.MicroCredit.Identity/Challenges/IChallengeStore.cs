using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Distributed;

namespace Kz.MicroCredit.Identity;

/// <summary>Keeps issued challenges and marks them used.</summary>
internal interface IChallengeStore
{
    /// <summary>Adds a challenge.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task AddAsync(ChallengeRecord record, CancellationToken cancellationToken = default);

    /// <summary>Marks a challenge used and returns it with whether this was its first use.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The record (null when unknown) and whether this call was the first to consume it.</returns>
    Task<(ChallengeRecord? Record, bool FirstUse)> ConsumeAsync(string id, CancellationToken cancellationToken = default);
}
