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
internal sealed class EGovMobileSigningService : IEGovMobileSigningService
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

    public async Task<EGovMobileSigningSession> StartAsync(Iin iin, IdentificationOperation operation, CancellationToken cancellationToken = default)
    {
        if (!iin.HasValue)
        {
            throw new ArgumentException("The IIN is required.", nameof(iin));
        }

        BorrowerChallenge challenge = await _challenges.IssueAsync(iin, operation, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset expiresAt = now + _options.SessionLifetime < challenge.ExpiresAt ? now + _options.SessionLifetime : challenge.ExpiresAt;
        var session = new EGovMobileSession
        {
            Id = RandomToken(24),
            IinDigits = iin.Value,
            Operation = operation,
            ChallengeId = challenge.Id,
            ChallengeNonce = challenge.Nonce,
            ChallengeIssuedAt = challenge.IssuedAt,
            ChallengeExpiresAt = challenge.ExpiresAt,
            SignMethod = _options.SignMethod,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        await _store.AddAsync(session, cancellationToken).ConfigureAwait(false);
        EGovMobileLog.Started(_logger, WireName(session.SignMethod), expiresAt);
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
        EGovMobileSession? session = await FindAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return session is { State: EGovMobileSessionState.Accepted, Signature: { } signature } ? ToEvidence(session, signature) : null;
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

        string token = RandomToken(32);
        if (session.TokenDigest is not null || !await _store.TryClaimAsync(session.Id, Digest(token), cancellationToken).ConfigureAwait(false))
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
            Document = new EGovMobileDocumentLocation { Uri = Api2Url(session.Id).AbsoluteUri, AuthType = "Token", AuthToken = token },
        };
        return new EGovMobileProtocolResponse(200, JsonSerializer.SerializeToUtf8Bytes(body, EGovMobileJsonContext.Default.EGovMobileApi1Response));
    }

    /// <summary>API 2, fetch: the documents to sign.</summary>
    internal async Task<EGovMobileProtocolResponse> GetDocumentsAsync(string sessionId, string? authorization, string? acceptLanguage, CancellationToken cancellationToken)
    {
        string language = EGovMobileMessages.Language(acceptLanguage);
        (EGovMobileSession? session, EGovMobileError? error) = await OpenSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return Refuse("api2-get", error!.Value, language);
        }

        if (!Authorized(session, authorization))
        {
            return Refuse("api2-get", EGovMobileError.Unauthorized, language);
        }

        return new EGovMobileProtocolResponse(200, JsonSerializer.SerializeToUtf8Bytes(ServedDocuments(session), EGovMobileJsonContext.Default.EGovMobileDocuments));
    }

    /// <summary>API 2, answer: checks the signed documents, verifies the signature with the <c>nca-eds</c> engine and closes the session once.</summary>
    internal async Task<EGovMobileProtocolResponse> SubmitAsync(string sessionId, string? authorization, long? contentLength, Stream body, string? acceptLanguage, CancellationToken cancellationToken)
    {
        string language = EGovMobileMessages.Language(acceptLanguage);
        (EGovMobileSession? session, EGovMobileError? error) = await OpenSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return Refuse("api2-put", error!.Value, language);
        }

        if (!Authorized(session, authorization))
        {
            return Refuse("api2-put", EGovMobileError.Unauthorized, language);
        }

        if (contentLength > _options.MaxAnswerBytes)
        {
            return Refuse("api2-put", EGovMobileError.BodyTooLarge, language);
        }

        byte[]? bytes = await ReadCappedAsync(body, _options.MaxAnswerBytes, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return Refuse("api2-put", EGovMobileError.BodyTooLarge, language);
        }

        EGovMobileDocuments? answer;
        try
        {
            answer = JsonSerializer.Deserialize(bytes, EGovMobileJsonContext.Default.EGovMobileDocuments);
        }
        catch (JsonException)
        {
            answer = null;
        }

        if (answer is null)
        {
            return Refuse("api2-put", EGovMobileError.MalformedBody, language);
        }

        (NcaEdsEvidence? evidence, byte[]? kept, EGovMobileError? invalid) = ReadSignature(session, answer);
        if (evidence is null)
        {
            return Refuse("api2-put", invalid!.Value, language);
        }

        var request = new BorrowerIdentificationRequest(Iin.Parse(session.IinDigits), session.Operation, "egov-mobile");
        request.Evidence.Add(evidence);
        var engine = new NcaEdsMethod(_edsOptions, new SessionBoundChallenges(session, _time), _revocation, _time, _loggers.CreateLogger<NcaEdsMethod>());
        MethodOutcome outcome = await engine.EvaluateAsync(request, cancellationToken).ConfigureAwait(false);
        string[] reasons = [.. outcome.Reasons.Select(r => r.Value)];
        EGovMobileLog.Answered(_logger, outcome.Status.ToString(), string.Join(",", reasons));
        switch (outcome.Status)
        {
            case IdentificationStatus.Verified:
                return await _store.TryCompleteAsync(session.Id, EGovMobileSessionState.Accepted, reasons, kept, cancellationToken).ConfigureAwait(false)
                    ? new EGovMobileProtocolResponse(200, "{}"u8.ToArray())
                    : Refuse("api2-put", EGovMobileError.AlreadyAnswered, language);
            case IdentificationStatus.Rejected:
                // A definitive verdict closes the session so that the page can show it; the signature is not kept.
                if (!await _store.TryCompleteAsync(session.Id, EGovMobileSessionState.Rejected, reasons, null, cancellationToken).ConfigureAwait(false))
                {
                    return Refuse("api2-put", EGovMobileError.AlreadyAnswered, language);
                }

                return Refuse("api2-put", outcome.Reasons.Contains(ReasonCode.IinMismatch) ? EGovMobileError.SignerMismatch : EGovMobileError.SignatureRejected, language);
            default:
                // Indeterminate (e.g. revocation not established): nothing decided, the phone may answer again.
                return Refuse("api2-put", EGovMobileError.TryLater, language);
        }
    }

    private (NcaEdsEvidence? Evidence, byte[]? Kept, EGovMobileError? Error) ReadSignature(EGovMobileSession session, EGovMobileDocuments answer)
    {
        if (answer.DocumentsToSign is not { Count: > 0 } documents || documents.Any(d => d is null))
        {
            return (null, null, EGovMobileError.MalformedBody);
        }

        if (!string.Equals(answer.SignMethod, WireName(session.SignMethod), StringComparison.Ordinal) || documents.Count != 1 || documents[0].Id != 1)
        {
            return (null, null, EGovMobileError.DocumentsChanged);
        }

        BorrowerChallenge challenge = Challenge(session);
        EGovMobileDocumentToSign document = documents[0];
        if (session.SignMethod == EGovMobileSignMethod.Xml)
        {
            if (string.IsNullOrEmpty(document.DocumentXml))
            {
                return (null, null, EGovMobileError.MalformedBody);
            }

            byte[] xml = Encoding.UTF8.GetBytes(document.DocumentXml);
            if (!SafeXml.TryLoad(xml, _options.MaxAnswerBytes, out XmlDocument? signed, out _) || !SafeXml.TryLoad(Encoding.UTF8.GetBytes(challenge.ToSignedXml()), 4096, out XmlDocument? served, out _))
            {
                return (null, null, EGovMobileError.MalformedBody);
            }

            return SameChallengeElement(served.DocumentElement!, signed.DocumentElement)
                ? (new NcaEdsEvidence(xml, EdsSignatureFormat.Xml), xml, null)
                : (null, null, EGovMobileError.DocumentsChanged);
        }

        byte[] cms;
        try
        {
            cms = Convert.FromBase64String(document.Document?.File?.Data ?? string.Empty);
        }
        catch (FormatException)
        {
            return (null, null, EGovMobileError.MalformedBody);
        }

        if (cms.Length == 0)
        {
            return (null, null, EGovMobileError.MalformedBody);
        }

        byte[]? content;
        try
        {
            content = CmsSignedMessage.Parse(cms).Content;
        }
        catch (Exception ex) when (NcaCmsVerifier.IsParseFault(ex))
        {
            return (null, null, EGovMobileError.MalformedBody);
        }

        byte[] servedBytes = challenge.ToSignedBytes();
        bool attached = session.SignMethod == EGovMobileSignMethod.CmsWithData;
        if ((attached && content is null) || (content is not null && !content.AsSpan().SequenceEqual(servedBytes)))
        {
            return (null, null, EGovMobileError.DocumentsChanged);
        }

        return (new NcaEdsEvidence(cms, EdsSignatureFormat.Cms, content is null ? servedBytes : null), cms, null);
    }

    // The signed root must be the served challenge element: same name, same attributes, only Signature elements added.
    private static bool SameChallengeElement(XmlElement served, XmlElement? signed)
    {
        if (signed is null || signed.LocalName != served.LocalName || signed.NamespaceURI != served.NamespaceURI || signed.Attributes.Count != served.Attributes.Count)
        {
            return false;
        }

        foreach (XmlAttribute attribute in served.Attributes)
        {
            if (signed.GetAttributeNode(attribute.LocalName, attribute.NamespaceURI)?.Value != attribute.Value)
            {
                return false;
            }
        }

        foreach (XmlNode child in signed.ChildNodes)
        {
            bool allowed = child.NodeType == XmlNodeType.Whitespace || child.NodeType == XmlNodeType.SignificantWhitespace
                || (child is XmlElement { LocalName: "Signature", NamespaceURI: "http://www.w3.org/2000/09/xmldsig#" });
            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }

    private static NcaEdsEvidence ToEvidence(EGovMobileSession session, byte[] signature) => session.SignMethod switch
    {
        EGovMobileSignMethod.Xml => new NcaEdsEvidence(signature, EdsSignatureFormat.Xml),
        _ => new NcaEdsEvidence(signature, EdsSignatureFormat.Cms, IsDetached(signature) ? Challenge(session).ToSignedBytes() : null),
    };

    private static bool IsDetached(byte[] cms)
    {
        try
        {
            return CmsSignedMessage.Parse(cms).Content is null;
        }
        catch (Exception ex) when (NcaCmsVerifier.IsParseFault(ex))
        {
            return false;
        }
    }

    private static EGovMobileDocuments ServedDocuments(EGovMobileSession session)
    {
        BorrowerChallenge challenge = Challenge(session);
        var document = new EGovMobileDocumentToSign
        {
            Id = 1,
            NameRu = "Подтверждение личности заёмщика",
            NameKz = "Қарыз алушының жеке басын растау",
            NameEn = "Borrower identity confirmation",
            Meta =
            [
                new EGovMobileMeta { Name = "operation", Value = EvidenceReportFactory.OperationName(session.Operation) },
                new EGovMobileMeta { Name = "expiresAt", Value = challenge.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) },
            ],
        };
        if (session.SignMethod == EGovMobileSignMethod.Xml)
        {
            document.DocumentXml = challenge.ToSignedXml();
        }
        else
        {
            document.Document = new EGovMobileDocumentBody { File = new EGovMobileFile { Mime = ServedMime, Data = Convert.ToBase64String(challenge.ToSignedBytes()) } };
        }

        return new EGovMobileDocuments { SignMethod = WireName(session.SignMethod), Version = 1, DocumentsToSign = [document] };
    }

    private static BorrowerChallenge Challenge(EGovMobileSession session) =>
        new(session.ChallengeId, session.ChallengeNonce, Iin.Parse(session.IinDigits), session.Operation, session.ChallengeIssuedAt, session.ChallengeExpiresAt);

    internal static string WireName(EGovMobileSignMethod method) => method switch
    {
        EGovMobileSignMethod.Xml => "XML",
        EGovMobileSignMethod.CmsWithData => "CMS_WITH_DATA",
        _ => "CMS_SIGN_ONLY",
    };

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
