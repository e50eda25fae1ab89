using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>
/// The SDK's CEID wire contract (JSON over HTTPS; documented with an example of every message in
/// <c>docs/biometrics.md</c>): <c>POST v1/biometrics/matches</c>, <c>POST v1/biometrics/sessions</c>,
/// <c>GET v1/biometrics/sessions/{sessionId}</c>, and callbacks signed with <c>x-ceid-signature: sha256=&lt;hex&gt;</c>.
/// Derive from it or implement <see cref="ICeidWireBinding"/> to follow the contract an MFO actually signs.
/// </summary>
internal class DefaultCeidWireBinding : ICeidWireBinding
{
    /// <summary>The relative path of direct matches.</summary>
    public const string MatchPath = "v1/biometrics/matches";

    /// <summary>The relative path of hosted sessions.</summary>
    public const string SessionsPath = "v1/biometrics/sessions";

    /// <summary>The JSON media type.</summary>
    public const string JsonMediaType = "application/json";

    private const int MaxIdLength = 128;

    /// <inheritdoc />
    public virtual string CallbackSignatureHeader => "x-ceid-signature";

    /// <inheritdoc />
    public virtual CeidWireRequest CreateMatchRequest(CeidMatchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dto = new CeidMatchRequestDto
        {
            RequestId = request.RequestId,
            Iin = request.Iin.Value,
            ConsentReference = request.ConsentReference,
            Image = new CeidImageDto { Format = FormatName(request.Format), Data = request.Image },
        };
        int capacity = 4096 + (((request.Image.Length + 2) / 3) * 4) + (18 * (request.RequestId.Length + request.ConsentReference.Length));
        return Write(HttpMethod.Post, MatchPath, capacity, w => JsonSerializer.Serialize(w, dto, CeidJsonContext.Default.CeidMatchRequestDto));
    }

    /// <inheritdoc />
    public virtual CeidMatchResult ParseMatchResponse(ReadOnlySpan<byte> body) => ToResult(Deserialize(body, CeidJsonContext.Default.CeidMatchResultDto));

    /// <inheritdoc />
    public virtual CeidWireRequest CreateSessionRequest(CeidSessionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dto = new CeidSessionRequestDto
        {
            RequestId = request.RequestId,
            Iin = request.Iin.Value,
            ConsentReference = request.ConsentReference,
            ReturnUrl = request.ReturnUrl?.AbsoluteUri,
            CallbackUrl = request.CallbackUrl?.AbsoluteUri,
        };
        int capacity = 4096 + (18 * (request.RequestId.Length + request.ConsentReference.Length + (request.ReturnUrl?.AbsoluteUri.Length ?? 0) + (request.CallbackUrl?.AbsoluteUri.Length ?? 0)));
        return Write(HttpMethod.Post, SessionsPath, capacity, w => JsonSerializer.Serialize(w, dto, CeidJsonContext.Default.CeidSessionRequestDto));
    }

    /// <inheritdoc />
    public virtual CeidSessionCreated ParseSessionCreated(ReadOnlySpan<byte> body)
    {
        CeidSessionCreatedDto dto = Deserialize(body, CeidJsonContext.Default.CeidSessionCreatedDto);
        RequireId(dto.SessionId);
        if (!Uri.TryCreate(dto.RedirectUrl, UriKind.Absolute, out Uri? redirect) || !KcmrBiometricsOptionsValidator.IsAcceptableEndpoint(redirect))
        {
            throw new CeidProtocolException("The CEID session redirect URL is not an absolute HTTPS URL.");
        }

        if (ParseState(dto.Status) is not (CeidSessionState.Created or CeidSessionState.InProgress))
        {
            throw new CeidProtocolException("A new CEID session is not in the created state.");
        }

        return new CeidSessionCreated(dto.SessionId, redirect, dto.ExpiresAt);
    }

    /// <inheritdoc />
    public virtual CeidWireRequest CreateSessionStatusRequest(string sessionId)
    {
        if (!IsValidId(sessionId))
        {
            throw new ArgumentException("A session id uses letters, digits, '-' and '_' only, at most 128 characters.", nameof(sessionId));
        }

        return new CeidWireRequest(HttpMethod.Get, SessionsPath + "/" + sessionId);
    }

    /// <inheritdoc />
    public virtual CeidSessionStatus ParseSessionStatus(ReadOnlySpan<byte> body)
    {
        CeidSessionStatusDto dto = Deserialize(body, CeidJsonContext.Default.CeidSessionStatusDto);
        RequireId(dto.SessionId);
        CeidSessionState state = ParseState(dto.Status);
        return new CeidSessionStatus(dto.SessionId, state, ResultFor(state, dto.Result));
    }

    /// <inheritdoc />
    public virtual CeidCallback ParseCallback(ReadOnlySpan<byte> body)
    {
        CeidCallbackDto dto = Deserialize(body, CeidJsonContext.Default.CeidCallbackDto);
        RequireId(dto.EventId);
        RequireId(dto.SessionId);
        CeidSessionState state = ParseState(dto.Status);
        return new CeidCallback(dto.EventId, dto.SessionId, dto.SentAt, state, ResultFor(state, dto.Result));
    }

    /// <inheritdoc />
    public virtual byte[]? DecodeCallbackSignature(string? headerValue)
    {
        if (headerValue is null)
        {
            return null;
        }

        ReadOnlySpan<char> text = headerValue.AsSpan().Trim();
        if (text.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
        {
            text = text[7..];
        }

        if (text.Length != 64)
        {
            return null;
        }

        byte[] mac = new byte[32];
        return Convert.FromHexString(text, mac, out _, out int written) == OperationStatus.Done && written == 32 ? mac : null;
    }

    /// <summary>Whether a provider id (session, event, match) is safe to use: letters, digits, '-', '_', at most 128.</summary>
    /// <param name="id">The id.</param>
    /// <returns>Whether it is acceptable.</returns>
    public static bool IsValidId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength)
        {
            return false;
        }

        foreach (char c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static CeidMatchResult? ResultFor(CeidSessionState state, CeidMatchResultDto? result)
    {
        if (state == CeidSessionState.Completed)
        {
            return result is null ? throw new CeidProtocolException("A completed CEID session carries no result.") : ToResult(result);
        }

        return null;
    }

    private static CeidMatchResult ToResult(CeidMatchResultDto dto)
    {
        RequireId(dto.MatchId);
        RequireId(dto.ProviderId);
        if (string.IsNullOrWhiteSpace(dto.RequestId) || dto.RequestId.Length > MaxIdLength ||
            string.IsNullOrWhiteSpace(dto.ReferenceSource) || dto.ReferenceSource.Length > 64 ||
            string.IsNullOrEmpty(dto.Iin) || dto.Iin.Length > 32)
        {
            throw new CeidProtocolException("A CEID match result has an empty or oversized field.");
        }

        if (!double.IsFinite(dto.Similarity) || dto.Similarity is < 0 or > 1)
        {
            throw new CeidProtocolException("A CEID similarity is outside 0..1.");
        }

        CeidMatchDecision decision = dto.Decision switch
        {
            "match" => CeidMatchDecision.Match,
            "no_match" => CeidMatchDecision.NoMatch,
            "reference_not_found" => CeidMatchDecision.ReferenceNotFound,
            _ => throw new CeidProtocolException("A CEID decision is not one of the contract's values."),
        };

        return new CeidMatchResult
        {
            RequestId = dto.RequestId,
            MatchId = dto.MatchId,
            ProviderId = dto.ProviderId,
            Decision = decision,
            Similarity = dto.Similarity,
            LivenessPassed = dto.Liveness.Passed,
            ReferenceSource = dto.ReferenceSource,
            SubjectIin = dto.Iin,
        };
    }

    private static CeidSessionState ParseState(string status) => status switch
    {
        "created" => CeidSessionState.Created,
        "in_progress" => CeidSessionState.InProgress,
        "completed" => CeidSessionState.Completed,
        "expired" => CeidSessionState.Expired,
        "failed" => CeidSessionState.Failed,
        _ => throw new CeidProtocolException("A CEID session status is not one of the contract's values."),
    };

    private static string FormatName(FaceImageFormat format) => format switch
    {
        FaceImageFormat.Jpeg => "jpeg",
        FaceImageFormat.Png => "png",
        _ => throw new ArgumentException("Only JPEG and PNG images are sent.", nameof(format)),
    };

    private static void RequireId(string? id)
    {
        if (!IsValidId(id))
        {
            throw new CeidProtocolException("A CEID id is empty, too long or uses characters outside the contract.");
        }
    }

    private static T Deserialize<T>(ReadOnlySpan<byte> body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : class
    {
        // System.Text.Json lets the last of two equal keys win: "decision":"no_match" … "decision":"match" would read as a
        // match, a second "iin" would hide the first. An ambiguous answer is a protocol error.
        if (!Kz.MicroCredit.Identity.Http.StrictJson.IsUnambiguous(body, 16))
        {
            throw new CeidProtocolException("The CEID answer is not unambiguous JSON (malformed, too deep or with a duplicate key).");
        }

        try
        {
            return JsonSerializer.Deserialize(body, typeInfo) ?? throw new CeidProtocolException("The CEID answer is JSON null.");
        }
        catch (JsonException)
        {
            // The JSON exception is dropped on purpose: its message can quote parts of the answer.
            throw new CeidProtocolException("The CEID answer is not valid JSON for the contract (malformed, truncated or missing fields).");
        }
    }

    private static CeidWireRequest Write(HttpMethod method, string path, int capacity, Action<Utf8JsonWriter> write)
    {
        byte[] buffer = new byte[capacity];
        var sink = new FixedBufferWriter(buffer);
        try
        {
            using (var writer = new Utf8JsonWriter(sink, new JsonWriterOptions { SkipValidation = false }))
            {
                write(writer);
            }

            return new CeidWireRequest(method, path, buffer, sink.WrittenCount, JsonMediaType);
        }
        catch
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
            throw;
        }
    }

    /// <summary>Writes into one pre-sized array so the serialized photo exists in exactly one buffer we can zero.</summary>
    private sealed class FixedBufferWriter(byte[] buffer) : IBufferWriter<byte>
    {
        public int WrittenCount { get; private set; }

        public void Advance(int count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            if (WrittenCount + count > buffer.Length)
            {
                throw new InvalidOperationException("Advanced past the end of the buffer.");
            }

            WrittenCount += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return buffer.AsMemory(WrittenCount);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return buffer.AsSpan(WrittenCount);
        }

        private void Ensure(int sizeHint)
        {
            if (buffer.Length - WrittenCount < Math.Max(sizeHint, 1))
            {
                throw new InvalidOperationException("The request buffer is too small.");
            }
        }
    }
}
