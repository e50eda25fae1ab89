using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Xml;
using Kz.MicroCredit.Identity.Eds;
using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.SigningChannels;

// API 2's answer: the documents as served, a signature for every one, each verified by the nca-eds engine.
internal sealed partial class EGovMobileSigningService
{
    /// <summary>API 2, answer: checks the signed documents, verifies every signature with the <c>nca-eds</c> engine and closes the session once.</summary>
    internal async Task<EGovMobileProtocolResponse> SubmitAsync(string sessionId, string? authorization, long? contentLength, Stream body, string? acceptLanguage, CancellationToken cancellationToken)
    {
        string language = EGovMobileMessages.Language(acceptLanguage);
        (EGovMobileSession? session, EGovMobileError? error) = await OpenSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return Refuse("api2-put", error!.Value, language);
        }

        if (session.AuthType == EGovMobileAuthType.Eds ? session.TokenDigest is null : !Authorized(session, authorization))
        {
            return Refuse("api2-put", session.AuthType == EGovMobileAuthType.Eds ? EGovMobileError.EdsAuthenticationFailed : EGovMobileError.Unauthorized, language);
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

        EGovMobileDocuments? answer = Deserialize(bytes, EGovMobileJsonContext.Default.EGovMobileDocuments);
        if (answer is null)
        {
            return Refuse("api2-put", EGovMobileError.MalformedBody, language);
        }

        IReadOnlyList<EGovMobileServedDocument> served = EGovMobileServedDocument.Of(session);
        (List<(NcaEdsEvidence Evidence, byte[] Kept)>? signed, EGovMobileError? invalid) = ReadSignatures(served, answer);
        if (signed is null)
        {
            return Refuse("api2-put", invalid!.Value, language);
        }

        // Every document through the same engine: the challenge bound to this session, the lender's documents bound to
        // exactly the bytes served.
        var outcomes = new List<MethodOutcome>(served.Count);
        for (int i = 0; i < served.Count; i++)
        {
            EGovMobileServedDocument document = served[i];
            Func<ReadOnlyMemory<byte>, XmlElement?, bool>? binding = document.IsChallenge ? null : (content, element) => Bound(document, content, element);
            outcomes.Add(await VerifyAsync(session, signed[i].Evidence, binding, cancellationToken).ConfigureAwait(false));
        }

        if (session.AuthType == EGovMobileAuthType.Eds && outcomes.Any(o => !SignedBy(o, session.TokenDigest!)))
        {
            // Eds: only the signer who signed in may answer; anyone else changes nothing.
            return Refuse("api2-put", EGovMobileError.EdsAuthenticationFailed, language);
        }

        string[] reasons = [.. outcomes.SelectMany(o => o.Reasons).Select(r => r.Value).Distinct(StringComparer.Ordinal)];
        IdentificationStatus status = outcomes.Any(o => o.Status == IdentificationStatus.Rejected) ? IdentificationStatus.Rejected
            : outcomes.All(o => o.Status == IdentificationStatus.Verified) ? IdentificationStatus.Verified
            : IdentificationStatus.Indeterminate;
        EGovMobileLog.Answered(_logger, status.ToString(), string.Join(",", reasons));
        switch (status)
        {
            case IdentificationStatus.Verified:
                byte[] kept = served.Count == 1 ? signed[0].Kept : PackAnswer(signed.Select(s => s.Kept));
                return await _store.TryCompleteAsync(session.Id, EGovMobileSessionState.Accepted, reasons, kept, cancellationToken).ConfigureAwait(false)
                    ? new EGovMobileProtocolResponse(200, "{}"u8.ToArray())
                    : Refuse("api2-put", EGovMobileError.AlreadyAnswered, language);
            case IdentificationStatus.Rejected:
                // A definitive verdict closes the session so that the page can show it; no signature is kept.
                if (!await _store.TryCompleteAsync(session.Id, EGovMobileSessionState.Rejected, reasons, null, cancellationToken).ConfigureAwait(false))
                {
                    return Refuse("api2-put", EGovMobileError.AlreadyAnswered, language);
                }

                return Refuse("api2-put", outcomes.Any(o => o.Reasons.Contains(ReasonCode.IinMismatch)) ? EGovMobileError.SignerMismatch : EGovMobileError.SignatureRejected, language);
            default:
                // Indeterminate (e.g. revocation not established): nothing decided, the phone may answer again.
                return Refuse("api2-put", EGovMobileError.TryLater, language);
        }
    }

    /// <summary>Runs a <see cref="NcaEdsMethod"/> of the lender's own options over one signature, for the session's IIN and operation.</summary>
    private Task<MethodOutcome> VerifyAsync(EGovMobileSession session, NcaEdsEvidence evidence, Func<ReadOnlyMemory<byte>, XmlElement?, bool>? binding, CancellationToken cancellationToken)
    {
        var request = new BorrowerIdentificationRequest(Iin.Parse(session.IinDigits), session.Operation, "egov-mobile");
        request.Evidence.Add(evidence);
        var engine = new NcaEdsMethod(_edsOptions, new SessionBoundChallenges(session, _time), _revocation, _time, _loggers.CreateLogger<NcaEdsMethod>())
        {
            SignedContentBinding = binding,
        };
        return engine.EvaluateAsync(request, cancellationToken);
    }

    private static bool Bound(EGovMobileServedDocument served, ReadOnlyMemory<byte> content, XmlElement? element) =>
        served.SignMethod == EGovMobileSignMethod.Xml
            ? element is not null && ReferenceEquals(element, element.OwnerDocument.DocumentElement) && EGovMobileDocumentBinding.SameXml(served.Content, element, isChallenge: false)
            : content.Span.SequenceEqual(served.Content);

    // The signer of a verified (or vetoed) signature, as the digest the Eds sign-in bound the session to.
    private static byte[]? SignerDigest(MethodOutcome outcome) =>
        outcome.Evidence.Facts.TryGetValue(NcaEdsEvidenceKeys.CertificateThumbprintSha256, out string? thumbprint) ? Digest("eds-signer:" + thumbprint) : null;

    private static bool SignedBy(MethodOutcome outcome, byte[] signer) => SignerDigest(outcome) is { } digest && CryptographicOperations.FixedTimeEquals(digest, signer);

    private static (List<(NcaEdsEvidence Evidence, byte[] Kept)>? Signed, EGovMobileError? Error) ReadSignatures(IReadOnlyList<EGovMobileServedDocument> served, EGovMobileDocuments answer)
    {
        if (answer.DocumentsToSign is not { Count: > 0 } documents || documents.Any(d => d is null))
        {
            return (null, EGovMobileError.MalformedBody);
        }

        // The same set in the same order: a changed sign method, a missing, extra or reordered document is refused.
        if (!string.Equals(answer.SignMethod, EGovMobileServedDocument.WireSignMethod(served), StringComparison.Ordinal)
            || documents.Count != served.Count
            || documents.Select(d => d.Id).Where((id, i) => id != served[i].Id).Any())
        {
            return (null, EGovMobileError.DocumentsChanged);
        }

        var signed = new List<(NcaEdsEvidence, byte[])>(served.Count);
        for (int i = 0; i < served.Count; i++)
        {
            (NcaEdsEvidence? evidence, byte[]? kept, EGovMobileError? error) = ReadSignature(served[i], documents[i]);
            if (evidence is null)
            {
                return (null, error);
            }

            signed.Add((evidence, kept!));
        }

        return (signed, null);
    }

    private static (NcaEdsEvidence? Evidence, byte[]? Kept, EGovMobileError? Error) ReadSignature(EGovMobileServedDocument served, EGovMobileDocumentToSign document)
    {
        if (served.SignMethod == EGovMobileSignMethod.Xml)
        {
            if (string.IsNullOrEmpty(document.DocumentXml) || document.Document is not null)
            {
                return (null, null, EGovMobileError.MalformedBody);
            }

            byte[] xml = Encoding.UTF8.GetBytes(document.DocumentXml);
            if (!SafeXml.TryLoad(xml, xml.Length + 1, out XmlDocument? signed, out _))
            {
                return (null, null, EGovMobileError.MalformedBody);
            }

            return EGovMobileDocumentBinding.SameXml(served.Content, signed.DocumentElement, served.IsChallenge)
                ? (new NcaEdsEvidence(xml, EdsSignatureFormat.Xml), xml, null)
                : (null, null, EGovMobileError.DocumentsChanged);
        }

        if (document.DocumentXml is not null)
        {
            return (null, null, EGovMobileError.MalformedBody);
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

        bool attached = served.SignMethod == EGovMobileSignMethod.CmsWithData;
        if ((attached && content is null) || (content is not null && !content.AsSpan().SequenceEqual(served.Content)))
        {
            return (null, null, EGovMobileError.DocumentsChanged);
        }

        return (new NcaEdsEvidence(cms, EdsSignatureFormat.Cms, content is null ? served.Content : null), cms, null);
    }

    private static EGovMobileProtocolResponse Documents(EGovMobileSession session)
    {
        IReadOnlyList<EGovMobileServedDocument> served = EGovMobileServedDocument.Of(session);
        BorrowerChallenge challenge = EGovMobileServedDocument.Challenge(session);
        var documents = new List<EGovMobileDocumentToSign>(served.Count);
        foreach (EGovMobileServedDocument d in served)
        {
            var document = new EGovMobileDocumentToSign
            {
                Id = d.Id,
                NameRu = d.NameRu,
                NameKz = d.NameKz,
                NameEn = d.NameEn,
                Meta = d.IsChallenge
                    ?
                    [
                        new EGovMobileMeta { Name = "operation", Value = EvidenceReportFactory.OperationName(session.Operation) },
                        new EGovMobileMeta { Name = "expiresAt", Value = challenge.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) },
                    ]
                    : [],
            };
            if (d.SignMethod == EGovMobileSignMethod.Xml)
            {
                document.DocumentXml = Encoding.UTF8.GetString(d.Content);
            }
            else
            {
                document.Document = new EGovMobileDocumentBody { File = new EGovMobileFile { Mime = d.Mime, Data = Convert.ToBase64String(d.Content) } };
            }

            documents.Add(document);
        }

        var body = new EGovMobileDocuments { SignMethod = EGovMobileServedDocument.WireSignMethod(served), Version = 1, DocumentsToSign = documents };
        return new EGovMobileProtocolResponse(200, JsonSerializer.SerializeToUtf8Bytes(body, EGovMobileJsonContext.Default.EGovMobileDocuments));
    }

    private static NcaEdsEvidence ToEvidence(EGovMobileSignedDocument signed)
    {
        if (signed.SignMethod == EGovMobileSignMethod.Xml)
        {
            return new NcaEdsEvidence(signed.Signature, EdsSignatureFormat.Xml);
        }

        bool detached;
        try
        {
            detached = CmsSignedMessage.Parse(signed.Signature.ToArray()).Content is null;
        }
        catch (Exception ex) when (NcaCmsVerifier.IsParseFault(ex))
        {
            detached = false;
        }

        return new NcaEdsEvidence(signed.Signature, EdsSignatureFormat.Cms, detached ? signed.Content : null);
    }

    private EGovMobileDocument[] CheckDocuments(EGovMobileSigningRequest request)
    {
        if (request.Documents.Count > EGovMobileSigningRequest.MaxDocuments)
        {
            throw new ArgumentException($"A session carries at most {EGovMobileSigningRequest.MaxDocuments} documents besides the challenge.", nameof(request));
        }

        // The answer holds every document again with its signature (base64, certificates): keep the served documents to
        // a share of the answer cap so that a correct answer always fits.
        long budget = _options.MaxAnswerBytes / 2;
        long total = 0;
        var documents = new EGovMobileDocument[request.Documents.Count];
        for (int i = 0; i < documents.Length; i++)
        {
            EGovMobileDocument d = request.Documents[i] ?? throw new ArgumentException($"Document {i + 2} is null.", nameof(request));
            if (string.IsNullOrWhiteSpace(d.NameRu) || string.IsNullOrWhiteSpace(d.NameKz) || string.IsNullOrWhiteSpace(d.NameEn))
            {
                throw new ArgumentException($"Document {i + 2} needs its names in Russian, Kazakh and English.", nameof(request));
            }

            if (!Enum.IsDefined(d.SignMethod) || d.Content is not { Length: > 0 } || string.IsNullOrWhiteSpace(d.Mime))
            {
                throw new ArgumentException($"Document {i + 2} needs a known sign method, content and a MIME type.", nameof(request));
            }

            if (d.SignMethod == EGovMobileSignMethod.Xml && (!SafeXml.TryLoad(d.Content, d.Content.Length + 1, out XmlDocument? xml, out _) || xml.DocumentElement is null))
            {
                throw new ArgumentException($"Document {i + 2} is not a well-formed XML document (no DTD).", nameof(request));
            }

            // Each signature goes through the nca-eds engine, which reads at most its MaxInputBytes.
            if (d.Content.Length + 16384L > _edsOptions.Value.MaxInputBytes)
            {
                throw new ArgumentException($"Document {i + 2} is too large for NcaEdsOptions.MaxInputBytes ({_edsOptions.Value.MaxInputBytes} bytes) with its signature; raise it.", nameof(request));
            }

            total += (d.Content.Length * 4L / 3) + 4096;
            documents[i] = d with { Content = (byte[])d.Content.Clone() };
        }

        if (total > budget)
        {
            throw new ArgumentException($"The documents are too large for EGovMobileSigningOptions.MaxAnswerBytes ({_options.MaxAnswerBytes} bytes): the answer repeats them with their signatures; raise the cap.", nameof(request));
        }

        return documents;
    }

    private static byte[] PackAnswer(IEnumerable<byte[]> signatures) =>
        JsonSerializer.SerializeToUtf8Bytes(new EGovMobileStoredAnswer { Signatures = [.. signatures] }, EGovMobileJsonContext.Default.EGovMobileStoredAnswer);

    private static List<byte[]>? UnpackAnswer(byte[] kept) => Deserialize(kept, EGovMobileJsonContext.Default.EGovMobileStoredAnswer)?.Signatures;

    private static T? Deserialize<T>(byte[] bytes, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
