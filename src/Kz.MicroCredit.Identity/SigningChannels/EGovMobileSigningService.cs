using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;
using Kz.MicroCredit.Identity.Eds;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>
/// The service side of the eGov mobile cross-signing protocol: sessions, API 1 (metadata), API 2 (documents and the
/// signed answer). The answer is checked by a <see cref="NcaEdsMethod"/> built from the lender's own <c>nca-eds</c>
/// options and revocation checker, with the challenge bound to the session instead of redeemed: the collected signature
/// is later redeemed by the lender's identification exactly as a directly submitted one.
/// </summary>
internal sealed partial class EGovMobileSigningService : IEGovMobileSigningService
{
    private const string ServedMime = "text/plain";
    private readonly IEGovMobileSessionStore _store;
    private readonly IBorrowerChallengeService _challenges;
    private readonly IOptions<NcaEdsOptions> _edsOptions;
    private readonly ICertificateRevocationChecker _revocation;
    private readonly TimeProvider _time;
    private readonly EGovMobileSigningOptions _options;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggers;

    public EGovMobileSigningService(
        IEGovMobileSessionStore store,
        IBorrowerChallengeService challenges,
        IOptions<NcaEdsOptions> edsOptions,
        ICertificateRevocationChecker revocation,
        TimeProvider timeProvider,
        IOptions<EGovMobileSigningOptions> options,
        ILoggerFactory? loggers = null)
    {
        _store = store;
        _challenges = challenges;
        _edsOptions = edsOptions;
        _revocation = revocation;
        _time = timeProvider;
        _options = options.Value;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<EGovMobileSigningService>();
    }

    internal EGovMobileSigningOptions Options => _options;

    public Task<EGovMobileSigningSession> StartAsync(Iin iin, IdentificationOperation operation, CancellationToken cancellationToken = default)
    {
        if (!iin.HasValue)
        {
            throw new ArgumentException("The IIN is required.", nameof(iin));
        }

        return StartAsync(new EGovMobileSigningRequest(iin, operation), cancellationToken);
    }

    public async Task<EGovMobileSigningSession> StartAsync(EGovMobileSigningRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        EGovMobileSignMethod challengeMethod = request.ChallengeSignMethod ?? _options.SignMethod;
        if (!Enum.IsDefined(challengeMethod))
        {
            throw new ArgumentException("The challenge's sign method is not a known sign method.", nameof(request));
        }

        EGovMobileDocument[] documents = CheckDocuments(request);
        BorrowerChallenge challenge = await _challenges.IssueAsync(request.Iin, request.Operation, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset expiresAt = now + _options.SessionLifetime < challenge.ExpiresAt ? now + _options.SessionLifetime : challenge.ExpiresAt;
        var session = new EGovMobileSession
        {
            Id = RandomToken(24),
            IinDigits = request.Iin.Value,
            Operation = request.Operation,
            ChallengeId = challenge.Id,
            ChallengeNonce = challenge.Nonce,
            ChallengeIssuedAt = challenge.IssuedAt,
            ChallengeExpiresAt = challenge.ExpiresAt,
            SignMethod = challengeMethod,
            AuthType = _options.AuthType,
            Documents = documents,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        await _store.AddAsync(session, cancellationToken).ConfigureAwait(false);
        EGovMobileLog.Started(_logger, EGovMobileServedDocument.WireSignMethod(EGovMobileServedDocument.Of(session)), expiresAt);
        Uri api1 = Api1Url(session.Id);
        var links = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> template in _options.DeepLinkTemplates)
        {
            links[template.Key] = new Uri(template.Value.Replace("{url}", Uri.EscapeDataString(api1.AbsoluteUri), StringComparison.Ordinal));
        }

        return new EGovMobileSigningSession(session.Id, api1, links, expiresAt, session.SignMethod);
    }

    public async Task<EGovMobileSigningStatus?> GetStatusAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        EGovMobileSession? session = await FindAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return null;
        }

        EGovMobileSessionState state = session.State == EGovMobileSessionState.Pending && _time.GetUtcNow() >= session.ExpiresAt ? EGovMobileSessionState.Expired : session.State;
        return new EGovMobileSigningStatus(state, session.Reasons, session.ExpiresAt);
    }

    public async Task<NcaEdsEvidence?> GetEvidenceAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<EGovMobileSignedDocument>? signed = await GetSignedDocumentsAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return signed is null ? null : ToEvidence(signed[0]);
    }

    public async Task<IReadOnlyList<EGovMobileSignedDocument>?> GetSignedDocumentsAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        EGovMobileSession? session = await FindAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is not { State: EGovMobileSessionState.Accepted, Signature: { } kept })
        {
            return null;
        }

        IReadOnlyList<EGovMobileServedDocument> served = EGovMobileServedDocument.Of(session);
        List<byte[]>? signatures = served.Count == 1 ? [kept] : UnpackAnswer(kept);
        if (signatures is null || signatures.Count != served.Count)
        {
            // A stored answer that does not fit the session is never handed out as evidence.
            return null;
        }

        return [.. served.Select((d, i) => new EGovMobileSignedDocument(d.Id, d.IsChallenge, d.NameRu, d.NameKz, d.NameEn, d.SignMethod, d.Content, signatures[i]))];
    }

    /// <summary>The QR text of a pending, unexpired session; <see langword="null"/> otherwise.</summary>
    internal async Task<string?> GetQrPayloadAsync(string sessionId, CancellationToken cancellationToken)
    {
        EGovMobileSession? session = await FindAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return session is { State: EGovMobileSessionState.Pending } && _time.GetUtcNow() < session.ExpiresAt ? "mobileSign:" + Api1Url(session.Id).AbsoluteUri : null;
    }

    internal static byte[] StatusJson(EGovMobileSigningStatus status) => JsonSerializer.SerializeToUtf8Bytes(
        new EGovMobileStatusResponse { State = status.State.ToString().ToLowerInvariant(), Reasons = status.Reasons, ExpiresAt = status.ExpiresAt },
        EGovMobileJsonContext.Default.EGovMobileStatusResponse);

    internal static EGovMobileProtocolResponse Error(EGovMobileError error, string language) => new(
        EGovMobileMessages.StatusCode(error),
        JsonSerializer.SerializeToUtf8Bytes(new EGovMobileMessage { Message = EGovMobileMessages.Text(error, language) }, EGovMobileJsonContext.Default.EGovMobileMessage));

    /// <summary>API 1: the session's metadata and, once only (the QR code is single use), the API 2 token.</summary>
    internal async Task<EGovMobileProtocolResponse> GetApi1Async(string sessionId, string? acceptLanguage, CancellationToken cancellationToken)
    {
        string language = EGovMobileMessages.Language(acceptLanguage);
        (EGovMobileSession? session, EGovMobileError? error) = await OpenSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return Refuse("api1", error!.Value, language);
        }

        // Token: the claim hands the token out once. None hands out nothing, but the claim (of a random digest nobody
        // holds) still makes the QR code single use. Eds hands out nothing either: its claim is the signer's sign-in.
        string token = RandomToken(32);
        if (session.AuthType != EGovMobileAuthType.Eds
            && (session.TokenDigest is not null || !await _store.TryClaimAsync(session.Id, Digest(token), cancellationToken).ConfigureAwait(false)))
        {
            return Refuse("api1", EGovMobileError.LinkAlreadyUsed, language);
        }

        var body = new EGovMobileApi1Response
        {
            Description = language switch
            {
                "kk" => "Микрокредит алу үшін жеке басыңызды растау",
                "en" => "Confirm your identity to get a microcredit",
                _ => "Подтверждение личности для получения микрокредита",
            },
            ExpiryDate = session.ExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture),
            Organisation = new EGovMobileOrganisation { NameRu = _options.OrganisationNameRu, NameKz = _options.OrganisationNameKz, NameEn = _options.OrganisationNameEn, Bin = _options.OrganisationBin },
            Document = new EGovMobileDocumentLocation
            {
                Uri = Api2Url(session.Id).AbsoluteUri,
                AuthType = session.AuthType.ToString(),
                AuthToken = session.AuthType == EGovMobileAuthType.Token ? token : null,
            },
        };
        return new EGovMobileProtocolResponse(200, JsonSerializer.SerializeToUtf8Bytes(body, EGovMobileJsonContext.Default.EGovMobileApi1Response));
    }

    /// <summary>API 2, fetch (Token and None): the documents to sign.</summary>
    internal async Task<EGovMobileProtocolResponse> GetDocumentsAsync(string sessionId, string? authorization, string? acceptLanguage, CancellationToken cancellationToken)
    {
        string language = EGovMobileMessages.Language(acceptLanguage);
        (EGovMobileSession? session, EGovMobileError? error) = await OpenSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return Refuse("api2-get", error!.Value, language);
        }

        if (session.AuthType == EGovMobileAuthType.Eds)
        {
            // Eds: the documents are handed out only after the signed sign-in (POST).
            return Refuse("api2-get", EGovMobileError.EdsAuthenticationFailed, language);
        }

        if (!Authorized(session, authorization))
        {
            return Refuse("api2-get", EGovMobileError.Unauthorized, language);
        }

        return Documents(session);
    }

    /// <summary>
    /// API 2, Eds sign-in (POST): an XML the app signed that names this session, verified by the <c>nca-eds</c> engine
    /// (chain, revocation, the borrower's IIN); the signer's certificate is then the only one whose answer the session
    /// takes. Answers the documents.
    /// </summary>
    internal async Task<EGovMobileProtocolResponse> AuthenticateAsync(string sessionId, long? contentLength, Stream body, string? acceptLanguage, CancellationToken cancellationToken)
    {
        const int MaxSignInBytes = 64 * 1024;
        string language = EGovMobileMessages.Language(acceptLanguage);
        (EGovMobileSession? session, EGovMobileError? error) = await OpenSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return Refuse("api2-auth", error!.Value, language);
        }

        if (session.AuthType != EGovMobileAuthType.Eds)
        {
            return Refuse("api2-auth", EGovMobileError.EdsAuthenticationFailed, language);
        }

        if (contentLength > MaxSignInBytes)
        {
            return Refuse("api2-auth", EGovMobileError.BodyTooLarge, language);
        }

        byte[]? bytes = await ReadCappedAsync(body, MaxSignInBytes, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return Refuse("api2-auth", EGovMobileError.BodyTooLarge, language);
        }

        string? xml = Deserialize(bytes, EGovMobileJsonContext.Default.EGovMobileEdsAuthentication)?.Xml;
        if (string.IsNullOrEmpty(xml))
        {
            return Refuse("api2-auth", EGovMobileError.MalformedBody, language);
        }

        string api2 = Api2Url(session.Id).AbsoluteUri;
        MethodOutcome outcome = await VerifyAsync(
            session,
            new NcaEdsEvidence(Encoding.UTF8.GetBytes(xml), EdsSignatureFormat.Xml),
            (_, element) => element is not null && ReferenceEquals(element, element.OwnerDocument.DocumentElement) && EGovMobileDocumentBinding.NamesSession(element, session.Id, api2),
            cancellationToken).ConfigureAwait(false);
        EGovMobileLog.SignedIn(_logger, outcome.Status.ToString(), string.Join(",", outcome.Reasons.Select(r => r.Value)));
        if (outcome.Status == IdentificationStatus.Verified && SignerDigest(outcome) is { } signer)
        {
            // The first signer to sign in binds the session to their certificate (the claim is atomic); the same
            // signer may sign in again (a retry), anyone else is refused.
            bool bound = session.TokenDigest is null
                ? await _store.TryClaimAsync(session.Id, signer, cancellationToken).ConfigureAwait(false)
                    || (await _store.GetAsync(session.Id, cancellationToken).ConfigureAwait(false))?.TokenDigest is { } winner && CryptographicOperations.FixedTimeEquals(winner, signer)
                : CryptographicOperations.FixedTimeEquals(session.TokenDigest, signer);
            return bound ? Documents(session) : Refuse("api2-auth", EGovMobileError.LinkAlreadyUsed, language);
        }

        return outcome.Status == IdentificationStatus.Rejected
            ? Refuse("api2-auth", EGovMobileError.EdsAuthenticationFailed, language)
            : Refuse("api2-auth", EGovMobileError.TryLater, language);
    }

    private async Task<(EGovMobileSession? Session, EGovMobileError? Error)> OpenSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        EGovMobileSession? session = await FindAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return (null, EGovMobileError.SessionNotFound);
        }

        if (session.State != EGovMobileSessionState.Pending)
        {
            return (null, EGovMobileError.AlreadyAnswered);
        }

        return _time.GetUtcNow() >= session.ExpiresAt ? (null, EGovMobileError.SessionExpired) : (session, null);
    }

    private Task<EGovMobileSession?> FindAsync(string sessionId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(sessionId) || sessionId.Length > 64 ? Task.FromResult<EGovMobileSession?>(null) : _store.GetAsync(sessionId, cancellationToken);

    private static bool Authorized(EGovMobileSession session, string? authorization)
    {
        const string Scheme = "Bearer ";
        if (session.AuthType == EGovMobileAuthType.None)
        {
            // The lender opted in (AllowUnauthenticatedApi2): the session id is the only secret.
            return true;
        }

        if (session.TokenDigest is null || authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length > 256)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Digest(authorization[Scheme.Length..].Trim()), session.TokenDigest);
    }

    private static async Task<byte[]?> ReadCappedAsync(Stream body, int max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private EGovMobileProtocolResponse Refuse(string step, EGovMobileError error, string language)
    {
        EGovMobileLog.Refused(_logger, step, error.ToString());
        return Error(error, language);
    }

    private Uri Api1Url(string id) => new(BaseUrl() + "/api1/" + id);

    private Uri Api2Url(string id) => new(BaseUrl() + "/api2/" + id);

    private string BaseUrl() => _options.PublicBaseUrl!.AbsoluteUri.TrimEnd('/') + _options.RoutePrefix;

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string RandomToken(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
