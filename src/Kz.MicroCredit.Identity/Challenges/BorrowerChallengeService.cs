using System.Security.Cryptography;
using System.Text;
using Kz.MicroCredit.Identity.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>The default <see cref="IBorrowerChallengeService"/> over an <see cref="IChallengeStore"/>.</summary>
internal sealed class BorrowerChallengeService : IBorrowerChallengeService
{
    private readonly IChallengeStore _store;
    private readonly TimeProvider _time;
    private readonly ChallengeOptions _options;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="BorrowerChallengeService"/> class.</summary>
    /// <param name="store">The store.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="options">Lifetime.</param>
    /// <param name="logger">Logger.</param>
    public BorrowerChallengeService(IChallengeStore store, TimeProvider timeProvider, IOptions<ChallengeOptions> options, ILogger<BorrowerChallengeService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _time = timeProvider;
        _options = options.Value;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<BorrowerChallenge> IssueAsync(Iin iin, IdentificationOperation operation, CancellationToken cancellationToken = default)
    {
        if (!iin.HasValue)
        {
            throw new ArgumentException("The IIN is required.", nameof(iin));
        }

        DateTimeOffset now = _time.GetUtcNow();
        var challenge = new BorrowerChallenge(RandomToken(16), RandomToken(32), iin, operation, now, now + _options.Lifetime);
        var record = new ChallengeRecord(challenge.Id, NonceDigest(challenge.Nonce), SubjectDigest(challenge.Id, iin), operation, challenge.ExpiresAt);
        await _store.AddAsync(record, cancellationToken).ConfigureAwait(false);
        Log.ChallengeIssued(_logger, challenge.Id, EvidenceReportFactory.OperationName(operation), challenge.ExpiresAt);
        return challenge;
    }

    /// <inheritdoc />
    public async Task<ChallengeRedemption> RedeemAsync(ChallengeReference reference, Iin iin, IdentificationOperation operation, CancellationToken cancellationToken = default)
    {
        ChallengeRedemption result = await RedeemCoreAsync(reference, iin, operation, cancellationToken).ConfigureAwait(false);
        Log.ChallengeRedeemed(_logger, reference.Id ?? string.Empty, result.ToString());
        return result;
    }

    private async Task<ChallengeRedemption> RedeemCoreAsync(ChallengeReference reference, Iin iin, IdentificationOperation operation, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(reference.Id) || string.IsNullOrEmpty(reference.Nonce) || reference.Id.Length > 64 || !iin.HasValue)
        {
            return ChallengeRedemption.NotFound;
        }

        (ChallengeRecord? record, bool firstUse) = await _store.ConsumeAsync(reference.Id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return ChallengeRedemption.NotFound;
        }

        if (!firstUse)
        {
            return ChallengeRedemption.AlreadyUsed;
        }

        if (_time.GetUtcNow() >= record.ExpiresAt)
        {
            return ChallengeRedemption.Expired;
        }

        if (!CryptographicOperations.FixedTimeEquals(record.NonceDigest, NonceDigest(reference.Nonce)))
        {
            return ChallengeRedemption.NonceMismatch;
        }

        if (!CryptographicOperations.FixedTimeEquals(record.SubjectDigest, SubjectDigest(record.Id, iin)))
        {
            return ChallengeRedemption.IinMismatch;
        }

        return record.Operation != operation ? ChallengeRedemption.OperationMismatch : ChallengeRedemption.Valid;
    }

    private static string RandomToken(int bytes) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] NonceDigest(string nonce) => SHA256.HashData(Encoding.UTF8.GetBytes(nonce));

    // The store never holds the clear IIN: a digest salted with the random challenge id binds the challenge to it.
    private static byte[] SubjectDigest(string id, Iin iin) => SHA256.HashData(Encoding.UTF8.GetBytes(id + ":" + iin.Value));
}
