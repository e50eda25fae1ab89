using Kz.MicroCredit.Identity.SigningChannels;
using StackExchange.Redis;

namespace Kz.MicroCredit.Identity.Redis;

/// <summary>
/// eGov mobile signing sessions in Redis: a hash per session id (a random token, never the IIN) holding the sealed
/// session, its state, the sealed API 2 token digest once claimed and the sealed outcome once answered. The claim and
/// the close are scripts that check the state and change it in one step, so of concurrent phones (or answers) on any
/// number of instances exactly one wins. The hash expires with the session's retention.
/// </summary>
internal sealed class RedisEGovMobileSessionStore : IEGovMobileSessionStore
{
    private const string AddScript = """
        if redis.call('HSETNX', KEYS[1], 'r', ARGV[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], 's', '0')
        redis.call('PEXPIREAT', KEYS[1], ARGV[2])
        return 1
        """;

    // Claim the token slot of a pending session once. ARGV: sealed token digest.
    private const string ClaimScript = """
        if redis.call('HGET', KEYS[1], 's') ~= '0' then return 0 end
        return redis.call('HSETNX', KEYS[1], 't', ARGV[1])
        """;

    // Close a pending session once. ARGV: final state, sealed outcome.
    private const string CompleteScript = """
        if redis.call('HGET', KEYS[1], 's') ~= '0' then return 0 end
        redis.call('HSET', KEYS[1], 's', ARGV[1], 'o', ARGV[2])
        return 1
        """;

    private readonly RedisStateConnection _redis;
    private readonly TimeProvider _time;

    public RedisEGovMobileSessionStore(RedisStateConnection redis, TimeProvider time)
    {
        _redis = redis;
        _time = time;
    }

    public async Task AddAsync(EGovMobileSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrEmpty(session.Id);
        string key = _redis.Key("egov", session.Id);

        // What changes later (claim, state, outcome) lives in its own fields; the sealed record is the session as started.
        EGovMobileSession started = session with { TokenDigest = null, State = EGovMobileSessionState.Pending, Reasons = [], Signature = null };
        string value = _redis.Seal(started, RedisStateJsonContext.Default.EGovMobileSession, key);
        long expiry = RedisStateConnection.UnixMs(session.ExpiresAt + InMemoryEGovMobileSessionStore.Retention, _time.GetUtcNow());
        RedisResult added = await _redis.RunAsync("egov-mobile-session.add", db => db.ScriptEvaluateAsync(AddScript, [key], [value, expiry]), cancellationToken).ConfigureAwait(false);
        if ((int)added != 1)
        {
            throw new InvalidOperationException("A session with this id exists already.");
        }
    }

    public Task<EGovMobileSession?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(id))
        {
            return Task.FromResult<EGovMobileSession?>(null);
        }

        string key = _redis.Key("egov", id);
        return _redis.RunAsync(
            "egov-mobile-session.get",
            async db =>
            {
                RedisValue[] fields = await db.HashGetAsync(key, ["r", "s", "t", "o"]).ConfigureAwait(false);
                if (fields[0].IsNull)
                {
                    return null;
                }

                EGovMobileSession session = _redis.Open(fields[0], RedisStateJsonContext.Default.EGovMobileSession, key);
                if (session.ExpiresAt + InMemoryEGovMobileSessionStore.Retention < _time.GetUtcNow())
                {
                    return null;
                }

                if (!fields[1].TryParse(out int state) || state is < (int)EGovMobileSessionState.Pending or > (int)EGovMobileSessionState.Rejected)
                {
                    throw new StateStoreUnavailableException("A stored session state is not a known state.");
                }

                byte[]? digest = fields[2].IsNullOrEmpty ? null : _redis.Secrets.Open(fields[2].ToString(), key);
                StoredEGovMobileOutcome? outcome = fields[3].IsNullOrEmpty ? null : _redis.Open(fields[3], RedisStateJsonContext.Default.StoredEGovMobileOutcome, key);
                return (EGovMobileSession?)(session with
                {
                    TokenDigest = digest,
                    State = (EGovMobileSessionState)state,
                    Reasons = outcome?.Reasons ?? [],
                    Signature = outcome?.Signature is { Length: > 0 } signature ? signature : null,
                });
            },
            cancellationToken);
    }

    public async Task<bool> TryClaimAsync(string id, byte[] tokenDigest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenDigest);
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }

        string key = _redis.Key("egov", id);
        string sealedDigest = _redis.Secrets.Seal(tokenDigest, key);
        RedisResult claimed = await _redis.RunAsync("egov-mobile-session.claim", db => db.ScriptEvaluateAsync(ClaimScript, [key], [sealedDigest]), cancellationToken).ConfigureAwait(false);
        return (int)claimed == 1;
    }

    public async Task<bool> TryCompleteAsync(string id, EGovMobileSessionState state, IReadOnlyList<string> reasons, byte[]? signature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        if (state is not (EGovMobileSessionState.Accepted or EGovMobileSessionState.Rejected))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "A session closes as Accepted or Rejected.");
        }

        if (string.IsNullOrEmpty(id))
        {
            return false;
        }

        string key = _redis.Key("egov", id);
        string sealedOutcome = _redis.Seal(new StoredEGovMobileOutcome { Reasons = [.. reasons], Signature = signature }, RedisStateJsonContext.Default.StoredEGovMobileOutcome, key);
        RedisResult closed = await _redis.RunAsync("egov-mobile-session.complete", db => db.ScriptEvaluateAsync(CompleteScript, [key], [(int)state, sealedOutcome]), cancellationToken).ConfigureAwait(false);
        return (int)closed == 1;
    }
}

/// <summary>The outcome of an eGov mobile session as sealed in Redis.</summary>
internal sealed class StoredEGovMobileOutcome
{
    public required string[] Reasons { get; init; }

    public byte[]? Signature { get; init; }
}
