namespace Kz.MicroCredit.Identity.Redis;

/// <summary>
/// Options of the Redis state stores (<c>AddRedisState</c>): where Redis is, how keys are named, how long a call may
/// take, and the secrets every instance shares.
/// </summary>
public sealed class RedisStateOptions
{
    /// <summary>Gets or sets the StackExchange.Redis configuration string (e.g. <c>redis1:6379,redis2:6379,ssl=true,password=…</c>); not used with an existing multiplexer.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Configuration { get; set; }

    /// <summary>Gets or sets the prefix of every key, so that several applications or environments can share one Redis.</summary>
    /// <value>The default value is <c>kzid:</c>.</value>
    public string KeyPrefix { get; set; } = "kzid:";

    /// <summary>Gets or sets how long one store operation may take before it fails closed (Indeterminate).</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the Redis logical database (only 0 exists on Redis Cluster).</summary>
    /// <value>The default value is -1 (the connection's default).</value>
    public int Database { get; set; } = -1;

    /// <summary>
    /// Gets or sets the id of the key that seals new records and derives the keyed hashes (OTP code hashes, rate-limit
    /// and attempt-counter keys). It must be in <see cref="Keys"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (required).</value>
    public string? ActiveKeyId { get; set; }

    /// <summary>
    /// Gets the shared secrets by key id: base64 of at least 32 random bytes each, the same on every instance (from a
    /// secret store, never from source). Keep a retired key listed until the records it sealed have expired.
    /// </summary>
    /// <value>The default value is an empty dictionary.</value>
    public IDictionary<string, string> Keys { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
